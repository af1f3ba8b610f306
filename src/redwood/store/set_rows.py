"""Sets as rows of `sets`, the way a bulk insert takes them (`SET_COLUMNS` order).

Two kinds of input become rows: a `BatchSet` (a checked `SetEntry` with its session, its
place and maybe a tombstone, as a restore has them) and an `ImportedSet` (a set read from
another app's export, checked by the same domain rules, `domain.logbook.check_set`, without
building a frozen entry per row: an import makes 200,000 of them). Both are named tuples,
built without a per-field `object.__setattr__`.

A batch's rows skip the ids already stored and the ids met earlier in the batch, so a set
is stored once. Loads, efforts and distances are rounded to their columns' places here
(`quantize`: SQLite and PostgreSQL then store the same digits), each distinct value once,
since a file repeats its loads and efforts thousands of times.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple
from uuid import UUID

from redwood.domain.logbook import SetEntry
from redwood.domain.vocab import SetType
from redwood.store.base import quantize

SET_COLUMNS = (
    "id",
    "session_id",
    "athlete_id",
    "exercise_id",
    "position",
    "set_type",
    "reps",
    "load_kg",
    "rpe",
    "rir",
    "seconds",
    "distance_m",
    "rest_seconds",
    "note",
    "performed_at",
    "created_at",
    "updated_at",
    "version",
    "deleted_at",
    "import_id",
)
"""The columns of a set row, in the order the row tuples hold them."""

Row = tuple[Any, ...]


class BatchSet(NamedTuple):
    """A set to store in a batch: its session, its place there, and a tombstone if deleted."""

    session_id: UUID
    position: int
    entry: SetEntry
    deleted_at: datetime | None = None


class ImportedSet(NamedTuple):
    """A set read from another app's file, checked as a `SetEntry` is but not built as one.
    It has no RIR and no tombstone; its session is given beside it."""

    id: UUID
    exercise_id: str
    position: int
    set_type: SetType
    reps: int | None
    load_kg: Decimal | None
    rpe: Decimal | None
    seconds: int | None
    distance_m: Decimal | None
    rest_seconds: int | None
    note: str | None
    performed_at: datetime


class _Rounded:
    """`quantize` to a column's places, each distinct value rounded once."""

    def __init__(self, places: int) -> None:
        self.places = places
        self.done: dict[Decimal, Decimal | None] = {}

    def __call__(self, value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        found = self.done.get(value)
        if found is None:
            found = self.done[value] = quantize(value, self.places)
        return found


def entry_rows(
    athlete_id: int,
    batch: Sequence[BatchSet],
    stored: Collection[UUID],
    import_id: int | None,
    now: datetime,
) -> list[Row]:
    """The rows of a batch of entries, without the ids in `stored` (nor repeats)."""
    rows = []
    seen: set[UUID] = set()
    load, effort, distance = _Rounded(3), _Rounded(1), _Rounded(2)
    for session_id, position, entry, deleted_at in batch:
        set_id = entry.id
        if set_id in stored or set_id in seen:
            continue
        seen.add(set_id)
        rows.append(
            (
                set_id,
                session_id,
                athlete_id,
                entry.exercise_id,
                position,
                str(entry.set_type),
                entry.reps,
                load(entry.load_kg),
                effort(entry.rpe),
                effort(entry.rir),
                entry.seconds,
                distance(entry.distance_m),
                entry.rest_seconds,
                entry.note,
                entry.performed_at,
                now,
                now,
                1,
                deleted_at,
                import_id,
            )
        )
    return rows


def imported_rows(
    athlete_id: int,
    batch: Sequence[tuple[UUID, ImportedSet]],
    stored: Collection[UUID],
    import_id: int | None,
    now: datetime,
) -> list[Row]:
    """The rows of (session id, imported set) pairs, without the ids in `stored` (nor
    repeats): the same rows `entry_rows` makes of the same sets as entries."""
    rows = []
    seen: set[UUID] = set()
    load, effort, distance = _Rounded(3), _Rounded(1), _Rounded(2)
    for session_id, item in batch:
        set_id = item.id
        if set_id in stored or set_id in seen:
            continue
        seen.add(set_id)
        rows.append(
            (
                set_id,
                session_id,
                athlete_id,
                item.exercise_id,
                item.position,
                str(item.set_type),
                item.reps,
                load(item.load_kg),
                effort(item.rpe),
                None,
                item.seconds,
                distance(item.distance_m),
                item.rest_seconds,
                item.note,
                item.performed_at,
                now,
                now,
                1,
                None,
                import_id,
            )
        )
    return rows
