"""Imports as history, and removing what one import made.

`Imports.start` records an import before its rows are written (the rows carry its id in
`import_id`); `finish` stores what it added and what undoing it needs (`payload`, JSON chosen
by the service). `remove_rows` deletes the import's sets (tombstones too) and then every
session left empty that an import made, among the sessions it made or put sets in; sessions
logged by hand are never removed, and a session that still holds other sets stays.
`mark_undone` succeeds once per import (a conditional update), so two undos racing for the
same import cannot both reverse it: the loser's transaction fails and rolls back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, delete, exists, select, update

from redwood.store import record_book
from redwood.store.base import AthleteRepository
from redwood.store.bulk import refresh_statistics
from redwood.store.errors import RecordNotFoundError, StaleVersionError
from redwood.store.models import ImportRow, PerformedSessionRow, SetRow

CHUNK = 1000


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One import: when, which file, what it added; `undone_at` once undone."""

    id: int
    created_at: datetime
    file_name: str
    source_key: str
    format: str
    layout: str
    unit: str
    sessions: int
    sets: int
    bodyweights: int
    custom_created: int
    skipped: int
    payload: Mapping[str, Any]
    undone_at: datetime | None = None
    replaced_by: int | None = None

    @property
    def live(self) -> bool:
        """True until the import is undone."""
        return self.undone_at is None


@dataclass(frozen=True, slots=True)
class Removed:
    """What `remove_rows` deleted, and the exercises its sets used."""

    sets: int
    sessions: int
    exercises: tuple[str, ...] = ()


def _record(row: ImportRow) -> ImportRecord:
    return ImportRecord(
        id=row.id,
        created_at=row.created_at,
        file_name=row.file_name,
        source_key=row.source_key,
        format=row.format,
        layout=row.layout,
        unit=row.unit,
        sessions=row.sessions,
        sets=row.sets,
        bodyweights=row.bodyweights,
        custom_created=row.custom_created,
        skipped=row.skipped,
        payload=dict(row.payload or {}),
        undone_at=row.undone_at,
        replaced_by=row.replaced_by,
    )


def _chunks(items: Sequence[UUID]) -> Iterator[Sequence[UUID]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class Imports(AthleteRepository):
    """One athlete's imports, newest last."""

    def start(
        self, *, file_name: str, source_key: str, format: str, layout: str, unit: str
    ) -> ImportRecord:
        """Record an import about to write its rows (counts come with `finish`)."""
        row = ImportRow(
            athlete_id=self.athlete_id,
            created_at=self.now(),
            file_name=file_name[:255],
            source_key=source_key[:255],
            format=format[:40],
            layout=layout[:200],
            unit=unit[:16],
            payload={},
        )
        self.session.add(row)
        self.session.flush()
        return _record(row)

    def finish(
        self,
        import_id: int,
        *,
        sessions: int,
        sets: int,
        bodyweights: int,
        custom_created: int,
        skipped: int,
        payload: Mapping[str, Any],
    ) -> ImportRecord:
        """Store what the import added and what undoing it needs."""
        row = self._require(import_id)
        row.sessions, row.sets, row.bodyweights = sessions, sets, bodyweights
        row.custom_created, row.skipped = custom_created, skipped
        row.payload = dict(payload)
        self.session.flush()
        return _record(row)

    def discard(self, import_id: int) -> None:
        """Forget an import that wrote nothing (no row carries its id)."""
        self.session.execute(
            delete(ImportRow).where(
                ImportRow.id == import_id, ImportRow.athlete_id == self.athlete_id
            )
        )
        self.session.expire_all()

    def get(self, import_id: int) -> ImportRecord | None:
        """One of the athlete's imports, or None (another athlete's looks the same)."""
        row = self._row(import_id)
        return None if row is None else _record(row)

    def all(self, *, limit: int | None = None) -> list[ImportRecord]:
        """The athlete's imports, newest first (undone ones too)."""
        query = (
            select(ImportRow)
            .where(ImportRow.athlete_id == self.athlete_id)
            .order_by(ImportRow.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [_record(row) for row in self.session.scalars(query)]

    def newest_live(self) -> ImportRecord | None:
        """The newest import not undone, or None."""
        row = self.session.scalars(
            select(ImportRow)
            .where(ImportRow.athlete_id == self.athlete_id, ImportRow.undone_at.is_(None))
            .order_by(ImportRow.id.desc())
            .limit(1)
        ).first()
        return None if row is None else _record(row)

    def live_from(self, format: str, source_key: str) -> list[ImportRecord]:
        """The imports not undone of this format and source key, oldest first."""
        rows = self.session.scalars(
            select(ImportRow)
            .where(
                ImportRow.athlete_id == self.athlete_id,
                ImportRow.format == format,
                ImportRow.source_key == source_key,
                ImportRow.undone_at.is_(None),
            )
            .order_by(ImportRow.id)
        )
        return [_record(row) for row in rows]

    def mark_undone(self, import_id: int, *, replaced_by: int | None = None) -> ImportRecord:
        """Claim the import for undo; refused when it is absent or was undone already."""
        self._require(import_id)
        result = self.session.execute(
            update(ImportRow)
            .where(
                ImportRow.id == import_id,
                ImportRow.athlete_id == self.athlete_id,
                ImportRow.undone_at.is_(None),
            )
            .values(undone_at=self.now(), replaced_by=replaced_by)
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            raise StaleVersionError(f"import {import_id} was undone already")
        row = self.session.get(ImportRow, import_id, populate_existing=True)
        assert row is not None
        return _record(row)

    def remove_rows(self, import_id: int) -> Removed:
        """Delete the import's sets, then the sessions an import made that are now empty
        among those this import made or put sets in (see the module docstring). On
        PostgreSQL the statistics of `sets` are refreshed first when they are stale, or each
        deleted session's cascade would scan the table (`bulk.refresh_statistics`)."""
        refresh_statistics(self.session, "sets")
        mine = (SetRow.athlete_id == self.athlete_id) & (SetRow.import_id == import_id)
        touched = sorted(set(self.session.scalars(select(SetRow.session_id).where(mine))))
        used = self.session.scalars(select(SetRow.exercise_id).where(mine).distinct())
        exercises = tuple(sorted(used))
        for exercise_id in exercises:
            record_book.touch(self.session, self.athlete_id, exercise_id, None)
        removed_sets = self.session.execute(delete(SetRow).where(mine))
        sessions = self._delete_empty(PerformedSessionRow.import_id == import_id)
        for chunk in _chunks(touched):
            sessions += self._delete_empty(PerformedSessionRow.id.in_(chunk))
        self.session.expire_all()
        return Removed(int(getattr(removed_sets, "rowcount", 0) or 0), sessions, exercises)

    def _delete_empty(self, which: ColumnElement[bool]) -> int:
        has_sets = exists().where(SetRow.session_id == PerformedSessionRow.id)
        result = self.session.execute(
            delete(PerformedSessionRow)
            .where(
                PerformedSessionRow.athlete_id == self.athlete_id,
                PerformedSessionRow.import_id.is_not(None),
                which,
                ~has_sets,
            )
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def _row(self, import_id: int) -> ImportRow | None:
        return self.session.scalars(
            select(ImportRow).where(
                ImportRow.id == import_id, ImportRow.athlete_id == self.athlete_id
            )
        ).first()

    def _require(self, import_id: int) -> ImportRow:
        row = self._row(import_id)
        if row is None:
            raise RecordNotFoundError(f"import: there is no import {import_id}")
        return row
