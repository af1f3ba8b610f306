"""Plate math, dumbbell racks and machine stacks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.domain.mass import Mass, Unit
from redwood.domain.plates import (
    DEFAULT_KG_DUMBBELLS,
    DEFAULT_KG_PLATES,
    DEFAULT_LB_DUMBBELLS,
    DEFAULT_LB_PLATES,
    DumbbellSet,
    PlateError,
    PlateSet,
    Rounding,
    kettlebells,
    next_dumbbell,
    plates_per_side,
    round_dumbbell,
    round_stack,
    round_to_plates,
)

D = Decimal
KG = Unit.KG
LB = Unit.LB


def kg(value: Decimal | str | int) -> Mass:
    return Mass.of(value, KG)


def lb(value: Decimal | str | int) -> Mass:
    return Mass.of(value, LB)


def kgs(*values: Decimal | str | int) -> tuple[Mass, ...]:
    return tuple(kg(v) for v in values)


STANDARD = PlateSet.standard(KG)
STANDARD_LB = PlateSet.standard(LB)


def test_defaults() -> None:
    assert D("25") in DEFAULT_KG_PLATES
    assert tuple(sorted(DEFAULT_KG_PLATES, reverse=True)) == DEFAULT_KG_PLATES
    assert (D(45), D(35), D(25), D(10), D(5), D("2.5")) == DEFAULT_LB_PLATES
    assert STANDARD.bar == kg(20)
    assert STANDARD_LB.bar == lb(45)
    assert DEFAULT_KG_DUMBBELLS.weights[0] == kg("2.5")
    assert DEFAULT_KG_DUMBBELLS.weights[-1] == kg(50)
    assert len(DEFAULT_KG_DUMBBELLS.weights) == 20
    assert DEFAULT_LB_DUMBBELLS.weights[0] == lb(5)
    assert DEFAULT_LB_DUMBBELLS.weights[-1] == lb(100)


def test_142_5_kg() -> None:
    loading = plates_per_side(kg("142.5"), STANDARD)
    assert loading.per_side == kgs(25, 20, 15, "1.25")
    assert loading.total == kg("142.5")
    assert loading.exact


def test_225_lb_is_two_45s_a_side() -> None:
    loading = plates_per_side(lb(225), STANDARD_LB)
    assert loading.per_side == (lb(45), lb(45))
    assert loading.total.format(LB) == "225 lb"
    assert loading.exact


def test_the_bar_alone() -> None:
    assert plates_per_side(kg(20), STANDARD) == plates_per_side(kg(20), STANDARD)
    loading = plates_per_side(kg(20), STANDARD)
    assert loading.per_side == ()
    assert loading.exact


@pytest.mark.parametrize(
    ("target", "per_side"),
    [
        (kg(60), kgs(20)),
        (kg(100), kgs(25, 15)),
        (kg("102.5"), kgs(25, 15, "1.25")),
        (kg(120), kgs(25, 25)),
        (kg(220), kgs(25, 25, 25, 25)),
        (kg("22.5"), kgs("1.25")),
    ],
)
def test_exact_loadings_fewest_plates(target: Mass, per_side: tuple[Mass, ...]) -> None:
    assert plates_per_side(target, STANDARD).per_side == per_side


def test_not_greedy_when_a_size_is_missing() -> None:
    plates = PlateSet.create(kg(20), kgs(25, 20, 15))
    loading = plates_per_side(kg(140), plates)
    assert loading.exact
    assert loading.per_side == kgs(25, 20, 15)


def test_limited_pairs() -> None:
    plates = PlateSet.create(kg(20), kgs(25, 10, 5), pairs={kg(25): 1, kg(10): 1})
    assert plates.pairs == (1, 1, None)
    loading = plates_per_side(kg(120), plates)
    assert loading.per_side == kgs(25, 10, 5, 5, 5)
    assert loading.exact


def test_inexact_target_gives_nearest_below() -> None:
    loading = plates_per_side(kg(101), STANDARD)
    assert not loading.exact
    assert loading.total == kg(100)
    limited = PlateSet.create(kg(20), kgs(20), pairs={kg(20): 2})
    most = plates_per_side(kg(200), limited)
    assert most.total == kg(100)
    assert not most.exact


def test_target_below_bar_refused() -> None:
    with pytest.raises(PlateError, match="15 kg is less than the 20 kg bar"):
        plates_per_side(kg(15), STANDARD)


@pytest.mark.parametrize(
    ("target", "mode", "expected"),
    [
        (kg("101.9"), Rounding.NEAREST, kg("102.5")),
        (kg("101.2"), Rounding.NEAREST, kg(100)),
        (kg("101.25"), Rounding.NEAREST, kg(100)),
        (kg("101.9"), Rounding.DOWN, kg(100)),
        (kg("100.1"), Rounding.UP, kg("102.5")),
        (kg(100), Rounding.UP, kg(100)),
        (kg(10), Rounding.NEAREST, kg(20)),
        (kg(10), Rounding.UP, kg(20)),
    ],
)
def test_round_to_plates(target: Mass, mode: Rounding, expected: Mass) -> None:
    assert round_to_plates(target, STANDARD, mode) == expected


def test_round_to_plates_refusals() -> None:
    with pytest.raises(PlateError, match="no load at or below 10 kg"):
        round_to_plates(kg(10), STANDARD, Rounding.DOWN)
    limited = PlateSet.create(kg(20), kgs(20), pairs={kg(20): 2})
    assert round_to_plates(kg(300), limited) == kg(100)
    with pytest.raises(PlateError, match="the most is 100 kg"):
        round_to_plates(kg(300), limited, Rounding.UP)


def test_round_to_pound_plates() -> None:
    assert round_to_plates(lb(228), STANDARD_LB).format(LB) == "230 lb"
    assert round_to_plates(lb(226), STANDARD_LB).format(LB) == "225 lb"


@pytest.mark.parametrize(
    ("bar", "plates", "fragment"),
    [
        (kg(-1), kgs(20), "bar"),
        (kg(20), kgs(10, 20), "heaviest first"),
        (kg(20), kgs(20, 20), "heaviest first"),
        (kg(20), (kg(0),), "more than 0"),
    ],
)
def test_bad_plate_sets(bar: Mass, plates: tuple[Mass, ...], fragment: str) -> None:
    with pytest.raises(PlateError, match=fragment):
        PlateSet(bar, plates)


def test_create_checks_pairs() -> None:
    with pytest.raises(PlateError, match="not in the set"):
        PlateSet.create(kg(20), kgs(20), pairs={kg(10): 1})
    with pytest.raises(PlateError, match="once"):
        PlateSet.create(kg(20), kgs(20, "20.0"))
    with pytest.raises(PlateError, match="one count"):
        PlateSet(kg(20), kgs(20, 10), (1,))


counts = st.lists(st.integers(min_value=0, max_value=4), min_size=7, max_size=7)


@settings(max_examples=150)
@given(counts)
def test_any_achievable_total_is_found_exactly(side_counts: list[int]) -> None:
    side = sum((kg(p) * n for p, n in zip(DEFAULT_KG_PLATES, side_counts, strict=True)), kg(0))
    total = STANDARD.bar + side * 2
    loading = plates_per_side(total, STANDARD)
    assert loading.exact
    assert loading.total == total
    assert STANDARD.bar + sum(loading.per_side, kg(0)) * 2 == total
    assert len(loading.per_side) <= sum(side_counts)
    assert list(loading.per_side) == sorted(loading.per_side, reverse=True)


@settings(max_examples=100)
@given(st.decimals(min_value=D(20), max_value=D(400), places=2))
def test_any_target_gives_a_load_at_or_below(value: Decimal) -> None:
    target = kg(value)
    loading = plates_per_side(target, STANDARD)
    assert STANDARD.bar + sum(loading.per_side, kg(0)) * 2 == loading.total
    assert loading.total <= target
    assert target - loading.total < kg("2.5")
    assert loading.exact == (loading.total == target)


@settings(max_examples=50)
@given(
    st.decimals(min_value=D(0), max_value=D(300), places=1),
    st.sampled_from(list(Rounding)),
)
def test_rounding_modes_are_consistent(value: Decimal, mode: Rounding) -> None:
    target = kg(value)
    if mode is Rounding.DOWN and target < STANDARD.bar:
        with pytest.raises(PlateError):
            round_to_plates(target, STANDARD, mode)
        return
    rounded = round_to_plates(target, STANDARD, mode)
    assert plates_per_side(rounded, STANDARD).exact
    if mode is Rounding.UP or target < STANDARD.bar:
        assert rounded >= target
    elif mode is Rounding.DOWN:
        assert rounded <= target
    else:
        assert abs((rounded - target).kg) <= D("1.25")


def test_fixed_steps() -> None:
    rack = DumbbellSet.fixed_steps(kg(2), kg(10), kg(2))
    assert rack.weights == kgs(2, 4, 6, 8, 10)
    uneven = DumbbellSet.fixed_steps(kg(2), kg(9), kg(2))
    assert uneven.weights[-1] == kg(8)
    with pytest.raises(PlateError):
        DumbbellSet.fixed_steps(kg(2), kg(10), kg(0))
    with pytest.raises(PlateError, match="at least one"):
        DumbbellSet(())


def test_dumbbell_set_sorts_and_dedupes() -> None:
    assert DumbbellSet(kgs(10, 5, 10)).weights == kgs(5, 10)


@pytest.mark.parametrize(
    ("target", "mode", "expected"),
    [
        (kg(21), Rounding.NEAREST, kg(20)),
        (kg("21.5"), Rounding.NEAREST, kg("22.5")),
        (kg("21.25"), Rounding.NEAREST, kg(20)),
        (kg(21), Rounding.UP, kg("22.5")),
        (kg(24), Rounding.DOWN, kg("22.5")),
        (kg(1), Rounding.NEAREST, kg("2.5")),
        (kg(80), Rounding.NEAREST, kg(50)),
        (kg(80), Rounding.DOWN, kg(50)),
    ],
)
def test_round_dumbbell(target: Mass, mode: Rounding, expected: Mass) -> None:
    assert round_dumbbell(target, DEFAULT_KG_DUMBBELLS, mode) == expected


def test_round_dumbbell_refusals() -> None:
    with pytest.raises(PlateError, match=r"the lightest is 2\.5 kg"):
        round_dumbbell(kg(1), DEFAULT_KG_DUMBBELLS, Rounding.DOWN)
    with pytest.raises(PlateError, match="the heaviest is 50 kg"):
        round_dumbbell(kg(51), DEFAULT_KG_DUMBBELLS, Rounding.UP)


def test_next_dumbbell() -> None:
    assert next_dumbbell(kg(20), DEFAULT_KG_DUMBBELLS) == kg("22.5")
    assert next_dumbbell(kg(21), DEFAULT_KG_DUMBBELLS) == kg("22.5")
    assert next_dumbbell(kg(50), DEFAULT_KG_DUMBBELLS) is None
    assert next_dumbbell(lb(40), DEFAULT_LB_DUMBBELLS) == lb(45)


@pytest.mark.parametrize(
    ("target", "mode", "maximum", "expected"),
    [
        (kg(33), Rounding.NEAREST, None, kg(35)),
        (kg(32), Rounding.NEAREST, None, kg(30)),
        (kg("32.5"), Rounding.NEAREST, None, kg(30)),
        (kg(31), Rounding.UP, None, kg(35)),
        (kg(34), Rounding.DOWN, None, kg(30)),
        (kg(2), Rounding.NEAREST, None, kg(5)),
        (kg(2), Rounding.UP, None, kg(5)),
        (kg(200), Rounding.NEAREST, kg(100), kg(100)),
        (kg(200), Rounding.DOWN, kg(102), kg(100)),
    ],
)
def test_round_stack(target: Mass, mode: Rounding, maximum: Mass | None, expected: Mass) -> None:
    assert round_stack(target, kg(5), kg(5), mode, maximum=maximum) == expected


def test_round_stack_refusals() -> None:
    with pytest.raises(PlateError, match="the minimum is 5 kg"):
        round_stack(kg(2), kg(5), kg(5), Rounding.DOWN)
    with pytest.raises(PlateError, match="the most is 100 kg"):
        round_stack(kg(200), kg(5), kg(5), Rounding.UP, maximum=kg(100))
    with pytest.raises(PlateError, match="step above 0"):
        round_stack(kg(20), kg(0), kg(5))


def test_messages_speak_the_unit_of_the_plates() -> None:
    with pytest.raises(PlateError, match=r"^40 lb is less than the 45 lb bar"):
        plates_per_side(lb(40), STANDARD_LB)
    pound_rack = DumbbellSet.standard(LB)
    with pytest.raises(PlateError, match=r"the heaviest is 100 lb$"):
        round_dumbbell(lb(120), pound_rack, Rounding.UP)
    with pytest.raises(PlateError, match=r"the minimum is 10 lb$"):
        round_stack(lb(5), lb(10), lb(10), Rounding.DOWN)


def _brute_force(
    side: Decimal, sizes: list[Decimal], pairs: list[int | None]
) -> tuple[Decimal, int]:
    """(heaviest reachable side <= `side`, fewest plates for it) by full enumeration."""
    best = (D(0), 0)

    def walk(i: int, total: Decimal, plates: int) -> None:
        nonlocal best
        if i == len(sizes):
            if total > best[0] or (total == best[0] and plates < best[1]):
                best = (total, plates)
            return
        limit = pairs[i]
        k = 0
        while total + k * sizes[i] <= side and (limit is None or k <= limit):
            walk(i + 1, total + k * sizes[i], plates + k)
            k += 1

    walk(0, D(0), 0)
    return best


@settings(max_examples=60)
@given(
    st.lists(
        st.sampled_from((*DEFAULT_KG_PLATES, D(30), D("7.5"), D("0.5"))),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=3)), min_size=4, max_size=4),
    st.decimals(min_value=D(20), max_value=D(80), places=2),
)
def test_search_matches_brute_force(
    sizes: list[Decimal], limits: list[int | None], value: Decimal
) -> None:
    sizes = sorted(sizes, reverse=True)
    limits = limits[: len(sizes)]
    kit = PlateSet(kg(20), tuple(kg(s) for s in sizes), tuple(limits))
    loading = plates_per_side(kg(value), kit)
    reached, fewest = _brute_force((value - 20) / 2, sizes, limits)
    assert loading.total == kg(20 + 2 * reached)
    assert len(loading.per_side) == fewest
    counts = {plate: loading.per_side.count(plate) for plate in loading.per_side}
    for plate, limit in zip(kit.plates, kit.pairs, strict=True):
        assert limit is None or counts.get(plate, 0) <= limit


@pytest.mark.parametrize(("unit", "first", "last"), [(Unit.KG, 4, 48), (Unit.LB, 10, 106)])
def test_kettlebells_are_the_common_sizes(unit: Unit, first: int, last: int) -> None:
    bells = kettlebells(unit)
    assert bells.weights[0] == Mass.of(first, unit)
    assert bells.weights[-1] == Mass.of(last, unit)
    assert next_dumbbell(Mass.of(16, Unit.KG), kettlebells(Unit.KG)) == Mass.of(18, Unit.KG)
