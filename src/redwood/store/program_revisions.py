"""Program revisions: an edited document stored in place, its planned sessions kept in step.

A program edited through its file keeps its id, name, seed, start date and active flag; only
the document (and the profile it carries) changes. Its `planned_sessions` rows are matched to
the edited document by (week index, position in the week), the key the coach uses to tell
which planned session a performed one was:

- a session still there keeps its row (and id), with the new weekday, title and contents, so
  performed sessions linked to it stay linked;
- a session no longer there loses its row; performed sessions linked to it are unlinked
  first (their sets, notes and dates are kept, only the link to the plan goes);
- a new session gets a new row.

Everything happens in the caller's transaction, so a refused edit leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update

from redwood.store.models import PerformedSessionRow, PlannedSessionRow
from redwood.store.programs import ProgramRecord, Programs, planned_sessions_of


@dataclass(frozen=True, slots=True)
class Revision:
    """What storing an edited document did to the program's planned sessions."""

    program: ProgramRecord
    kept: int
    added: int
    removed: int
    unlinked: int
    """Performed sessions whose planned session was removed (their log is kept)."""


class ProgramRevisions(Programs):
    """Edits of one athlete's stored programs."""

    def revise(
        self,
        program_id: int,
        document: Mapping[str, Any],
        *,
        profile: Mapping[str, Any] | None,
        starts_on: date | None = None,
    ) -> Revision:
        """Store `document` as the program's document (and `profile` as its profile), and
        reconcile its planned sessions as the module says; `starts_on`, when given, pins the
        start date. `RecordNotFoundError` when the athlete has no such program."""
        planned = planned_sessions_of(document)
        row = self._require(program_id)
        existing = {
            (old.week_index, old.position): old
            for old in self.session.scalars(
                select(PlannedSessionRow).where(PlannedSessionRow.program_id == program_id)
            )
        }
        wanted = {(week, position) for week, _, position, _, _ in planned}
        gone = [old.id for key, old in existing.items() if key not in wanted]
        unlinked = self._unlink(gone)
        if gone:
            self.session.execute(delete(PlannedSessionRow).where(PlannedSessionRow.id.in_(gone)))
        fresh = []
        for week_index, weekday, position, title, data in planned:
            kept = existing.get((week_index, position))
            if kept is None:
                fresh.append((week_index, weekday, position, title, data))
            else:
                kept.weekday, kept.title, kept.data = weekday, title, data
        row.document = dict(document)
        if profile is not None:
            row.profile = dict(profile)
        if starts_on is not None:
            row.starts_on = starts_on
        row.updated_at = self.now()
        self._add_planned(program_id, fresh)
        record = self.get(program_id)
        assert record is not None  # the row was found above, in this transaction
        return Revision(
            record,
            kept=len(planned) - len(fresh),
            added=len(fresh),
            removed=len(gone),
            unlinked=unlinked,
        )

    def _unlink(self, planned_ids: list[int]) -> int:
        """Clear the link of this athlete's performed sessions to these planned sessions."""
        if not planned_ids:
            return 0
        linked = PerformedSessionRow.planned_session_id.in_(planned_ids)
        mine = PerformedSessionRow.athlete_id == self.athlete_id
        count = self.session.scalar(
            select(func.count()).select_from(PerformedSessionRow).where(linked, mine)
        )
        self.session.execute(
            update(PerformedSessionRow)
            .where(linked, mine)
            .values(planned_session_id=None, updated_at=self.now())
            .execution_options(synchronize_session="fetch")
        )
        return int(count or 0)
