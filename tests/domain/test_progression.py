"""Progression rules, the weekly cap and the default rule (TRAINING.md 4)."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.domain.effort import rpe_to_rir
from redwood.domain.exercise import Exercise
from redwood.domain.exposure import weeks_to_fit
from redwood.domain.loadsteps import LadderKind, LoadLadder, ladder_for
from redwood.domain.mass import Mass, Unit
from redwood.domain.plates import DumbbellSet, PlateSet, Rounding
from redwood.domain.progression import (
    RULES,
    Action,
    Decision,
    Exposure,
    ProgressionError,
    RuleInput,
    RuleName,
    Target,
    WorkSet,
    decide,
    default_rule,
    weekly_ceiling,
    working_load,
)
from redwood.domain.vocab import Equipment, Goal, Level, Mechanic, Pattern, Region
from tests.domain.conftest import build_exercise

D = Decimal
KG, LB = Unit.KG, Unit.LB
TODAY = date(2026, 11, 2)
NO_CAP = D(10) ** 6
"""A cap no generated history reaches: the rules alone decide."""


def kg(value: Decimal | str | int) -> Mass:
    return Mass.of(value, KG)


def lb(value: Decimal | str | int) -> Mass:
    return Mass.of(value, LB)


# --- a readable way to write what was lifted -------------------------------------------

_LOAD = re.compile(r"(\d+(?:\.\d+)?)(kg|lb)")
_TIMED = re.compile(r"(?:(\d+)x)?(\d+)s")
_SETS_X_REPS = re.compile(r"(\d+)x(\d+)")
_REP_LIST = re.compile(r"\d+(?:,\d+)*")


def work_sets(text: str) -> tuple[WorkSet, ...]:
    """Sets from "100kg 5,5,4 @8", "60kg 3x5 rir2 80kg 5", "bw 10,9", "3x30s".

    A load (or "bw") starts a group; "@RPE" or "rirN" applies to the group before it.
    """
    sets: list[WorkSet] = []
    load: Mass | None = None
    start = 0
    for token in text.split():
        if match := _LOAD.fullmatch(token):
            load, start = Mass.of(match[1], Unit(match[2])), len(sets)
        elif token == "bw":
            load, start = None, len(sets)
        elif match := _TIMED.fullmatch(token):
            sets += [WorkSet(0, load, None, int(match[2]))] * int(match[1] or 1)
        elif match := _SETS_X_REPS.fullmatch(token):
            sets += [WorkSet(int(match[2]), load, None)] * int(match[1])
        elif _REP_LIST.fullmatch(token):
            sets += [WorkSet(int(r), load, None) for r in token.split(",")]
        elif token.startswith(("@", "rir")):
            rir = rpe_to_rir(D(token[1:])) if token[0] == "@" else D(token[3:])
            sets[start:] = [replace(s, rir=rir) for s in sets[start:]]
        else:
            raise ValueError(f"cannot read {token!r} in {text!r}")
    return tuple(sets)


def exposure(days: int, text: str, target: tuple[int, int, int] | None = None) -> Exposure:
    """What was lifted `days` from TODAY (negative: before), with the prescription if known."""
    low, high, rir = target if target is not None else (None, None, None)
    return Exposure(TODAY + timedelta(days=days), work_sets(text), low, high, rir)


def test_the_helper_reads_sets() -> None:
    assert work_sets("100kg 5,5,4 @8") == tuple(WorkSet(r, kg(100), D(2)) for r in (5, 5, 4))
    assert work_sets("60kg 2x5 rir1 40kg 8") == (
        WorkSet(5, kg(60), D(1)),
        WorkSet(5, kg(60), D(1)),
        WorkSet(8, kg(40), None),
    )
    assert work_sets("bw 2x30s") == (WorkSet(0, None, None, 30),) * 2
    assert working_load(exposure(-1, "60kg 5 80kg 3 70kg 5")) == kg(80)


# --- ladders used below -------------------------------------------------------------

SQUAT = build_exercise()
BENCH = build_exercise(
    id="barbell-bench-press",
    name="Barbell Bench Press",
    pattern=Pattern.HORIZONTAL_PUSH,
    region=Region.PUSH,
    equipment=(Equipment.BARBELL, Equipment.BENCH),
)
DB_ROW = build_exercise(
    id="dumbbell-row",
    name="Dumbbell Row",
    pattern=Pattern.HORIZONTAL_PULL,
    region=Region.BACK,
    equipment=(Equipment.DUMBBELLS, Equipment.BENCH),
)
PUSH_UP = build_exercise(
    id="push-up",
    name="Push-up",
    pattern=Pattern.HORIZONTAL_PUSH,
    region=Region.PUSH,
    equipment=(Equipment.NONE,),
)
SQUAT_KG = ladder_for(SQUAT, unit=KG)
SQUAT_LB = ladder_for(SQUAT, unit=LB)
BENCH_KG = ladder_for(BENCH, unit=KG)
DB_KG = ladder_for(DB_ROW, unit=KG)
BODYWEIGHT = ladder_for(PUSH_UP, unit=KG)
NO_SMALL_PLATES = LoadLadder(
    LadderKind.BARBELL,
    kg(5),
    plates=PlateSet.create(kg(20), [kg(p) for p in ("25", "20", "10", "5", "2.5")]),
)
HYPERTROPHY = Target(3, 8, 12, 2)
STRENGTH = Target(3, 5, 5, 2)
BW_TARGET = Target(3, 8, 15, 2)


def run(
    rule: RuleName,
    *history: Exposure,
    target: Target = HYPERTROPHY,
    ladder: LoadLadder = SQUAT_KG,
    cap: Decimal = NO_CAP,
    harder: str | None = None,
) -> Decision:
    return decide(rule, RuleInput(history, target, ladder, TODAY, harder), weekly_cap=cap)


# --- the rules, case by case ----------------------------------------------------------

DOUBLE_CASES = [
    # id, history, ladder, action, load, reps, words the reason must hold
    (
        "top of the range on every set at the target RIR: +1 step, back to the bottom",
        [exposure(-7, "100kg 12,12,12 rir2")],
        SQUAT_KG,
        Action.INCREASE_LOAD,
        kg(105),
        (8, 12),
        ["All 3 sets reached 12 reps at RIR 2 or easier last time: +5 kg to 105 kg, back to 8"],
    ),
    (
        "easier than the target RIR still counts",
        [exposure(-7, "100kg 12,12,12 @7")],
        SQUAT_KG,
        Action.INCREASE_LOAD,
        kg(105),
        (8, 12),
        ["+5 kg"],
    ),
    (
        "no RIR logged: the reps decide",
        [exposure(-7, "100kg 12,12,12")],
        SQUAT_KG,
        Action.INCREASE_LOAD,
        kg(105),
        (8, 12),
        ["+5 kg"],
    ),
    (
        "one set short: keep the load, one more rep than the weakest set",
        [exposure(-7, "100kg 12,11,10 rir2")],
        SQUAT_KG,
        Action.ADD_REPS,
        kg(100),
        (11, 12),
        ["(set 2 got 11, set 3 got 10): keep 100 kg and add a rep"],
    ),
    (
        "short on reps and on reserve: both named",
        [exposure(-7, "100kg 12 rir1 100kg 11 rir2")],
        SQUAT_KG,
        Action.ADD_REPS,
        kg(100),
        (12, 12),
        ["(set 1 reached 12 but at RIR 1, set 2 got 11)"],
    ),
    (
        "the top at a harder RIR than prescribed: repeat the load",
        [exposure(-7, "100kg 12,12,12 rir1")],
        SQUAT_KG,
        Action.HOLD,
        kg(100),
        (8, 12),
        ["set 1 reached 12 but at RIR 1", "set 3 reached 12 but at RIR 1", "until every set"],
    ),
    (
        "judged against last time's prescription, today's range for the new load",
        [exposure(-7, "100kg 10,10,10 rir2", target=(6, 10, 2))],
        SQUAT_KG,
        Action.INCREASE_LOAD,
        kg(105),
        (8, 12),
        ["reached 10 reps", "back to 8 reps"],
    ),
    (
        "back-off sets at a lighter load are not judged",
        [exposure(-7, "100kg 12,12,12 rir2 80kg 9")],
        SQUAT_KG,
        Action.INCREASE_LOAD,
        kg(105),
        (8, 12),
        ["All 3 sets"],
    ),
    (
        "upper body steps 2.5 kg",
        [exposure(-7, "60kg 12,12,12 @8")],
        BENCH_KG,
        Action.INCREASE_LOAD,
        kg("62.5"),
        (8, 12),
        ["+2.5 kg to 62.5 kg"],
    ),
    (
        "pounds: the lower-body step is 10 lb and the reason speaks pounds",
        [exposure(-7, "225lb 12,12,12 rir2")],
        SQUAT_LB,
        Action.INCREASE_LOAD,
        lb(235),
        (8, 12),
        ["+10 lb to 235 lb"],
    ),
    (
        "dumbbells: the next pair on the rack",
        [exposure(-7, "20kg 12,12,12 rir2")],
        DB_KG,
        Action.INCREASE_LOAD,
        kg("22.5"),
        (8, 12),
        ["+2.5 kg to 22.5 kg"],
    ),
    (
        "the heaviest dumbbell: keep it and add reps",
        [exposure(-7, "50kg 12,12,12 rir2")],
        DB_KG,
        Action.ADD_REPS,
        kg(50),
        (12, 13),
        ["50 kg is the heaviest your equipment makes"],
    ),
]


@pytest.mark.parametrize(
    ("history", "ladder", "action", "load", "reps", "words"),
    [case[1:] for case in DOUBLE_CASES],
    ids=[case[0] for case in DOUBLE_CASES],
)
def test_double_progression(
    history: list[Exposure],
    ladder: LoadLadder,
    action: Action,
    load: Mass,
    reps: tuple[int, int],
    words: list[str],
) -> None:
    decision = run(RuleName.DOUBLE, *history, ladder=ladder)
    assert (decision.rule, decision.action, decision.load) == (RuleName.DOUBLE, action, load)
    assert (decision.reps_min, decision.reps_max) == reps
    assert not decision.capped
    for word in words:
        assert word in decision.reason


TWO_FOR_TWO_CASES = [
    ("2 over on the last set twice in a row", ["100kg 5,5,7", "100kg 5,6,7"], Action.INCREASE_LOAD),
    ("only the latest session earned it", ["100kg 5,5,6", "100kg 5,5,7"], Action.HOLD),
    ("the latest session fell short", ["100kg 5,5,7", "100kg 5,5,6"], Action.ADD_REPS),
    ("the earlier session was at another load", ["95kg 5,5,8", "100kg 5,5,7"], Action.HOLD),
    ("one session is not two", ["100kg 5,5,9"], Action.HOLD),
]


@pytest.mark.parametrize(
    ("lines", "action"),
    [case[1:] for case in TWO_FOR_TWO_CASES],
    ids=[case[0] for case in TWO_FOR_TWO_CASES],
)
def test_two_for_two(lines: list[str], action: Action) -> None:
    days = range(-3 * len(lines), 0, 3)
    history = [exposure(day, line) for day, line in zip(days, lines, strict=True)]
    decision = run(RuleName.TWO_FOR_TWO, *history, target=STRENGTH)
    assert decision.action is action
    assert decision.load == (kg(105) if action is Action.INCREASE_LOAD else kg(100))
    assert (decision.reps_min, decision.reps_max) == (5, 5)


def test_two_for_two_reasons_name_the_reps() -> None:
    earned = run(
        RuleName.TWO_FOR_TWO,
        exposure(-5, "100kg 5,5,7"),
        exposure(-2, "100kg 5,6,8"),
        target=STRENGTH,
    )
    assert "(7 and 8 reps against 5)" in earned.reason
    assert "+5 kg to 105 kg" in earned.reason
    short = run(RuleName.TWO_FOR_TWO, exposure(-2, "100kg 5,5,6"), target=STRENGTH)
    assert "got 6 of the 7 reps" in short.reason


LINEAR_CASES = [
    ("every set hit the target", "100kg 5,5,5", Action.INCREASE_LOAD, kg(105), "hit 5 reps"),
    ("more than the target is a hit too", "100kg 7,6,5", Action.INCREASE_LOAD, kg(105), "+5 kg"),
    ("a miss holds the load", "100kg 5,5,4", Action.HOLD, kg(100), "set 3 got 4"),
    ("two misses are both named", "100kg 5,3,4", Action.HOLD, kg(100), "set 2 got 3, set 3 got 4"),
]


@pytest.mark.parametrize(
    ("line", "action", "load", "words"),
    [case[1:] for case in LINEAR_CASES],
    ids=[case[0] for case in LINEAR_CASES],
)
def test_linear_load(line: str, action: Action, load: Mass, words: str) -> None:
    decision = run(RuleName.LINEAR, exposure(-7, line), target=STRENGTH)
    assert (decision.action, decision.load) == (action, load)
    assert words in decision.reason


ADD, HOLD, HARDER = Action.ADD_REPS, Action.HOLD, Action.HARDER_VARIATION
DECLINE = "decline-push-up"
REPS_CASES = [
    # id, history ("DAYS LIFTED"), harder, action, reps
    ("a week on: one more rep than the fewest", ["-7 bw 10,10,9"], None, ADD, (10, 15)),
    ("this week's rep is already done", ["-10 bw 9,9,9", "-3 bw 11,10,10"], None, HOLD, (10, 15)),
    ("this week's rep is still to do", ["-10 bw 9,9,9", "-3 bw 9,9,9"], None, ADD, (10, 15)),
    ("the first week counts from day one", ["-5 bw 6,6,6", "-2 bw 6,6,5"], None, ADD, (7, 15)),
    ("below the range: the goal is still +1", ["-7 bw 4,3,3"], None, ADD, (4, 15)),
    ("the top, no harder variation: keep adding", ["-7 bw 15,15,15"], None, ADD, (16, 16)),
    ("the top with a harder variation: move on", ["-7 bw 15,15,15"], DECLINE, HARDER, (8, 15)),
    ("the top on only some sets: add reps", ["-7 bw 15,15,14"], DECLINE, ADD, (15, 15)),
]


@pytest.mark.parametrize(
    ("lines", "harder", "action", "reps"),
    [case[1:] for case in REPS_CASES],
    ids=[case[0] for case in REPS_CASES],
)
def test_reps_then_harder(
    lines: list[str], harder: str | None, action: Action, reps: tuple[int, int]
) -> None:
    history = [exposure(int(line.split()[0]), line.split(" ", 1)[1]) for line in lines]
    decision = run(
        RuleName.REPS_THEN_HARDER, *history, target=BW_TARGET, ladder=BODYWEIGHT, harder=harder
    )
    assert decision.action is action
    assert (decision.reps_min, decision.reps_max) == reps
    assert decision.load is None
    assert decision.harder == (harder if action is Action.HARDER_VARIATION else None)


def test_reps_then_harder_reasons() -> None:
    step = run(
        RuleName.REPS_THEN_HARDER, exposure(-7, "bw 10,10,9"), target=BW_TARGET, ladder=BODYWEIGHT
    )
    assert "Add one rep a week, then move to a harder variation: aim for 10 reps" in step.reason
    moved = run(
        RuleName.REPS_THEN_HARDER,
        exposure(-7, "bw 15,15,15"),
        target=BW_TARGET,
        ladder=BODYWEIGHT,
        harder="decline-push-up",
    )
    assert "harder variation, decline-push-up, starting at 8 reps" in moved.reason
    first_week = run(
        RuleName.REPS_THEN_HARDER,
        exposure(-5, "bw 6,6,6"),
        exposure(-2, "bw 6,6,5"),
        target=BW_TARGET,
        ladder=BODYWEIGHT,
    )
    assert "aim for 7 reps on every set (the fewest on 2026-10-28 was 6)." in first_week.reason


def test_reps_then_harder_keeps_an_added_load() -> None:
    decision = run(
        RuleName.REPS_THEN_HARDER, exposure(-7, "10kg 8,8,8"), target=BW_TARGET, ladder=BODYWEIGHT
    )
    assert (decision.action, decision.load, decision.reps_min) == (Action.ADD_REPS, kg(10), 9)


@pytest.mark.parametrize("rule", list(RuleName))
@pytest.mark.parametrize("ladder", [SQUAT_KG, BODYWEIGHT], ids=["barbell", "bodyweight"])
def test_no_history_calibrates(rule: RuleName, ladder: LoadLadder) -> None:
    decision = run(rule, ladder=ladder)
    assert (decision.rule, decision.action, decision.load) == (rule, Action.CALIBRATE, None)
    assert (decision.reps_min, decision.reps_max) == (8, 12)
    assert decision.reason.startswith("No history for this exercise yet: ")
    expected = "log the reps" if ladder is BODYWEIGHT else "keep the load that leaves 2-3"
    assert expected in decision.reason


def test_history_on_or_after_the_day_is_not_history() -> None:
    decision = run(RuleName.DOUBLE, exposure(0, "100kg 12,12,12"), exposure(3, "100kg 12,12,12"))
    assert decision.action is Action.CALIBRATE


def test_a_loaded_rule_without_a_logged_load_calibrates() -> None:
    decision = run(RuleName.LINEAR, exposure(-7, "bw 5,5,5"), target=STRENGTH)
    assert decision.action is Action.CALIBRATE
    assert decision.reason.startswith("No load was logged")


def test_timed_sets_hold() -> None:
    decision = run(RuleName.DOUBLE, exposure(-7, "20kg 3x30s"), ladder=DB_KG)
    assert (decision.action, decision.load) == (Action.HOLD, kg(20))
    assert "timed" in decision.reason


def test_history_order_does_not_matter() -> None:
    history = [exposure(-5, "100kg 5,5,7"), exposure(-2, "100kg 5,5,7")]
    forward = run(RuleName.TWO_FOR_TWO, *history, target=STRENGTH)
    assert run(RuleName.TWO_FOR_TWO, *reversed(history), target=STRENGTH) == forward


# --- the weekly cap --------------------------------------------------------------------


def test_cap_rounds_the_increase_down_to_the_plates() -> None:
    # 60 kg + 5 kg = 8.3% > 5%: the ceiling is 63 kg, and 62.5 kg is loadable (1.25 kg plates).
    decision = run(RuleName.DOUBLE, exposure(-7, "60kg 12,12,12 rir2"), cap=D("0.05"))
    assert (decision.action, decision.load, decision.capped) == (
        Action.INCREASE_LOAD,
        kg("62.5"),
        True,
    )
    assert (decision.reps_min, decision.reps_max) == (8, 12)
    assert decision.reason == (
        "All 3 sets reached 12 reps at RIR 2 or easier last time, but at most 63 kg is allowed "
        "(loads rise at most 5% a week, from 60 kg on 2026-10-26): +2.5 kg to 62.5 kg instead "
        "of 65 kg, back to 8 reps."
    )


def test_cap_adds_reps_when_no_loadable_step_fits() -> None:
    decision = run(
        RuleName.DOUBLE,
        exposure(-7, "60kg 12,12,12 rir2"),
        ladder=NO_SMALL_PLATES,
        cap=D("0.05"),
    )
    assert (decision.action, decision.load, decision.capped) == (Action.ADD_REPS, kg(60), True)
    assert (decision.reps_min, decision.reps_max) == (12, 13)
    assert decision.reason == (
        "All 3 sets reached 12 reps at RIR 2 or easier last time, but at most 63 kg is allowed "
        "(loads rise at most 5% a week, from 60 kg on 2026-10-26): keep 60 kg and add reps, "
        "12-13 reps a set, until 65 kg fits after 2 weeks at 60 kg."
    )


def test_cap_lets_a_step_within_it_through() -> None:
    decision = run(RuleName.DOUBLE, exposure(-7, "100kg 12,12,12 rir2"), cap=D("0.05"))
    assert (decision.load, decision.capped) == (kg(105), False)


def test_cap_counts_from_a_week_ago_not_the_last_session() -> None:
    history = [exposure(-9, "60kg 5,5,5"), exposure(-4, "62.5kg 5,5,5")]
    decision = run(RuleName.LINEAR, *history, target=STRENGTH, cap=D("0.05"))
    # The ceiling is 60 * 1.05 = 63 kg: 62.5 kg is already the most; nothing heavier fits.
    assert (decision.action, decision.load, decision.capped) == (Action.ADD_REPS, kg("62.5"), True)


def test_cap_holds_when_even_the_lightest_load_is_over_it() -> None:
    # 15 kg logged on a technique bar; the ladder starts at the 20 kg bar, over 15.75 kg.
    decision = run(RuleName.DOUBLE, exposure(-7, "15kg 12,12,12"), cap=D("0.05"))
    assert (decision.action, decision.load, decision.capped) == (Action.ADD_REPS, kg(15), True)


def test_cap_is_configurable() -> None:
    decision = run(RuleName.DOUBLE, exposure(-7, "60kg 12,12,12 rir2"), cap=D("0.10"))
    assert (decision.load, decision.capped) == (kg(65), False)


def test_cap_never_cuts_a_load_already_lifted() -> None:
    history = [exposure(-8, "60kg 12,12,12"), exposure(-2, "80kg 9,8,8")]
    decision = run(RuleName.DOUBLE, *history, cap=D("0.05"))
    assert (decision.action, decision.load, decision.capped) == (Action.ADD_REPS, kg(80), False)


CABLE_KG = ladder_for(build_exercise(equipment=(Equipment.CABLE,)), unit=KG)
TOP = "12,12,12 rir2"
"""The top of HYPERTROPHY's range at its RIR: double progression wants the next step."""


def held(load: str, *days: int) -> list[Exposure]:
    """`load` x TOP on each of `days` (negative: before TODAY)."""
    return [exposure(day, f"{load} {TOP}") for day in days]


HELD_CASES = [
    # id, history, ladder, action, load, capped
    ("dumbbells 20 kg, 1 week: 12.5% waits", held("20kg", -7), DB_KG, ADD, kg(20), True),
    ("dumbbells 20 kg, 2 weeks: still waits", held("20kg", -14, -7), DB_KG, ADD, kg(20), True),
    (
        "dumbbells 20 kg, 3 weeks: 22.5 kg",
        held("20kg", -21, -14, -7),
        DB_KG,
        Action.INCREASE_LOAD,
        kg("22.5"),
        False,
    ),
    (
        "twice a week for 3 weeks: 22.5 kg",
        held("20kg", -21, -17, -14, -10, -7, -3),
        DB_KG,
        Action.INCREASE_LOAD,
        kg("22.5"),
        False,
    ),
    ("20 days is 2 whole weeks", held("20kg", -20, -6), DB_KG, ADD, kg(20), True),
    ("a 5 kg stack step at 60 kg, 1 week", held("60kg", -7), CABLE_KG, ADD, kg(60), True),
    (
        "a 5 kg stack step at 60 kg, 2 weeks",
        held("60kg", -14, -7),
        CABLE_KG,
        Action.INCREASE_LOAD,
        kg(65),
        False,
    ),
    ("a 40 kg bench, 1 week: 6.25% waits", held("40kg", -7), BENCH_KG, ADD, kg(40), True),
    (
        "a 40 kg bench, 2 weeks",
        held("40kg", -14, -7),
        BENCH_KG,
        Action.INCREASE_LOAD,
        kg("42.5"),
        False,
    ),
    (
        "a 40 kg squat, 2 weeks: part of the 5 kg step",
        held("40kg", -14, -7),
        SQUAT_KG,
        Action.INCREASE_LOAD,
        kg("42.5"),
        True,
    ),
    (
        "a 40 kg squat, 3 weeks: the whole step",
        held("40kg", -21, -14, -7),
        SQUAT_KG,
        Action.INCREASE_LOAD,
        kg(45),
        False,
    ),
    (
        "a lighter day restarts the weeks",
        [*held("20kg", -28, -21), *held("17.5kg", -14), *held("20kg", -7)],
        DB_KG,
        ADD,
        kg(20),
        True,
    ),
]


@pytest.mark.parametrize(
    ("history", "ladder", "action", "load", "capped"),
    [case[1:] for case in HELD_CASES],
    ids=[case[0] for case in HELD_CASES],
)
def test_a_step_over_the_cap_comes_once_the_load_was_held_long_enough(
    history: list[Exposure], ladder: LoadLadder, action: Action, load: Mass, capped: bool
) -> None:
    decision = run(RuleName.DOUBLE, *history, ladder=ladder, cap=D("0.05"))
    assert (decision.action, decision.load, decision.capped) == (action, load, capped)


HELD_REASONS = [
    (
        held("20kg", -14, -7),
        DB_KG,
        "All 3 sets reached 12 reps at RIR 2 or easier last time, but after 2 weeks at 20 kg, "
        "at most 22 kg is allowed (loads rise at most 5% a week on average): keep 20 kg and "
        "add reps, 12-13 reps a set, until 22.5 kg fits after 3 weeks at 20 kg.",
    ),
    (
        held("20kg", -21, -14, -7),
        DB_KG,
        "All 3 sets reached 12 reps at RIR 2 or easier last time, and after 3 weeks at 20 kg, "
        "at most 23 kg is allowed (loads rise at most 5% a week on average): +2.5 kg to "
        "22.5 kg, back to 8 reps.",
    ),
    (
        held("40kg", -14, -7),
        SQUAT_KG,
        "All 3 sets reached 12 reps at RIR 2 or easier last time, but after 2 weeks at 40 kg, "
        "at most 44 kg is allowed (loads rise at most 5% a week on average): +2.5 kg to "
        "42.5 kg instead of 45 kg, back to 8 reps.",
    ),
    (
        held("100kg", -14, -7),
        SQUAT_KG,
        "All 3 sets reached 12 reps at RIR 2 or easier last time: +5 kg to 105 kg, back to 8 reps.",
    ),
]


@pytest.mark.parametrize(
    ("history", "ladder", "reason"),
    HELD_REASONS,
    ids=["waiting", "let through by the weeks held", "part of the step", "within 5%: no word"],
)
def test_the_reason_says_what_the_weeks_held_allow(
    history: list[Exposure], ladder: LoadLadder, reason: str
) -> None:
    assert run(RuleName.DOUBLE, *history, ladder=ladder, cap=D("0.05")).reason == reason


def test_a_cap_of_0_never_says_when() -> None:
    decision = run(RuleName.DOUBLE, *held("20kg", -21, -14, -7), ladder=DB_KG, cap=D(0))
    assert (decision.action, decision.load, decision.capped) == (ADD, kg(20), True)
    assert "until" not in decision.reason
    assert decision.reason.endswith("keep 20 kg and add reps, 12-13 reps a set.")


@pytest.mark.parametrize("cap", [D("-0.01"), D("NaN")])
def test_a_bad_cap_is_refused(cap: Decimal) -> None:
    with pytest.raises(ProgressionError) as info:
        run(RuleName.DOUBLE, exposure(-7, "100kg 12"), cap=cap)
    assert info.value.field == "weekly_cap"


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ProgressionError) as info:
        decide("nope", RuleInput((), HYPERTROPHY, SQUAT_KG, TODAY))  # type: ignore[arg-type]
    assert info.value.field == "rule"


@pytest.mark.parametrize(
    ("sets", "low", "high", "rir"), [(0, 8, 12, 2), (3, 0, 12, 2), (3, 12, 8, 2), (3, 8, 12, -1)]
)
def test_a_bad_target_is_refused(sets: int, low: int, high: int, rir: int) -> None:
    with pytest.raises(ProgressionError):
        Target(sets, low, high, rir)


def test_rules_are_registered_by_name() -> None:
    assert set(RULES) == set(RuleName)
    data = RuleInput((exposure(-7, "100kg 12,12,11"),), HYPERTROPHY, SQUAT_KG, TODAY)
    assert RULES[RuleName.DOUBLE](data) == decide(RuleName.DOUBLE, data)
    with pytest.raises(TypeError):
        RULES[RuleName.DOUBLE] = RULES[RuleName.LINEAR]  # type: ignore[index]


# --- the default rule ------------------------------------------------------------------

CURL = build_exercise(
    id="barbell-curl",
    name="Barbell Curl",
    pattern=Pattern.ELBOW_FLEXION,
    region=Region.ARMS,
    mechanic=Mechanic.ISOLATION,
    equipment=(Equipment.BARBELL,),
)
LEG_PRESS = build_exercise(id="leg-press", name="Leg Press", equipment=(Equipment.LEG_PRESS,))
BAND_ROW = build_exercise(
    id="band-row", name="Band Row", region=Region.BACK, equipment=(Equipment.BANDS,)
)

DEFAULT_CASES = [
    (PUSH_UP, Goal.STRENGTH, Level.ADVANCED, RuleName.REPS_THEN_HARDER),
    (BAND_ROW, Goal.HYPERTROPHY, Level.BEGINNER, RuleName.REPS_THEN_HARDER),
    (SQUAT, Goal.HYPERTROPHY, Level.BEGINNER, RuleName.LINEAR),
    (SQUAT, Goal.STRENGTH, Level.INTERMEDIATE, RuleName.TWO_FOR_TWO),
    (SQUAT, Goal.HYPERTROPHY, Level.INTERMEDIATE, RuleName.DOUBLE),
    (CURL, Goal.HYPERTROPHY, Level.BEGINNER, RuleName.DOUBLE),
    (DB_ROW, Goal.STRENGTH, Level.BEGINNER, RuleName.TWO_FOR_TWO),
    (LEG_PRESS, Goal.GENERAL, Level.BEGINNER, RuleName.DOUBLE),
]


@pytest.mark.parametrize(("exercise", "goal", "level", "rule"), DEFAULT_CASES)
def test_default_rule(exercise: Exercise, goal: Goal, level: Level, rule: RuleName) -> None:
    assert default_rule(exercise, goal, level) is rule


# --- invariants ------------------------------------------------------------------------

LADDERS = [
    SQUAT_KG,
    SQUAT_LB,
    BENCH_KG,
    DB_KG,
    NO_SMALL_PLATES,
    ladder_for(DB_ROW, unit=LB),
    ladder_for(LEG_PRESS, unit=KG),
    ladder_for(build_exercise(equipment=(Equipment.CABLE,)), unit=KG),
    LoadLadder(LadderKind.DUMBBELL, kg(2), dumbbells=DumbbellSet((kg(8), kg(12), kg(16), kg(24)))),
]


@st.composite
def rule_inputs(draw: st.DrawFn) -> RuleInput:
    ladder = draw(st.sampled_from(LADDERS))
    low = draw(st.integers(1, 12))
    target = Target(
        draw(st.integers(1, 5)), low, draw(st.integers(low, 20)), draw(st.integers(0, 4))
    )
    gaps = draw(st.lists(st.integers(1, 9), min_size=1, max_size=5))
    history = []
    day = TODAY
    for gap in reversed(gaps):
        day -= timedelta(days=gap)
        raw = Mass(draw(st.decimals(0, 300, places=2)))
        modes = st.sampled_from([*Rounding, None])  # None: a load off the athlete's ladder
        mode = draw(modes)
        load = raw if mode is None else ladder.round(raw, mode)
        reps = draw(st.lists(st.integers(1, 25), min_size=1, max_size=5))
        rir = draw(st.none() | st.integers(0, 5).map(D))
        sets = tuple(WorkSet(r, load, rir) for r in reps)
        history.append(Exposure(day, sets, *draw(st.sampled_from([(None,) * 3, (low, 12, 2)]))))
    return RuleInput(tuple(reversed(history)), target, ladder, TODAY)


@settings(max_examples=300, deadline=None)
@given(
    data=rule_inputs(),
    rule=st.sampled_from(list(RuleName)),
    cap=st.sampled_from([D(0), D("0.025"), D("0.05"), D("0.1")]),
)
def test_decide_never_raises_the_load_above_the_weekly_ceiling(
    data: RuleInput, rule: RuleName, cap: Decimal
) -> None:
    decision = decide(rule, data, weekly_cap=cap)
    previous = working_load(data.history[-1])
    ceiling = weekly_ceiling(data.history, data.on, cap)
    assert 1 <= decision.reps_min <= decision.reps_max
    assert decision.reason.endswith(".")
    assert "\n" not in decision.reason
    if decision.load is not None and previous is not None and decision.load > previous:
        if ceiling is None:  # only 0 kg so far: a percentage of nothing caps nothing
            assert all(s.load == Mass.zero() for e in data.history for s in e.sets)
        else:
            assert decision.load <= ceiling
        assert decision.action is Action.INCREASE_LOAD
    if decision.action is Action.INCREASE_LOAD:
        assert decision.load is not None
        assert previous is not None
        assert decision.load > previous
        assert data.ladder.round(decision.load) == decision.load


@settings(max_examples=200, deadline=None)
@given(data=rule_inputs())
def test_the_top_of_the_range_always_earns_more_without_a_cap(data: RuleInput) -> None:
    latest = data.history[-1]
    top = latest.target_reps_max or data.target.reps_max
    sets = tuple(WorkSet(top, s.load, None) for s in latest.sets)
    history = (*data.history[:-1], replace(latest, sets=sets))
    decision = decide(RuleName.DOUBLE, replace(data, history=history), weekly_cap=NO_CAP)
    load = working_load(latest)
    assert load is not None
    heavier = data.ladder.up(load)
    expected = Action.ADD_REPS if heavier is None else Action.INCREASE_LOAD
    assert (decision.action, decision.load) == (expected, heavier or load)


# --- the weekly cap over time: simulated athletes who do what decide() prescribes ---------


def _performed(history: list[Exposure]) -> list[tuple[date, Mass]]:
    loads = [(e.on, working_load(e)) for e in history]
    return [(on, load) for on, load in loads if load is not None]


@settings(max_examples=300, deadline=None)
@given(
    ladder=st.sampled_from(LADDERS),
    rule=st.sampled_from([RuleName.DOUBLE, RuleName.TWO_FOR_TWO, RuleName.LINEAR]),
    cap=st.sampled_from([D(0), D("0.025"), D("0.05"), D("0.1")]),
    start=st.decimals(1, 200, places=2).map(Mass),
    on_ladder=st.booleans(),
    gaps=st.lists(st.integers(1, 10), min_size=1, max_size=30),
    data=st.data(),
)
def test_loads_never_rise_more_than_the_cap_a_week_compounded(
    ladder: LoadLadder,
    rule: RuleName,
    cap: Decimal,
    start: Mass,
    on_ladder: bool,
    gaps: list[int],
    data: st.DataObject,
) -> None:
    """For a load a first lifted on day d and any later load b on day e:
    b <= a x (1 + cap) ** ceil((e - d) / 7 days), i.e. never more than the cap a week,
    compounded. (Counted from the day a load was *first* lifted: a step over the cap is
    allowed after holding the load for weeks, and may follow the last day at the old load
    by only a few days.)"""
    target = STRENGTH if rule is RuleName.TWO_FOR_TWO else HYPERTROPHY
    first = ladder.round(start) if on_ladder else start
    history = [Exposure(TODAY, (WorkSet(target.reps_max, first, None),) * 3)]
    on = TODAY
    for gap in gaps:
        on += timedelta(days=gap)
        decision = decide(rule, RuleInput(tuple(history), target, ladder, on), weekly_cap=cap)
        assert decision.load is not None
        reps = data.draw(st.integers(max(1, decision.reps_min - 2), decision.reps_max + 3))
        rir = data.draw(st.sampled_from([None, D(target.rir)]))
        sets = (WorkSet(reps, decision.load, rir),) * target.sets
        history.append(Exposure(on, sets, target.reps_min, target.reps_max, target.rir))
    performed = _performed(history)
    growth = 1 + Fraction(cap)
    for i, (day_a, a) in enumerate(performed):
        if (i and performed[i - 1][1] == a) or a.kg == 0:
            continue  # count from the first day at a load; a percentage of 0 kg is nothing
        for day_b, b in performed[i + 1 :]:
            assert b >= performed[i][1]  # the cap never cuts a load already lifted
            weeks = math.ceil((day_b - day_a).days / 7)
            assert Fraction(b.kg) <= Fraction(a.kg) * growth**weeks, (day_a, a, day_b, b)


@settings(max_examples=300, deadline=None)
@given(
    ladder=st.sampled_from(LADDERS),
    cap=st.sampled_from([D("0.025"), D("0.05"), D("0.1")]),
    start=st.decimals(1, 200, places=2).map(Mass),
    gap=st.integers(1, 7),
)
def test_the_cap_never_blocks_the_next_step_for_ever(
    ladder: LoadLadder, cap: Decimal, start: Mass, gap: int
) -> None:
    """An athlete at the top of the range every session gets the next loadable step at
    the latest on the first session once the load has been held the weeks it needs."""
    load = ladder.round(start)
    heavier = ladder.up(load)
    if heavier is None:  # the top of the rack
        return
    needed = weeks_to_fit(heavier, load, cap) if load.kg > 0 else 0  # 0 kg caps nothing
    assert needed is not None
    history = [Exposure(TODAY, (WorkSet(12, load, None),) * 3)]
    deadline = TODAY + timedelta(weeks=max(needed, 1), days=gap - 1)
    on = TODAY + timedelta(days=gap)
    decision = run_on(on, history, ladder, cap)
    while decision.load == load and on < deadline:
        assert decision.capped
        assert f"until {heavier.format(ladder.unit, 2)} fits after" in decision.reason
        history.append(Exposure(on, (WorkSet(12, load, None),) * 3))
        on += timedelta(days=gap)
        decision = run_on(on, history, ladder, cap)
    assert decision.action is Action.INCREASE_LOAD, decision.reason
    assert decision.load is not None
    assert load < decision.load <= heavier


def run_on(on: date, history: list[Exposure], ladder: LoadLadder, cap: Decimal) -> Decision:
    return decide(
        RuleName.DOUBLE, RuleInput(tuple(history), HYPERTROPHY, ladder, on), weekly_cap=cap
    )
