"""/program: the active program, week by week, and the athlete's other programs.

The view embeds `planning.show_program("active")` unchanged (the summary and, under
`document`, the program contract of DESIGN.md) and `planning.list_programs()`, the same
dicts `GET /api/v1/programs/active` and `GET /api/v1/programs` answer. Beside them the page
needs, per exercise in the program, its name, cues, common mistakes and substitutes (from
the catalogue), and which week is the current one: the week holding the athlete's local
today, counted from the program's `starts_on` Monday. With no active program the page
offers the onboarding questionnaire.

`POST /program/{id}/activate` makes a stored program the active one (week 1 from the Monday
of an optional start date), as `POST /api/v1/programs/{id}/activate` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.services import athletes, planning
from redwood.services import catalogue as catalogue_service
from redwood.services.errors import NotFoundError
from redwood.web.api.inputs import Database
from redwood.web.pages.errors import redirect
from redwood.web.pages.rendering import render
from redwood.web.pages.session import CheckedForm, PageAthlete

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class ProgramView:
    """The active program (None: there is none yet), every stored program, what the page
    says about each exercise, and where today falls in the program."""

    active: dict[str, Any] | None
    programs: list[dict[str, Any]]
    exercises: dict[str, dict[str, Any]]
    today: date
    current_week: int | None
    new: bool = False
    errors: dict[str, str] = field(default_factory=dict)


def exercise_ids(document: Mapping[str, Any]) -> list[str]:
    """Every exercise id the program names, in first-seen order."""
    seen: dict[str, None] = {}
    for week in document.get("weeks") or []:
        for session in week.get("sessions") or []:
            for block in session.get("blocks") or []:
                for item in block.get("exercises") or []:
                    seen.setdefault(str(item.get("exercise")), None)
    return list(seen)


def exercise_notes(ids: list[str]) -> dict[str, dict[str, Any]]:
    """Name, cues, mistakes and substitutes (id and name) of each exercise; an id the
    catalogue does not know (a custom exercise) keeps its id as its name."""
    catalogue = catalogue_service.catalogue()
    notes: dict[str, dict[str, Any]] = {}
    for ref in ids:
        found = catalogue.get(ref)
        if found is None:
            notes[ref] = {"name": ref, "cues": [], "mistakes": [], "substitutes": []}
            continue
        notes[ref] = {
            "name": found.name,
            "cues": list(found.cues),
            "mistakes": list(found.mistakes),
            "substitutes": [
                {"id": sub.id, "name": sub.name} for sub in catalogue.substitutes_for(found)
            ],
        }
    return notes


def week_on(active: Mapping[str, Any], today: date) -> int | None:
    """The index of the program week holding `today` (None before week 1 or after the end)."""
    starts = active.get("starts_on")
    if not starts:
        return None
    index = (today - date.fromisoformat(str(starts))).days // 7 + 1
    weeks = active.get("document", {}).get("weeks") or []
    return index if 1 <= index <= len(weeks) else None


def _view(url: str, new: bool = False, errors: dict[str, str] | None = None) -> ProgramView:
    try:
        active: dict[str, Any] | None = planning.show_program("active", url)
    except NotFoundError:
        active = None
    today = athletes.today_of_local_athlete(url)
    return ProgramView(
        active=active,
        programs=planning.list_programs(url),
        exercises={} if active is None else exercise_notes(exercise_ids(active["document"])),
        today=today,
        current_week=None if active is None else week_on(active, today),
        new=new,
        errors=errors or {},
    )


@router.get("/program")
def program_page(
    request: Request, visitor: PageAthlete, url: Database, new: str | None = None
) -> Response:
    """The active program with its reasons, and the stored programs."""
    with visitor.acting():
        view = _view(url, new=new is not None)
    return render(request, "program.html", view, active="program")


@router.post("/program/{program_id}/activate")
def activate(
    request: Request, program_id: int, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Make a stored program the active one, from the Monday of the start date if given."""
    text = form.get("starts_on")
    text = text.strip() if isinstance(text, str) else ""
    with visitor.acting():
        try:
            starts_on = date.fromisoformat(text) if text else None
        except ValueError:
            message = f"starts_on: expected a date such as 2026-11-02 (got {text[:40]!r})"
            view = _view(url, errors={f"starts_on-{program_id}": message})
            return render(request, "program.html", view, active="program", status=422)
        planning.activate_program(program_id, url, starts_on=starts_on)  # unknown id: 404
    return redirect(request, "/program")
