"""Logged sets: create with the client's UUID, read, page through, edit, delete, undo.

`POST /sets` is idempotent on the set's `id` (a UUID the client makes before sending):
201 with the set when it is stored now, 200 with the stored set when that id was already
there, so a retried request never logs twice. `GET /sets` pages newest first with a keyset
cursor (`next_cursor`, null on the last page), filtered by exercise and local dates, both
ends included. Another athlete's set answers 404, exactly like one that does not exist.
Loads are kilograms (`load_kg`); `load` in the answers is the load in the athlete's unit.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from redwood.domain.mass import Mass
from redwood.domain.notation import SetSpec
from redwood.domain.vocab import SetType
from redwood.services import logbook, sets
from redwood.services.athletes import today_of_local_athlete
from redwood.services.identity import acting_as
from redwood.web.api.inputs import (
    Database,
    Day,
    Name,
    Note,
    RowId,
    SignedIn,
    clean_text,
    optional_date,
)

router = APIRouter(tags=["sets"])

Kind = Literal["warmup", "working", "drop", "failure"]
Load = Annotated[Decimal, Field(ge=0, le=1000, allow_inf_nan=False)]
Rpe = Annotated[Decimal, Field(ge=1, le=10, allow_inf_nan=False)]
Rir = Annotated[Decimal, Field(ge=0, le=10, allow_inf_nan=False)]
Reps = Annotated[int, Field(ge=0, le=100)]
Seconds = Annotated[int, Field(ge=1, le=3600)]
UNDO = "POST /api/v1/undo"


class NewSet(BaseModel):
    """One performed set; `id` is a UUID made by the client (the idempotency key)."""

    model_config = ConfigDict(extra="forbid")

    id: UUID
    date: Day | None = Field(None, description="Local date; default today.")
    exercise: Name = Field(description="Exercise id, name or alias, e.g. 'back squat'.")
    reps: Reps | None = None
    load_kg: Load | None = Field(None, description="Null for bodyweight.")
    rpe: Rpe | None = None
    rir: Rir | None = None
    type: Kind = "working"
    seconds: Seconds | None = None
    note: Note | None = None
    session: UUID | None = Field(None, description="The performed session to file it under.")
    planned_session_id: RowId | None = None


class SetChange(BaseModel):
    """The fields of a set to change; anything left out stays (null clears a value)."""

    model_config = ConfigDict(extra="forbid")

    reps: Reps | None = None
    seconds: Seconds | None = None
    load_kg: Load | None = None
    rpe: Rpe | None = None
    rir: Rir | None = None
    type: Kind | None = None
    rest_seconds: int | None = Field(None, ge=0, le=3600)
    note: Note | None = None
    exercise: Name | None = None


def _spec(body: NewSet) -> SetSpec:
    return SetSpec(
        reps=body.reps,
        load=None if body.load_kg is None else Mass(body.load_kg),
        rpe=body.rpe,
        rir=body.rir,
        set_type=SetType(body.type),
        seconds=body.seconds,
    )


@router.post("/sets", status_code=201, response_model=None)
def create_set(
    body: NewSet, response: Response, athlete_id: SignedIn, url: Database
) -> dict[str, Any]:
    """Log a set (201), or answer the stored set (200) when its id was already logged."""
    with acting_as(athlete_id):
        today = today_of_local_athlete(url)
        stored, created = sets.create_set(
            body.id,
            body.date or today,
            body.exercise,
            _spec(body),
            today=today,
            session_id=body.session,
            planned_session_id=body.planned_session_id,
            note=body.note,
            url=url,
        )
    response.status_code = 201 if created else 200
    return stored


@router.get("/sets", response_model=None)
def list_sets(
    athlete_id: SignedIn,
    url: Database,
    exercise: Annotated[str | None, Query(max_length=200), AfterValidator(clean_text)] = None,
    start: Annotated[date | None, Query(alias="from"), AfterValidator(optional_date)] = None,
    end: Annotated[date | None, Query(alias="to"), AfterValidator(optional_date)] = None,
    cursor: Annotated[str | None, Query(max_length=200), AfterValidator(clean_text)] = None,
    limit: Annotated[int, Query(ge=1, le=logbook.MAX_LIMIT)] = 50,
    kind: Annotated[Kind | None, Query(alias="type")] = None,
) -> dict[str, Any]:
    """A page of sets, newest first: `{"items": [...], "next_cursor": "..." | null}`;
    `type` keeps one kind of set (warmup, working, drop, failure)."""
    with acting_as(athlete_id):
        return logbook.list_sets(
            exercise=exercise,
            start=start,
            end=end,
            cursor=cursor,
            limit=limit,
            set_type=None if kind is None else SetType(kind),
            url=url,
        )


@router.get("/sets/{set_id}", response_model=None)
def get_set(set_id: UUID, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """One set."""
    with acting_as(athlete_id):
        return sets.get_set(set_id, url=url)


@router.patch("/sets/{set_id}", response_model=None)
def edit_set(
    set_id: UUID, change: SetChange, athlete_id: SignedIn, url: Database
) -> dict[str, Any]:
    """Change a set: `{"set", "changed", "message", "undo"}`."""
    fields = change.model_dump(exclude_unset=True)
    with acting_as(athlete_id):
        result = logbook.edit_set(str(set_id), fields, url=url)
    return {**result, "undo": UNDO if result["changed"] else None}


@router.delete("/sets/{set_id}", response_model=None)
def delete_set(set_id: UUID, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Delete a set (undo brings it back): `{"set", "message", "undo"}`."""
    with acting_as(athlete_id):
        result = logbook.delete_set(str(set_id), url=url)
    return {**result, "undo": UNDO}


@router.post("/undo", response_model=None)
def undo(athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Reverse the newest add, edit or delete of the log not yet undone."""
    with acting_as(athlete_id):
        return logbook.undo(url=url)
