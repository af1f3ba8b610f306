"""The body between sessions: bodyweight trend and check-in trends over a window.

Bodyweight: the readings in the window, the change from the first to the last, and the
trend per week as the least-squares slope through all of them (ordinary least squares, so
one odd reading moves it less than it moves the first-to-last change).

Check-ins: average sleep, soreness and energy over the window against the window before
it, the poor check-ins (sleep under 6 h, soreness 4-5 or pain: `domain.recovery`, issue
4), and where it hurt. Two or more poor check-ins in two weeks is what the coach reads as
poor recovery [practitioner].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from redwood.domain.mass import Mass
from redwood.domain.recovery import is_poor_checkin

TENTH = Decimal("0.1")


class CheckinRow(Protocol):
    """A check-in as stored."""

    @property
    def local_date(self) -> date: ...
    @property
    def sleep_hours(self) -> Decimal | None: ...
    @property
    def soreness(self) -> int | None: ...
    @property
    def energy(self) -> int | None: ...
    @property
    def pain(self) -> bool: ...
    @property
    def pain_where(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class BodyweightTrend:
    """Bodyweight readings (oldest first), the change first to last, the slope a week."""

    readings: tuple[tuple[date, Mass], ...]
    change: Mass | None
    per_week: Mass | None


@dataclass(frozen=True, slots=True)
class CheckinAverages:
    """Averages of the check-ins of a window (None: no answer given), and how many."""

    count: int
    sleep_hours: Decimal | None
    soreness: Decimal | None
    energy: Decimal | None
    poor: int


@dataclass(frozen=True, slots=True)
class CheckinTrend:
    """This window's check-ins against the window before, and where it hurt (count)."""

    now: CheckinAverages
    before: CheckinAverages
    pain: tuple[tuple[str, int], ...]


def bodyweight_trend(readings: Sequence[tuple[date, Decimal]]) -> BodyweightTrend:
    """The trend of bodyweight readings (kg), oldest first."""
    points = tuple((day, Mass(kg)) for day, kg in sorted(readings))
    if len(points) < 2:
        return BodyweightTrend(points, None, None)
    first = points[0][0]
    xs = [Decimal((day - first).days) for day, _ in points]
    ys = [mass.kg for _, mass in points]
    mean_x = sum(xs, Decimal(0)) / len(xs)
    mean_y = sum(ys, Decimal(0)) / len(ys)
    spread = sum(((x - mean_x) ** 2 for x in xs), Decimal(0))
    slope = (
        sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Decimal(0)) / spread
        if spread
        else Decimal(0)
    )
    return BodyweightTrend(points, points[-1][1] - points[0][1], Mass(slope * 7))


def _mean(values: Sequence[Decimal | int]) -> Decimal | None:
    if not values:
        return None
    return (sum((Decimal(v) for v in values), Decimal(0)) / len(values)).quantize(
        TENTH, rounding=ROUND_HALF_UP
    )


def averages(checkins: Sequence[CheckinRow]) -> CheckinAverages:
    """Averages and the count of poor check-ins."""
    return CheckinAverages(
        count=len(checkins),
        sleep_hours=_mean([c.sleep_hours for c in checkins if c.sleep_hours is not None]),
        soreness=_mean([c.soreness for c in checkins if c.soreness is not None]),
        energy=_mean([c.energy for c in checkins if c.energy is not None]),
        poor=sum(is_poor_checkin(c.sleep_hours, c.soreness, c.pain) for c in checkins),
    )


def checkin_trend(now: Sequence[CheckinRow], before: Sequence[CheckinRow]) -> CheckinTrend:
    """This window's check-ins against those of the window before it."""
    pain = Counter(area for c in now for area in c.pain_where)
    return CheckinTrend(averages(now), averages(before), tuple(sorted(pain.items())))
