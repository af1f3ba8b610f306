"""Performed sessions: list them (keyset pages, newest first), read one with its sets and the
finish summary, edit its title, notes, start and end, delete it (undo brings its sets back).

A session is the `id` sets are filed under (`POST /sets` with `session`, or the session a
date's sets went into). `GET /sessions` filters by local dates, both ends included. Another
athlete's session answers 404, exactly like one that does not exist; so does a session
whose sets were all deleted, until `POST /undo` restores them. The view of a session is
described in `services.performed_sessions`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from redwood.services import performed_sessions
from redwood.services.identity import acting_as
from redwood.web.api.inputs import Database, Note, SignedIn, clean_text, optional_date

router = APIRouter(tags=["sessions"])

From = Annotated[date | None, Query(alias="from"), AfterValidator(optional_date)]
To = Annotated[date | None, Query(alias="to"), AfterValidator(optional_date)]
Cursor = Annotated[str | None, Query(max_length=200), AfterValidator(clean_text)]
Limit = Annotated[int, Query(ge=1, le=performed_sessions.MAX_LIMIT)]
Title = Annotated[str, Field(max_length=200), AfterValidator(clean_text)]


class SessionChange(BaseModel):
    """What to change on a session; anything left out stays (null clears a value).
    `finished: true` ends it at its last set (unless `ended_at` is given), `false` reopens it."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    notes: Note | None = None
    started_at: AwareDatetime | None = Field(None, description="With its UTC offset.")
    ended_at: AwareDatetime | None = Field(None, description="With its UTC offset.")
    finished: bool | None = None


@router.get("/sessions", response_model=None)
def list_sessions(
    athlete_id: SignedIn,
    url: Database,
    start: From = None,
    end: To = None,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> dict[str, Any]:
    """A page of sessions, newest first: `{"items": [...], "next_cursor": "..." | null}`."""
    with acting_as(athlete_id):
        return performed_sessions.list_sessions(
            start=start, end=end, cursor=cursor, limit=limit, url=url
        )


@router.get("/sessions/{session_id}", response_model=None)
def get_session(session_id: UUID, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """One session: `{"session", "sets" (in order), "summary"}` (volume per muscle, records)."""
    with acting_as(athlete_id):
        return performed_sessions.get_session(session_id, url=url)


@router.patch("/sessions/{session_id}", response_model=None)
def edit_session(
    session_id: UUID, change: SessionChange, athlete_id: SignedIn, url: Database
) -> dict[str, Any]:
    """Change a session: `{"session", "changed", "message"}`."""
    fields = change.model_dump(exclude_unset=True)
    with acting_as(athlete_id):
        return performed_sessions.edit_session(session_id, fields, url=url)


@router.delete("/sessions/{session_id}", response_model=None)
def delete_session(session_id: UUID, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Delete a session's sets (undo restores them): `{"session", "sets", "message", "undo"}`."""
    with acting_as(athlete_id):
        return performed_sessions.delete_session(session_id, url=url)
