"""Performed sessions as a list: keyset pages, newest first, and what each was planned as.

A page is ordered by (local date, created_at, id), newest first; the cursor is the last
session's triple and the next page is one row comparison on it, which the
(athlete_id, local_date) index narrows, so a page deep in the log costs what the first page
costs. A session whose sets were all deleted (`DELETE /sessions/{id}` tombstones them, so
undo can bring them back) is "emptied": pages skip it and `is_emptied` says so. A session
that never had sets is listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import ColumnElement, case, func, select, tuple_

from redwood.domain.logbook import PerformedSession
from redwood.store.base import AthleteRepository
from redwood.store.models import PerformedSessionRow, PlannedSessionRow, ProgramRow, SetRow

SessionKey = tuple[date, datetime, UUID]
"""(local date, created_at, id): where a session sits in the newest-first order."""


@dataclass(frozen=True, slots=True)
class PlannedRef:
    """The planned session a performed one was: its program, week, weekday and title."""

    id: int
    program_id: int
    week_index: int
    weekday: str
    title: str


def _session(row: PerformedSessionRow) -> PerformedSession:
    return PerformedSession(
        **{field.name: getattr(row, field.name) for field in fields(PerformedSession)}
    )


def key_of(session: PerformedSession) -> SessionKey:
    """The session's place in the order (its keyset cursor)."""
    assert session.created_at is not None  # stored sessions always have one
    return session.local_date, session.created_at, session.id


def _not_emptied() -> ColumnElement[bool]:
    """True for a session with a live set, or with no set at all.

    One correlated aggregate per session (1 when a set is live, 0 when all are deleted,
    NULL without sets), which the (session_id, position) index answers for the rows a page
    reads; written as two EXISTS joined by OR, PostgreSQL hashes every set of the table."""
    live = func.max(case((SetRow.deleted_at.is_(None), 1), else_=0))
    any_live = (
        select(live)
        .where(
            SetRow.session_id == PerformedSessionRow.id,
            SetRow.athlete_id == PerformedSessionRow.athlete_id,
        )
        .scalar_subquery()
    )
    # `!= 0` rather than `== 1`: PostgreSQL then expects most sessions to pass, as they do,
    # and does not plan a page as if it read the whole log (nor JIT-compile it).
    return func.coalesce(any_live, 1) != 0


class PerformedSessions(AthleteRepository):
    """One athlete's performed sessions, listed newest first."""

    def page(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        before: SessionKey | None = None,
        limit: int = 20,
    ) -> list[PerformedSession]:
        """Up to `limit` sessions dated in [start, end] (either open) that come after the
        cursor `before`, newest first; emptied sessions are skipped."""
        row = PerformedSessionRow
        query = select(row).where(row.athlete_id == self.athlete_id, _not_emptied())
        if start is not None:
            query = query.where(row.local_date >= start)
        if end is not None:
            query = query.where(row.local_date <= end)
        if before is not None:
            query = query.where(tuple_(row.local_date, row.created_at, row.id) < tuple_(*before))
        query = query.order_by(row.local_date.desc(), row.created_at.desc(), row.id.desc())
        return [_session(found) for found in self.session.scalars(query.limit(limit))]

    def is_emptied(self, session_id: UUID) -> bool:
        """True when the athlete's session had sets and every one of them is deleted."""
        found = self.session.scalar(
            select(PerformedSessionRow.id).where(
                PerformedSessionRow.id == session_id,
                PerformedSessionRow.athlete_id == self.athlete_id,
                ~_not_emptied(),
            )
        )
        return found is not None

    def planned(self, planned_ids: Iterable[int | None]) -> dict[int, PlannedRef]:
        """The athlete's planned sessions with these ids (others' and missing ones absent)."""
        wanted = sorted({ref for ref in planned_ids if ref is not None})
        if not wanted:
            return {}
        query = (
            select(PlannedSessionRow)
            .join(ProgramRow, ProgramRow.id == PlannedSessionRow.program_id)
            .where(PlannedSessionRow.id.in_(wanted), ProgramRow.athlete_id == self.athlete_id)
        )
        return {
            found.id: PlannedRef(
                found.id, found.program_id, found.week_index, found.weekday, found.title
            )
            for found in self.session.scalars(query)
        }
