"""Who owns an id: the one query that looks across athletes, so the API can tell "yours",
"nobody's" and "someone else's" apart when a client names an id it made up.

Client-made UUIDs (sets, sessions) are global primary keys: athlete B sending the id of one
of A's sets cannot store a new set under it. Repositories scoped to B only say "not mine";
this answers whether the id is free, so the service can refuse it without reading, changing
or revealing anything of A's. It returns owner ids only, never rows.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from redwood.store.base import Repository
from redwood.store.models import PerformedSessionRow, PlannedSessionRow, ProgramRow, SetRow


class Owners(Repository):
    """The athlete id behind a set, performed session or planned session id (or None)."""

    def of_set(self, set_id: UUID) -> int | None:
        """The athlete whose set (live or deleted) has this id."""
        return self.session.scalar(select(SetRow.athlete_id).where(SetRow.id == set_id))

    def of_session(self, session_id: UUID) -> int | None:
        """The athlete whose performed session has this id."""
        return self.session.scalar(
            select(PerformedSessionRow.athlete_id).where(PerformedSessionRow.id == session_id)
        )

    def of_planned_session(self, planned_session_id: int) -> int | None:
        """The athlete whose program holds the planned session with this id."""
        return self.session.scalar(
            select(ProgramRow.athlete_id)
            .join(PlannedSessionRow, PlannedSessionRow.program_id == ProgramRow.id)
            .where(PlannedSessionRow.id == planned_session_id)
        )
