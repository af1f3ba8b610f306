"""Reads of the training log that the coach runs on every request, one query each.

`Logbook.session_sets` per performed session costs a query and an ORM object per set; the
coach reads twelve weeks of sessions for every `today` and `status`, which for a busy
athlete is thousands of sets. `LogReads.sets_by_session` reads the live sets of every
session in a date range in one query of plain rows (the columns' own result processors,
so values are exactly what the ORM hands out) and groups them by session, each session's
sets in the order `session_sets` gives. `kinds_by_session` is the light read for what only
needs to know which exercises a session trained and how (the schedule's "done" sessions): a
distinct (exercise, set type) pair per row instead of every set. `last_performed_at` is the
newest live set of a session without reading the others.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, func, select, tuple_

from redwood.domain.logbook import LoggedSet
from redwood.domain.vocab import SetType
from redwood.store.base import AthleteRepository
from redwood.store.models import SetRow

_COLUMNS = tuple(field.name for field in fields(LoggedSet))
"""The set columns in the order of `LoggedSet`'s fields."""
_TYPES = {str(kind): kind for kind in SetType}
CHUNK = 1000
"""Session ids per query (bind parameters stay well under every backend's limit)."""


def _logged(row: Sequence[Any]) -> LoggedSet:
    """A `LoggedSet` from a row of `_COLUMNS` (positional: thousands are built per call)."""
    return LoggedSet(
        row[0], row[1], row[2], row[3], _TYPES[row[4]], row[5], row[6], row[7], row[8],
        row[9], row[10], row[11], row[12], row[13], row[14], row[15], row[16], row[17],
    )  # fmt: skip


def _sets_table() -> Table:
    table = SetRow.__table__
    assert isinstance(table, Table)
    return table


class LogReads(AthleteRepository):
    """One athlete's log, read in bulk for the coach."""

    def sets_by_session(
        self, session_ids: Iterable[UUID], exercises: Collection[str] | None = None
    ) -> dict[UUID, list[LoggedSet]]:
        """The live sets of the athlete's sessions with these ids (only of `exercises`, when
        given), by session id, each list in session order (position, then time); sessions
        without such sets are absent."""
        wanted = list(session_ids)
        grouped: dict[UUID, list[LoggedSet]] = {}
        for at in range(0, len(wanted), CHUNK):
            query = (
                select(*(_sets_table().columns[name] for name in _COLUMNS))
                .where(
                    SetRow.session_id.in_(wanted[at : at + CHUNK]),
                    SetRow.athlete_id == self.athlete_id,
                    SetRow.deleted_at.is_(None),
                )
                .order_by(SetRow.session_id, SetRow.position, SetRow.performed_at)
            )
            if exercises is not None:
                query = query.where(SetRow.exercise_id.in_(sorted(exercises)))
            for row in self.session.execute(query):
                logged = _logged(row)
                grouped.setdefault(logged.session_id, []).append(logged)
        return grouped

    def kinds_by_session(self, session_ids: Iterable[UUID]) -> dict[UUID, set[tuple[str, SetType]]]:
        """The distinct (exercise id, set type) pairs of the live sets of the athlete's
        sessions with these ids, by session id; sessions without live sets are absent."""
        wanted = list(session_ids)
        grouped: dict[UUID, set[tuple[str, SetType]]] = {}
        for at in range(0, len(wanted), CHUNK):
            query = (
                select(SetRow.session_id, SetRow.exercise_id, SetRow.set_type)
                .where(
                    SetRow.session_id.in_(wanted[at : at + CHUNK]),
                    SetRow.athlete_id == self.athlete_id,
                    SetRow.deleted_at.is_(None),
                )
                .distinct()
            )
            for session_id, exercise_id, set_type in self.session.execute(query):
                grouped.setdefault(session_id, set()).add((exercise_id, _TYPES[set_type]))
        return grouped

    def history(
        self,
        *,
        exercise_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        before: tuple[datetime, UUID] | None = None,
        limit: int = 50,
        set_type: SetType | None = None,
    ) -> list[LoggedSet]:
        """`Logbook.history` (a page of live sets, newest first, before the keyset cursor),
        with the cursor as one row comparison, (performed_at, id) < (at, id), which the
        (athlete_id, performed_at, id) index answers as a range: a page deep in the log
        costs what the first page costs. `set_type` keeps sets of that kind only."""
        query = select(*(_sets_table().columns[name] for name in _COLUMNS)).where(
            SetRow.athlete_id == self.athlete_id, SetRow.deleted_at.is_(None)
        )
        if exercise_id is not None:
            query = query.where(SetRow.exercise_id == exercise_id)
        if since is not None:
            query = query.where(SetRow.performed_at >= since)
        if until is not None:
            query = query.where(SetRow.performed_at < until)
        if set_type is not None:
            query = query.where(SetRow.set_type == str(set_type))
        if before is not None:
            query = query.where(tuple_(SetRow.performed_at, SetRow.id) < tuple_(*before))
        query = query.order_by(SetRow.performed_at.desc(), SetRow.id.desc()).limit(limit)
        return [_logged(row) for row in self.session.execute(query)]

    def last_performed_at(self, session_id: UUID) -> datetime | None:
        """When the newest live set of the athlete's session was performed (None: no sets)."""
        found: datetime | None = self.session.scalar(
            select(func.max(SetRow.performed_at)).where(
                SetRow.session_id == session_id,
                SetRow.athlete_id == self.athlete_id,
                SetRow.deleted_at.is_(None),
            )
        )
        return found
