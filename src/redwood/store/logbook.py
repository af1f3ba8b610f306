"""The training log: performed sessions and their sets, for one athlete.

Writes are idempotent where a client may retry: a set is keyed by its client-made UUID and
a session by its id or import key, so sending the same thing twice stores it once and returns
what is stored. Edits check a version number (optimistic concurrency: the later writer is
told, never silently overwritten). Deleting a set leaves a tombstone (`deleted_at`) so an
offline device replaying its queue cannot bring the set back; reads skip tombstones.

Queries that analytics and the API run are served by the indexes on
(athlete_id, exercise_id, performed_at) and (athlete_id, performed_at, id).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Select, and_, delete, func, or_, select, update

from redwood.domain.logbook import LoggedSet, PerformedSession, SetEntry, check_aware
from redwood.domain.vocab import SetType
from redwood.store import batches, record_book
from redwood.store.base import AthleteRepository, insert_or, quantize
from redwood.store.errors import DuplicateRecordError, RecordNotFoundError, StaleVersionError
from redwood.store.exercises import Exercises
from redwood.store.models import (
    PerformedSessionRow,
    PlannedSessionRow,
    ProgramRow,
    SetRow,
)

SESSION_FIELDS = frozenset(
    {"local_date", "title", "notes", "started_at", "ended_at", "planned_session_id"}
)
SET_FIELDS = frozenset(field.name for field in fields(SetEntry)) - {"id"}


@dataclass(frozen=True, slots=True)
class SetWrite:
    """The stored set and whether this call created it (False: it was already there)."""

    set: LoggedSet
    created: bool


def _session(row: PerformedSessionRow) -> PerformedSession:
    return PerformedSession(
        **{field.name: getattr(row, field.name) for field in fields(PerformedSession)}
    )


def _logged(row: SetRow) -> LoggedSet:
    values = {field.name: getattr(row, field.name) for field in fields(LoggedSet)}
    values["set_type"] = SetType(row.set_type)
    return LoggedSet(**values)


def _columns(entry: SetEntry) -> dict[str, Any]:
    """The entry's values at the columns' scale (identical digits on every backend)."""
    return {
        "exercise_id": entry.exercise_id,
        "performed_at": entry.performed_at,
        "set_type": str(SetType(entry.set_type)),
        "reps": entry.reps,
        "load_kg": quantize(entry.load_kg, 3),
        "rpe": quantize(entry.rpe, 1),
        "rir": quantize(entry.rir, 1),
        "seconds": entry.seconds,
        "distance_m": quantize(entry.distance_m, 2),
        "rest_seconds": entry.rest_seconds,
        "note": entry.note,
    }


class Logbook(AthleteRepository):
    """One athlete's performed sessions and sets."""

    # Sessions ------------------------------------------------------------------------------

    def start_session(
        self,
        local_date: date,
        *,
        session_id: UUID | None = None,
        title: str = "",
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
        notes: str | None = None,
        planned_session_id: int | None = None,
        source: str = "manual",
        import_key: str | None = None,
    ) -> PerformedSession:
        """Record a session; an id or import key already stored returns the stored session."""
        check_aware("started_at", started_at)
        check_aware("ended_at", ended_at)
        if session_id is not None:
            found = self._session_row(session_id)
            if found is not None:
                return _session(found)
        if import_key is not None:
            by_key = self.session_by_import_key(import_key)
            if by_key is not None:
                return by_key
        if planned_session_id is not None:
            self._check_planned(planned_session_id)
        row = PerformedSessionRow(
            id=session_id or uuid4(),
            athlete_id=self.athlete_id,
            local_date=local_date,
            title=title[:200],
            started_at=started_at,
            ended_at=ended_at,
            notes=notes,
            planned_session_id=planned_session_id,
            source=source[:40],
            import_key=import_key,
        )

        def clash() -> PerformedSessionRow | None:
            winner = self._session_row(row.id)
            if winner is None and import_key is not None:
                winner = self.session.scalars(self._by_key(import_key)).first()
            if winner is None and self.session.get(PerformedSessionRow, row.id) is not None:
                raise DuplicateRecordError(f"session id {row.id} is already used")
            return winner

        return _session(insert_or(self.session, row, clash))

    def get_session(self, session_id: UUID) -> PerformedSession | None:
        """The athlete's session with this id, or None (also for another athlete's)."""
        row = self._session_row(session_id)
        return None if row is None else _session(row)

    def session_by_import_key(self, import_key: str) -> PerformedSession | None:
        """The session an importer stored under this key, or None."""
        row = self.session.scalars(self._by_key(import_key)).first()
        return None if row is None else _session(row)

    def sessions(
        self, start: date | None = None, end: date | None = None
    ) -> list[PerformedSession]:
        """Sessions with local dates in [start, end] (either open), oldest first."""
        query = select(PerformedSessionRow).where(PerformedSessionRow.athlete_id == self.athlete_id)
        if start is not None:
            query = query.where(PerformedSessionRow.local_date >= start)
        if end is not None:
            query = query.where(PerformedSessionRow.local_date <= end)
        query = query.order_by(
            PerformedSessionRow.local_date, PerformedSessionRow.started_at, PerformedSessionRow.id
        )
        return [_session(row) for row in self.session.scalars(query)]

    def update_session(self, session_id: UUID, **changes: Any) -> PerformedSession:
        """Change a session's date, title, notes, times or planned session."""
        unknown = set(changes) - SESSION_FIELDS
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))} on a session")
        row = self._require_session(session_id)
        for field in ("started_at", "ended_at"):
            if field in changes:
                check_aware(field, changes[field])
        if changes.get("planned_session_id") is not None:
            self._check_planned(changes["planned_session_id"])
        if "local_date" in changes:
            record_book.touch_session(self.session, self.athlete_id, session_id)
        for field, value in changes.items():
            setattr(row, field, value)
        row.updated_at = self.now()
        self.session.flush()
        if "local_date" in changes:
            record_book.touch_session(self.session, self.athlete_id, session_id)
        return _session(row)

    def delete_session(self, session_id: UUID) -> bool:
        """Delete a session with all its sets; False when there was no such session."""
        record_book.touch_session(self.session, self.athlete_id, session_id)
        result = self.session.execute(
            delete(PerformedSessionRow).where(
                PerformedSessionRow.id == session_id,
                PerformedSessionRow.athlete_id == self.athlete_id,
            )
        )
        self.session.expire_all()
        return bool(getattr(result, "rowcount", 0))

    # Sets ----------------------------------------------------------------------------------

    def add_set(self, session_id: UUID, entry: SetEntry) -> SetWrite:
        """Store a set under one of the athlete's sessions, once per UUID.

        A UUID already stored for this athlete returns that set (created=False), even when
        the retry carries different values; one used by another athlete is refused.
        """
        existing = self.session.get(SetRow, entry.id)
        if existing is not None:
            return SetWrite(self._own_set(existing), created=False)
        self._require_session(session_id)
        if not Exercises(self.session, self.athlete_id).exists(entry.exercise_id):
            raise RecordNotFoundError(f"exercise: unknown exercise {entry.exercise_id!r}")
        position = entry.position
        if position is None:
            last = self.session.scalar(
                select(func.max(SetRow.position)).where(
                    SetRow.session_id == session_id, SetRow.athlete_id == self.athlete_id
                )
            )
            position = 0 if last is None else last + 1
        row = SetRow(
            id=entry.id,
            session_id=session_id,
            athlete_id=self.athlete_id,
            position=position,
            version=1,
            **_columns(entry),
        )

        def clash() -> SetRow | None:
            return self.session.get(SetRow, entry.id, populate_existing=True)

        stored = insert_or(self.session, row, clash)
        if stored is not row:
            return SetWrite(self._own_set(stored), created=False)
        record_book.touch_sets(self.session, self.athlete_id, [(row.exercise_id, session_id)])
        return SetWrite(_logged(row), created=True)

    def get_set(self, set_id: UUID, *, include_deleted: bool = False) -> LoggedSet | None:
        """The athlete's set with this id, or None (another athlete's set looks absent)."""
        row = self._set_row(set_id, include_deleted=include_deleted)
        return None if row is None else _logged(row)

    def session_sets(self, session_id: UUID) -> list[LoggedSet]:
        """The live sets of one session, in order."""
        query = self._live_sets().where(SetRow.session_id == session_id)
        rows = self.session.scalars(query.order_by(SetRow.position, SetRow.performed_at))
        return [_logged(row) for row in rows]

    def update_set(
        self, set_id: UUID, *, expected_version: int | None = None, **changes: Any
    ) -> LoggedSet:
        """Edit a set; with `expected_version`, refuse if someone else edited it first."""
        unknown = set(changes) - SET_FIELDS
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))} on a set")
        row = self._set_row(set_id)
        if row is None:
            raise RecordNotFoundError(f"no set {set_id}")
        if expected_version is not None and row.version != expected_version:
            raise StaleVersionError(
                f"set {set_id} changed since version {expected_version} (now {row.version})"
            )
        merged = replace(_logged(row).entry(), **changes)
        if "exercise_id" in changes and not Exercises(self.session, self.athlete_id).exists(
            merged.exercise_id
        ):
            raise RecordNotFoundError(f"exercise: unknown exercise {merged.exercise_id!r}")
        values = _columns(merged)
        values["position"] = row.position if merged.position is None else merged.position
        touched = [(row.exercise_id, row.session_id), (merged.exercise_id, row.session_id)]
        record_book.touch_sets(self.session, self.athlete_id, touched)
        result = self.session.execute(
            update(SetRow)
            .where(
                SetRow.id == set_id,
                SetRow.athlete_id == self.athlete_id,
                SetRow.version == row.version,
            )
            .values(**values, version=row.version + 1, updated_at=self.now())
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            raise StaleVersionError(f"set {set_id} was changed by someone else; reload it")
        fresh = self.session.get(SetRow, set_id, populate_existing=True)
        assert fresh is not None
        return _logged(fresh)

    def delete_set(self, set_id: UUID) -> LoggedSet | None:
        """Delete a set (keeping a tombstone); returns it for undo, or None if absent."""
        return self._mark_deleted(set_id, self.now())

    def restore_set(self, set_id: UUID) -> LoggedSet | None:
        """Undo a delete; None when there is no such set."""
        return self._mark_deleted(set_id, None)

    def sets_for_exercise(
        self,
        exercise_id: str,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[LoggedSet]:
        """The live sets of one exercise performed in [since, until), oldest first."""
        query = self._live_sets().where(SetRow.exercise_id == exercise_id)
        query = self._window(query, since, until)
        rows = self.session.scalars(query.order_by(SetRow.performed_at, SetRow.id))
        return [_logged(row) for row in rows]

    def history(
        self,
        *,
        exercise_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        before: tuple[datetime, UUID] | None = None,
        limit: int = 50,
    ) -> Sequence[LoggedSet]:
        """A page of live sets, newest first. `before` is the keyset cursor: the
        (performed_at, id) of the last set of the previous page."""
        query = self._live_sets()
        if exercise_id is not None:
            query = query.where(SetRow.exercise_id == exercise_id)
        query = self._window(query, since, until)
        if before is not None:
            at, last_id = before
            query = query.where(
                or_(SetRow.performed_at < at, and_(SetRow.performed_at == at, SetRow.id < last_id))
            )
        query = query.order_by(SetRow.performed_at.desc(), SetRow.id.desc()).limit(limit)
        return [_logged(row) for row in self.session.scalars(query)]

    def repoint_exercise(self, old_id: str, new_id: str) -> int:
        """Move every set of `old_id` to `new_id` (mapping a custom exercise later)."""
        if not Exercises(self.session, self.athlete_id).exists(new_id):
            raise RecordNotFoundError(f"exercise: unknown exercise {new_id!r}")
        result = self.session.execute(
            update(SetRow)
            .where(SetRow.athlete_id == self.athlete_id, SetRow.exercise_id == old_id)
            .values(exercise_id=new_id, version=SetRow.version + 1, updated_at=self.now())
            .execution_options(synchronize_session=False)
        )
        self.session.expire_all()
        for exercise_id in (old_id, new_id):
            record_book.touch(self.session, self.athlete_id, exercise_id, None)
        return int(getattr(result, "rowcount", 0))

    def batches(self) -> batches.Batches:
        """Batched writes and streamed reads for imports, restores and exports."""
        return batches.Batches(self.session, self.athlete_id)

    # Helpers -------------------------------------------------------------------------------

    def _by_key(self, import_key: str) -> Select[PerformedSessionRow]:
        return select(PerformedSessionRow).where(
            PerformedSessionRow.athlete_id == self.athlete_id,
            PerformedSessionRow.import_key == import_key,
        )

    def _session_row(self, session_id: UUID) -> PerformedSessionRow | None:
        row = self.session.get(PerformedSessionRow, session_id)
        return row if row is not None and row.athlete_id == self.athlete_id else None

    def _require_session(self, session_id: UUID) -> PerformedSessionRow:
        row = self._session_row(session_id)
        if row is None:
            raise RecordNotFoundError(f"no session {session_id}")
        return row

    def _check_planned(self, planned_session_id: int) -> None:
        owner = self.session.scalar(
            select(ProgramRow.athlete_id)
            .join(PlannedSessionRow, PlannedSessionRow.program_id == ProgramRow.id)
            .where(PlannedSessionRow.id == planned_session_id)
        )
        if owner != self.athlete_id:
            raise RecordNotFoundError(f"no planned session {planned_session_id}")

    def _own_set(self, row: SetRow) -> LoggedSet:
        if row.athlete_id != self.athlete_id:
            raise DuplicateRecordError(f"id: set id {row.id} is already used")
        return _logged(row)

    def _live_sets(self) -> Select[SetRow]:
        return select(SetRow).where(
            SetRow.athlete_id == self.athlete_id, SetRow.deleted_at.is_(None)
        )

    @staticmethod
    def _window(
        query: Select[SetRow], since: datetime | None, until: datetime | None
    ) -> Select[SetRow]:
        if since is not None:
            query = query.where(SetRow.performed_at >= since)
        if until is not None:
            query = query.where(SetRow.performed_at < until)
        return query

    def _set_row(self, set_id: UUID, *, include_deleted: bool = False) -> SetRow | None:
        row = self.session.get(SetRow, set_id)
        if row is None or row.athlete_id != self.athlete_id:
            return None
        if row.deleted_at is not None and not include_deleted:
            return None
        return row

    def _mark_deleted(self, set_id: UUID, when: datetime | None) -> LoggedSet | None:
        row = self._set_row(set_id, include_deleted=True)
        if row is None:
            return None
        if (row.deleted_at is None) != (when is None):
            touched = [(row.exercise_id, row.session_id)]
            record_book.touch_sets(self.session, self.athlete_id, touched)
            row.deleted_at = when
            row.version += 1
            row.updated_at = self.now()
            self.session.flush()
        return _logged(row)
