"""Warm-up ramps, the general warm-up, the cool-down and rest-day activity (issue 4, item 7)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.catalog.catalogue import Catalogue
from redwood.catalog.loader import load_catalogue
from redwood.domain.loadsteps import LoadLadder, ladder_for
from redwood.domain.mass import Mass, Unit
from redwood.domain.plates import DumbbellSet, PlateSet, Rounding
from redwood.domain.vocab import Muscle, Pattern
from redwood.domain.warmup import (
    COOLDOWN_FILLERS,
    COOLDOWN_TABLE,
    DRILL_TABLE,
    PATTERN_WORDS,
    Drill,
    RampSet,
    WarmupError,
    WarmupPlan,
    active_recovery,
    cooldown,
    general_warmup,
    is_heavy_compound,
    ramp,
)

D = Decimal
SECONDS = {spec.name: spec.seconds for spec in (*DRILL_TABLE, *COOLDOWN_TABLE, *COOLDOWN_FILLERS)}


@cache
def catalogue() -> Catalogue:
    return load_catalogue()


def ladder(exercise_id: str, unit: Unit = Unit.KG) -> LoadLadder:
    return build(exercise_id, unit)


def kg(*loads: str) -> list[Mass]:
    return [Mass(D(load)) for load in loads]


def loads(sets: tuple[RampSet, ...]) -> list[Mass]:
    return [ramp_set.load for ramp_set in sets]


# --- ramps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("working", "expected"),
    [
        ("20", []),  # the bar is the working load: nothing below it
        ("22", []),  # the bar is over 90% of the working load
        ("25", ["20"]),
        ("30", ["20", "25"]),
        ("40", ["20", "25", "32.5"]),
        ("60", ["20", "37.5", "50"]),
        ("100", ["20", "45", "65", "85"]),
        ("142.5", ["20", "62.5", "92.5", "120"]),
        ("200", ["20", "90", "130", "170"]),
    ],
)
def test_barbell_ramp_loads(working: str, expected: list[str]) -> None:
    sets = ramp(Mass(D(working)), ladder("barbell-back-squat"), reps=5)
    assert loads(sets) == kg(*expected)


@pytest.mark.parametrize(
    ("reps", "bar_reps", "top_reps"),
    [(1, 8, 1), (5, 8, 1), (6, 8, 2), (8, 10, 2), (12, 10, 2)],
)
def test_ramp_reps_follow_the_working_reps(reps: int, bar_reps: int, top_reps: int) -> None:
    sets = ramp(Mass(D(100)), ladder("barbell-back-squat"), reps=reps)
    assert [s.reps for s in sets] == [bar_reps, 5, 3, top_reps]
    assert [s.percent for s in sets] == [20, 45, 65, 85]


def test_ramp_in_pounds_rounds_to_pound_plates() -> None:
    sets = ramp(Mass.of(315, Unit.LB), ladder("barbell-back-squat", Unit.LB), reps=5)
    assert [s.load.to(Unit.LB) for s in sets] == [45, 140, 200, 265]


@pytest.mark.parametrize(
    ("exercise_id", "working", "expected"),
    [
        ("dumbbell-romanian-deadlift", "30", ["12.5", "17.5", "25"]),
        ("dumbbell-romanian-deadlift", "10", ["2.5", "5", "7.5"]),
        ("dumbbell-romanian-deadlift", "5", ["2.5"]),
        ("leg-press", "150", ["67.5", "97.5", "127.5"]),  # no bar on a leg press
        ("pull-up", "0", []),
        ("bodyweight-squat", "20", []),  # a NONE ladder never ramps
    ],
)
def test_other_ladders(exercise_id: str, working: str, expected: list[str]) -> None:
    assert loads(ramp(Mass(D(working)), ladder(exercise_id), reps=10)) == kg(*expected)


def test_ramp_refuses_bad_reps() -> None:
    for reps in (0, -3, True):
        with pytest.raises(WarmupError, match="reps") as caught:
            ramp(Mass(D(100)), ladder("barbell-back-squat"), reps=reps)
        assert caught.value.field == "reps"


def build(exercise_id: str, unit: Unit, **kit: PlateSet | DumbbellSet) -> LoadLadder:
    exercise = catalogue().get(exercise_id)
    assert exercise is not None, exercise_id
    return ladder_for(exercise, unit=unit, **kit)  # type: ignore[arg-type]


LADDERS = [
    build("barbell-back-squat", Unit.KG),
    build("barbell-bench-press", Unit.LB),
    build(
        "conventional-deadlift", Unit.KG, plates=PlateSet.create(Mass(D(15)), kg("20", "10", "5"))
    ),
    build("dumbbell-romanian-deadlift", Unit.KG),
    build(
        "dumbbell-goblet-squat", Unit.KG, dumbbells=DumbbellSet(tuple(kg("8", "12", "16", "24")))
    ),
    build("leg-press", Unit.KG),
    build("smith-machine-squat", Unit.LB),
]


@settings(max_examples=150, deadline=None)
@given(
    working=st.decimals(min_value=0, max_value=400, places=2),
    reps=st.integers(min_value=1, max_value=20),
    which=st.sampled_from(LADDERS),
)
def test_ramp_rises_strictly_below_the_working_load(
    working: Decimal, reps: int, which: LoadLadder
) -> None:
    target = Mass(working)
    sets = ramp(target, which, reps=reps)
    assert len(sets) <= 4
    previous = Mass.zero()
    for ramp_set in sets:
        assert previous < ramp_set.load < target
        assert ramp_set.load <= target * D("0.9")
        assert which.round(ramp_set.load, Rounding.DOWN) == ramp_set.load  # loadable
        share = (100 * ramp_set.load.kg / target.kg).quantize(D(1), ROUND_HALF_UP)
        assert ramp_set.percent == int(share)  # half up
        assert 1 <= ramp_set.reps <= 10
        previous = ramp_set.load
    if sets and which.plates is not None and str(which.kind) == "barbell":
        assert sets[0].load == which.plates.bar


# --- which lifts ramp -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise_id", "heavy"),
    [
        ("barbell-back-squat", True),
        ("conventional-deadlift", True),
        ("trap-bar-deadlift", True),
        ("barbell-bent-over-row", True),
        ("barbell-overhead-press", True),
        ("barbell-bench-press", True),  # any barbell compound
        ("barbell-hip-thrust", True),
        ("dumbbell-goblet-squat", True),
        ("dumbbell-romanian-deadlift", True),
        ("leg-press", True),
        ("hack-squat", True),
        ("smith-machine-row", True),
        ("inverted-row", False),  # tagged bodyweight: it hangs from a bar
        ("one-arm-dumbbell-row", False),
        ("lat-pulldown", False),
        ("seated-cable-row", False),
        ("pull-up", False),
        ("bodyweight-squat", False),
        ("kettlebell-swing", False),
        ("lying-leg-curl", False),
        ("dumbbell-bench-press", False),
    ],
)
def test_is_heavy_compound(exercise_id: str, heavy: bool) -> None:
    exercise = catalogue().get(exercise_id)
    assert exercise is not None, exercise_id
    assert is_heavy_compound(exercise) is heavy


def test_heavy_compounds_in_the_catalogue_are_compounds_with_load() -> None:
    heavy = [e for e in catalogue() if is_heavy_compound(e)]
    assert 30 <= len(heavy) <= 80
    assert all(e.is_compound and not e.is_bodyweight for e in heavy)


# --- general warm-up --------------------------------------------------------------------


def drill_seconds(plan: WarmupPlan) -> int:
    cardio, *drills = plan.drills
    minutes = re.match(r"(\d+) minutes", cardio.dose)
    assert minutes is not None
    return int(minutes.group(1)) * 60 + sum(SECONDS[d.name] for d in drills)


BACK_AND_LEGS = [Pattern.SQUAT, Pattern.HORIZONTAL_PULL, Pattern.HINGE, Pattern.VERTICAL_PULL]


@pytest.mark.parametrize(
    ("patterns", "minutes", "names"),
    [
        (
            BACK_AND_LEGS,
            6,
            [
                "cat-camel",
                "90-90 hip switches",
                "band pull-aparts",
                "thoracic rotations",
                "scapular pull-ups",
            ],
        ),
        (BACK_AND_LEGS, 5, ["cat-camel", "90-90 hip switches", "thoracic rotations"]),
        ([Pattern.CALF_RAISE], 8, ["cat-camel", "ankle rocks"]),
        ([], 5, ["cat-camel", "90-90 hip switches", "arm circles", "band pull-aparts"]),
    ],
)
def test_general_warmup_picks(patterns: list[Pattern], minutes: int, names: list[str]) -> None:
    plan = general_warmup(patterns, minutes)
    assert plan.drills[0].name.startswith("light cardio")
    assert [drill.name for drill in plan.drills[1:]] == names


@pytest.mark.parametrize(
    ("asked", "cardio"), [(-2, "2 minutes"), (5, "2 minutes"), (7, "3 minutes"), (30, "3 minutes")]
)
def test_minutes_are_clamped(asked: int, cardio: str) -> None:
    plan = general_warmup(BACK_AND_LEGS, asked)
    assert plan.drills[0].dose.startswith(cardio)
    assert 5 <= plan.minutes <= 8
    assert drill_seconds(plan) <= min(max(asked, 5), 8) * 60


def test_whys_name_the_days_patterns() -> None:
    plan = general_warmup([Pattern.SQUAT, Pattern.HORIZONTAL_PULL], 6)
    text = " ".join(drill.why for drill in plan.drills)
    assert "squats" in text
    assert "rows" in text


def test_general_warmup_refuses_non_numbers() -> None:
    with pytest.raises(WarmupError) as caught:
        general_warmup([Pattern.SQUAT], "6")  # type: ignore[arg-type]
    assert caught.value.field == "minutes"


def test_every_pattern_has_words_and_a_drill() -> None:
    assert set(PATTERN_WORDS) == set(Pattern)
    prepared = {target for spec in DRILL_TABLE for target in spec.targets}
    assert prepared == {pattern.value for pattern in Pattern}


@settings(max_examples=150, deadline=None)
@given(
    patterns=st.lists(st.sampled_from(list(Pattern)), max_size=8),
    minutes=st.integers(min_value=-5, max_value=20),
)
def test_general_warmup_invariants(patterns: list[Pattern], minutes: int) -> None:
    plan = general_warmup(patterns, minutes)
    assert 3 <= len(plan.drills) <= 6
    assert 5 <= plan.minutes <= 8
    assert drill_seconds(plan) <= plan.minutes * 60 <= min(max(minutes, 5), 8) * 60
    names = [drill.name for drill in plan.drills]
    assert len(set(names)) == len(names)
    assert plan == general_warmup(patterns, minutes)  # deterministic
    preparable = {p for p in patterns if any(p.value in s.targets for s in DRILL_TABLE)}
    prepared = {p for p in patterns for d in plan.drills[1:] for s in DRILL_TABLE if
                s.name == d.name and p.value in s.targets}  # fmt: skip
    if len(set(patterns)) <= 2:
        assert prepared == preparable


# --- cool-down --------------------------------------------------------------------------


def test_cooldown_for_a_back_and_legs_day() -> None:
    trained = [Muscle.QUADS, Muscle.GLUTES, Muscle.HAMSTRINGS, Muscle.LATS, Muscle.UPPER_BACK]
    drills = cooldown(trained)
    assert drills[0].name == "foam roll the thighs"
    assert [d.name for d in drills[1:]] == [
        "half-kneeling hip flexor stretch",
        "figure-four glute stretch",
        "seated hamstring stretch",
        "child's pose with a side reach",
    ]
    assert "lats and upper back" in drills[-1].why


@pytest.mark.parametrize(
    ("muscles", "names"),
    [
        ([Muscle.FOREARMS], ["wall biceps stretch", "easy walk", "slow breathing"]),
        ([Muscle.CALVES], ["foam roll the calves", "wall calf stretch", "easy walk"]),
        ([], ["foam roll the thighs", "half-kneeling hip flexor stretch",
              "seated hamstring stretch", "child's pose with a side reach"]),
    ],
)  # fmt: skip
def test_cooldown_small_days(muscles: list[Muscle], names: list[str]) -> None:
    assert [d.name for d in cooldown(muscles)] == names


def test_every_muscle_has_a_stretch() -> None:
    stretched = {t for spec in COOLDOWN_TABLE if not spec.rolling for t in spec.targets}
    assert stretched == {muscle.value for muscle in Muscle}


@settings(max_examples=150, deadline=None)
@given(muscles=st.lists(st.sampled_from(list(Muscle)), max_size=10))
def test_cooldown_invariants(muscles: list[Muscle]) -> None:
    drills = cooldown(muscles)
    assert 3 <= len(drills) <= 6
    assert 180 <= sum(SECONDS[d.name] for d in drills) <= 300
    assert len({d.name for d in drills}) == len(drills)
    assert drills == cooldown(muscles)
    if muscles:
        first = muscles[0].value.replace("_", " ")
        assert any(first in d.why for d in drills)


# --- rest days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "names"),
    [
        (0, ["easy walk", "mobility flow", "foam rolling"]),
        (1, ["easy walk", "mobility flow", "foam rolling"]),
        (2, ["brisk walk", "light cardio (bike, rower, swim or elliptical)", "mobility flow"]),
        (3, ["light cardio (bike, rower, swim or elliptical)", "brisk walk", "mobility flow"]),
        (9, ["light cardio (bike, rower, swim or elliptical)", "brisk walk", "mobility flow"]),
    ],
)
def test_active_recovery(days: int, names: list[str]) -> None:
    drills = active_recovery(days)
    assert [d.name for d in drills] == names
    walk = next(d for d in drills if "walk" in d.name)
    low, high = (int(n) for n in re.findall(r"\d+", walk.dose)[:2])
    assert 20 <= low < high <= 40


def test_long_breaks_are_named() -> None:
    assert "5 days" in active_recovery(5)[-1].why


@pytest.mark.parametrize("days", [-1, True, 1.5])
def test_active_recovery_refuses_bad_days(days: object) -> None:
    with pytest.raises(WarmupError) as caught:
        active_recovery(days)  # type: ignore[arg-type]
    assert caught.value.field == "days_since_training"


# --- wording (TRAINING.md 7) ------------------------------------------------------------


def all_drills() -> list[Drill]:
    drills = [*general_warmup([], 8).drills, *general_warmup(list(Pattern), 8).drills]
    drills += [*cooldown(list(Muscle)), *cooldown([])]
    for days in range(5):
        drills += active_recovery(days)
    for muscle in Muscle:
        drills += cooldown([muscle])
    for pattern in Pattern:
        drills += general_warmup([pattern], 6).drills
    return drills


def test_no_claims_training_md_rules_out() -> None:
    for drill in all_drills():
        text = f"{drill.name} {drill.dose} {drill.why}".lower()
        assert "%" not in text, text
        for word in ("calorie", "activation", "hormone", "injur", "burn", "prevent", "\n"):
            assert word not in text, text
        assert drill.why
        assert drill.why == drill.why.strip()
