"""Bodyweight trend and check-in trends over a review window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from redwood.analytics.body import averages, bodyweight_trend, checkin_trend

D = Decimal


@dataclass(frozen=True)
class Checkin:
    local_date: date
    sleep_hours: Decimal | None
    soreness: int | None
    energy: int | None
    pain: bool = False
    pain_where: tuple[str, ...] = ()


def test_the_trend_is_the_least_squares_slope_a_week() -> None:
    trend = bodyweight_trend(
        [(date(2026, 1, 15), D(81)), (date(2026, 1, 1), D(80)), (date(2026, 1, 8), D("80.2"))]
    )
    assert [d.isoformat() for d, _ in trend.readings] == ["2026-01-01", "2026-01-08", "2026-01-15"]
    assert trend.change is not None
    assert trend.change.kg == 1
    # x = 0, 7, 14 days; y = 80, 80.2, 81: slope = (-7 x -0.4 + 7 x 0.6) / 98 = 1/14 kg a day.
    assert trend.per_week is not None
    assert trend.per_week.kg.quantize(D("0.001")) == D("0.500")


def test_one_reading_has_no_trend() -> None:
    trend = bodyweight_trend([(date(2026, 1, 1), D(80))])
    assert (trend.change, trend.per_week) == (None, None)


def test_checkin_averages_poor_ones_and_pain() -> None:
    now = [
        Checkin(date(2026, 1, 8), D(5), 2, None),
        Checkin(date(2026, 1, 12), D(8), None, 4),
        Checkin(date(2026, 1, 13), None, 4, 3, True, ("knee",)),
    ]
    found = averages(now)
    assert (found.count, found.sleep_hours, found.soreness, found.energy, found.poor) == (
        3, D("6.5"), D("3.0"), D("3.5"), 2,
    )  # fmt: skip
    trend = checkin_trend(now, [])
    assert trend.pain == (("knee", 1),)
    assert (trend.before.count, trend.before.sleep_hours) == (0, None)
