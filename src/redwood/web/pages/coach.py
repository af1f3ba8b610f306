"""/coach: an athlete invites a coach and removes coaches; a coach redeems a code, lists
their athletes and opens one at /coach/athletes/{id}: the program (edited as its YAML
file), the recent log and the block review, all read-only but the program.

Both sides are `services.coach_access`, as the API's /coach routes use it. A new invite
code is shown once, in the answer to the POST that made it (never in a redirect address
or a stored page: the answer is marked `no-store`). The athlete's page first asks
`coach_access.coach_may_act_for(visitor, athlete)`; without a live link the answer is
the 404 page of a missing page, whatever the reason (another athlete, a revoked link,
one's own id), so nothing tells a stranger that the athlete exists. With one, the page
runs the athlete's own use cases inside `acting_as(athlete)`, as the API's coach routes
do: the program (`planning.show_program`), its YAML (`program_edits.program_file`), the
sessions and sets (`performed_sessions.list_sessions`, `logbook.list_sets`) and the
review (`services.review_page`). A program edit is `program_edits.edit_program`, the use
case of PUT /coach/athletes/{id}/programs/{pid}; its problems are listed with their lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.services import coach_access, logbook, performed_sessions, planning, program_edits
from redwood.services.errors import NotFoundError, RateLimitedError, ServiceError
from redwood.services.identity import acting_as
from redwood.services.review_page import review_page
from redwood.web.api.inputs import MAX_ID, Database
from redwood.web.pages.errors import error_page, redirect
from redwood.web.pages.rendering import render
from redwood.web.pages.session import CheckedForm, PageAthlete, Visitor

router = APIRouter(include_in_schema=False)

RECENT_SESSIONS = 10
RECENT_SETS = 60
NO_STORE = {"Cache-Control": "no-store"}
MISSING = "There is no such page."


@dataclass(frozen=True, slots=True)
class CoachView:
    """Both sides of coaching for the signed-in account: its open invites and coaches (as
    an athlete), its athletes (as a coach), a code just made, and what went wrong."""

    invites: list[dict[str, Any]]
    coaches: list[dict[str, Any]]
    athletes: list[dict[str, Any]]
    new_invite: dict[str, Any] | None = None
    code: str = ""
    example: str = coach_access.EXAMPLE
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CoachedView:
    """A coached athlete as their coach sees them: the athlete, the active program (with
    its document) and its YAML, recent sessions and sets, and the block review."""

    athlete: dict[str, Any]
    program: dict[str, Any] | None
    program_file: str
    sessions: dict[str, Any]
    sets: dict[str, Any]
    review: dict[str, Any] | None
    review_html: str
    saved: bool = False
    problems: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def _coach_view(visitor: Visitor, url: str, **shown: Any) -> CoachView:
    with visitor.acting():
        return CoachView(
            invites=coach_access.list_invites(url=url),
            coaches=coach_access.list_coaches(url=url),
            athletes=coach_access.list_athletes(url=url),
            **shown,
        )


@router.get("/coach")
def coach_page(request: Request, visitor: PageAthlete, url: Database) -> Response:
    """Invite a coach, see and remove coaches; redeem a code, see one's athletes."""
    return render(request, "coach.html", _coach_view(visitor, url), active="more")


@router.post("/coach/invites")
def make_invite(
    request: Request, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """A new one-time code, shown once in this answer."""
    try:
        with visitor.acting():
            made = coach_access.create_invite(url=url)
    except ServiceError as exc:
        view = _coach_view(visitor, url, errors={"invite": exc.message})
        return render(request, "coach.html", view, active="more", status=409)
    view = _coach_view(visitor, url, new_invite=made)
    return render(request, "coach.html", view, active="more", status=201, headers=NO_STORE)


def _in_range(number: int) -> bool:
    return 1 <= number <= MAX_ID


def _end_link(
    request: Request, visitor: Visitor, number: int, end: Callable[..., None], url: str
) -> Response:
    """Run `end(number)` (withdraw an invite, revoke a coach) as the visitor, then back to
    /coach; an id that is not theirs is a missing page."""
    try:
        if not _in_range(number):
            raise NotFoundError(MISSING)
        with visitor.acting():
            end(number, url=url)
    except ServiceError as exc:
        return error_page(request, 404, exc.message)
    return redirect(request, "/coach")


@router.post("/coach/invites/{invite_id}/withdraw")
def withdraw_invite(
    request: Request, invite_id: int, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Cancel an unused invite."""
    return _end_link(request, visitor, invite_id, coach_access.withdraw_invite, url)


@router.post("/coach/coaches/{coach_id}/remove")
def remove_coach(
    request: Request, coach_id: int, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """End a coach's access at once."""
    return _end_link(request, visitor, coach_id, coach_access.revoke_coach, url)


@router.post("/coach/accept")
def accept_invite(
    request: Request, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Redeem an athlete's code, then open that athlete's page."""
    sent = form.get("code")
    code = sent.strip()[:40] if isinstance(sent, str) else ""
    try:
        if not code:
            raise ServiceError("code: type the code the athlete gave you", "code")
        with visitor.acting():
            athlete = coach_access.accept_invite(code, url=url)
    except ServiceError as exc:
        status = 429 if isinstance(exc, RateLimitedError) else 422
        view = _coach_view(visitor, url, code=code, errors={"code": exc.message})
        return render(request, "coach.html", view, active="more", status=status)
    return redirect(request, f"/coach/athletes/{athlete['id']}")


def _coached(visitor: Visitor, athlete_id: int, url: str) -> bool:
    return _in_range(athlete_id) and coach_access.coach_may_act_for(visitor.id, athlete_id, url=url)


def _coached_view(
    visitor: Visitor, athlete_id: int, url: str, *, edited: str | None = None, **shown: Any
) -> CoachedView:
    with visitor.acting():
        athlete = coach_access.coached_athlete(athlete_id, url=url)
    with acting_as(athlete_id):
        try:
            program: dict[str, Any] | None = planning.show_program("active", url)
        except NotFoundError:
            program = None
        text = edited
        if text is None:
            text = "" if program is None else program_edits.program_file(program["id"], "yaml", url)
        document, html = review_page(url=url)
        return CoachedView(
            athlete=athlete,
            program=program,
            program_file=text,
            sessions=performed_sessions.list_sessions(limit=RECENT_SESSIONS, url=url),
            sets=logbook.list_sets(limit=RECENT_SETS, url=url),
            review=document,
            review_html=html,
            **shown,
        )


@router.get("/coach/athletes/{athlete_id}")
def coached_athlete(
    request: Request, athlete_id: int, visitor: PageAthlete, url: Database, saved: str = ""
) -> Response:
    """One athlete this account coaches; anyone else is a missing page."""
    if not _coached(visitor, athlete_id, url):
        return error_page(request, 404, MISSING)
    view = _coached_view(visitor, athlete_id, url, saved=saved == "1")
    return render(request, "coach_athlete.html", view, active="more")


@router.post("/coach/athletes/{athlete_id}/program")
def edit_program(
    request: Request, athlete_id: int, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Save the athlete's edited program file; its problems listed with their lines."""
    if not _coached(visitor, athlete_id, url):
        return error_page(request, 404, MISSING)
    sent, number = form.get("program_file"), form.get("program_id")
    text = sent if isinstance(sent, str) else ""
    problems: list[dict[str, Any]] = []
    try:
        if not isinstance(number, str) or not number.isdigit() or not _in_range(int(number)):
            raise NotFoundError("program: there is no such program", "program")
        if not text.strip():
            raise ServiceError("program_file: the program file is empty", "program_file")
        with acting_as(athlete_id):
            program_edits.edit_program(int(number), text, content_type="yaml", url=url)
    except program_edits.InvalidEditError as exc:
        problems = [problem.to_dict() for problem in exc.problems]
        error = {"program_file": exc.message}
    except ServiceError as exc:
        error = {"program_file": exc.message}
    else:
        return redirect(request, f"/coach/athletes/{athlete_id}?saved=1")
    view = _coached_view(visitor, athlete_id, url, edited=text, problems=problems, errors=error)
    return render(request, "coach_athlete.html", view, active="more", status=422)
