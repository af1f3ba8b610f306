"""Personal records: an exercise's bests, and the new records a day of training sets.

Five kinds, over hard sets only (warm-ups never count: TRAINING.md 1, Robinson 2024):

- `e1rm`: the best estimated one-rep max of a day (`stalls.exposure_e1rm`: the RTS chart
  when RIR is logged, else Epley, only from 1-12 effective reps; TRAINING.md 3,
  Reynolds 2006);
- `load`: the heaviest load of a hard set;
- `rep`: the heaviest load for one rep count (a 5-rep record is the heaviest set of 5);
- `volume`: the best session volume, load x reps summed over the day's hard sets;
- `most_reps`: the most reps in one set with no load (bodyweight work).

A day sets a record when its value beats (strictly) the best of every earlier day. The
first day of an exercise, or the first set at a new rep count, has nothing to beat: it is
the best so far, not a record. The coach flags records at the end of a session and the
analytics list them as they happened; both use `Bests.add`.

While logging, `set_records` says which records one set just set: its values against the
bests of the earlier days and of the day's earlier sets (a tie is not a record; a kind the
earlier days never had is not one either). A session's volume is flagged once, on the set
that takes it past the earlier best, not again on every set after.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from redwood.domain.effort import logged_rir
from redwood.domain.exposure import Exposure, WorkSet
from redwood.domain.mass import Mass, Unit, from_stored_kg
from redwood.domain.stalls import exposure_e1rm


class RecordKind(StrEnum):
    """What a record is a best of."""

    E1RM = "e1rm"
    LOAD = "load"
    REP = "rep"
    VOLUME = "volume"
    MOST_REPS = "most_reps"


KIND_ORDER = tuple(RecordKind)
"""How records are listed: e1RM, heaviest, rep records (fewest reps first), volume, reps."""


@dataclass(frozen=True, slots=True)
class Record:
    """A best of one exercise: `value` in kilograms (a count of reps for `most_reps`),
    the day it was set, and the best it beat (`previous` None: the first of its kind)."""

    exercise: str
    kind: RecordKind
    value: Decimal
    on: date
    previous: Decimal | None = None
    reps: int | None = None

    @property
    def is_mass(self) -> bool:
        """True for every kind but `most_reps`, whose value counts reps."""
        return self.kind is not RecordKind.MOST_REPS

    @property
    def label(self) -> str:
        """The kind in words: "estimated 1RM", "5-rep best", "most reps in a set"."""
        if self.kind is RecordKind.REP:
            return f"{self.reps}-rep best"
        return {
            RecordKind.E1RM: "estimated 1RM",
            RecordKind.LOAD: "heaviest load",
            RecordKind.VOLUME: "best session volume",
            RecordKind.MOST_REPS: "most reps in a set",
        }[self.kind]

    def show(self, value: Decimal, unit: Unit, extra: int = 0) -> str:
        """A value of this record for people: "142.5 kg", "315 lb", "14 reps" (with
        `extra` more decimals, to tell two close values apart)."""
        if not self.is_mass:
            return f"{value.normalize():f} reps"
        places = 0 if self.kind is RecordKind.VOLUME else 1
        return Mass(value).format(unit, places=places + extra)

    def summary(self, unit: Unit) -> str:
        """The best as it stands, for a records table: "Heaviest load: 162.5 kg"."""
        return f"{self.label[0].upper()}{self.label[1:]}: {self.show(self.value, unit)}"

    def sentence(self, name: str, unit: Unit) -> str:
        """The record announced: "New heaviest load on Barbell Back Squat: 105 kg (was 100
        kg)." A gain too small to show is shown to two more decimals."""
        extra = 0
        if self.previous is not None and self.show(self.value, unit) == self.show(
            self.previous, unit
        ):
            extra = 2
        was = "" if self.previous is None else f" (was {self.show(self.previous, unit, extra)})"
        return f"New {self.label} on {name}: {self.show(self.value, unit, extra)}{was}."


@dataclass(frozen=True, slots=True)
class DayBest:
    """One exercise's bests on one day; `rep_loads` holds (reps, heaviest load) pairs."""

    on: date
    e1rm: Mass | None
    load: Mass | None
    rep_loads: tuple[tuple[int, Mass], ...]
    volume: Mass | None
    most_reps: int | None

    def values(self) -> Iterator[tuple[RecordKind, int | None, Decimal]]:
        """(kind, rep count, value) for every best the day has."""
        if self.e1rm is not None:
            yield RecordKind.E1RM, None, self.e1rm.kg
        if self.load is not None:
            yield RecordKind.LOAD, None, self.load.kg
        for reps, load in self.rep_loads:
            yield RecordKind.REP, reps, load.kg
        if self.volume is not None:
            yield RecordKind.VOLUME, None, self.volume.kg
        if self.most_reps is not None:
            yield RecordKind.MOST_REPS, None, Decimal(self.most_reps)


@functools.lru_cache(maxsize=8192)
def set_e1rm(work_set: WorkSet) -> Mass | None:
    """One hard set's e1RM (`stalls.exposure_e1rm` of that set alone: None when it gives
    none). Remembered: a long log repeats the same sets over and over."""
    return exposure_e1rm(Exposure(date.min, (work_set,)))


def day_best(on: date, sets: Iterable[WorkSet], *, volume: Mass | None = None) -> DayBest:
    """The bests of one day's hard sets of one exercise.

    `volume`, when given, is the day's load x reps already summed (by the database, where
    the sets were grouped); otherwise it is summed from `sets`. Sets without reps (timed
    work) give no load record; sets with no load only count toward `most_reps`.
    """
    items = tuple(sets)
    loaded = [s for s in items if s.load is not None and s.load.kg > 0 and s.reps >= 1]
    rep_loads: dict[int, Mass] = {}
    for s in loaded:
        assert s.load is not None
        if s.reps not in rep_loads or s.load > rep_loads[s.reps]:
            rep_loads[s.reps] = s.load
    if volume is None and loaded:
        volume = Mass(sum((s.load.kg * s.reps for s in loaded if s.load), Decimal(0)))
    unloaded = [s.reps for s in items if (s.load is None or s.load.kg == 0) and s.reps >= 1]
    return DayBest(
        on=on,
        e1rm=max((e for s in items if (e := set_e1rm(s)) is not None), default=None),
        load=max(rep_loads.values(), default=None),
        rep_loads=tuple(sorted(rep_loads.items())),
        volume=volume if volume is not None and volume.kg > 0 else None,
        most_reps=max(unloaded, default=None),
    )


def _order(record: Record) -> tuple[int, int]:
    return KIND_ORDER.index(record.kind), record.reps or 0


@dataclass(frozen=True, slots=True)
class Bests:
    """The bests of one exercise so far, one `Record` per kind (and rep count)."""

    exercise: str
    held: tuple[Record, ...] = ()

    def get(self, kind: RecordKind, reps: int | None = None) -> Record | None:
        """The best of a kind (of a rep count, for `rep`), or None."""
        return next((r for r in self.held if r.kind is kind and r.reps == reps), None)

    def add(self, day: DayBest) -> tuple[Bests, tuple[Record, ...]]:
        """The bests after `day`, and the records the day set (each with the best it beat).

        Days must come oldest first; a tie is not a record (the earlier day keeps it).
        """
        held = {(r.kind, r.reps): r for r in self.held}
        new: list[Record] = []
        for kind, reps, value in day.values():
            old = held.get((kind, reps))
            if old is not None and value <= old.value:
                continue
            record = Record(self.exercise, kind, value, day.on, None, reps)
            if old is not None:
                record = Record(self.exercise, kind, value, day.on, old.value, reps)
                new.append(record)
            held[(kind, reps)] = record
        ordered = tuple(sorted(held.values(), key=_order))
        return Bests(self.exercise, ordered), tuple(sorted(new, key=_order))

    def add_all(self, days: Iterable[DayBest]) -> tuple[Bests, tuple[Record, ...]]:
        """`add` over days in date order: the bests after them and every record they set."""
        bests, found = self, list[Record]()
        for day in sorted(days, key=lambda d: d.on):
            bests, new = bests.add(day)
            found.extend(new)
        return bests, tuple(found)


def changed(before: Bests, after: Bests) -> tuple[Record, ...]:
    """The bests `after` holds that `before` did not: each kind's new best (the first of a
    kind included), in listing order."""
    held = set(before.held)
    return tuple(r for r in after.held if r not in held)


@functools.lru_cache(maxsize=4096)
def logged_set(
    reps: int, rpe: Decimal | None, rir: Decimal | None, load_kg: Decimal | None, unit: Unit
) -> WorkSet:
    """A stored set as the records read it: its load made exact again for the athlete's
    unit, and its RIR from the logged RIR or RPE. Remembered: a long log repeats the same
    loads, reps and efforts over and over."""
    load = None if load_kg is None else from_stored_kg(load_kg, unit)
    return WorkSet(reps=reps, load=load, rir=logged_rir(rpe=rpe, rir=rir))


@dataclass(frozen=True, slots=True)
class StoredSet:
    """One stored hard set of a day, as logged: `key` names it (its id), loads in kg."""

    key: Hashable
    reps: int
    load_kg: Decimal | None
    rpe: Decimal | None
    rir: Decimal | None

    def work_set(self, unit: Unit) -> WorkSet:
        return logged_set(self.reps, self.rpe, self.rir, self.load_kg, unit)

    @property
    def volume_kg(self) -> Decimal:
        """Load x reps (0 without a load)."""
        return (self.load_kg or Decimal(0)) * self.reps if self.reps >= 1 else Decimal(0)


def _values(day: DayBest) -> dict[tuple[RecordKind, int | None], Decimal]:
    return {(kind, reps): value for kind, reps, value in day.values()}


def _joined(day: DayBest, later: DayBest) -> DayBest:
    """`day_best` of the sets of `day` and of `later` (done after them, the same day),
    from the two alone: every best is a maximum (a tie keeps the earlier set's), so a day
    of n sets is flagged with n estimates, not n x n / 2. The volume is `day`'s."""
    rep_loads = dict(day.rep_loads)
    for reps, load in later.rep_loads:
        if reps not in rep_loads or load > rep_loads[reps]:
            rep_loads[reps] = load
    reps_done = [n for n in (day.most_reps, later.most_reps) if n is not None]
    return DayBest(
        on=day.on,
        e1rm=max((m for m in (day.e1rm, later.e1rm) if m is not None), default=None),
        load=max(rep_loads.values(), default=None),
        rep_loads=tuple(sorted(rep_loads.items())),
        volume=day.volume,
        most_reps=max(reps_done, default=None),
    )


def set_records(
    earlier: Bests, on: date, sets: Sequence[StoredSet], unit: Unit
) -> dict[Hashable, tuple[Record, ...]]:
    """The records each of a day's hard sets (in the order done) set, against `earlier`
    (the bests of the days before) and the sets before it that day; each record carries
    the best it beat. See the module docstring for the rules."""
    out: dict[Hashable, tuple[Record, ...]] = {}
    running = day_best(on, ())
    volume = Decimal(0)
    before: dict[tuple[RecordKind, int | None], Decimal] = {}
    for stored in sets:
        one = day_best(on, (stored.work_set(unit),))
        running = _joined(running, one)
        volume += stored.volume_kg
        now = _values(replace(running, volume=Mass(volume) if volume > 0 else None))
        found = []
        for (kind, reps), value in now.items():
            old = earlier.get(kind, reps)
            if old is None:
                continue
            so_far = before.get((kind, reps))
            if kind is RecordKind.VOLUME and so_far is not None and so_far > old.value:
                continue
            beat = old.value
            if kind is not RecordKind.VOLUME and so_far is not None:
                beat = max(beat, so_far)
            if value > beat:
                found.append(Record(earlier.exercise, kind, value, on, beat, reps))
        out[stored.key] = tuple(sorted(found, key=_order))
        before = now
    return out
