"""Exposures and the weekly cap: 5% a week, on average over the weeks a load was held."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.domain import exposure as module
from redwood.domain import progression
from redwood.domain.exposure import (
    Ceiling,
    Exposure,
    ProgressionError,
    WorkSet,
    cap_ceiling,
    check_cap,
    exposures_before,
    held_since,
    percent,
    unit_of,
    weekly_base,
    weekly_ceiling,
    weeks,
    weeks_to_fit,
    working_load,
    working_sets,
)
from redwood.domain.mass import Mass, Unit
from tests.domain.test_progression import (
    BODYWEIGHT,
    DB_KG,
    KG,
    LB,
    SQUAT_LB,
    TODAY,
    exposure,
    kg,
    lb,
)

D = Decimal
CAP = D("0.05")


def history(*lines: str) -> list[Exposure]:
    """One exposure per "DAYS LIFTED" line, DAYS from TODAY (negative: before)."""
    return [exposure(int(line.split()[0]), line.split(" ", 1)[1]) for line in lines]


def day(days: int) -> date:
    return TODAY + timedelta(days=days)


def test_progression_re_exports_the_same_objects() -> None:
    for name in ("Exposure", "WorkSet", "Target", "ProgressionError", "working_load"):
        assert getattr(progression, name) is getattr(module, name)
    assert progression.weekly_ceiling is weekly_ceiling
    assert progression.DEFAULT_WEEKLY_CAP == CAP


def test_working_load_and_sets() -> None:
    day_ = exposure(-1, "60kg 5 80kg 3,2 70kg 5")
    assert working_load(day_) == kg(80)
    assert [i for i, _ in working_sets(day_)] == [2, 3]
    assert working_load(exposure(-1, "bw 10")) is None


def test_exposures_before_sorts_and_drops_the_day_and_empty_days() -> None:
    empty = Exposure(day(-2), ())
    items = [exposure(-3, "60kg 5"), exposure(-9, "50kg 5"), exposure(0, "70kg 5"), empty]
    assert [e.on for e in exposures_before(items, TODAY)] == [day(-9), day(-3)]


@pytest.mark.parametrize(("reps", "load", "field"), [(-1, None, "reps"), (5, kg(-1), "load")])
def test_a_bad_set_is_refused(reps: int, load: Mass | None, field: str) -> None:
    with pytest.raises(ProgressionError) as info:
        WorkSet(reps, load, None)
    assert info.value.field == field


@pytest.mark.parametrize("cap", [D("-0.01"), D("NaN"), D("Infinity")])
def test_a_bad_cap_is_refused(cap: Decimal) -> None:
    with pytest.raises(ProgressionError) as info:
        check_cap(cap)
    assert info.value.field == "weekly_cap"
    with pytest.raises(ProgressionError):
        weekly_ceiling(history("-7 100kg 5"), TODAY, cap)


def test_the_unit_is_the_equipments_else_the_logged_ones() -> None:
    assert unit_of(SQUAT_LB, history("-7 100kg 5")) is LB
    assert unit_of(BODYWEIGHT, history("-7 45lb 5")) is LB
    assert unit_of(BODYWEIGHT, history("-7 bw 5")) is KG


# --- the ceiling -------------------------------------------------------------------------

CEILING_CASES = [
    # id, history, cap, ceiling, held weeks
    ("no history", [], CAP, None, 0),
    ("the latest a week ago", ["-10 60kg 5", "-7 62.5kg 5", "-2 65kg 5"], CAP, kg("65.625"), 0),
    ("none a week ago: the earliest", ["-3 60kg 5", "-1 62.5kg 5"], CAP, kg(63), 0),
    ("bodyweight only", ["-7 bw 10"], CAP, None, 0),
    ("0 kg does not count", ["-7 0kg 10"], CAP, None, 0),
    ("a cap of 0 holds the load", ["-21 100kg 5", "-7 100kg 5"], D(0), kg(100), 0),
    ("the day itself is not history", ["0 100kg 5"], CAP, None, 0),
    ("held 1 week: the same as week on week", ["-7 20kg 5"], CAP, kg(21), 0),
    ("held 2 weeks: 10%", ["-14 20kg 5", "-7 20kg 5", "-3 20kg 5"], CAP, kg(22), 2),
    ("held 3 weeks: 15%", ["-21 20kg 5", "-10 20kg 5"], CAP, kg(23), 3),
    ("whole weeks only: 20 days is 2", ["-20 20kg 5", "-2 20kg 5"], CAP, kg(22), 2),
    (
        "the run is only the latest load",
        ["-21 20kg 5", "-14 17.5kg 5", "-7 20kg 5"],
        CAP,
        kg(21),
        0,
    ),
    ("a lighter day ends the run", ["-28 20kg 5", "-10 15kg 5", "-8 20kg 5"], CAP, kg(21), 0),
    ("a bodyweight day does not end it", ["-21 20kg 5", "-14 bw 10", "-7 20kg 5"], CAP, kg(23), 3),
    ("week on week wins when higher", ["-8 100kg 5", "-3 80kg 5"], CAP, kg(105), 0),
    ("a bigger cap grows faster", ["-21 20kg 5"], D("0.1"), kg(26), 3),
    ("pounds: 45 lb held 3 weeks", ["-21 45lb 5"], CAP, lb("51.75"), 3),
]


@pytest.mark.parametrize(
    ("lines", "cap", "ceiling", "held"),
    [case[1:] for case in CEILING_CASES],
    ids=[case[0] for case in CEILING_CASES],
)
def test_weekly_ceiling(lines: list[str], cap: Decimal, ceiling: Mass | None, held: int) -> None:
    assert weekly_ceiling(history(*lines), TODAY, cap) == ceiling
    found = cap_ceiling(history(*lines), TODAY, cap)
    assert (found is None) == (ceiling is None)
    if found is not None:
        assert found.held_weeks == held
        assert found.load == (found.base * (1 + cap * max(held, 1)))


def test_the_ceiling_says_what_it_counts_from() -> None:
    week = cap_ceiling(history("-10 60kg 5", "-7 62.5kg 5", "-2 65kg 5"), TODAY, CAP)
    assert week == Ceiling(kg("65.625"), kg("62.5"), day(-7), 0)
    held = cap_ceiling(history("-22 20kg 5", "-14 20kg 5", "-2 20kg 5"), TODAY, CAP)
    assert held == Ceiling(kg(23), kg(20), day(-22), 3)
    assert weekly_base(history("-22 20kg 5", "-14 20kg 5", "-2 20kg 5"), TODAY) == (
        exposure(-14, "20kg 5"),
        kg(20),
    )
    assert held_since(history("-22 20kg 5", "-14 20kg 5", "-2 20kg 5"), TODAY) == (day(-22), kg(20))
    assert held_since(history("-7 bw 5"), TODAY) is None


def test_a_huge_cap_caps_nothing_and_never_overflows() -> None:
    ceiling = weekly_ceiling(history("-700 250kg 5"), TODAY, D(10) ** 6)
    assert ceiling is not None
    assert ceiling > kg(10**8)


def test_history_order_does_not_change_the_ceiling() -> None:
    lines = history("-21 20kg 5", "-14 17.5kg 5", "-7 20kg 5", "-3 20kg 5")
    assert cap_ceiling(lines, TODAY, CAP) == cap_ceiling(lines[::-1], TODAY, CAP)


EXPLAIN_CASES = [
    (
        Ceiling(kg(63), kg(60), date(2026, 10, 26)),
        CAP,
        KG,
        "at most 63 kg is allowed (loads rise at most 5% a week, from 60 kg on 2026-10-26)",
    ),
    (
        Ceiling(kg(23), kg(20), date(2026, 10, 12), 3),
        CAP,
        KG,
        "after 3 weeks at 20 kg, at most 23 kg is allowed (loads rise at most 5% a week on "
        "average)",
    ),
    (
        Ceiling(lb("49.5"), lb(45), date(2026, 10, 19), 1),
        D("0.1"),
        LB,
        "after 1 week at 45 lb, at most 49.5 lb is allowed (loads rise at most 10% a week on "
        "average)",
    ),
    (
        Ceiling(kg("102.5"), kg(100), date(2026, 10, 26)),
        D("0.025"),
        KG,
        "at most 102.5 kg is allowed (loads rise at most 2.5% a week, from 100 kg on 2026-10-26)",
    ),
]


@pytest.mark.parametrize(("ceiling", "cap", "unit", "words"), EXPLAIN_CASES)
def test_the_ceiling_in_words(ceiling: Ceiling, cap: Decimal, unit: Unit, words: str) -> None:
    assert ceiling.explain(cap, unit) == words


@pytest.mark.parametrize(
    ("fraction", "words"),
    [(D("0.05"), "5%"), (D("0.1"), "10%"), (D("0.08333"), "8.3%"), (D("0.125"), "12.5%")],
)
def test_percent(fraction: Decimal, words: str) -> None:
    assert percent(fraction) == words


def test_weeks() -> None:
    assert (weeks(1), weeks(2)) == ("1 week", "2 weeks")


WEEKS_TO_FIT_CASES = [
    # id, load, held, cap, weeks
    ("dumbbells 20 -> 22.5 kg: 12.5% is 3 weeks", kg("22.5"), kg(20), CAP, 3),
    ("a 5 kg stack step from 60 kg: 8.3% is 2 weeks", kg(65), kg(60), CAP, 2),
    ("40 -> 42.5 kg bench: 6.25% is 2 weeks", kg("42.5"), kg(40), CAP, 2),
    ("exactly 5% is 1 week", kg(21), kg(20), CAP, 1),
    ("exactly 10% is 2 weeks", kg(22), kg(20), CAP, 2),
    ("not heavier: no wait", kg(20), kg(20), CAP, 0),
    ("a cap of 0 never lets it through", kg(21), kg(20), D(0), None),
    ("a 2.5% cap takes twice as long", kg("22.5"), kg(20), D("0.025"), 5),
]


@pytest.mark.parametrize(
    ("load", "held", "cap", "count"),
    [case[1:] for case in WEEKS_TO_FIT_CASES],
    ids=[case[0] for case in WEEKS_TO_FIT_CASES],
)
def test_weeks_to_fit(load: Mass, held: Mass, cap: Decimal, count: int | None) -> None:
    assert weeks_to_fit(load, held, cap) == count


@settings(max_examples=300, deadline=None)
@given(
    held=st.decimals(1, 300, places=2).map(Mass),
    step=st.decimals("0.01", 50, places=2).map(Mass),
    cap=st.sampled_from([D("0.01"), D("0.025"), D("0.05"), D("0.1"), D("0.3")]),
)
def test_weeks_to_fit_is_the_least_number_of_weeks_the_held_rule_needs(
    held: Mass, step: Mass, cap: Decimal
) -> None:
    load = held + step
    count = weeks_to_fit(load, held, cap)
    assert count is not None
    assert count >= 1
    start = TODAY - timedelta(weeks=count)
    lifted = [Exposure(start, (WorkSet(5, held, None),))]
    assert load <= held * (1 + cap * count)
    assert load > held * (1 + cap * (count - 1))
    ceiling = weekly_ceiling(lifted, TODAY, cap)
    assert ceiling is not None
    assert load <= ceiling
    if count > 1:  # a week sooner the weekly cap does not let it through yet
        earlier = weekly_ceiling(lifted, TODAY - timedelta(days=7), cap)
        assert earlier is not None
        assert load > earlier


def test_a_dumbbell_ladder_is_the_case_that_motivated_the_held_rule() -> None:
    up = DB_KG.up(kg(20))
    assert up == kg("22.5")
    assert weeks_to_fit(up, kg(20), CAP) == 3
