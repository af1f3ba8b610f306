"""The coach role: invites, coaches, and a coach's view of the athletes who invited them.

An athlete makes a one-time code (`POST /coach/invites`, shown once) and gives it to their
coach, who redeems it (`POST /coach/accept`). From then on the coach reads that athlete's
programs, sets, sessions (each with its summary), today, status, block review, progress
and charts, and edits the program (the JSON document or the YAML program file), under
`/coach/athletes/{athlete_id}/...`, until the athlete revokes the link
(`DELETE /coaches/{coach_id}`) or the coach leaves (`DELETE /coach/athletes/{athlete_id}`).

Every coach route takes `CoachedAthlete`: the signed-in account must hold a live link to
the athlete of the path, else the answer is 404, exactly like an athlete who does not exist
(another athlete's id, a revoked link, one's own id). The route then runs the very use case
the athlete's own route runs, inside `identity.acting_as(athlete_id)`, so a coach sees what
the athlete sees and nothing else. There are deliberately no coach routes that log, edit or
delete sets or sessions, change settings, activate programs or touch the account.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from redwood.services import (
    coach_access,
    coaching,
    logbook,
    performed_sessions,
    planning,
    progress,
    review,
    sets,
)
from redwood.services.identity import acting_as
from redwood.web.api import program_files
from redwood.web.api.analytics import SVG, Weeks
from redwood.web.api.inputs import (
    MAX_ID,
    Database,
    DayQuery,
    Name,
    ProgramId,
    SignedIn,
    Word,
    clean_text,
)
from redwood.web.api.sessions import Cursor, From, Limit, To

router = APIRouter(tags=["coach"])

AthleteId = Annotated[int, Path(ge=1, le=MAX_ID, description="The coached athlete's id.")]
CoachId = Annotated[int, Path(ge=1, le=MAX_ID, description="The coach's account id.")]
InviteId = Annotated[int, Path(ge=1, le=MAX_ID, description="The invite's id.")]
ATHLETE = "/coach/athletes/{athlete_id}"


def coached_athlete(athlete_id: AthleteId, coach_id: SignedIn, url: Database) -> int:
    """The athlete id of the path, if the signed-in account coaches that athlete now;
    404 otherwise (the same answer as for an athlete who does not exist)."""
    if not coach_access.coach_may_act_for(coach_id, athlete_id, url=url):
        raise coach_access.not_coached(athlete_id)
    return athlete_id


CoachedAthlete = Annotated[int, Depends(coached_athlete)]
"""A route's dependency for acting as the athlete of `{athlete_id}` on a coach's behalf."""


class Redemption(BaseModel):
    """An invite code as the athlete gave it, e.g. RW-7KQ4-9XZM (case and dashes do not
    matter)."""

    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(clean_text)]


# ---- the athlete's side -------------------------------------------------------------------


@router.post("/coach/invites", status_code=201, response_model=None)
def create_invite(athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """A one-time code to give a coach: `{"id", "code", "created_at", "expires_at"}`. The
    code is shown only in this answer and works once, for 7 days."""
    with acting_as(athlete_id):
        return coach_access.create_invite(url=url)


@router.get("/coach/invites", response_model=None)
def list_invites(athlete_id: SignedIn, url: Database) -> list[dict[str, Any]]:
    """The athlete's open invites (not used, not expired), newest first, without codes."""
    with acting_as(athlete_id):
        return coach_access.list_invites(url=url)


@router.delete("/coach/invites/{invite_id}", status_code=204)
def withdraw_invite(invite_id: InviteId, athlete_id: SignedIn, url: Database) -> Response:
    """Cancel an unused invite: its code stops working."""
    with acting_as(athlete_id):
        coach_access.withdraw_invite(invite_id, url=url)
    return Response(status_code=204)


@router.get("/coaches", response_model=None)
def list_coaches(athlete_id: SignedIn, url: Database) -> list[dict[str, Any]]:
    """The athlete's coaches: `[{"id", "name", "email", "since"}]`."""
    with acting_as(athlete_id):
        return coach_access.list_coaches(url=url)


@router.delete("/coaches/{coach_id}", status_code=204)
def revoke_coach(coach_id: CoachId, athlete_id: SignedIn, url: Database) -> Response:
    """End a coach's access at once."""
    with acting_as(athlete_id):
        coach_access.revoke_coach(coach_id, url=url)
    return Response(status_code=204)


# ---- the coach's side ---------------------------------------------------------------------


@router.post("/coach/accept", response_model=None)
def accept_invite(body: Redemption, coach_id: SignedIn, url: Database) -> dict[str, Any]:
    """Redeem an athlete's code and become their coach; the athlete as listed below. An
    unknown code is 404, a used or expired one 409, one's own 422; too many unknown codes
    in 15 minutes are 429 with Retry-After."""
    with acting_as(coach_id):
        return coach_access.accept_invite(body.code, url=url)


@router.get("/coach/athletes", response_model=None)
def list_athletes(coach_id: SignedIn, url: Database) -> list[dict[str, Any]]:
    """The athletes this account coaches: `[{"id", "name", "unit", "timezone", "since",
    "last_session_on", "active_program": {"id", "name"} | null}]`, by name."""
    with acting_as(coach_id):
        return coach_access.list_athletes(url=url)


@router.get(ATHLETE, response_model=None)
def show_athlete(athlete_id: AthleteId, coach_id: SignedIn, url: Database) -> dict[str, Any]:
    """One coached athlete, as in the list."""
    with acting_as(coach_id):
        return coach_access.coached_athlete(athlete_id, url=url)


@router.delete(ATHLETE, status_code=204)
def leave_athlete(athlete_id: AthleteId, coach_id: SignedIn, url: Database) -> Response:
    """Stop coaching the athlete (as if they had revoked the link)."""
    with acting_as(coach_id):
        coach_access.leave_athlete(athlete_id, url=url)
    return Response(status_code=204)


@router.get(f"{ATHLETE}/programs", response_model=None)
def list_programs(athlete: CoachedAthlete, url: Database) -> list[dict[str, Any]]:
    """The athlete's programs, newest first (as GET /programs answers the athlete)."""
    with acting_as(athlete):
        return planning.list_programs(url)


@router.get(f"{ATHLETE}/programs/active", response_model=None)
def active_program(athlete: CoachedAthlete, url: Database) -> dict[str, Any]:
    """The athlete's active program with its `document`."""
    with acting_as(athlete):
        return planning.show_program("active", url)


@router.get(f"{ATHLETE}/programs/{{program_id}}", response_model=None)
def show_program(program_id: ProgramId, athlete: CoachedAthlete, url: Database) -> dict[str, Any]:
    """One of the athlete's programs with its `document`."""
    with acting_as(athlete):
        return planning.show_program(program_id, url)


@router.get(
    f"{ATHLETE}/programs/{{program_id}}/file",
    response_model=None,
    response_class=Response,
    responses=program_files.FILE_ANSWER,
)
def program_file(
    program_id: ProgramId,
    athlete: CoachedAthlete,
    url: Database,
    file_format: Annotated[Literal["yaml", "json"], Query(alias="format")] = "yaml",
) -> Response:
    """One of the athlete's programs as the file to edit (commented YAML or JSON), as
    GET /programs/{id}/file answers the athlete."""
    return program_files.program_file(program_id, athlete, url, file_format)


@router.put(
    f"{ATHLETE}/programs/{{program_id}}",
    response_model=None,
    openapi_extra={"requestBody": program_files.EDIT_BODY},
    responses=program_files.PROBLEMS,
)
def edit_program(
    program_id: ProgramId,
    athlete: CoachedAthlete,
    content: program_files.EditContent,
    url: Database,
) -> Any:
    """Replace one of the athlete's programs with an edited program file (YAML or the JSON
    document), checked exactly as a program-file import: the athlete's own
    PUT /programs/{id}, run for the athlete (422 with every problem; nothing saved)."""
    return program_files.edit_program(program_id, content, athlete, url)


@router.get(f"{ATHLETE}/sets", response_model=None)
def list_sets(
    athlete: CoachedAthlete,
    url: Database,
    exercise: Annotated[str | None, Query(max_length=200), AfterValidator(clean_text)] = None,
    start: From = None,
    end: To = None,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=logbook.MAX_LIMIT)] = 50,
) -> dict[str, Any]:
    """A page of the athlete's sets, newest first, with the paging and filters of GET /sets."""
    with acting_as(athlete):
        return logbook.list_sets(
            exercise=exercise, start=start, end=end, cursor=cursor, limit=limit, url=url
        )


@router.get(f"{ATHLETE}/sets/{{set_id}}", response_model=None)
def get_set(set_id: UUID, athlete: CoachedAthlete, url: Database) -> dict[str, Any]:
    """One of the athlete's sets (read only)."""
    with acting_as(athlete):
        return sets.get_set(set_id, url=url)


@router.get(f"{ATHLETE}/sessions", response_model=None)
def list_sessions(
    athlete: CoachedAthlete,
    url: Database,
    start: From = None,
    end: To = None,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> dict[str, Any]:
    """A page of the athlete's performed sessions, newest first, as GET /sessions."""
    with acting_as(athlete):
        return performed_sessions.list_sessions(
            start=start, end=end, cursor=cursor, limit=limit, url=url
        )


@router.get(f"{ATHLETE}/sessions/{{session_id}}", response_model=None)
def get_session(session_id: UUID, athlete: CoachedAthlete, url: Database) -> dict[str, Any]:
    """One of the athlete's sessions with its sets and its summary (volume per muscle,
    records): the coach's review of a workout."""
    with acting_as(athlete):
        return performed_sessions.get_session(session_id, url=url)


@router.get(f"{ATHLETE}/today", response_model=None)
def today(athlete: CoachedAthlete, url: Database, date: DayQuery = None) -> dict[str, Any]:
    """The athlete's session of `date` (default their today), as GET /today answers them."""
    with acting_as(athlete):
        return coaching.today(date, url=url)


@router.get(f"{ATHLETE}/status", response_model=None)
def status(athlete: CoachedAthlete, url: Database, date: DayQuery = None) -> dict[str, Any]:
    """The athlete's recovery per muscle, last session and suggested next one."""
    with acting_as(athlete):
        return coaching.status(date, url=url)


@router.get(f"{ATHLETE}/review", response_model=None)
def get_review(
    athlete: CoachedAthlete,
    url: Database,
    weeks: Annotated[Weeks, Query(description="Weeks to review.")] = 4,
    end: DayQuery = None,
) -> dict[str, Any]:
    """The athlete's block review, as GET /review answers them."""
    with acting_as(athlete):
        return review.review(weeks, end, url=url)


@router.get(f"{ATHLETE}/progress", response_model=None)
def get_progress(
    athlete: CoachedAthlete,
    url: Database,
    weeks: Annotated[Weeks, Query(description="Weeks back (records are all-time).")] = 12,
    end: DayQuery = None,
) -> dict[str, Any]:
    """The athlete's progress (e1RM, records, volume, adherence), as GET /progress."""
    with acting_as(athlete):
        return progress.progress(weeks, end, url=url)


@router.get(f"{ATHLETE}/charts/e1rm", response_class=Response, responses=SVG)
def get_e1rm_chart(
    athlete: CoachedAthlete,
    url: Database,
    exercise: Annotated[Name, Query(description="An exercise id or name.")],
    weeks: Annotated[Weeks | None, Query(description="Only the last weeks.")] = None,
    end: DayQuery = None,
) -> Response:
    """The athlete's best e1RM per session of one exercise, as SVG."""
    with acting_as(athlete):
        chart = progress.e1rm_chart(exercise, weeks, end, url=url)
    return Response(chart, media_type="image/svg+xml")


@router.get(f"{ATHLETE}/charts/volume", response_class=Response, responses=SVG)
def get_volume_chart(
    athlete: CoachedAthlete,
    url: Database,
    muscle: Annotated[Word, Query(description="A muscle or group, e.g. quads.")],
    weeks: Annotated[Weeks, Query(description="Weeks to show.")] = 12,
    end: DayQuery = None,
) -> Response:
    """The athlete's hard sets a week of one muscle group against their band, as SVG."""
    with acting_as(athlete):
        chart = progress.volume_chart(muscle, weeks, end, url=url)
    return Response(chart, media_type="image/svg+xml")
