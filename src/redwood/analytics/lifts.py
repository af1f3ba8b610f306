"""Each lift's e1RM history and records, from the set groups the database aggregates.

The database hands back, per exercise and day, one row per (reps, logged effort) with the
heaviest load and the load x reps volume (`store.analytics_reads`). The heaviest set of a
group holds its best e1RM, so a day's groups give exactly the day's bests
(`domain.records.day_best`): the best e1RM of the session (RTS chart with RIR, else Epley,
1-12 effective reps: TRAINING.md 3), heaviest load, rep bests and volume. Warm-ups never
reach these rows.

The bests before the window come from the record book (`store.record_book`), dated by the
day each was first reached; the window's days are then added in order (`Bests.add`), which
gives the records as they happened in the window, each with the best it beat, and the
all-time bests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from redwood.domain.exposure import WorkSet
from redwood.domain.mass import Mass, Unit
from redwood.domain.records import Bests, DayBest, Record, RecordKind, day_best, logged_set


class Heaviest(Protocol):
    """The heaviest set (None: no load) of one exercise at one rep count and logged
    effort, as the database aggregates it."""

    @property
    def exercise_id(self) -> str: ...
    @property
    def reps(self) -> int: ...
    @property
    def rpe(self) -> Decimal | None: ...
    @property
    def rir(self) -> Decimal | None: ...
    @property
    def top_kg(self) -> Decimal | None: ...


class GroupRow(Heaviest, Protocol):
    """The heaviest set of a day's group, with the day and the group's load x reps."""

    @property
    def on(self) -> date: ...
    @property
    def volume_kg(self) -> Decimal: ...


@dataclass(frozen=True, slots=True)
class E1rmPoint:
    """The best e1RM of one session (day) of a lift."""

    on: date
    e1rm: Mass


@dataclass(frozen=True, slots=True)
class LiftHistory:
    """A lift over a window: the e1RM of each session, its all-time bests after the window,
    and the records set inside the window (each with the best it beat)."""

    exercise: str
    points: tuple[E1rmPoint, ...]
    bests: tuple[Record, ...]
    new: tuple[Record, ...]
    sessions: int

    @property
    def change(self) -> Mass | None:
        """The e1RM of the last session minus that of the first (None: under two)."""
        if len(self.points) < 2:
            return None
        return self.points[-1].e1rm - self.points[0].e1rm

    def best(self, kind: RecordKind, reps: int | None = None) -> Record | None:
        """The all-time best of a kind, or None."""
        return next((r for r in self.bests if r.kind is kind and r.reps == reps), None)


def work_set(
    reps: int, rpe: Decimal | None, rir: Decimal | None, top_kg: Decimal | None, unit: Unit
) -> WorkSet:
    """A group's heaviest set as the domain reads it (`domain.records.logged_set`)."""
    return logged_set(reps, rpe, rir, top_kg, unit)


def days_of(groups: Iterable[GroupRow], unit: Unit) -> dict[str, list[DayBest]]:
    """Each exercise's days as `DayBest`s, oldest first."""
    grouped: dict[tuple[str, date], list[GroupRow]] = defaultdict(list)
    for group in groups:
        grouped[(group.exercise_id, group.on)].append(group)
    out: dict[str, list[DayBest]] = defaultdict(list)
    for (exercise, on), rows in sorted(grouped.items(), key=lambda item: item[0][1]):
        sets = [work_set(g.reps, g.rpe, g.rir, g.top_kg, unit) for g in rows]
        volume = Mass(sum((g.volume_kg for g in rows), Decimal(0)))
        out[exercise].append(day_best(on, sets, volume=volume))
    return dict(out)


def lift_history(earlier: Bests, days: Sequence[DayBest]) -> LiftHistory:
    """A lift's window: its days added to the bests before it, in order."""
    bests, new = earlier.add_all(days)
    ordered = sorted(days, key=lambda d: d.on)
    points = tuple(E1rmPoint(d.on, d.e1rm) for d in ordered if d.e1rm is not None)
    return LiftHistory(earlier.exercise, points, bests.held, new, len(ordered))
