"""Programs and what the coach makes of them: plan one from a profile, list, read and
activate the athlete's programs; today's prescription and the recovery status.

`POST /plan` takes what `redwood plan` takes, as JSON, and answers the program contract of
DESIGN.md (`schema`, `profile`, `weeks`, `warnings`, `rationale`) with two extra keys: `id`,
the stored program's id (null with `"save": false`), and `active`. The generator is
deterministic for a profile and seed.

`GET /today` answers exactly the `redwood today --format json` document (a session with
loads, plates, warm-ups and reasons, or a rest day); `GET /status` each muscle's recovery,
the last session and the suggested next one. Without `date`, "today" is the athlete's local
date in their time zone.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from redwood.domain.profile import (
    MAX_DAYS,
    MAX_MINUTES,
    MAX_WEEKS,
    MIN_DAYS,
    MIN_MINUTES,
    MIN_WEEKS,
    OrderPreference,
    Priority,
    SupersetPreference,
    Weekday,
)
from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Setting
from redwood.services import coaching, planning
from redwood.services.identity import acting_as
from redwood.web.api.inputs import Database, Day, DayQuery, Name, ProgramId, SignedIn, Word

router = APIRouter(tags=["programs"])

Names = Annotated[list[Name], Field(max_length=50)]


class PlanRequest(BaseModel):
    """A profile, as the options of `redwood plan`: give `days` or `weekdays`."""

    model_config = ConfigDict(extra="forbid")

    goal: Goal
    level: Level
    days: int | None = Field(None, ge=MIN_DAYS, le=MAX_DAYS)
    weekdays: list[Weekday] | None = Field(None, min_length=1, max_length=7)
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    setting: Setting
    equipment: list[Equipment] | None = Field(None, min_length=1, max_length=40)
    priority: Priority = Priority.BALANCED
    order: OrderPreference = OrderPreference.AUTO
    supersets: SupersetPreference = SupersetPreference.AUTO
    limitations: list[Limitation] = Field(default_factory=list, max_length=6)
    weeks: int = Field(8, ge=MIN_WEEKS, le=MAX_WEEKS)
    bodyweight: Word | None = Field(None, description="e.g. 80kg or 176lb.")
    seed: int = Field(0, ge=0, le=2**31 - 1)
    template: Word | None = None
    favourites: Names | None = None
    excluded: Names | None = None
    setting_by_day: dict[Weekday, Setting] | None = Field(None, max_length=7)
    save: bool = Field(True, description="Store the program (its id comes back).")
    activate: bool = Field(False, description="Store it and make it the active program.")


class Activation(BaseModel):
    """When week 1 starts (its Monday); default this week, or next if day 1 has passed."""

    model_config = ConfigDict(extra="forbid")

    starts_on: Day | None = None


def _options(body: PlanRequest) -> planning.PlanOptions:
    by_day = None
    if body.setting_by_day:
        by_day = [f"{day}={where}" for day, where in body.setting_by_day.items()]
    return planning.PlanOptions(
        goal=str(body.goal),
        level=str(body.level),
        days=body.days,
        weekdays=None if body.weekdays is None else [str(d) for d in body.weekdays],
        minutes=body.minutes,
        setting=str(body.setting),
        equipment=None if body.equipment is None else [str(e) for e in body.equipment],
        priority=str(body.priority),
        order=str(body.order),
        supersets=str(body.supersets),
        limitations=[str(item) for item in body.limitations] or None,
        weeks=body.weeks,
        bodyweight=body.bodyweight,
        seed=body.seed,
        template=body.template,
        favourites=body.favourites,
        excluded=body.excluded,
        setting_by_day=by_day,
    )


@router.post("/plan", status_code=201, response_model=None)
def plan(body: PlanRequest, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Plan a back-and-legs program for the profile (and store it, or make it active)."""
    program = planning.plan(_options(body))
    document = program.to_dict()
    program_id = None
    if body.save or body.activate:
        with acting_as(athlete_id):
            program_id = planning.save_program(program, activate=body.activate, url=url)
    return {**document, "id": program_id, "active": body.activate}


@router.get("/programs", response_model=None)
def list_programs(athlete_id: SignedIn, url: Database) -> list[dict[str, Any]]:
    """The athlete's programs, newest first (summaries)."""
    with acting_as(athlete_id):
        return planning.list_programs(url)


@router.get("/programs/active", response_model=None)
def active_program(athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """The active program: its summary and, under `document`, the program."""
    with acting_as(athlete_id):
        return planning.show_program("active", url)


@router.get("/programs/{program_id}", response_model=None)
def show_program(program_id: ProgramId, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """One program: its summary and, under `document`, the program as stored."""
    with acting_as(athlete_id):
        return planning.show_program(program_id, url)


@router.post("/programs/{program_id}/activate", response_model=None)
def activate_program(
    program_id: ProgramId,
    athlete_id: SignedIn,
    url: Database,
    body: Activation | None = None,
) -> dict[str, Any]:
    """Make the program the active one; week 1 from the Monday of `starts_on` if given."""
    with acting_as(athlete_id):
        starts_on = None if body is None else body.starts_on
        return planning.activate_program(program_id, url, starts_on=starts_on)


@router.get("/today", response_model=None)
def today(athlete_id: SignedIn, url: Database, date: DayQuery = None) -> dict[str, Any]:
    """The session of `date` (default today) with loads from the log, or a rest day."""
    with acting_as(athlete_id):
        return coaching.today(date, url=url)


@router.get("/status", response_model=None)
def status(athlete_id: SignedIn, url: Database, date: DayQuery = None) -> dict[str, Any]:
    """Each muscle's recovery, the last session and the suggested next one."""
    with acting_as(athlete_id):
        return coaching.status(date, url=url)
