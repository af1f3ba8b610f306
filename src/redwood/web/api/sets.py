"""Logged sets: create with the client's UUID, read, page through, edit, delete, undo.

`POST /sets` is idempotent on the set's `id` (a UUID the client makes before sending):
201 with the set when it is stored now, 200 with the stored set when that id was already
there, so a retried request never logs twice. `GET /sets` pages newest first with a keyset
cursor (`next_cursor`, null on the last page), filtered by exercise and local dates, both
ends included. Another athlete's set answers 404, exactly like one that does not exist.
Loads are kilograms (`load_kg`); `load` in the answers is the load in the athlete's unit.

Two devices editing one set: every set answer carries its `version` (and `GET /sets/{id}`,
PATCH and the 409 an `ETag: "N"`). PATCH and DELETE take the version the device showed, as
`If-Match: "N"` or as `version` (PATCH body; DELETE query): when the set has changed since,
they answer 409 `{"error": {"field": "version", ...}, "current": {the set now}}` and change
nothing, so the client can show both and send again with the current version to keep its
own values. Without a version the change applies to whatever is stored: last write wins.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Header, Query, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from redwood.domain.mass import Mass
from redwood.domain.notation import SetSpec
from redwood.domain.vocab import SetType
from redwood.services import logbook, sets
from redwood.services.athletes import today_of_local_athlete
from redwood.services.errors import ServiceError
from redwood.services.identity import acting_as
from redwood.services.logedits import SetConflictError
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
from redwood.web.errors import error_body

router = APIRouter(tags=["sets"])

Kind = Literal["warmup", "working", "drop", "failure"]
Load = Annotated[Decimal, Field(ge=0, le=1000, allow_inf_nan=False)]
Rpe = Annotated[Decimal, Field(ge=1, le=10, allow_inf_nan=False)]
Rir = Annotated[Decimal, Field(ge=0, le=10, allow_inf_nan=False)]
Reps = Annotated[int, Field(ge=0, le=100)]
Seconds = Annotated[int, Field(ge=1, le=3600)]
UNDO = "POST /api/v1/undo"
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]
IfMatch = Annotated[
    str | None,
    Header(
        max_length=200,
        description='The version the client showed, as its ETag: "3" (W/"3" and * accepted).',
    ),
]


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
    version: Version | None = Field(
        None, description="The version this edit is based on (like If-Match); 409 if stale."
    )


def etag(version: int) -> str:
    """The ETag of a set's version: `"3"`."""
    return f'"{version}"'


def _if_match(header: str | None) -> int | None:
    """The version an If-Match header names (None for no header or `*`). A stale version
    is a 409 with the current set rather than HTTP's bare 412, so the client can show both;
    a header that names no version (or several) is a 422 on the field `If-Match`."""
    if header is None or header.strip() == "*":
        return None
    tags = [tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")]
    if len(tags) != 1 or not tags[0].isdigit() or not 1 <= int(tags[0]) <= 2**31 - 1:
        raise ServiceError('If-Match: send the set\'s ETag, e.g. If-Match: "3"', "If-Match")
    return int(tags[0])


def _expected(header: str | None, sent: int | None) -> int | None:
    """The version a PATCH or DELETE is based on, from If-Match or the `version` field."""
    named = _if_match(header)
    if named is not None and sent is not None and named != sent:
        raise ServiceError(
            f"version: {sent} disagrees with If-Match {etag(named)}: send one of them",
            "version",
        )
    return named if named is not None else sent


def _conflict(exc: SetConflictError) -> JSONResponse:
    """409 naming the conflict, with the set as stored now."""
    return JSONResponse(
        error_body(exc.message, "version", current=jsonable_encoder(exc.current)),
        409,
        headers={"ETag": etag(int(exc.current["version"]))},
    )


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
def get_set(
    set_id: UUID, response: Response, athlete_id: SignedIn, url: Database
) -> dict[str, Any]:
    """One set, with its version as the ETag."""
    with acting_as(athlete_id):
        found = sets.get_set(set_id, url=url)
    response.headers["ETag"] = etag(int(found["version"]))
    return found


@router.patch("/sets/{set_id}", response_model=None)
def edit_set(
    set_id: UUID,
    change: SetChange,
    response: Response,
    athlete_id: SignedIn,
    url: Database,
    if_match: IfMatch = None,
) -> Any:
    """Change a set: `{"set", "changed", "message", "undo"}`; 409 with the `current` set
    when the version sent (If-Match or `version`) is stale, last write wins without one."""
    fields = change.model_dump(exclude_unset=True)
    expected = _expected(if_match, fields.pop("version", None))
    try:
        with acting_as(athlete_id):
            result = logbook.edit_set(str(set_id), fields, expected_version=expected, url=url)
    except SetConflictError as exc:
        return _conflict(exc)
    response.headers["ETag"] = etag(int(result["set"]["version"]))
    return {**result, "undo": UNDO if result["changed"] else None}


@router.delete("/sets/{set_id}", response_model=None)
def delete_set(
    set_id: UUID,
    athlete_id: SignedIn,
    url: Database,
    if_match: IfMatch = None,
    version: Annotated[Version | None, Query(description="Like If-Match.")] = None,
) -> Any:
    """Delete a set (undo brings it back): `{"set", "message", "undo"}`; 409 with the
    `current` set when the version sent is stale."""
    expected = _expected(if_match, version)
    try:
        with acting_as(athlete_id):
            result = logbook.delete_set(str(set_id), expected_version=expected, url=url)
    except SetConflictError as exc:
        return _conflict(exc)
    return {**result, "undo": UNDO}


@router.post("/undo", response_model=None)
def undo(athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Reverse the newest add, edit or delete of the log not yet undone."""
    with acting_as(athlete_id):
        return logbook.undo(url=url)
