"""Readings about the athlete: readiness check-ins and bodyweight, recorded and listed.

A check-in (sleep hours, soreness and energy 1-5, where it hurts, a note) feeds the day's
readiness adjustment; a bodyweight is one reading per local date (a second one that day
replaces the first and says so). Neither can be dated after the athlete's today. Lists come
newest first, filtered by local dates with both ends included.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from redwood.domain.vocab import Limitation
from redwood.services import logbook
from redwood.services.athletes import today_of_local_athlete
from redwood.services.errors import ServiceError
from redwood.services.identity import acting_as
from redwood.web.api.inputs import Database, Day, Note, SignedIn, Word, optional_date

router = APIRouter(tags=["readings"])

From = Annotated[date | None, Query(alias="from"), AfterValidator(optional_date)]
To = Annotated[date | None, Query(alias="to"), AfterValidator(optional_date)]
Limit = Annotated[int, Query(ge=1, le=1000)]


class NewCheckin(BaseModel):
    """How the athlete feels today: give at least one answer."""

    model_config = ConfigDict(extra="forbid")

    date: Day | None = Field(None, description="Local date; default today.")
    sleep_hours: Annotated[Decimal, Field(ge=0, le=24, allow_inf_nan=False)] | None = None
    soreness: int | None = Field(None, ge=1, le=5)
    energy: int | None = Field(None, ge=1, le=5)
    pain: list[Limitation] = Field(default_factory=list, max_length=6)
    note: Note | None = None


class NewBodyweight(BaseModel):
    """A bodyweight reading: `kg`, or `weight` with its unit ("177lb")."""

    model_config = ConfigDict(extra="forbid")

    date: Day | None = Field(None, description="Local date; default today.")
    kg: Annotated[Decimal, Field(gt=0, le=1000, allow_inf_nan=False)] | None = None
    weight: Word | None = Field(None, description="e.g. 80.5kg or 177lb.")
    note: Note | None = None


@router.post("/checkins", status_code=201, response_model=None)
def add_checkin(body: NewCheckin, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Record a readiness check-in."""
    with acting_as(athlete_id):
        today = today_of_local_athlete(url)
        return logbook.add_checkin(
            body.date or today,
            today=today,
            sleep_hours=body.sleep_hours,
            soreness=body.soreness,
            energy=body.energy,
            pain_where=[str(area) for area in body.pain],
            note=body.note,
            url=url,
        )


@router.get("/checkins", response_model=None)
def list_checkins(
    athlete_id: SignedIn, url: Database, start: From = None, end: To = None, limit: Limit = 30
) -> list[dict[str, Any]]:
    """Check-ins, newest first."""
    with acting_as(athlete_id):
        return logbook.list_checkins(start=start, end=end, limit=limit, url=url)


@router.post("/bodyweights", status_code=201, response_model=None)
def add_bodyweight(body: NewBodyweight, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Record the bodyweight of a day (replacing that day's earlier reading)."""
    if (body.kg is None) == (body.weight is None):
        raise ServiceError("kg: give either kg or weight (with its unit)", "kg")
    text = body.weight if body.kg is None else f"{body.kg.normalize():f}kg"
    with acting_as(athlete_id):
        today = today_of_local_athlete(url)
        return logbook.add_bodyweight(
            text or "", body.date or today, today=today, note=body.note, url=url
        )


@router.get("/bodyweights", response_model=None)
def list_bodyweights(
    athlete_id: SignedIn, url: Database, start: From = None, end: To = None, limit: Limit = 30
) -> list[dict[str, Any]]:
    """Bodyweight readings, newest first, each with the change since the one before."""
    with acting_as(athlete_id):
        return logbook.list_bodyweights(start=start, end=end, limit=limit, url=url)
