"""The athlete's log, seen the way the coach reasons about it: exposures per exercise.

An exposure is one day's hard sets of one exercise (warm-ups never count: TRAINING.md 1,
Robinson 2024). Progression compares exposures, stall detection compares their e1RMs,
the recovery model turns them into per-muscle doses.

A set whose note mentions its form ("form broke down", "form") is a form flag: the coach
holds that lift's load next time and adds a rep in reserve (TRAINING.md 5: form breaking
down reduces the day's work).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from redwood.domain.effort import logged_rir
from redwood.domain.exercise import Exercise
from redwood.domain.fatigue import Dose
from redwood.domain.logbook import LoggedSet
from redwood.domain.mass import Mass, Unit, from_stored_kg
from redwood.domain.program import Prescription
from redwood.domain.progression import Exposure, WorkSet
from redwood.domain.vocab import SetType

FORM_NOTE = re.compile(r"\bform\b", re.IGNORECASE)
"""A note that mentions form marks the set as one where form broke down."""


@dataclass(frozen=True, slots=True)
class LogRow:
    """One stored set with its local training date and, when known, what was prescribed."""

    on: date
    set: LoggedSet
    target: Prescription | None = None
    deload: bool = False


def form_broke(note: str | None) -> bool:
    """True when the athlete's note says the set's form broke down."""
    return bool(note and FORM_NOTE.search(note))


def _work_set(row: LoggedSet, unit: Unit) -> WorkSet | None:
    if not row.is_hard:
        return None
    if row.reps is None and row.seconds is None:
        return None
    load = None if row.load_kg is None else from_stored_kg(row.load_kg, unit)
    return WorkSet(
        reps=row.reps or 0, load=load, rir=logged_rir(rpe=row.rpe, rir=row.rir), seconds=row.seconds
    )


def exposures(
    rows: Iterable[LogRow], *, unit: Unit = Unit.KG, include_deloads: bool = False
) -> dict[str, tuple[Exposure, ...]]:
    """Each exercise's exposures, oldest first (one per exercise per local date).

    Loads come back exact in the athlete's `unit` (see `from_stored_kg`). Deload-week
    sets are left out unless asked for: progression and stall detection
    compare build weeks, and a deliberately light week is neither a stall nor a reset.
    """
    grouped: dict[tuple[str, date], list[LogRow]] = defaultdict(list)
    for row in rows:
        if row.deload and not include_deloads:
            continue
        grouped[(row.set.exercise_id, row.on)].append(row)
    out: dict[str, list[Exposure]] = defaultdict(list)
    for (exercise, on), day_rows in sorted(grouped.items(), key=lambda item: item[0][1]):
        day_rows.sort(key=lambda r: (r.set.performed_at, r.set.position))
        sets = tuple(ws for r in day_rows if (ws := _work_set(r.set, unit)) is not None)
        if not sets:
            continue
        target = next((r.target for r in day_rows if r.target is not None), None)
        out[exercise].append(
            Exposure(
                on=on,
                sets=sets,
                target_reps_min=None if target is None else target.reps_min,
                target_reps_max=None if target is None else target.reps_max,
                target_rir=None if target is None else target.rir,
            )
        )
    return {exercise: tuple(items) for exercise, items in out.items()}


def form_flags(rows: Iterable[LogRow]) -> frozenset[str]:
    """Exercises whose latest day had a set with form breaking down."""
    latest: dict[str, date] = {}
    flagged: dict[str, bool] = {}
    for row in sorted(rows, key=lambda r: r.on):
        ex = row.set.exercise_id
        if latest.get(ex) != row.on:
            latest[ex] = row.on
            flagged[ex] = False
        if form_broke(row.set.note):
            flagged[ex] = True
    return frozenset(ex for ex, flag in flagged.items() if flag)


def doses(rows: Iterable[LogRow], lookup: Callable[[str], Exercise | None]) -> list[Dose]:
    """Per-exercise, per-day doses for the recovery model (hard sets; time of the last set)."""
    grouped: dict[tuple[str, date], list[LoggedSet]] = defaultdict(list)
    for row in rows:
        if row.set.is_hard:
            grouped[(row.set.exercise_id, row.on)].append(row.set)
    out: list[Dose] = []
    for (exercise_id, _), sets in grouped.items():
        exercise = lookup(exercise_id)
        if exercise is None:
            continue
        at: datetime = max(s.performed_at for s in sets)
        failure = any(s.set_type is SetType.FAILURE or s.rir == 0 for s in sets)
        out.append(Dose(exercise, Decimal(len(sets)), at, to_failure=failure))
    return out


def last_working_load(history: Sequence[Exposure]) -> Mass | None:
    """The heaviest load of the latest exposure (None for bodyweight work or no history)."""
    if not history:
        return None
    loads = [s.load for s in history[-1].sets if s.load is not None]
    return max(loads, default=None)


def latest(history: Mapping[str, Sequence[Exposure]], exercise: str) -> Exposure | None:
    """The newest exposure of one exercise, or None."""
    items = history.get(exercise, ())
    return items[-1] if items else None
