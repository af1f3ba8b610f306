"""Consistency: training streaks, and the milestones worth celebrating.

The seeds ask lifters to celebrate milestones "such as 30 consistent days" (seed 004). A
consistent run is a stretch of training days with no more than `MAX_REST_DAYS` days in a
row without a session: rest days belong to training (1-2 a week, TRAINING.md 6), and the
seeds' smallest plan, two sessions a week, leaves at most three or four days between them
[practitioner]. A day is covered by a run from its first session until `MAX_REST_DAYS`
days after its latest one; the streak on a day is the days since its run began.

Milestones, each with the day it was reached: the first session and session counts; 30,
100 and 365 consistent days; plates on the bar (a 20 kg bar with one to five 20 kg plates
a side: 60, 100, 140, 180, 220 kg; in pounds 45 lb: 135, 225, 315, 405, 495 lb)
[practitioner: the lifting community's "plate" milestones]; and lifting a multiple of
one's bodyweight (`BODYWEIGHT_LIFTS`): a session's heaviest barbell squat or hinge against
the bodyweight logged that day or the latest before it (the first one, before any).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from redwood.domain.mass import Mass, Unit
from redwood.domain.vocab import Pattern

MAX_REST_DAYS = 4
"""Days in a row without a session that a consistent run survives [practitioner]."""
SESSION_COUNTS = (1, 10, 25, 50, 100, 250, 500, 1000, 2000)
CONSISTENT_DAYS = (30, 100, 365)
PLATES = (1, 2, 3, 4, 5)
BODYWEIGHT_LIFTS: tuple[tuple[Pattern, Decimal, str], ...] = (
    (Pattern.SQUAT, Decimal(1), "First bodyweight squat"),
    (Pattern.SQUAT, Decimal("1.5"), "Squat 1.5 x bodyweight"),
    (Pattern.HINGE, Decimal("1.5"), "Deadlift 1.5 x bodyweight"),
    (Pattern.HINGE, Decimal(2), "Deadlift double bodyweight"),
)
"""(pattern, multiple of bodyweight, title) [practitioner: common strength standards]."""


class MilestoneKind(StrEnum):
    """What a milestone celebrates."""

    SESSIONS = "sessions"
    CONSISTENT_DAYS = "consistent_days"
    PLATES = "plates"
    BODYWEIGHT = "bodyweight"


@dataclass(frozen=True, slots=True)
class Milestone:
    """A milestone reached on a day; `value` is its number (sessions, days, plates or
    multiple of bodyweight)."""

    kind: MilestoneKind
    title: str
    on: date
    value: Decimal


@dataclass(frozen=True, slots=True)
class Run:
    """A consistent run: its first and latest training days."""

    first: date
    last: date

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last + timedelta(days=MAX_REST_DAYS)


def runs(days: Sequence[date]) -> list[Run]:
    """The consistent runs of these training days, oldest first."""
    out: list[Run] = []
    for day in sorted(set(days)):
        if out and (day - out[-1].last).days <= MAX_REST_DAYS + 1:
            out[-1] = Run(out[-1].first, day)
        else:
            out.append(Run(day, day))
    return out


def streak_days(days: Sequence[date], on: date) -> int:
    """How many days the consistent run covering `on` has lasted (0: none covers it)."""
    found = [run for run in runs([d for d in days if d <= on]) if run.covers(on)]
    return (on - found[-1].first).days + 1 if found else 0


def session_milestones(days: Sequence[date]) -> list[Milestone]:
    """The first session and every session count of `SESSION_COUNTS` reached."""
    ordered = sorted(set(days))
    out = []
    for count in SESSION_COUNTS:
        if count <= len(ordered):
            title = "First session logged" if count == 1 else f"{count} sessions"
            out.append(Milestone(MilestoneKind.SESSIONS, title, ordered[count - 1], Decimal(count)))
    return out


def consistency_milestones(days: Sequence[date], on: date) -> list[Milestone]:
    """The first day each count of `CONSISTENT_DAYS` consistent days was reached."""
    out = []
    found = runs([d for d in days if d <= on])
    for count in CONSISTENT_DAYS:
        for run in found:
            day = run.first + timedelta(days=count - 1)
            if day <= on and run.covers(day):
                title = f"{count} consistent days"
                out.append(Milestone(MilestoneKind.CONSISTENT_DAYS, title, day, Decimal(count)))
                break
    return out


def plate_loads(unit: Unit) -> list[tuple[int, Mass]]:
    """(plates a side, load) for each plate milestone, in the athlete's unit's plates."""
    plate = Mass.of(20, Unit.KG) if unit is Unit.KG else Mass.of(45, Unit.LB)
    bar = plate if unit is Unit.LB else Mass.of(20, Unit.KG)
    return [(n, bar + plate * (2 * n)) for n in PLATES]


def plate_milestones(firsts: Sequence[date | None], unit: Unit) -> list[Milestone]:
    """Milestones for the plate loads first lifted on `firsts` (in `plate_loads` order)."""
    out = []
    for (plates, load), on in zip(plate_loads(unit), firsts, strict=True):
        if on is not None:
            what = "A plate" if plates == 1 else f"{plates} plates"
            title = f"{what} a side on the bar ({load.format(unit)})"
            out.append(Milestone(MilestoneKind.PLATES, title, on, Decimal(plates)))
    return out


def bodyweight_at(readings: Sequence[tuple[date, Decimal]], on: date) -> Decimal | None:
    """The bodyweight (kg) logged on `on` or the latest before it, else the first one
    logged (`readings` oldest first)."""
    if not readings:
        return None
    at = bisect_right(readings, on, key=lambda reading: reading[0])
    return readings[max(0, at - 1)][1]


def first_multiple(
    sessions: Iterable[tuple[date, Decimal]],
    readings: Sequence[tuple[date, Decimal]],
    multiple: Decimal,
) -> date | None:
    """The day of the first session (day, heaviest load kg; oldest first) whose load was
    at least `multiple` x the bodyweight of its day (`bodyweight_at`)."""
    for on, load in sessions:
        bodyweight = bodyweight_at(readings, on)
        if bodyweight is not None and load >= bodyweight * multiple:
            return on
    return None


def candidate_spans(
    loads: Sequence[tuple[date, Decimal]],
    readings: Sequence[tuple[date, Decimal]],
    multiple: Decimal,
    end: date,
) -> list[tuple[date, date, Decimal]]:
    """Where a session could first reach `multiple` x bodyweight: the spans of days
    (first, last, the lowest bar in the span), oldest first, on which the heaviest load
    lifted so far was at least `multiple` x the day's bodyweight (`bodyweight_at`).

    `loads` are the days the heaviest load grew, with the new heaviest (kg, oldest first).
    No session outside the spans can count (none lifted more than the heaviest so far), so
    only theirs need reading."""
    if not loads or not readings:
        return []
    first = loads[0][0]
    points = sorted({on for on, _ in loads} | {on for on, _ in readings if on > first})
    points = [on for on in points if on <= end]
    spans: list[tuple[date, date, Decimal]] = []
    heaviest = Decimal(0)
    step, weighed = 0, 0
    for index, on in enumerate(points):
        while step < len(loads) and loads[step][0] <= on:
            heaviest = max(heaviest, loads[step][1])
            step += 1
        while weighed + 1 < len(readings) and readings[weighed + 1][0] <= on:
            weighed += 1
        bar = readings[weighed][1] * multiple
        if heaviest < bar:
            continue
        last = points[index + 1] - timedelta(days=1) if index + 1 < len(points) else end
        if spans and spans[-1][1] + timedelta(days=1) == on:
            spans[-1] = (spans[-1][0], last, min(spans[-1][2], bar))
        else:
            spans.append((on, last, bar))
    return spans


def ordered(milestones: Sequence[Milestone]) -> list[Milestone]:
    """Milestones by day, then kind and value."""
    kinds = list(MilestoneKind)
    return sorted(milestones, key=lambda m: (m.on, kinds.index(m.kind), m.value))
