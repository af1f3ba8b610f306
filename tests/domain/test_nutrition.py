"""Protein (Morton 2018; Jaeger 2017), fluids (Sawka 2007), sleep (Hirshkowitz 2015)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redwood.domain.mass import Mass, Unit
from redwood.domain.nutrition import (
    NutritionError,
    fluid_guide,
    protein_guide,
    rest_day_guide,
    sleep_guide,
)

D = Decimal


def kg(value: Decimal | str | int) -> Mass:
    return Mass.of(value, Unit.KG)


def test_protein_guide() -> None:
    guide = protein_guide(kg(80))
    assert guide.target_g_per_day == D(128)
    assert guide.low_g == D(112)
    assert guide.high_g == D(176)
    assert guide.per_meal_g == D(20)
    assert guide.meals_hint == 6
    assert "Morton" in guide.source
    assert "Jaeger" in guide.source


def test_protein_in_a_deficit() -> None:
    guide = protein_guide(kg(80), deficit=True)
    assert guide.low_g == D(184)
    assert guide.high_g == D(248)
    assert guide.target_g_per_day == D(184)
    assert guide.per_meal_g == D(20)


def test_protein_in_pounds() -> None:
    guide = protein_guide(Mass.of(176, Unit.LB))
    assert abs(guide.target_g_per_day - D("127.73")) < D("0.01")


def test_protein_refuses_no_body_weight() -> None:
    with pytest.raises(NutritionError, match="body weight must be more than 0"):
        protein_guide(kg(0))


@pytest.mark.parametrize(
    ("lost", "percent", "over", "litres", "fragment"),
    [
        (kg(1), D("1.25"), False, D("1.5"), "within 2%"),
        (kg("1.6"), D(2), False, D("2.4"), "within 2%"),
        (kg(2), D("2.5"), True, D(3), "over 2%"),
        (kg(0), D(0), False, D(0), "within 2%"),
    ],
)
def test_fluid_guide(
    lost: Mass, percent: Decimal, over: bool, litres: Decimal, fragment: str
) -> None:
    guide = fluid_guide(kg(80), lost)
    assert guide.lost_percent == percent
    assert guide.over_limit is over
    assert guide.replace_litres == litres
    assert fragment in guide.message
    assert guide.max_loss == kg("1.6")
    assert "Sawka" in guide.source


def test_fluid_guide_without_a_weigh_in() -> None:
    guide = fluid_guide(kg(80), None)
    assert guide.lost_percent is None
    assert guide.replace_litres is None
    assert not guide.over_limit
    assert "1.6 kg" in guide.message


def test_fluid_guide_refuses_impossible_loss() -> None:
    with pytest.raises(NutritionError, match="mass lost"):
        fluid_guide(kg(80), kg(80))
    with pytest.raises(NutritionError, match="mass lost"):
        fluid_guide(kg(80), kg(-1))


@pytest.mark.parametrize(
    ("age", "low", "high"),
    [(None, 7, 9), (18, 7, 9), (40, 7, 9), (64, 7, 9), (65, 7, 8), (90, 7, 8)],
)
def test_sleep_guide(age: int | None, low: int, high: int) -> None:
    guide = sleep_guide(age)
    assert (guide.min_hours, guide.max_hours) == (low, high)
    assert "Hirshkowitz" in guide.source


@pytest.mark.parametrize("age", [17, -1, 200])
def test_sleep_guide_refuses(age: int) -> None:
    with pytest.raises(NutritionError):
        sleep_guide(age)


def test_rest_days() -> None:
    guide = rest_day_guide()
    assert (guide.min_days, guide.max_days) == (1, 2)
    assert "walking" in guide.activities
    assert guide.source == "[practitioner]"
