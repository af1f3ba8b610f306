"""The product validator: a valid hand-built program passes; each case breaks one rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.catalog import Catalogue
from redwood.domain.profile import DEFAULT_EQUIPMENT, Weekday
from redwood.domain.program import PlannedSession, Program, SessionKind, Week, WeekKind
from redwood.domain.vocab import Equipment, Limitation, Region, Setting
from redwood.planner.validate import Rule, Violation, validate_program
from tests.planner.builders import (
    A_BLOCKS,
    B_BLOCKS,
    CATALOGUE,
    FRI,
    MON,
    PUSH_BLOCKS,
    THU,
    TUE,
    WED,
    base_profile,
    build_program,
    ex,
    map_sessions,
    program,
    rx,
    session,
    straight,
    superset,
    swap_block,
    with_prescription,
)

BUILD: Callable[[Week], bool] = lambda week: week.kind is WeekKind.BUILD  # noqa: E731
DELOAD: Callable[[Week], bool] = lambda week: week.kind is WeekKind.DELOAD  # noqa: E731
FIRST_WEEK: Callable[[Week], bool] = lambda week: week.index == 2  # noqa: E731

HEAVY_SQUAT = replace(
    ex("barbell-back-squat"),
    id="test-heavy-squat",
    name="Test Heavy Squat",
    aliases=(),
    stresses=(Limitation.KNEE,),
    substitutes=(),
)
WITH_TEST_SQUAT = Catalogue([*CATALOGUE.exercises, HEAVY_SQUAT])


def _three_days(warnings: tuple[str, ...] = ()) -> Program:
    """A Monday, B Wednesday (heavy lower days 48 h apart) and push on Friday."""
    profile = base_profile(weekdays=["mon", "wed", "fri"])
    sessions = [
        session(MON, "Back & Legs A", A_BLOCKS),
        session(WED, "Back & Legs B", B_BLOCKS),
        session(
            FRI,
            "Push & Upper A",
            PUSH_BLOCKS,
            SessionKind.PUSH_UPPER,
            (Region.PUSH, Region.ARMS, Region.CORE),
        ),
    ]
    return build_program(profile, sessions, warnings=warnings)


def _minutes_off(s: PlannedSession) -> PlannedSession:
    return replace(s, estimated_minutes=s.estimated_minutes + 5) if "A" in s.title[-1] else s


def _index(plan: Program) -> Program:
    weeks = list(plan.weeks)
    weeks[1] = replace(weeks[1], index=5)
    return replace(plan, weeks=tuple(weeks))


def _no_deload(plan: Program) -> Program:
    return replace(plan, weeks=(*plan.weeks[:3], replace(plan.weeks[0], index=4)))


GYM_WITHOUT_LEG_CURL = [e for e in DEFAULT_EQUIPMENT[Setting.GYM] if e is not Equipment.LEG_CURL]
A_SQUAT_ONLY_RDL = swap_block(A_BLOCKS, 2, straight("barbell-romanian-deadlift", 3, rest=150))
ONE_BACK_BLOCKS = swap_block(A_BLOCKS[:3], 1, straight("lat-pulldown", 3, (8, 12), 2, 120))
"""Back & Legs A with one back exercise, its sets raised so back stays at its band low (6)."""


@dataclass(frozen=True)
class Case:
    """One rule broken on purpose: the program, the rule and the first location."""

    name: str
    build: Callable[[], Program]
    rule: Rule
    location: str
    catalogue: Catalogue = CATALOGUE
    exact: bool = True  # every violation found is of `rule`


S0, S1 = "weeks[0].sessions[0]", "weeks[0].sessions[1]"

CASES = [
    Case(
        "kit",
        lambda: program(equipment=GYM_WITHOUT_LEG_CURL),
        Rule.EQUIPMENT,
        f"{S0}.blocks[2].exercises[0]",
    ),
    Case(
        "setting",
        lambda: program(
            setting_by_day={"thu": "home"},
            equipment_by_setting={"home": DEFAULT_EQUIPMENT[Setting.GYM]},
        ),
        Rule.SETTING,
        f"{S1}.blocks[0].exercises[0]",
    ),
    Case(
        "stresses",
        lambda: program(limitations=["knee"]),
        Rule.LIMITATION,
        f"{S0}.blocks[0].exercises[0]",
    ),
    Case(
        "spinal load with lower_back",
        lambda: program(
            swap_block(A_BLOCKS, 0, straight("test-heavy-squat", 4, rest=150)),
            limitations=["lower_back"],
            catalogue=WITH_TEST_SQUAT,
        ),
        Rule.LIMITATION,
        f"{S0}.blocks[0].exercises[0]",
        WITH_TEST_SQUAT,
    ),
    Case(
        "level",
        lambda: program(
            swap_block(A_BLOCKS, 2, straight("nordic-hamstring-curl", 3, (10, 15), 1, 90))
        ),
        Rule.LEVEL,
        f"{S0}.blocks[2].exercises[0]",
    ),
    Case(
        "excluded",
        lambda: program(excluded=["lat-pulldown"]),
        Rule.EXCLUDED,
        f"{S0}.blocks[1].exercises[0]",
    ),
    Case(
        "stated minutes",
        lambda: map_sessions(program(), _minutes_off),
        Rule.TIME,
        f"{S0}.estimated_minutes",
    ),
    Case("over budget", lambda: program(minutes=30), Rule.TIME, f"{S0}.estimated_minutes"),
    Case(
        "two spinal-load-3 lifts",
        lambda: program((straight("conventional-deadlift", 2, rest=150), *A_BLOCKS)),
        Rule.SPINE,
        f"{S0}.blocks[1].exercises[0]",
    ),
    Case(
        "hinge after a maximal squat",
        lambda: program(A_SQUAT_ONLY_RDL),
        Rule.SPINE,
        f"{S0}.blocks[2].exercises[0]",
    ),
    Case(
        "opens with a superset",
        lambda: program(b_blocks=(B_BLOCKS[2], B_BLOCKS[0], B_BLOCKS[1])),
        Rule.ORDER,
        f"{S1}.blocks[0]",
    ),
    Case(
        "opens with isolation",
        lambda: program((A_BLOCKS[2], A_BLOCKS[0], A_BLOCKS[1], A_BLOCKS[3])),
        Rule.ORDER,
        f"{S0}.blocks[0]",
    ),
    Case(
        "compound after isolation",
        lambda: program((A_BLOCKS[0], A_BLOCKS[3], A_BLOCKS[1], A_BLOCKS[2])),
        Rule.ORDER,
        f"{S0}.blocks[2].exercises[0]",
    ),
    Case(
        "priority back opens with legs",
        lambda: program(priority="back"),
        Rule.ORDER,
        f"{S0}.blocks[0].exercises[0]",
    ),
    Case(
        "order back first",
        lambda: program(order="back_first"),
        Rule.ORDER,
        f"{S0}.blocks[0].exercises[0]",
    ),
    Case(
        "alternating",
        lambda: program((A_BLOCKS[0], A_BLOCKS[2], A_BLOCKS[1], A_BLOCKS[3]), order="alternating"),
        Rule.ORDER,
        f"{S0}.blocks[1].exercises[0]",
    ),
    Case("supersets off", lambda: program(supersets="off"), Rule.SUPERSET, f"{S1}.blocks[2]"),
    Case(
        "pair rest 60 s",
        lambda: program(
            b_blocks=swap_block(B_BLOCKS, 2, replace(B_BLOCKS[2], pair_rest_seconds=60))
        ),
        Rule.SUPERSET,
        f"{S1}.blocks[2].pair_rest_seconds",
    ),
    Case(
        "shared primary",
        lambda: program(
            swap_block(
                A_BLOCKS,
                2,
                superset(
                    rx("lying-leg-curl", 3, (10, 15), 1, 90),
                    rx("seated-leg-curl", 3, (10, 15), 1, 90),
                ),
            )
        ),
        Rule.SUPERSET,
        f"{S0}.blocks[2]",
    ),
    Case(
        "two spine-loaded lifts paired",
        lambda: program(
            b_blocks=(
                B_BLOCKS[0],
                B_BLOCKS[1],
                superset(rx("smith-machine-squat", 2), rx("dumbbell-farmers-carry", 2, (20, 30))),
                straight("bent-over-dumbbell-reverse-fly", 2, (10, 15), 1, 90),
            )
        ),
        Rule.SUPERSET,
        f"{S1}.blocks[2]",
    ),
    Case(
        "spinal load 3 in a superset",
        lambda: program(
            b_blocks=swap_block(
                B_BLOCKS,
                2,
                superset(
                    rx("barbell-back-squat", 2), rx("bent-over-dumbbell-reverse-fly", 2, (10, 15))
                ),
            )
        ),
        Rule.SUPERSET,
        f"{S1}.blocks[2]",
    ),
    Case(
        "unequal sets",
        lambda: program(
            b_blocks=swap_block(
                B_BLOCKS,
                2,
                superset(
                    rx("leg-extension", 3, (10, 15), 1, 90),
                    rx("bent-over-dumbbell-reverse-fly", 2, (10, 15), 1, 90),
                ),
            )
        ),
        Rule.SUPERSET,
        f"{S1}.blocks[2]",
    ),
    Case(
        "three in a superset",
        lambda: program(
            b_blocks=swap_block(
                B_BLOCKS, 2, superset(*B_BLOCKS[2].exercises, rx("dead-bug", 2, (10, 12)))
            )
        ),
        Rule.SUPERSET,
        f"{S1}.blocks[2]",
        exact=False,
    ),
    Case("24 h apart", lambda: program(days=(MON, TUE)), Rule.RECOVERY, S1),
    Case("heavy days 48 h apart, no warning", lambda: program(days=(MON, WED)), Rule.RECOVERY, S1),
    Case(
        "heavy days 48 h apart although the weekdays allow 72 h",
        lambda: _three_days(warnings=("Back & Legs A and B are 48 h apart; 72 h is best.",)),
        Rule.RECOVERY,
        S1,
    ),
    Case(
        "glutes above the band",
        lambda: program((A_BLOCKS[0], straight("leg-press", 4, rest=150), *A_BLOCKS[1:])),
        Rule.VOLUME,
        "weeks[0]",
    ),
    Case(
        "hamstrings below the band, no warning",
        lambda: program(swap_block(A_BLOCKS, 2, straight("lying-leg-curl", 2, (10, 15), 1, 90))),
        Rule.VOLUME,
        "weeks[0]",
    ),
    Case(
        "5 sets",
        lambda: program(swap_block(A_BLOCKS, 0, straight("barbell-back-squat", 5, rest=150))),
        Rule.DOSE,
        f"{S0}.blocks[0].exercises[0].sets",
    ),
    Case(
        "reps backwards",
        lambda: with_prescription(program(), "Back & Legs A", 1, BUILD, reps_min=12, reps_max=8),
        Rule.DOSE,
        f"{S0}.blocks[1].exercises[0].reps_min",
    ),
    Case(
        "RIR 6",
        lambda: program(swap_block(A_BLOCKS, 1, straight("lat-pulldown", 2, rir=6))),
        Rule.DOSE,
        f"{S0}.blocks[1].exercises[0].rir",
    ),
    Case(
        "rest 20 s",
        lambda: program(swap_block(A_BLOCKS, 1, straight("lat-pulldown", 2, rest=20))),
        Rule.DOSE,
        f"{S0}.blocks[1].exercises[0].rest_seconds",
    ),
    Case(
        "four leg exercises",
        lambda: program(
            (
                *A_BLOCKS,
                straight("single-leg-extension", 2, (10, 15), 1, 90),
                straight("seated-leg-curl", 2, (10, 15), 1, 90),
            )
        ),
        Rule.DOSE,
        S0,
    ),
    Case("one back exercise, no reason", lambda: program(ONE_BACK_BLOCKS), Rule.DOSE, S0),
    Case(
        "block without a deload",
        lambda: _no_deload(program()),
        Rule.PERIODISATION,
        "weeks[3].kind",
    ),
    Case(
        "exercises change inside a block",
        lambda: with_prescription(
            program(), "Back & Legs A", 3, FIRST_WEEK, exercise="bent-over-dumbbell-reverse-fly"
        ),
        Rule.PERIODISATION,
        "weeks[1]",
    ),
    Case(
        "deload keeps the sets",
        lambda: with_prescription(program(), "Back & Legs A", 1, DELOAD, sets=2),
        Rule.PERIODISATION,
        "weeks[3].sessions[0].blocks[1].exercises[0].sets",
    ),
    Case(
        "deload keeps the RIR",
        lambda: with_prescription(program(), "Back & Legs A", 1, DELOAD, rir=2),
        Rule.PERIODISATION,
        "weeks[3].sessions[0].blocks[1].exercises[0].rir",
    ),
    Case(
        "fewer weeks than the profile",
        lambda: replace(program(), profile=base_profile(weeks=8)),
        Rule.PERIODISATION,
        "weeks",
    ),
    Case(
        "an 8-week block",
        lambda: build_program(
            base_profile(weeks=8),
            program().weeks[0].sessions,
            blocks=[8],
        ),
        Rule.PERIODISATION,
        "weeks[0]",
    ),
    Case("week index", lambda: _index(program()), Rule.PERIODISATION, "weeks[1].index"),
    Case(
        "unknown exercise",
        lambda: program(swap_block(A_BLOCKS, 2, straight("no-such-move", 3, (10, 15), 1, 90))),
        Rule.UNKNOWN_EXERCISE,
        f"{S0}.blocks[2].exercises[0]",
    ),
]


def test_the_base_program_is_valid() -> None:
    assert validate_program(program(), CATALOGUE) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_breaks_its_rule_at_its_location(case: Case) -> None:
    found = validate_program(case.build(), case.catalogue)
    assert found, "expected a violation"
    assert any(v.rule == case.rule and v.location == case.location for v in found), found
    if case.exact:
        assert {v.rule for v in found} == {str(case.rule)}, found
    for violation in found:
        assert violation.message
        assert "\n" not in violation.message
        assert str(violation) == f"{violation.location}: {violation.message}"


def test_every_rule_has_a_case() -> None:
    assert {str(case.rule) for case in CASES} == {str(rule) for rule in Rule}


VALID = {
    "alternating order": lambda: program(order="alternating"),
    "heavy days 48 h apart with a warning": lambda: program(
        days=(MON, WED), warnings=("Back & Legs A and B are 48 h apart: 72 h is best.",)
    ),
    "heavy days 72 h apart with push between": lambda: build_program(
        base_profile(weekdays=["mon", "wed", "fri"]),
        [
            session(MON, "Back & Legs A", A_BLOCKS),
            session(WED, "Push & Upper A", PUSH_BLOCKS, SessionKind.PUSH_UPPER, (Region.PUSH,)),
            session(FRI, "Back & Legs B", B_BLOCKS),
        ],
    ),
    "hamstrings below the band with a warning": lambda: program(
        swap_block(A_BLOCKS, 2, straight("lying-leg-curl", 2, (10, 15), 1, 90)),
        warnings=("hamstrings: 5 sets a week, below the 6 the band asks",),
    ),
    "one back exercise with a reason": lambda: program(
        ONE_BACK_BLOCKS,
        rationale=("Back & Legs A: one back exercise, as 60 minutes leave no time for more.",),
    ),
    "back first": lambda: program(
        (A_BLOCKS[1], A_BLOCKS[0], A_BLOCKS[2], A_BLOCKS[3]),
        (B_BLOCKS[1], B_BLOCKS[0], B_BLOCKS[2]),
        order="back_first",
    ),
    "supersets off and none planned": lambda: program(
        b_blocks=(
            *B_BLOCKS[:2],
            straight("leg-extension", 2, (10, 15), 1, 90),
            straight("bent-over-dumbbell-reverse-fly", 2, (10, 15), 1, 90),
        ),
        supersets="off",
    ),
    "two blocks of 4": lambda: program(weeks=8),
    "seven weeks in one block": lambda: program(weeks=7),
    "ten weeks for an intermediate strength athlete": lambda: program(
        goal="strength", level="intermediate", weeks=10
    ),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_variants_pass(name: str) -> None:
    assert validate_program(VALID[name](), CATALOGUE) == []


def test_an_unknown_exercise_is_reported_once_per_place_and_nothing_is_guessed() -> None:
    plan = program(swap_block(A_BLOCKS, 2, straight("no-such-move", 3, (10, 15), 1, 90)))
    found = validate_program(plan, CATALOGUE)
    assert [v.location for v in found] == [
        f"weeks[{w}].sessions[0].blocks[2].exercises[0]" for w in range(4)
    ]
    assert found[0].message == "unknown exercise 'no-such-move'"


def test_messages_name_the_problem() -> None:
    [kit, *_] = validate_program(program(setting="home"), CATALOGUE)
    assert kit.message == (
        "barbell-back-squat needs barbell, squat_rack; the home kit has dumbbells, "
        "pullup_bar, bands"
    )
    [recovery, *_] = validate_program(program(days=(MON, TUE)), CATALOGUE)
    assert "24 h apart" in recovery.message
    assert "48 h" in recovery.message


def test_violation_is_a_frozen_value() -> None:
    violation = Violation("weeks[0]", "volume", "quads: too few")
    with pytest.raises(AttributeError):
        violation.rule = "x"  # type: ignore[misc]
    assert str(violation) == "weeks[0]: quads: too few"


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=-3, max_value=8))
def test_rir_outside_0_to_5_is_a_dose_violation_and_nothing_else(rir: int) -> None:
    plan = program(swap_block(A_BLOCKS, 1, straight("lat-pulldown", 2, rir=rir)))
    rules = {v.rule for v in validate_program(plan, CATALOGUE)}
    assert rules == ({"dose"} if not 0 <= rir <= 5 else set())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=6), min_size=4, max_size=4),
    st.sampled_from([Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.FRI]),
    st.integers(min_value=0, max_value=400),
)
def test_any_dose_is_judged_without_crashing(sets: list[int], day: Weekday, rest: int) -> None:
    blocks = tuple(
        replace(b, exercises=(replace(b.exercises[0], sets=n, rest_seconds=rest),))
        for b, n in zip(A_BLOCKS, sets, strict=True)
    )
    days = (day, THU) if day is not THU else (MON, THU)
    found = validate_program(program(blocks, days=days), CATALOGUE)
    assert {v.rule for v in found} <= {str(rule) for rule in Rule}
    out_of_range = any(not 2 <= n <= 4 for n in sets) or not 30 <= rest <= 300
    assert out_of_range == any(
        v.rule == "dose" and v.location.startswith("weeks[0]") for v in found
    )
