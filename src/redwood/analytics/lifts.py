"""Each lift's e1RM history and records, from the set groups the database aggregates.

The database hands back, per exercise and day, one row per (reps, logged effort) with the
heaviest load and the load x reps volume (`store.analytics_reads`). The heaviest set of a
group holds its best e1RM, so a day's groups give exactly the day's bests
(`domain.records.day_best`): the best e1RM of the session (RTS chart with RIR, else Epley,
1-12 effective reps: TRAINING.md 3), heaviest load, rep bests and volume. Warm-ups never
reach these rows.

Records before the window come from each (reps, effort) group's heaviest load over the
whole earlier log, dated by when it was first lifted; the window's days are then added in
order (`Bests.add`), which gives the records as they happened in the window, each with the
best it beat, and the all-time bests.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from redwood.domain.effort import logged_rir
from redwood.domain.exposure import WorkSet
from redwood.domain.mass import Mass, Unit, from_stored_kg
from redwood.domain.records import Bests, DayBest, Record, RecordKind, day_best

DayOf = Callable[[datetime], date]
"""Turns an instant into the athlete's local date."""


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


class KeyRow(Heaviest, Protocol):
    """The heaviest set of a group over the log before a window, when it was first lifted,
    and when a set of the group without load was first done (None: never)."""

    @property
    def first_at(self) -> datetime | None: ...
    @property
    def bare_at(self) -> datetime | None: ...


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


@functools.lru_cache(maxsize=4096)
def work_set(
    reps: int, rpe: Decimal | None, rir: Decimal | None, top_kg: Decimal | None, unit: Unit
) -> WorkSet:
    """A group's heaviest set as the domain reads it (RIR from the logged RIR or RPE).
    Remembered: a long log repeats the same loads, reps and efforts over and over."""
    load = None if top_kg is None else from_stored_kg(top_kg, unit)
    return WorkSet(reps=reps, load=load, rir=logged_rir(rpe=rpe, rir=rir))


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


def _loaded(keys: Sequence[KeyRow], unit: Unit, day_of: DayOf) -> list[tuple[WorkSet, date]]:
    out = []
    for key in keys:
        if key.top_kg is not None and key.first_at is not None:
            ws = work_set(key.reps, key.rpe, key.rir, key.top_kg, unit)
            out.append((ws, day_of(key.first_at)))
    return out


def _first_days(
    keys: Sequence[KeyRow], unit: Unit, day_of: DayOf
) -> dict[tuple[RecordKind, int | None], date]:
    """When each earlier best was first reached: the earliest day among the groups that
    hold it (a tie goes to the earliest)."""
    days: dict[tuple[RecordKind, int | None], date] = {}

    def earliest(slot: tuple[RecordKind, int | None], on: date) -> None:
        if slot not in days or on < days[slot]:
            days[slot] = on

    loaded = _loaded(keys, unit, day_of)
    scored = [(ws, on, day_best(on, [ws]).e1rm) for ws, on in loaded]
    top_e1rm = max((e for _, _, e in scored if e is not None), default=None)
    heaviest = max((ws.load for ws, _ in loaded if ws.load is not None), default=None)
    by_reps: dict[int, Mass] = {}
    for ws, _ in loaded:
        if ws.load is not None and (ws.reps not in by_reps or ws.load > by_reps[ws.reps]):
            by_reps[ws.reps] = ws.load
    for ws, on, e1rm in scored:
        if e1rm is not None and e1rm == top_e1rm:
            earliest((RecordKind.E1RM, None), on)
        if ws.load == heaviest:
            earliest((RecordKind.LOAD, None), on)
        if ws.load == by_reps.get(ws.reps):
            earliest((RecordKind.REP, ws.reps), on)
    bare = [(key.reps, day_of(key.bare_at)) for key in keys if key.bare_at is not None]
    most = max((reps for reps, _ in bare), default=None)
    for reps, on in bare:
        if reps == most:
            earliest((RecordKind.MOST_REPS, None), on)
    return days


def earlier_bests(
    exercise: str,
    keys: Sequence[KeyRow],
    volume: tuple[Decimal, datetime] | None,
    unit: Unit,
    day_of: DayOf,
) -> Bests:
    """The bests of one exercise before a window, each dated by when it was first
    reached (`day_of` turns an instant into the athlete's local date): from each group's
    heaviest load, its sets without load, and the best session volume."""
    sets = [ws for ws, _ in _loaded(keys, unit, day_of)]
    sets += [WorkSet(key.reps, None, None) for key in keys if key.bare_at is not None]
    if not sets and volume is None:
        return Bests(exercise)
    days = _first_days(keys, unit, day_of)
    if volume is not None:
        days[(RecordKind.VOLUME, None)] = day_of(volume[1])
    placeholder = min(days.values())
    day = day_best(placeholder, sets, volume=None if volume is None else Mass(volume[0]))
    bests, _ = Bests(exercise).add(day)
    held = tuple(replace(r, on=days.get((r.kind, r.reps), r.on)) for r in bests.held)
    return Bests(exercise, held)


def lift_history(earlier: Bests, days: Sequence[DayBest]) -> LiftHistory:
    """A lift's window: its days added to the bests before it, in order."""
    bests, new = earlier.add_all(days)
    ordered = sorted(days, key=lambda d: d.on)
    points = tuple(E1rmPoint(d.on, d.e1rm) for d in ordered if d.e1rm is not None)
    return LiftHistory(earlier.exercise, points, bests.held, new, len(ordered))
