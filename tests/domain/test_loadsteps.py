"""Load ladders: the progression step by equipment, rounding, one step up and down."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.domain.exercise import Exercise
from redwood.domain.loadsteps import LadderKind, LoadLadder, LoadStepError, ladder_for
from redwood.domain.mass import Mass, Unit
from redwood.domain.plates import DumbbellSet, PlateSet, Rounding
from redwood.domain.vocab import Equipment, Pattern, Region
from tests.domain.conftest import build_exercise

D = Decimal
KG, LB = Unit.KG, Unit.LB
E = Equipment


def kg(value: Decimal | str | int) -> Mass:
    return Mass.of(value, KG)


def lb(value: Decimal | str | int) -> Mass:
    return Mass.of(value, LB)


def move(equipment: tuple[Equipment, ...], region: Region, pattern: Pattern) -> Exercise:
    return build_exercise(equipment=equipment, region=region, pattern=pattern)


LEGS, BACK, PUSH = Region.LEGS, Region.BACK, Region.PUSH
SQUAT, HINGE, ROW = Pattern.SQUAT, Pattern.HINGE, Pattern.HORIZONTAL_PULL
PRESS, PULL = Pattern.HORIZONTAL_PUSH, Pattern.VERTICAL_PULL

K = LadderKind
ARMS, CURL, OHP = Region.ARMS, Pattern.ELBOW_FLEXION, Pattern.VERTICAL_PUSH

LADDER_CASES = [
    # id, equipment, region, pattern, unit, kind, step
    ("back squat", (E.BARBELL, E.SQUAT_RACK), LEGS, SQUAT, KG, K.BARBELL, kg(5)),
    ("back squat in lb", (E.BARBELL, E.SQUAT_RACK), LEGS, SQUAT, LB, K.BARBELL, lb(10)),
    ("bench press", (E.BARBELL, E.BENCH), PUSH, PRESS, KG, K.BARBELL, kg("2.5")),
    ("barbell row in lb", (E.BARBELL,), BACK, ROW, LB, K.BARBELL, lb(5)),
    ("good morning: a hinge is lower body", (E.BARBELL,), BACK, HINGE, KG, K.BARBELL, kg(5)),
    ("trap bar deadlift", (E.TRAP_BAR,), LEGS, HINGE, KG, K.BARBELL, kg(5)),
    ("smith machine squat", (E.SMITH_MACHINE,), LEGS, SQUAT, LB, K.BARBELL, lb(10)),
    ("EZ-bar curl", (E.EZ_BAR,), ARMS, CURL, KG, K.BARBELL, kg("2.5")),
    ("dumbbell row", (E.DUMBBELLS, E.BENCH), BACK, ROW, KG, K.DUMBBELL, kg("2.5")),
    ("kettlebell swing in lb", (E.KETTLEBELL,), LEGS, HINGE, LB, K.DUMBBELL, lb(5)),
    ("lat pulldown", (E.LAT_PULLDOWN,), BACK, PULL, KG, K.STACK, kg(5)),
    ("cable row in lb", (E.CABLE,), BACK, ROW, LB, K.STACK, lb(10)),
    ("leg curl", (E.LEG_CURL,), LEGS, Pattern.KNEE_FLEXION, KG, K.STACK, kg(5)),
    ("leg press", (E.LEG_PRESS,), LEGS, SQUAT, KG, K.FREE, kg(10)),
    ("hack squat in lb", (E.HACK_SQUAT,), LEGS, SQUAT, LB, K.FREE, lb(20)),
    ("landmine press", (E.BARBELL, E.LANDMINE), PUSH, OHP, KG, K.FREE, kg("2.5")),
    ("push-up", (E.NONE,), PUSH, PRESS, KG, K.NONE, Mass.zero()),
    ("band row", (E.BANDS,), BACK, ROW, LB, K.NONE, Mass.zero()),
    ("pull-up", (E.PULLUP_BAR,), BACK, PULL, KG, K.NONE, Mass.zero()),
    ("pull-up with a dumbbell", (E.PULLUP_BAR, E.DUMBBELLS), BACK, PULL, KG, K.DUMBBELL, kg("2.5")),
]


@pytest.mark.parametrize(
    ("equipment", "region", "pattern", "unit", "kind", "step"),
    [case[1:] for case in LADDER_CASES],
    ids=[case[0] for case in LADDER_CASES],
)
def test_ladder_for(
    equipment: tuple[Equipment, ...],
    region: Region,
    pattern: Pattern,
    unit: Unit,
    kind: LadderKind,
    step: Mass,
) -> None:
    ladder = ladder_for(move(equipment, region, pattern), unit=unit)
    assert (ladder.kind, ladder.step) == (kind, step)
    if kind is not LadderKind.NONE:
        assert ladder.unit is unit


def test_ladder_for_uses_the_athletes_equipment() -> None:
    home = PlateSet.create(kg(15), [kg(10), kg(5)])
    squat = ladder_for(build_exercise(), unit=KG, plates=home)
    assert squat.plates is home
    rack = DumbbellSet((kg(8), kg(12), kg(16)))
    row = ladder_for(move((E.KETTLEBELL,), BACK, ROW), unit=KG, dumbbells=rack)
    assert (row.dumbbells, row.step) == (rack, kg(4))
    pulldown = ladder_for(move((E.LAT_PULLDOWN,), BACK, PULL), unit=KG, stack_step=kg("2.5"))
    assert (pulldown.step, pulldown.stack_min) == (kg("2.5"), kg("2.5"))


def test_defaults_are_the_standard_sets() -> None:
    assert ladder_for(build_exercise(), unit=LB).plates == PlateSet.standard(LB)
    dumbbells = ladder_for(move((E.DUMBBELLS,), BACK, ROW), unit=KG).dumbbells
    assert dumbbells == DumbbellSet.standard(KG)


SQUAT_KG = ladder_for(build_exercise(), unit=KG)
SQUAT_LB = ladder_for(build_exercise(), unit=LB)
BENCH_KG = ladder_for(move((E.BARBELL, E.BENCH), PUSH, PRESS), unit=KG)
DB_KG = ladder_for(move((E.DUMBBELLS,), BACK, ROW), unit=KG)
DB_LB = ladder_for(move((E.DUMBBELLS,), BACK, ROW), unit=LB)
STACK_KG = ladder_for(move((E.CABLE,), BACK, ROW), unit=KG)
STACK_LB = ladder_for(move((E.CABLE,), BACK, ROW), unit=LB)
PRESS_KG = ladder_for(move((E.LEG_PRESS,), LEGS, SQUAT), unit=KG)
PRESS_LB = ladder_for(move((E.LEG_PRESS,), LEGS, SQUAT), unit=LB)
NONE = ladder_for(move((E.NONE,), PUSH, PRESS), unit=KG)
ONE_PAIR = LoadLadder(
    LadderKind.BARBELL, kg(5), plates=PlateSet.create(kg(20), [kg(20)], {kg(20): 1})
)
"""A bar with one pair of 20 kg plates: it makes 20 kg and 60 kg, nothing else."""
BIG_PLATES = LoadLadder(LadderKind.BARBELL, kg(5), plates=PlateSet.create(kg(20), [kg(20), kg(10)]))
"""Unlimited 20 and 10 kg plates: every 20 kg from the bar up, no 5 kg step."""

ROUND_CASES = [
    ("barbell: nearest", SQUAT_KG, kg(61), Rounding.NEAREST, kg(60)),
    ("barbell: a tie goes down", SQUAT_KG, kg("61.25"), Rounding.NEAREST, kg(60)),
    ("barbell: down", SQUAT_KG, kg(62), Rounding.DOWN, kg(60)),
    ("barbell: up", SQUAT_KG, kg("60.1"), Rounding.UP, kg("62.5")),
    ("barbell: below the bar is the bar", SQUAT_KG, kg(10), Rounding.DOWN, kg(20)),
    ("barbell in lb: 2.5 lb plates make 5 lb steps", SQUAT_LB, lb(138), Rounding.DOWN, lb(135)),
    ("limited plates: above the most is the most", ONE_PAIR, kg(100), Rounding.UP, kg(60)),
    ("dumbbells: nearest", DB_KG, kg(13), Rounding.NEAREST, kg("12.5")),
    ("dumbbells: below the lightest", DB_KG, kg(1), Rounding.DOWN, kg("2.5")),
    ("dumbbells: above the heaviest", DB_KG, kg(60), Rounding.UP, kg(50)),
    ("stack: nearest pin", STACK_KG, kg(17), Rounding.NEAREST, kg(15)),
    ("stack: below the first pin", STACK_KG, kg(2), Rounding.DOWN, kg(5)),
    ("plate-loaded: pairs of the smallest plate", PRESS_KG, kg(101), Rounding.NEAREST, kg(100)),
    ("plate-loaded: up", PRESS_KG, kg("101.3"), Rounding.UP, kg("102.5")),
    ("plate-loaded in lb", PRESS_LB, lb(183), Rounding.DOWN, lb(180)),
    ("bodyweight: unchanged", NONE, kg("37.3"), Rounding.DOWN, kg("37.3")),
]


@pytest.mark.parametrize(
    ("ladder", "load", "mode", "rounded"),
    [case[1:] for case in ROUND_CASES],
    ids=[case[0] for case in ROUND_CASES],
)
def test_round(ladder: LoadLadder, load: Mass, mode: Rounding, rounded: Mass) -> None:
    assert ladder.round(load, mode) == rounded


UP_CASES = [
    ("barbell lower body", SQUAT_KG, kg(60), kg(65)),
    ("off the ladder: the step, rounded down", SQUAT_KG, kg(61), kg(65)),
    ("barbell in lb", SQUAT_LB, lb(135), lb(145)),
    ("barbell upper body", BENCH_KG, kg(40), kg("42.5")),
    ("below the bar: the bar", SQUAT_KG, kg(10), kg(20)),
    ("plates cannot make the step: the next load they can", BIG_PLATES, kg(60), kg(80)),
    ("one pair of plates", ONE_PAIR, kg(20), kg(60)),
    ("nothing above the most a limited set makes", ONE_PAIR, kg(60), None),
    ("dumbbells: the next pair", DB_KG, kg(10), kg("12.5")),
    ("dumbbells between pairs: the next pair", DB_KG, kg(11), kg("12.5")),
    ("dumbbells in lb", DB_LB, lb(25), lb(30)),
    ("the heaviest dumbbell", DB_KG, kg(50), None),
    ("stack", STACK_KG, kg(40), kg(45)),
    ("stack in lb", STACK_LB, lb(90), lb(100)),
    ("plate-loaded", PRESS_KG, kg(100), kg(110)),
    ("bodyweight", NONE, kg(10), None),
]


@pytest.mark.parametrize(
    ("ladder", "load", "heavier"),
    [case[1:] for case in UP_CASES],
    ids=[case[0] for case in UP_CASES],
)
def test_up(ladder: LoadLadder, load: Mass, heavier: Mass | None) -> None:
    assert ladder.up(load) == heavier


DOWN_CASES = [
    ("barbell", SQUAT_KG, kg(60), kg(55)),
    ("never below the bar", SQUAT_KG, kg(22), kg(20)),
    ("the bar stays the bar", SQUAT_KG, kg(20), kg(20)),
    ("barbell in lb", SQUAT_LB, lb(135), lb(125)),
    ("dumbbells: the next lighter pair", DB_KG, kg("12.5"), kg(10)),
    ("the lightest dumbbell", DB_KG, kg("2.5"), kg("2.5")),
    ("stack", STACK_KG, kg(40), kg(35)),
    ("the first pin", STACK_KG, kg(5), kg(5)),
    ("plate-loaded", PRESS_KG, kg(100), kg(90)),
    ("bodyweight", NONE, kg(10), kg(10)),
]


@pytest.mark.parametrize(
    ("ladder", "load", "lighter"),
    [case[1:] for case in DOWN_CASES],
    ids=[case[0] for case in DOWN_CASES],
)
def test_down(ladder: LoadLadder, load: Mass, lighter: Mass) -> None:
    assert ladder.down(load) == lighter


PLATE_CASES = [
    ("the spec's example", SQUAT_KG, kg("102.5"), (kg(25), kg(15), kg("1.25"))),
    ("the bar alone", SQUAT_KG, kg(20), ()),
    ("not loadable", SQUAT_KG, kg(21), None),
    ("below the bar", SQUAT_KG, kg(10), None),
    ("pounds", SQUAT_LB, lb(225), (lb(45), lb(45))),
    ("not a barbell", DB_KG, kg(20), None),
    ("plate-loaded machines give no plate list", PRESS_KG, kg(100), None),
]


@pytest.mark.parametrize(
    ("ladder", "load", "plates"),
    [case[1:] for case in PLATE_CASES],
    ids=[case[0] for case in PLATE_CASES],
)
def test_plates_per_side(ladder: LoadLadder, load: Mass, plates: tuple[Mass, ...] | None) -> None:
    assert ladder.plates_per_side(load) == plates


def test_unit_comes_from_the_equipment() -> None:
    assert [x.unit for x in (SQUAT_KG, SQUAT_LB, DB_LB, STACK_LB, PRESS_LB, NONE)] == [
        KG,
        LB,
        LB,
        LB,
        LB,
        KG,
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": LadderKind.BARBELL, "step": kg(5)}, "plates"),
        ({"kind": LadderKind.DUMBBELL, "step": kg("2.5")}, "dumbbells"),
        ({"kind": LadderKind.STACK, "step": Mass.zero()}, "step"),
        ({"kind": LadderKind.NONE, "step": kg(-1)}, "step"),
        ({"kind": LadderKind.STACK, "step": kg(5), "stack_min": kg(-5)}, "stack_min"),
    ],
)
def test_a_wrong_ladder_is_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(LoadStepError) as info:
        LoadLadder(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


# --- invariants ------------------------------------------------------------------------

LADDERS = [SQUAT_KG, SQUAT_LB, BENCH_KG, DB_KG, DB_LB, STACK_KG, STACK_LB, PRESS_KG, PRESS_LB]
"""Standard equipment: every step is a whole number of the finest change."""
ODD_LADDERS = [ONE_PAIR, BIG_PLATES]
loads = st.decimals(0, 400, places=3).map(Mass)
modes = st.sampled_from(list(Rounding))


@settings(max_examples=300, deadline=None)
@given(ladder=st.sampled_from(LADDERS + ODD_LADDERS + [NONE]), load=loads, mode=modes)
def test_round_is_idempotent_and_ordered(ladder: LoadLadder, load: Mass, mode: Rounding) -> None:
    rounded = ladder.round(load, mode)
    assert all(ladder.round(rounded, again) == rounded for again in Rounding)
    down, near, up = (ladder.round(load, m) for m in (Rounding.DOWN, Rounding.NEAREST, Rounding.UP))
    assert down <= near <= up


@settings(max_examples=300, deadline=None)
@given(ladder=st.sampled_from(LADDERS + ODD_LADDERS), load=loads)
def test_up_is_heavier_and_loadable(ladder: LoadLadder, load: Mass) -> None:
    heavier = ladder.up(load)
    if heavier is not None:
        assert heavier > load
        assert ladder.round(heavier) == heavier
    lighter = ladder.down(load)
    assert ladder.round(lighter) == lighter
    assert lighter <= max(load, ladder.round(Mass.zero(), Rounding.UP))


@settings(max_examples=300, deadline=None)
@given(ladder=st.sampled_from(LADDERS), load=loads)
def test_a_loadable_load_steps_up_by_the_step_and_back(ladder: LoadLadder, load: Mass) -> None:
    start = ladder.round(load)
    heavier = ladder.up(start)
    if heavier is None:  # only at the top of a rack
        assert ladder.kind is LadderKind.DUMBBELL
        return
    if ladder.kind is not LadderKind.DUMBBELL:
        assert heavier == start + ladder.step
    assert ladder.down(heavier) == start
