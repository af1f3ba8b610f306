"""/history: the logged sessions, newest first, each opening to its sets; edit and delete a
set (a delete offers undo).

Without a filter by exercise the page lists performed sessions
(`services.performed_sessions.list_sessions`: title, hard sets, volume) with keyset paging
and fills in their sets from the log of the same dates; with one, it pages through that
exercise's sets (`logbook.list_sets`) and groups them by session, so a page costs the
same however long the log is. The "Older" link carries the cursor. Loads are shown in the
athlete's unit; edits are typed in it.

Two devices: each edit form carries the `version` of the set it showed. When another device
changed the set since, nothing is written and the page comes back (409) with both versions
side by side: "Keep mine" sends the lifter's values again with the current version, "Take
theirs" leaves the stored set as it is. A form without a version (an old page) edits the
stored set: last write wins, the API's rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from redwood.services import logbook, performed_sessions, sets, workout
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.logedits import SetConflictError
from redwood.web.api.inputs import Database
from redwood.web.pages.errors import error_page, redirect
from redwood.web.pages.rendering import render
from redwood.web.pages.session import CheckedForm, PageAthlete, Visitor

router = APIRouter(include_in_schema=False)

SESSIONS_PER_PAGE = 10
SETS_PER_PAGE = 100
DAY_SETS = 500
EDIT_FIELDS = ("load", "reps", "rir", "rpe", "type")


@dataclass(frozen=True, slots=True)
class HistoryView:
    """One page of history: the filters as typed, the sessions with their sets, the link to
    older ones, and what went wrong with a filter or an edit."""

    filters: dict[str, str]
    sessions: list[dict[str, Any]]
    next_cursor: str | None
    older: str | None
    here: str
    deleted: bool = False
    errors: dict[str, str] = field(default_factory=dict)
    conflict: dict[str, Any] | None = None
    """After a refused stale edit: {"set", "yours" (the form's values), "theirs" (the set
    as stored now)}."""


def _text(form: FormData, name: str, limit: int = 200) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _date(text: str, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ServiceError(f"{name}: {text[:40]!r} is not a date like 2026-11-02", name) from None


def _path(filters: Mapping[str, str], **extra: str) -> str:
    query = {k: v for k, v in {**filters, **extra}.items() if v}
    return "/history" + (f"?{urlencode(query)}" if query else "")


def _group(logged: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sets (newest first) grouped by session, in the order the sessions first appear."""
    groups: dict[str, dict[str, Any]] = {}
    for s in logged:
        group = groups.setdefault(
            str(s["session"]),
            {"id": str(s["session"]), "date": s["date"], "view": None, "sets": []},
        )
        group["sets"].append(s)
    for group in groups.values():
        group["sets"].reverse()
    return list(groups.values())


def _sessions(
    start: date | None, end: date | None, cursor: str | None, url: str
) -> tuple[list[dict[str, Any]], str | None]:
    page = performed_sessions.list_sessions(
        start=start, end=end, cursor=cursor, limit=SESSIONS_PER_PAGE, url=url
    )
    items: list[dict[str, Any]] = page["items"]
    if not items:
        return [], page["next_cursor"]
    first, last = min(i["date"] for i in items), max(i["date"] for i in items)
    logged = logbook.list_sets(
        start=date.fromisoformat(first), end=date.fromisoformat(last), limit=DAY_SETS, url=url
    )["items"]
    by_session = {g["id"]: g["sets"] for g in _group(logged)}
    shown = [
        {"id": i["id"], "date": i["date"], "view": i, "sets": by_session.get(i["id"], [])}
        for i in items
    ]
    return shown, page["next_cursor"]


def _view(
    visitor: Visitor,
    url: str,
    filters: dict[str, str],
    *,
    deleted: bool = False,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
) -> HistoryView:
    shown: list[dict[str, Any]] = []
    cursor: str | None = None
    problems = dict(errors or {})
    try:
        start, end = _date(filters["from"], "from"), _date(filters["to"], "to")
        with visitor.acting():
            if filters["exercise"]:
                page = logbook.list_sets(
                    exercise=filters["exercise"],
                    start=start,
                    end=end,
                    cursor=filters["cursor"] or None,
                    limit=SETS_PER_PAGE,
                    url=url,
                )
                shown, cursor = _group(page["items"]), page["next_cursor"]
            else:
                shown, cursor = _sessions(start, end, filters["cursor"] or None, url)
    except ServiceError as exc:
        problems[exc.field or "form"] = exc.message
    plain = {k: v for k, v in filters.items() if k != "cursor"}
    return HistoryView(
        filters=plain,
        sessions=shown,
        next_cursor=cursor,
        older=None if cursor is None else _path(plain, cursor=cursor),
        here=_path(filters),
        deleted=deleted,
        errors=problems,
        conflict=conflict,
    )


@router.get("/history")
def history_page(
    request: Request,
    visitor: PageAthlete,
    url: Database,
    exercise: str = "",
    cursor: str = "",
    deleted: str = "",
) -> Response:
    """Sessions newest first, filtered by exercise and dates (`from`, `to`)."""
    filters = {
        "exercise": exercise.strip()[:200],
        "from": request.query_params.get("from", "").strip()[:40],
        "to": request.query_params.get("to", "").strip()[:40],
        "cursor": cursor.strip()[:200],
    }
    view = _view(visitor, url, filters, deleted=deleted == "1")
    status = 422 if view.errors else 200
    return render(request, "history.html", view, active="history", status=status)


def _back(form: FormData) -> str:
    """Where an edit or a delete goes back to: a History or Today address, else /history."""
    back = _text(form, "back", 400)
    if back.startswith(("/history", "/today")) and "//" not in back and "\\" not in back:
        return back
    return "/history"


@router.post("/history/sets/{set_id}")
def edit_set(
    request: Request, set_id: str, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Change a logged set; refused, the page again with the reason beside the set; stale
    (another device changed it), the page again with both versions (409)."""
    fields = {name: _text(form, name, 40) for name in EDIT_FIELDS}
    try:
        version = _version(form)
        with visitor.acting():
            logbook.edit_set(
                set_id[:40], workout.changes_of(fields), expected_version=version, url=url
            )
    except NotFoundError as exc:
        return error_page(request, 404, exc.message)
    except SetConflictError as exc:
        day = str(exc.current["date"] or "")
        filters = {"exercise": "", "from": day, "to": day, "cursor": ""}
        conflict = {"set": exc.current["id"], "yours": fields, "theirs": exc.current}
        errors = {"set": exc.current["id"], "message": exc.message}
        view = _view(visitor, url, filters, errors=errors, conflict=conflict)
        return render(request, "history.html", view, active="history", status=409)
    except ServiceError as exc:
        with visitor.acting():
            found = _day_of(set_id, url)
        filters = {"exercise": "", "from": found, "to": found, "cursor": ""}
        view = _view(visitor, url, filters, errors={"set": set_id, "message": exc.message})
        return render(request, "history.html", view, active="history", status=422)
    return redirect(request, _back(form))


def _version(form: FormData) -> int | None:
    """The set version the edit form showed (None from a form that sent none)."""
    text = _text(form, "version", 12)
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 2**31 - 1:
        raise ServiceError("version: reload the page and edit the set again", "version")
    return int(text)


def _day_of(set_id: str, url: str) -> str:
    """The date of the athlete's set `set_id`, or "" when there is no such set."""
    try:
        return str(sets.get_set(UUID(set_id), url=url)["date"])
    except (ServiceError, ValueError):
        return ""


@router.post("/history/sets/{set_id}/delete")
def delete_set(
    request: Request, set_id: str, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Delete a logged set; the page then offers to undo it. A set changed on another device
    since the page showed it is kept, and the page shows it as it is now (409)."""
    try:
        version = _version(form)
        with visitor.acting():
            logbook.delete_set(set_id[:40], expected_version=version, url=url)
    except SetConflictError as exc:
        day = str(exc.current["date"] or "")
        filters = {"exercise": "", "from": day, "to": day, "cursor": ""}
        message = f"{exc.message}. It was not deleted: it now shows the other device's values."
        view = _view(visitor, url, filters, errors={"set": exc.current["id"], "message": message})
        return render(request, "history.html", view, active="history", status=409)
    except ServiceError as exc:
        return error_page(request, 404 if isinstance(exc, NotFoundError) else 422, exc.message)
    back = _back(form)
    return redirect(request, back + ("&" if "?" in back else "?") + "deleted=1")


@router.post("/history/undo")
def undo(request: Request, visitor: PageAthlete, form: CheckedForm, url: Database) -> Response:
    """Undo the newest change to the log (the delete just made)."""
    try:
        with visitor.acting():
            logbook.undo(url=url)
    except ServiceError as exc:
        return error_page(request, 409, exc.message)
    return redirect(request, _back(form).replace("deleted=1", "").rstrip("?&"))
