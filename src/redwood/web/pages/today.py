"""/today: the phone-first workout screen, and its finish summary.

The page shows the day's session from the same document GET /api/v1/today gives (embedded
unchanged in the view-model, next to the runner's state from `services.workout`): the
warm-up, the coach's warnings, every exercise with its sets done and to do, and the next
set with its load and reps pre-filled. One tap on "Log set" logs it under a UUID made when
the page was rendered, so a double tap or a retry never logs twice; the page then shows
the next set and the rest timer (from the logged set's timestamp, see `coach.workout`).
With htmx the log form swaps only the session region; without JavaScript every action is
a POST and a redirect back (Post/Redirect/Get).

Offline (`static/offline.js`, `pages/offline.py`): the page carries `offline`, the steps
still to do in the runner's order, so a phone without network can keep going; a set it
queued comes back to POST /today/log later with its client time (`at`) and the athlete it
was queued for, and asks for JSON: 201 stored now, 200 already stored (a replay), or
`{"error": {"field", "message"}}` with the API's status for that refusal.

Swaps and skips are the athlete's choices for one day: they live in the `rw_today` cookie
(which athlete, which date, what was swapped or skipped), so any app process can rebuild
the page from the log and the cookie alone.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode
from uuid import UUID, uuid4

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import FormData

from redwood.services import coaching, performed_sessions, workout
from redwood.services.athletes import today_of_local_athlete
from redwood.services.errors import ConflictError, NotFoundError, ServiceError
from redwood.services.logedits import delete_set
from redwood.web.api.inputs import Database
from redwood.web.pages.errors import error_page, redirect
from redwood.web.pages.rendering import is_htmx, plain, render, wants_json
from redwood.web.pages.session import CheckedForm, PageAthlete, Visitor, secure

router = APIRouter(include_in_schema=False)

CHOICES_COOKIE = "rw_today"
EXERCISE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
LOG_FIELDS = ("load", "reps", "rir", "rpe", "type")


@dataclass(frozen=True, slots=True)
class TodayView:
    """The Today page: the today document (as the API gives it), the runner's state, the
    id the next logged set will carry, a refused form's values and errors, and what the
    page needs to keep going offline (`offline_plan`), and the records the set just logged
    set (shown as a badge after the tap)."""

    today: dict[str, Any]
    runner: dict[str, Any] | None
    date: str
    client_id: str
    typed: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    offline: dict[str, Any] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SwapView:
    """The substitutes for one exercise that fit the day's kit."""

    date: str
    exercise: str
    name: str
    options: list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class SummaryView:
    """The finish summary: sets, hard sets per muscle, new records."""

    summary: dict[str, Any]


def _text(form: FormData, name: str, limit: int = 200) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _day(text: str | None) -> date | None:
    """The `date` of a query or form: None for today; `ServiceError` when unreadable."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ServiceError(f"date: {text[:40]!r} is not a date like 2026-11-02", "date") from None


def _back(day: str) -> str:
    return "/today" + (f"?{urlencode({'date': day})}" if day else "")


def _read_choices(request: Request, visitor: Visitor, on: str) -> workout.Choices:
    """The day's swaps and skips from the cookie, when it is this athlete's and this date's."""
    raw = request.cookies.get(CHOICES_COOKIE, "")
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        if data.get("athlete") != visitor.id or data.get("date") != on:
            return workout.Choices()
        swaps = tuple(
            (str(old), str(new))
            for old, new in data.get("swaps", [])
            if EXERCISE_ID.match(str(old)) and EXERCISE_ID.match(str(new))
        )
        skips = tuple(str(s) for s in data.get("skips", []) if EXERCISE_ID.match(str(s)))
    except (ValueError, TypeError, AttributeError, binascii.Error):
        return workout.Choices()
    return workout.Choices(swaps[:20], skips[:20])


def _keep_choices(
    response: Response, request: Request, visitor: Visitor, on: str, choices: workout.Choices
) -> None:
    data = {
        "athlete": visitor.id,
        "date": on,
        "swaps": [list(pair) for pair in choices.swaps],
        "skips": list(choices.skips),
    }
    value = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    response.set_cookie(
        CHOICES_COOKIE,
        value,
        max_age=36 * 3600,
        httponly=True,
        samesite="lax",
        secure=secure(request),
        path="/",
    )


def _view(
    request: Request,
    visitor: Visitor,
    on: date | None,
    url: str,
    *,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    client_id: str | None = None,
    records: list[dict[str, Any]] | None = None,
) -> TodayView:
    with visitor.acting():
        day = on or today_of_local_athlete(url)
        data = workout.workout(day, _read_choices(request, visitor, day.isoformat()), url=url)
    return TodayView(
        today=data["today"],
        runner=data["runner"],
        date=day.isoformat(),
        client_id=client_id or str(uuid4()),
        typed=typed or {},
        errors=errors or {},
        offline=offline_plan(data["runner"], visitor.id, str(data["today"].get("unit", ""))),
        records=records or [],
    )


STEP_KEYS = ("line", "set_index", "exercise", "name", "type", "label", "reps_min", "reps_max")
STEP_MORE = ("rir", "load", "plates", "rest_after", "fill")


def offline_plan(runner: dict[str, Any] | None, athlete: int, unit: str) -> dict[str, Any]:
    """What the page needs to log on without network: the athlete it is for (a queue never
    sends one athlete's sets as another's), the load unit, the sets still to do in the
    runner's order (with what to show and pre-fill) and the ids of the sets already logged."""
    if runner is None:
        return {"athlete": athlete, "unit": unit, "steps": [], "done": []}
    lines = runner["lines"]
    todo = {(t["line"], t["set_index"]): t for line in lines for t in line["todo"]}
    steps = []
    for line_index, set_index in runner["order"]:
        target = todo.get((line_index, set_index))
        if target is not None:
            step = {key: target[key] for key in (*STEP_KEYS, *STEP_MORE)}
            step["superset"] = lines[line_index]["block_type"] == "superset"
            steps.append(step)
    done = [s["id"] for line in lines for s in line["done"]] + [s["id"] for s in runner["extra"]]
    return {"athlete": athlete, "unit": unit, "steps": plain(steps), "done": [str(i) for i in done]}


def _client_id(text: str) -> UUID | None:
    """The set id the page made for the form, or None when it is missing or malformed."""
    try:
        return UUID(text)
    except ValueError:
        return None


def _client_time(text: str) -> datetime | None:
    """When a queued set was logged on the phone (ISO 8601 with its offset), or None."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ServiceError(
            f"at: {text[:40]!r} is not a time like 2026-11-02T18:30:00Z", "at"
        ) from None


def _queued_for(form: FormData, visitor: Visitor) -> None:
    """A set queued offline names the athlete whose page queued it: refuse another's."""
    athlete = _text(form, "athlete", 20)
    if athlete and athlete != str(visitor.id):
        raise ConflictError(
            "athlete: this set was queued by another account on this phone", "athlete"
        )


def _json_refusal(exc: ServiceError) -> Response:
    """The API's error shape and status for a refusal (web.errors imports the pages)."""
    from redwood.web.errors import STATUS_OF, error_body

    status = next((code for kind, code in STATUS_OF if isinstance(exc, kind)), 422)
    return JSONResponse(error_body(exc.message, exc.field), status_code=status)


def _page(
    request: Request, view: TodayView, status: int = 200, block: str | None = None
) -> Response:
    return render(request, "today.html", view, active="today", status=status, block=block)


@router.get("/today")
def today_page(
    request: Request, visitor: PageAthlete, url: Database, date: str | None = None
) -> Response:
    """The day's session with the next set ready to log, or the rest day."""
    try:
        view = _view(request, visitor, _day(date), url)
    except ServiceError as exc:
        if exc.field == "program":
            return render(request, "today_none.html", {"message": exc.message}, active="today")
        return error_page(request, 422, exc.message)
    return _page(request, view)


@router.post("/today/log")
def log_set(request: Request, visitor: PageAthlete, form: CheckedForm, url: Database) -> Response:
    """Log the set as typed (once per client id); back to the page with the next set.
    A client that asks for JSON (the offline queue) gets the set: 201 new, 200 a replay."""
    day_text = _text(form, "date", 10)
    typed = {name: _text(form, name, 40) for name in LOG_FIELDS}
    set_id = _client_id(_text(form, "id", 36))
    planned = _text(form, "planned", 12)
    try:
        if set_id is None:
            raise ServiceError("id: the form lost its set id: reload the page", "form")
        _queued_for(form, visitor)
        day = _day(day_text)
        with visitor.acting():
            local_today = today_of_local_athlete(url)
            stored, created = workout.log_set(
                set_id,
                day or local_today,
                _text(form, "exercise"),
                typed,
                today=local_today,
                planned_session_id=int(planned) if planned.isdigit() else None,
                performed_at=_client_time(_text(form, "at", 40)),
                url=url,
            )
    except ServiceError as exc:
        if wants_json(request):
            return _json_refusal(exc)
        field_name = exc.field if exc.field in LOG_FIELDS else "form"
        try:
            view = _view(
                request,
                visitor,
                _day(day_text),
                url,
                typed=typed,
                errors={field_name or "form": exc.message},
                client_id=None if set_id is None else str(set_id),
            )
        except ServiceError as again:
            return error_page(request, 422, again.message)
        return _page(request, view, 422, block="session")
    if wants_json(request):
        answer = {"set": plain(stored), "created": created}
        return JSONResponse(answer, status_code=201 if created else 200)
    if is_htmx(request):
        found = list(stored.get("records", []))
        view = _view(request, visitor, _day(day_text), url, records=found)
        return _page(request, view, block="session")
    return redirect(request, _back(day_text))


@router.get("/today/swap")
def swap_page(
    request: Request, visitor: PageAthlete, url: Database, exercise: str = "", date: str = ""
) -> Response:
    """The substitutes for `exercise` that fit the day's kit."""
    try:
        day = _day(date)
        with visitor.acting():
            on = day or today_of_local_athlete(url)
            options = workout.swap_choices(on, exercise[:100], url=url)
    except ServiceError as exc:
        return error_page(request, 422, exc.message)
    view = SwapView(date, exercise[:100], exercise.replace("-", " ").capitalize(), options)
    return render(request, "today_swap.html", view, active="today")


def _choice(
    request: Request, visitor: Visitor, form: FormData, url: str, *, swap: bool
) -> Response:
    day_text = _text(form, "date", 10)
    exercise = _text(form, "exercise", 100)
    target = _text(form, "to", 100)
    if not EXERCISE_ID.match(exercise) or (swap and not EXERCISE_ID.match(target)):
        return error_page(request, 422, "exercise: choose an exercise from the list")
    try:
        with visitor.acting():
            on = _day(day_text) or today_of_local_athlete(url)
            fits = swap and target in {o["id"] for o in workout.swap_choices(on, exercise, url=url)}
    except ServiceError as exc:
        return error_page(request, 422, exc.message)
    if swap and not fits:
        return error_page(request, 422, "to: that exercise is not a substitute that fits today")
    response = redirect(request, _back(day_text))
    key = on.isoformat()
    chosen = _read_choices(request, visitor, key)
    if swap:
        swaps = (*tuple(p for p in chosen.swaps if p[0] != exercise), (exercise, target))
        chosen = workout.Choices(swaps, chosen.skips)
    elif exercise not in chosen.skips:
        chosen = workout.Choices(chosen.swaps, (*chosen.skips, exercise))
    _keep_choices(response, request, visitor, key, chosen)
    return response


@router.post("/today/swap")
def swap(request: Request, visitor: PageAthlete, form: CheckedForm, url: Database) -> Response:
    """Do a substitute instead of an exercise for the rest of the day."""
    return _choice(request, visitor, form, url, swap=True)


@router.post("/today/skip")
def skip(request: Request, visitor: PageAthlete, form: CheckedForm, url: Database) -> Response:
    """Skip the rest of an exercise today."""
    return _choice(request, visitor, form, url, swap=False)


@router.post("/today/undo")
def undo_last(request: Request, visitor: PageAthlete, form: CheckedForm, url: Database) -> Response:
    """Delete the set the form names (the latest one); a second tap finds it gone."""
    set_id = _text(form, "set", 36)
    try:
        with visitor.acting():
            delete_set(str(UUID(set_id)), url=url)
    except NotFoundError:
        pass
    except (ServiceError, ValueError):
        return error_page(request, 422, "set: no such set to undo")
    return redirect(request, _back(_text(form, "date", 10)))


@router.post("/today/finish")
def finish(request: Request, visitor: PageAthlete, form: CheckedForm, url: Database) -> Response:
    """Mark the day's session finished and show its summary."""
    session_text = _text(form, "session", 36)
    try:
        session_id = UUID(session_text)
        with visitor.acting():
            performed_sessions.edit_session(
                session_id, {"finished": True, "title": _text(form, "title")}, url=url
            )
    except ServiceError as exc:
        return error_page(request, 404 if isinstance(exc, NotFoundError) else 422, exc.message)
    except ValueError:
        return error_page(request, 422, "session: log a set before finishing")
    return redirect(request, f"/today/summary?{urlencode({'session': str(session_id)})}")


@router.get("/today/summary")
def summary_page(
    request: Request, visitor: PageAthlete, url: Database, session: str = ""
) -> Response:
    """Sets done, hard sets per muscle and new records of one session."""
    try:
        session_id = UUID(session)
    except ValueError:
        return error_page(request, 404, "session: no such session")
    try:
        with visitor.acting():
            data = coaching.session_summary(session_id, url=url)
    except NotFoundError as exc:
        return error_page(request, 404, exc.message)
    return render(request, "today_summary.html", SummaryView(data), active="today")
