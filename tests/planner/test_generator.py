"""generate_program: the issue's "done when" cases, templates, honesty about limits.

Every program is judged by the product validator (planner/validate.py) and by the
independent checker of tests/planner/checker.py, never by the generator's bookkeeping.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from itertools import combinations
from typing import Any

import pytest

from redwood.catalog import load_catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.periodisation import deload_sets, plan_weeks
from redwood.domain.profile import gap_hours, make_profile
from redwood.domain.program import Program, WeekKind
from redwood.domain.timing import estimated_minutes
from redwood.domain.vocab import Equipment
from redwood.domain.volume import VolumeGroup, weekly_band, weekly_group_volume
from redwood.planner.generator import PlanError, generate_program
from redwood.planner.templates import TEMPLATES
from redwood.planner.validate import validate_program
from tests.planner.builders import typical_profile as athlete
from tests.planner.checker import check_program

pytestmark = pytest.mark.slow

CATALOGUE = load_catalogue()
GROUPS = (VolumeGroup.QUADS, VolumeGroup.HAMSTRINGS, VolumeGroup.GLUTES, VolumeGroup.BACK)


def lookup(exercise_id: str) -> Exercise:
    found = CATALOGUE.get(exercise_id)
    assert found is not None
    return found


def document(program: Program) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(program.to_dict()))
    return doc


def assert_valid(program: Program) -> None:
    assert [str(v) for v in validate_program(program, CATALOGUE)] == []
    assert check_program(document(program), CATALOGUE) == []


def exercises_of(program: Program) -> list[Exercise]:
    return [
        lookup(rx.exercise)
        for week in program.weeks
        for session in week.sessions
        for rx in session.prescriptions()
    ]


def test_the_seed_profile_keeps_every_rule() -> None:
    """`--goal hypertrophy --level intermediate --days 3 --minutes 60 --setting gym`."""
    program = generate_program(athlete(), CATALOGUE)
    assert_valid(program)
    profile = program.profile
    for week in program.weeks:
        for first, second in combinations(week.sessions, 2):
            hours = min(
                gap_hours(first.weekday, second.weekday), gap_hours(second.weekday, first.weekday)
            )
            shared = {
                m
                for rx in first.prescriptions()
                if rx.sets >= 2
                for m in lookup(rx.exercise).primary
            } & {
                m
                for rx in second.prescriptions()
                if rx.sets >= 2
                for m in lookup(rx.exercise).primary
            }
            assert hours >= 48 or not shared
        for session in week.sessions:
            assert session.estimated_minutes == estimated_minutes(session, lookup)
            assert session.estimated_minutes <= profile.session_minutes
    kinds = [week.kind for week in program.weeks]
    assert WeekKind.DELOAD in kinds
    assert kinds[-1] is WeekKind.DELOAD
    for week in (w for w in program.weeks if w.kind is WeekKind.BUILD):
        volume = weekly_group_volume(
            (lookup(rx.exercise), rx.sets)
            for session in week.sessions
            for rx in session.prescriptions()
        )
        for group in GROUPS:
            band = weekly_band(profile.goal, profile.level, group)
            assert band.low <= volume.get(group, 0) <= band.high, (week.index, group)
    assert program.warnings == ()
    assert program.rationale


def test_home_kit_uses_nothing_else() -> None:
    program = generate_program(
        athlete(setting="home", equipment=["dumbbells", "bands", "pullup_bar"]), CATALOGUE
    )
    assert_valid(program)
    allowed = {Equipment.DUMBBELLS, Equipment.BANDS, Equipment.PULLUP_BAR, Equipment.NONE}
    for exercise in exercises_of(program):
        assert set(exercise.equipment) <= allowed, exercise.id


def test_lower_back_uses_nothing_that_loads_the_spine() -> None:
    program = generate_program(athlete(limitations=["lower_back"]), CATALOGUE)
    assert_valid(program)
    for exercise in exercises_of(program):
        assert exercise.spinal_load < 2, exercise.id


def test_the_same_seed_gives_the_same_program() -> None:
    profile = athlete(days=4, minutes=50, supersets="on", weeks=12)
    first = generate_program(profile, CATALOGUE, seed=7).to_dict()
    assert generate_program(profile, CATALOGUE, seed=7).to_dict() == first
    assert first["seed"] == 7


def test_the_same_seed_gives_the_same_program_in_another_process() -> None:
    script = (
        "import json, sys\n"
        "from redwood.catalog import load_catalogue\n"
        "from redwood.domain.profile import make_profile\n"
        "from redwood.planner.generator import generate_program\n"
        "p = make_profile(goal='strength', level='advanced', days=5, minutes=70, setting='gym')\n"
        "doc = generate_program(p, load_catalogue(), seed=3).to_dict()\n"
        "sys.stdout.write(json.dumps(doc, sort_keys=True))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        ).stdout
        for seed in (1, 2)
    ]
    assert runs[0] == runs[1]


def test_short_sessions_name_the_groups_they_leave_below_the_band() -> None:
    program = generate_program(athlete(days=2, minutes=20), CATALOGUE)
    assert_valid(program)
    named = {
        group
        for group in GROUPS
        for line in program.warnings
        if re.match(rf"{group}: \d+(\.\d+)? sets a week, below the 10 the hypertrophy band", line)
    }
    assert named >= {VolumeGroup.QUADS, VolumeGroup.HAMSTRINGS}
    assert any("20-minute sessions" in line for line in program.warnings)
    assert any("Traded for time" in line for line in program.rationale)


def test_supersets_are_explained_with_the_time_they_save() -> None:
    program = generate_program(athlete(days=2, minutes=30, supersets="on"), CATALOGUE)
    assert_valid(program)
    pairs = [b for s in program.weeks[0].sessions for b in s.blocks if len(b.exercises) == 2]
    assert pairs
    assert any("as a superset" in line and "saves about" in line for line in program.rationale)


def test_supersets_off_means_none() -> None:
    program = generate_program(athlete(days=2, minutes=30, supersets="off"), CATALOGUE)
    assert all(len(b.exercises) == 1 for w in program.weeks for s in w.sessions for b in s.blocks)


def test_weeks_follow_the_periodisation_plan() -> None:
    profile = athlete(weeks=12, minutes=90, priority="legs")
    program = generate_program(profile, CATALOGUE)
    assert_valid(program)
    plans = plan_weeks(profile)
    assert [(w.index, w.block, w.kind, w.focus) for w in program.weeks] == [
        (p.index, p.block, p.kind, p.focus) for p in plans
    ]
    for week, plan in zip(program.weeks, plans, strict=True):
        assert {rx.rir for s in week.sessions for rx in s.prescriptions()} == {plan.rir}
    by_block: dict[int, list[Any]] = {}
    for week in program.weeks:
        by_block.setdefault(week.block, []).append(week)
    for weeks in by_block.values():
        builds = [w for w in weeks if w.kind is WeekKind.BUILD]
        deload = weeks[-1]
        assert deload.kind is WeekKind.DELOAD
        last = {
            (s.weekday, rx.exercise): rx.sets
            for s in builds[-1].sessions
            for rx in s.prescriptions()
        }
        for session in deload.sessions:
            for rx in session.prescriptions():
                assert rx.sets == deload_sets(last[(session.weekday, rx.exercise)])
        totals = [sum(rx.sets for s in w.sessions for rx in s.prescriptions()) for w in builds]
        assert totals == sorted(totals)
    assert max(totals) > totals[0], "the sets ramp inside a block"
    blocks = sorted(by_block)
    first = {rx.exercise for s in by_block[blocks[0]][0].sessions for rx in s.prescriptions()}
    second = {rx.exercise for s in by_block[blocks[1]][0].sessions for rx in s.prescriptions()}
    assert first != second, "accessories rotate at the block boundary"
    for s_first, s_second in zip(
        by_block[blocks[0]][0].sessions, by_block[blocks[1]][0].sessions, strict=True
    ):
        core = [rx.exercise for rx in s_first.prescriptions()][:2]
        assert core == [rx.exercise for rx in s_second.prescriptions()][:2]
    assert any(line.startswith("Block 2 keeps") for line in program.rationale)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_builds_rule_keeping_sessions(name: str) -> None:
    template = TEMPLATES[name]
    profile = athlete(minutes=max(30, template.minutes), days=2)
    program = generate_program(profile, CATALOGUE, template=name)
    assert_valid(program)
    assert program.template == name
    first = {rx.exercise for rx in program.weeks[0].sessions[0].prescriptions()}
    chosen = [next((o for o in slot.options if o in first), None) for slot in template.slots]
    assert sum(1 for c in chosen if c is not None) >= len(template.slots) - 1, first


def test_a_template_at_home_says_what_it_swapped() -> None:
    profile = athlete(setting="home", equipment=["dumbbells", "bands", "pullup_bar"], days=2)
    program = generate_program(profile, CATALOGUE, template="leg-focused")
    assert_valid(program)
    swaps = [line for line in program.rationale if "swapped for" in line]
    assert any("Leg Press swapped for" in line and "leg press at home" in line for line in swaps)
    assert any(line.startswith("Template:") for line in program.warnings)
    ids = {rx.exercise for s in program.weeks[0].sessions for rx in s.prescriptions()}
    assert "leg-press" not in ids


def test_the_dumbbell_template_keeps_its_superset_in_twenty_minutes() -> None:
    profile = athlete(minutes=20, days=2, setting="home", equipment=["dumbbells"])
    program = generate_program(profile, CATALOGUE, template="dumbbell-20")
    assert_valid(program)
    session = program.weeks[0].sessions[0]
    assert session.estimated_minutes <= 20
    assert any(len(block.exercises) == 2 for block in session.blocks)


def test_an_unknown_template_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="unknown template"):
        generate_program(athlete(), CATALOGUE, template="nope")


def test_a_kit_without_a_back_compound_opens_with_legs_and_says_so() -> None:
    """Once a PlanError: no back compound for back_first; now the best program and a warning."""
    profile = athlete(equipment=["leg_press"], priority="back", order="back_first")
    program = generate_program(profile, CATALOGUE)
    assert_valid(program)
    for session in program.weeks[0].sessions:
        if session.kind.value == "back_legs":
            assert lookup(next(session.prescriptions()).exercise).region.value == "legs"
            assert any(
                line.startswith(f"{session.title} ")
                and "opens with legs" in line
                and "no back compound" in line
                for line in program.warnings
            )


FOUND_PROFILES: list[tuple[dict[str, Any], int]] = [
    # bench/plan.py: no back compound, and the push days' only compounds are leg moves that
    # 48 h from the back & legs days forbid: both push days are dropped, with warnings.
    ({"goal": "hypertrophy", "level": "intermediate", "minutes": 99, "setting": "gym",
      "priority": "balanced", "order": "back_first", "supersets": "auto",
      "limitations": ["shoulder", "wrist"], "weeks": 12, "days": 5,
      "equipment": ["landmine", "leg_press", "none"], "favourites": ["park-bench-step-up"],
      "excluded": ["bodyweight-split-squat", "single-leg-stair-calf-raise",
                   "band-seated-hip-abduction", "clamshell", "sissy-squat"]}, 1628),
    # a smith machine and trap bar with hip and lower_back limits: no back compound.
    ({"goal": "general", "level": "advanced", "minutes": 64, "setting": "gym",
      "priority": "back", "order": "back_first", "supersets": "auto",
      "limitations": ["hip", "lower_back"], "weeks": 12, "weekdays": ["tue", "thu", "sat", "sun"],
      "equipment": ["smith_machine", "trap_bar"], "favourites": ["t-bar-row", "dumbbell-shrug"],
      "excluded": []}, 56429),
    # outdoor six days with a wrist limit: no push day compound keeps 48 h from its legs days.
    ({"goal": "hypertrophy", "level": "beginner", "minutes": 76, "setting": "outdoor",
      "priority": "legs", "order": "auto", "supersets": "on", "limitations": ["wrist"],
      "weeks": 12, "weekdays": ["mon", "tue", "wed", "thu", "fri", "sun"],
      "equipment": ["barbell", "bench", "box", "landmine", "leg_curl", "seated_row"],
      "favourites": [], "excluded": []}, 18141),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "seed"), FOUND_PROFILES, ids=["push-days-dropped", "smith", "outdoor-six-days"]
)
def test_profiles_that_raised_now_get_the_best_program_with_warnings(
    kwargs: dict[str, Any], seed: int
) -> None:
    program = generate_program(make_profile(**kwargs), CATALOGUE, seed=seed)
    assert_valid(program)
    assert any(
        ("opens with" in line and "no back compound" in line) or "is dropped" in line
        for line in program.warnings
    )
    days = {session.weekday for session in program.weeks[0].sessions}
    for day in set(program.profile.weekdays) - days:
        assert any(f"({str(day).capitalize()}) is dropped" in line for line in program.warnings)


def test_push_days_with_nothing_that_keeps_recovery_are_dropped_and_named() -> None:
    kwargs, seed = FOUND_PROFILES[0]
    program = generate_program(make_profile(**kwargs), CATALOGUE, seed=seed)
    dropped = [line for line in program.warnings if "is dropped from the week" in line]
    assert [line.split(" is ")[0] for line in dropped] == [
        "Push & Upper A (Tue)",
        "Push & Upper B (Fri)",
    ]
    assert len(program.weeks[0].sessions) == 3


def test_a_session_opening_outside_the_order_needs_its_warning() -> None:
    """The validator and the checker accept the other region only with the warning."""
    profile = athlete(equipment=["leg_press"], priority="back", order="back_first")
    program = generate_program(profile, CATALOGUE)
    bare = Program(
        profile=program.profile,
        weeks=program.weeks,
        warnings=tuple(w for w in program.warnings if "opens with" not in w),
        rationale=program.rationale,
        seed=program.seed,
        template=program.template,
    )
    assert any(v.rule == "order" for v in validate_program(bare, CATALOGUE))
    assert any("the order asks back first" in p for p in check_program(document(bare), CATALOGUE))


@pytest.mark.parametrize(
    "overrides",
    [
        {"goal": "strength", "days": 4, "minutes": 75},
        {"goal": "general", "level": "beginner", "days": 3, "minutes": 45},
        {"goal": "endurance", "days": 5, "minutes": 40, "setting": "outdoor"},
        {"days": 6, "minutes": 120, "priority": "back", "order": "alternating"},
        {"days": None, "weekdays": ["mon", "tue"], "minutes": 60},
        {"setting_by_day": {"thu": "home"}, "days": 2, "favourites": ["hack-squat"]},
    ],
    ids=["upper-lower", "full-body", "outdoor", "six-days", "adjacent-days", "mixed"],
)
def test_varied_profiles_keep_every_rule(overrides: dict[str, Any]) -> None:
    program = generate_program(athlete(**overrides), CATALOGUE, seed=11)
    assert_valid(program)


def test_favourites_are_used() -> None:
    program = generate_program(athlete(favourites=["hack-squat"]), CATALOGUE)
    assert "hack-squat" in {ex.id for ex in exercises_of(program)}


def test_a_twelve_week_program_is_quick() -> None:
    import ortools.sat.python.cp_model  # noqa: F401  (the import is not the planner's time)

    profile = athlete(weeks=12, days=4, minutes=75)
    start = time.perf_counter()
    generate_program(profile, CATALOGUE)
    assert time.perf_counter() - start < 3.0


def test_importing_the_generator_does_not_import_ortools() -> None:
    script = "import sys, redwood.planner.generator; print('ortools' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
