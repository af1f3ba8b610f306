"""Performed sessions as a resource: list them, read one with its sets, edit, delete.

A session view (JSON-ready): `{"id", "date", "title", "source", "notes", "started_at",
"ended_at", "finished", "planned_session_id", "planned", "sets", "hard_sets", "exercises",
"volume_kg", "first_set_at", "last_set_at", "duration_seconds"}`. `sets` counts live sets,
`hard_sets` those that count toward volume (working, drop, failure), `volume_kg` is load x
reps of the hard sets (the finish summary's tonnage), `duration_seconds` runs from the
first set to the last (0 for one set, None for none); `planned` is the planned session it
was (`{"id", "program_id", "week", "weekday", "title"}`) or None.

Deleting a session deletes its sets the way deleting one set does (tombstones, journalled),
so `undo` brings them all back; until then the session is "emptied" and answers like a
missing one. A session that never had a set is deleted outright (nothing to undo). Edits of
a session (title, notes, start and end) are not journalled: undo is for the sets.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from redwood.domain.logbook import LoggedSet, PerformedSession
from redwood.services import coaching
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.logsupport import SetViews, Work, athlete_work, decimal_out, refused

if TYPE_CHECKING:
    from redwood.store.performed_sessions import PerformedSessions, PlannedRef

MAX_LIMIT = 100
UNDO = "POST /api/v1/undo"
CHANGEABLE = frozenset({"title", "notes", "started_at", "ended_at", "finished"})


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _planned(ref: PlannedRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "id": ref.id,
        "program_id": ref.program_id,
        "week": ref.week_index,
        "weekday": ref.weekday,
        "title": ref.title,
    }


def session_view(
    session: PerformedSession, sets: Sequence[LoggedSet], planned: PlannedRef | None
) -> dict[str, Any]:
    """The session view of the module docstring, from the session and its live sets."""
    hard = [s for s in sets if s.is_hard]
    volume = sum((s.volume_kg for s in hard if s.volume_kg is not None), Decimal(0))
    times = [s.performed_at for s in sets]
    first, last = (min(times), max(times)) if times else (None, None)
    return {
        "id": str(session.id),
        "date": session.local_date.isoformat(),
        "title": session.title,
        "source": session.source,
        "notes": session.notes,
        "started_at": _iso(session.started_at),
        "ended_at": _iso(session.ended_at),
        "finished": session.ended_at is not None,
        "planned_session_id": session.planned_session_id,
        "planned": _planned(planned),
        "sets": len(sets),
        "hard_sets": len(hard),
        "exercises": len({s.exercise_id for s in sets}),
        "volume_kg": decimal_out(volume),
        "first_set_at": _iso(first),
        "last_set_at": _iso(last),
        "duration_seconds": None
        if first is None or last is None
        else int((last - first).total_seconds()),
    }


def _encode(key: tuple[date, datetime, UUID]) -> str:
    raw = f"{key[0].isoformat()}|{key[1].isoformat()}|{key[2]}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[date, datetime, UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, at, session_id = raw.split("|")
        instant = datetime.fromisoformat(at)
        if instant.tzinfo is None:
            raise ValueError
        return date.fromisoformat(day), instant, UUID(session_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ServiceError(f"cursor: {cursor!r} is not a cursor from this list", "cursor") from None


def _repository(work: Work) -> PerformedSessions:
    from redwood.store.performed_sessions import PerformedSessions

    return PerformedSessions(work.session, work.athlete.id)


def _views(work: Work, sessions: Sequence[PerformedSession]) -> list[dict[str, Any]]:
    from redwood.store.logreads import LogReads

    sets = LogReads(work.session, work.athlete.id).sets_by_session(s.id for s in sessions)
    planned = _repository(work).planned(s.planned_session_id for s in sessions)
    return [
        session_view(
            s,
            sets.get(s.id, []),
            None if s.planned_session_id is None else planned.get(s.planned_session_id),
        )
        for s in sessions
    ]


def list_sessions(
    *,
    start: date | None = None,
    end: date | None = None,
    cursor: str | None = None,
    limit: int = 20,
    url: str | None = None,
) -> dict[str, Any]:
    """A page of performed sessions, newest first: `{"items": [session views],
    "next_cursor"}`; `start` and `end` are local dates, both included."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ServiceError(f"limit: must be 1-{MAX_LIMIT} (got {limit})", "limit")
    if start is not None and end is not None and start > end:
        raise ServiceError(f"from: {start} is after to: {end}", "from")
    from redwood.store.performed_sessions import key_of

    before = None if cursor is None else _decode(cursor)
    with athlete_work(url) as work:
        page = _repository(work).page(start=start, end=end, before=before, limit=limit + 1)
        shown = page[:limit]
        return {
            "items": _views(work, shown),
            "next_cursor": _encode(key_of(shown[-1])) if len(page) > limit else None,
        }


def _found(work: Work, session_id: UUID) -> PerformedSession:
    """The athlete's session, unless it is missing, another athlete's or emptied."""
    from redwood.store import Logbook

    found = Logbook(work.session, work.athlete.id).get_session(session_id)
    if found is None or _repository(work).is_emptied(session_id):
        raise NotFoundError(f"session: no session {session_id}", "session")
    return found


def get_session(session_id: UUID, *, url: str | None = None) -> dict[str, Any]:
    """`{"session": view, "sets": [set dicts in session order], "summary": the finish
    summary (hard sets, tonnage, volume per muscle, new records)}`."""
    from redwood.store import Logbook

    with athlete_work(url) as work:
        session = _found(work, session_id)
        logged = Logbook(work.session, work.athlete.id).session_sets(session_id)
        views = SetViews(work)
        shown = {"session": _views(work, [session])[0], "sets": [views.view(s) for s in logged]}
    summary = coaching.session_summary(session_id, url=url)
    return {**shown, "summary": {k: v for k, v in summary.items() if k not in ("session", "date")}}


def _instant(value: Any, field: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ServiceError(f"{field}: give a date and time with its UTC offset", field)
    if not 1900 < value.year < 2999:  # checked before any arithmetic can overflow
        raise ServiceError(f"{field}: must be between 1901 and 2998", field)
    return value.astimezone(UTC)


def _text(value: Any, field: str, longest: int) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > longest:
        raise ServiceError(f"{field}: at most {longest} characters", field)
    return text


def _changes(
    session: PerformedSession, last_set: datetime | None, fields: Mapping[str, Any]
) -> dict[str, Any]:
    """The session's new values; `finished` sets `ended_at` (to the last set, else now)."""
    unknown = sorted(set(fields) - CHANGEABLE)
    if unknown:
        raise ServiceError(f"{unknown[0]}: cannot be changed on a session", unknown[0])
    out: dict[str, Any] = {}
    if "title" in fields:
        out["title"] = _text(fields["title"], "title", 200) or ""
    if "notes" in fields:
        out["notes"] = _text(fields["notes"], "notes", 2000) or None
    for field in ("started_at", "ended_at"):
        if field in fields:
            out[field] = _instant(fields[field], field)
    finished = fields.get("finished")
    if finished is False and out.get("ended_at") is not None:
        raise ServiceError("finished: false, but ended_at is given", "finished")
    if finished is False:
        out["ended_at"] = None
    elif finished is True and out.get("ended_at", session.ended_at) is None:
        out["ended_at"] = last_set or datetime.now(UTC)
    starts = out.get("started_at", session.started_at)
    ends = out.get("ended_at", session.ended_at)
    if starts is not None and ends is not None and ends < starts:
        raise ServiceError(f"ended_at: {ends.isoformat()} is before started_at", "ended_at")
    return {k: v for k, v in out.items() if v != getattr(session, k)}


def edit_session(
    session_id: UUID, fields: Mapping[str, Any], *, url: str | None = None
) -> dict[str, Any]:
    """Change a session's title, notes, start or end (`finished` true or false):
    `{"session": view, "changed": [field names], "message"}`."""
    from redwood.store import Logbook, StoreError
    from redwood.store.logreads import LogReads

    with athlete_work(url) as work:
        session = _found(work, session_id)
        last = LogReads(work.session, work.athlete.id).last_performed_at(session_id)
        changes = _changes(session, last, fields)
        if changes:
            try:
                session = Logbook(work.session, work.athlete.id).update_session(
                    session_id, **changes
                )
            except (StoreError, ValueError) as exc:
                raise refused(exc, "session") from None
        view = _views(work, [session])[0]
    message = f"Session of {view['date']} changed: {', '.join(sorted(changes))}."
    return {
        "session": view,
        "changed": sorted(changes),
        "message": message if changes else "Nothing changed.",
    }


def delete_session(session_id: UUID, *, url: str | None = None) -> dict[str, Any]:
    """Delete a session's sets (journalled: undo restores them), or the session itself when
    it never had any: `{"session": view before, "sets": [deleted set dicts], "message",
    "undo"}`."""
    from redwood.store import Logbook
    from redwood.store.journal import Journal

    with athlete_work(url) as work:
        session = _found(work, session_id)
        view = _views(work, [session])[0]
        log = Logbook(work.session, work.athlete.id)
        live = log.session_sets(session_id)
        views = SetViews(work)
        if not live:
            log.delete_session(session_id)
            message = f"Deleted the empty session of {view['date']}."
            return {"session": view, "sets": [], "message": message, "undo": None}
        deleted = [views.view(found) for s in live if (found := log.delete_set(s.id))]
        Journal(work.session, work.athlete.id).record(
            "delete", {"sets": [item["id"] for item in deleted], "session": str(session_id)}
        )
    count = f"{len(deleted)} set{'' if len(deleted) == 1 else 's'}"
    return {
        "session": view,
        "sets": deleted,
        "message": f"Deleted the session of {view['date']} and its {count}.",
        "undo": UNDO,
    }
