"""Logging use cases: sets from the one-line notation (or the runner), list, edit, delete, undo.

Every write is one transaction that also records its undo journal entry, so a refused line
writes nothing (a line whose third set is bad does not keep the first two) and the journal
always matches the log. Exercise names are resolved for the athlete: their own exercises
and saved mappings first, then the catalogue (ids, names, aliases); an unknown name is
refused with the closest catalogue names. Loads are read in the athlete's unit when no unit
is written and shown back in it.

Edits and deletes live in `logedits`, undo in `undo`, bodyweight and check-ins in `readings`;
all are importable from here, as the spec names them.

The performed session of a date: sets go into the given session (created with that id when
it does not exist yet), else into the athlete's most recently created session of that date,
else into a new one (source "log"). A set of today is stamped now; one of an earlier day at
local noon, one second apart, after the session's latest set, so the log keeps their order.
A set the client timed itself (`performed_at`: logged offline and sent later) keeps that
time, once it is believable (`client_instant`): a few minutes ahead at most, for clocks that
drift, within a day of the set's local date, and not older than a month.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from redwood.domain.logbook import LoggedSet, PerformedSession, SetEntry
from redwood.domain.notation import (
    NotationError,
    SetSpec,
    check_set,
    format_line,
    parse_line,
)
from redwood.domain.vocab import SetType
from redwood.services.errors import ServiceError
from redwood.services.logedits import delete_set, edit_set
from redwood.services.logsupport import (
    UNDO_HINT,
    SetViews,
    Work,
    athlete_work,
    check_date,
    refused,
    resolve_exercise,
)
from redwood.services.readings import add_bodyweight, add_checkin, list_bodyweights, list_checkins
from redwood.services.records import flag_records
from redwood.services.undo import undo

if TYPE_CHECKING:
    from redwood.store import Logbook

__all__ = [
    "add_bodyweight",
    "add_checkin",
    "add_line",
    "add_sets",
    "delete_set",
    "edit_set",
    "list_bodyweights",
    "list_checkins",
    "list_sets",
    "undo",
]

MAX_LIMIT = 500
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of the server's clock a client's time for a set may be."""
OLDEST_CLIENT_TIME = timedelta(days=31)
"""A set timed by the client longer ago than this is refused (a queue left for a month)."""


def _checked(sets: Sequence[SetSpec]) -> list[SetSpec]:
    if not sets:
        raise ServiceError("sets: nothing to log", "sets")
    try:
        return [check_set(spec) for spec in sets]
    except NotationError as exc:
        raise refused(exc) from None


def _session_for(
    log: Logbook,
    on: date,
    session_id: UUID | None,
    planned_session_id: int | None,
    title: str,
) -> tuple[PerformedSession, bool]:
    """The performed session the sets go into, and whether it was created for them."""
    if session_id is not None:
        found = log.get_session(session_id)
        if found is not None and found.local_date != on:
            raise ServiceError(
                f"date: session {session_id} is on {found.local_date.isoformat()}, "
                f"not {on.isoformat()}",
                "date",
            )
        if found is not None:
            return found, False
    else:
        same_day = log.sessions(on, on)
        if same_day:
            latest = max(same_day, key=lambda s: (s.created_at or EPOCH, str(s.id)))
            if planned_session_id is not None and latest.planned_session_id is None:
                latest = log.update_session(latest.id, planned_session_id=planned_session_id)
            return latest, False
    made = log.start_session(
        on,
        session_id=session_id,
        title=title,
        planned_session_id=planned_session_id,
        source="log",
    )
    return made, True


def client_instant(at: datetime, on: date, work: Work, now: datetime) -> datetime:
    """`at`, the client's time for a set of local date `on`, in UTC once it is believable;
    a `ServiceError` on field `at` otherwise."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ServiceError("at: the set's time needs its UTC offset, e.g. 2026-11-02T18:30Z", "at")
    if at > now + CLOCK_SKEW:
        raise ServiceError(f"at: {at.isoformat()} is in the future: check the phone's clock", "at")
    if at < now - OLDEST_CLIENT_TIME:
        raise ServiceError(f"at: {at.isoformat()} is more than a month ago", "at")
    local = at.astimezone(work.athlete.zone).date()
    if abs((local - on).days) > 1:
        raise ServiceError(f"at: {at.isoformat()} is not on or near {on.isoformat()}", "at")
    return at.astimezone(UTC)


def _instants(
    work: Work, log: Logbook, session: PerformedSession, count: int, at: datetime | None = None
) -> list[datetime]:
    from redwood.store.logreads import LogReads

    now = datetime.now(UTC)
    on = session.local_date
    if at is not None:
        first = client_instant(at, on, work, now)
        return [first + timedelta(seconds=index) for index in range(count)]
    if now.astimezone(work.athlete.zone).date() == on:
        start = now
    else:
        start = datetime.combine(on, time(12), tzinfo=work.athlete.zone).astimezone(UTC)
    latest = LogReads(work.session, work.athlete.id).last_performed_at(session.id)
    if latest is not None and start <= latest:
        start = latest + timedelta(seconds=1)
    return [start + timedelta(seconds=index) for index in range(count)]


def _stored_session(log: Logbook, session_id: UUID) -> PerformedSession:
    found = log.get_session(session_id)
    if found is None:  # pragma: no cover - a stored set always has its session
        raise ServiceError(f"session: no session {session_id}", "session")
    return found


def _write(
    work: Work,
    on: date,
    exercise: str,
    specs: Sequence[SetSpec],
    *,
    session_id: UUID | None = None,
    planned_session_id: int | None = None,
    ids: Sequence[UUID] | None = None,
    title: str = "",
    note: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """Store the sets of one exercise on one date and journal them (caller's transaction)."""
    from redwood.store import Logbook, StoreError
    from redwood.store.journal import Journal

    if ids is not None and len(ids) != len(specs):
        raise ServiceError(f"ids: {len(ids)} ids for {len(specs)} sets", "ids")
    found = resolve_exercise(work, exercise)
    log = Logbook(work.session, work.athlete.id)
    try:
        session, created = _session_for(log, on, session_id, planned_session_id, title)
        instants = _instants(work, log, session, len(specs), at)
        writes = []
        for index, spec in enumerate(specs):
            entry = SetEntry(
                id=ids[index] if ids is not None else uuid4(),
                exercise_id=found.id,
                performed_at=instants[index],
                set_type=spec.set_type,
                reps=spec.reps,
                load_kg=None if spec.load is None else spec.load.kg,
                rpe=spec.rpe,
                rir=spec.rir,
                seconds=spec.seconds,
                note=note if index == 0 else None,
            )
            writes.append(log.add_set(session.id, entry))
        if created and not any(write.created for write in writes):
            # A retry that raced its original: the sets are stored already, in the session
            # the original made; the one made here would stay empty, so it goes.
            log.delete_session(session.id)
            session, created = _stored_session(log, writes[0].set.session_id), False
    except (StoreError, ValueError) as exc:
        raise refused(exc, "exercise") from None
    fresh = [str(write.set.id) for write in writes if write.created]
    if fresh:
        Journal(work.session, work.athlete.id).record(
            "add",
            {"sets": fresh, "session": str(session.id), "session_created": created},
        )
    views = SetViews(work)
    shown = [views.view(write.set) for write in writes]
    flags = flag_records(work, found.id, found.name, session.local_date, [w.set.id for w in writes])
    shown = [{**view, "records": flags[w.set.id]} for view, w in zip(shown, writes, strict=True)]
    return {
        "date": on.isoformat(),
        "session": {
            "id": str(session.id),
            "date": session.local_date.isoformat(),
            "title": session.title,
            "source": session.source,
            "planned_session_id": session.planned_session_id,
            "created": created,
        },
        "exercise": found.id,
        "name": found.name,
        "sets": shown,
        "records": [record for view in shown for record in view["records"]],
        "undo": UNDO_HINT,
    }


def add_sets(
    on: date,
    exercise: str,
    sets: Sequence[SetSpec],
    *,
    today: date,
    session_id: UUID | None = None,
    planned_session_id: int | None = None,
    ids: Sequence[UUID] | None = None,
    title: str = "",
    note: str | None = None,
    performed_at: datetime | None = None,
    url: str | None = None,
) -> list[dict[str, Any]]:
    """Log sets of one exercise on `on` (the runner's entry point); the set dicts. A set id
    already stored returns the stored set (a retry never logs twice). `performed_at`: the
    client's time for the first set (see `client_instant`), else the server stamps them."""
    check_date(on, today)
    specs = _checked(sets)
    with athlete_work(url) as work:
        written = _write(
            work,
            on,
            exercise,
            specs,
            session_id=session_id,
            planned_session_id=planned_session_id,
            ids=ids,
            title=title,
            note=note,
            at=performed_at,
        )
    sets_out: list[dict[str, Any]] = written["sets"]
    return sets_out


def add_line(
    text: str, *, today: date, on: date | None = None, url: str | None = None
) -> dict[str, Any]:
    """Log one line of the notation (`squat 100kg 5,5,4 @8`). Its date is the one written
    in the line, else `on`, else `today`; a line and an `on` that disagree are refused."""
    with athlete_work(url) as work:
        try:
            line = parse_line(text, default_unit=work.unit)
        except NotationError as exc:
            raise refused(exc) from None
        if line.on is not None and on is not None and line.on != on:
            raise ServiceError(
                f"date: the line says {line.on.isoformat()} but the date given is {on.isoformat()}",
                "date",
            )
        day = check_date(line.on or on or today, today)
        written = _write(work, day, line.exercise, _checked(line.sets), note=line.note)
        written["line"] = format_line(
            replace(line, on=day, exercise=written["exercise"]), work.unit
        )
        return written


def _encode(logged: LoggedSet) -> str:
    raw = f"{logged.performed_at.isoformat()}|{logged.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _, set_id = raw.partition("|")
        instant = datetime.fromisoformat(at)
        if instant.tzinfo is None:
            raise ValueError
        return instant, UUID(set_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ServiceError(f"cursor: {cursor!r} is not a cursor from this list", "cursor") from None


def list_sets(
    *,
    exercise: str | None = None,
    start: date | None = None,
    end: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
    set_type: SetType | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """A page of logged sets, newest first: `{"items": [set dicts], "next_cursor"}`; dates
    are the athlete's local days, both ends included; `set_type` (warmup, working, drop,
    failure) keeps sets of that kind only."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ServiceError(f"limit: must be 1-{MAX_LIMIT} (got {limit})", "limit")
    if start is not None and end is not None and start > end:
        raise ServiceError(f"from: {start} is after to: {end}", "from")
    from redwood.store.logreads import LogReads

    before = None if cursor is None else _decode(cursor)
    with athlete_work(url) as work:
        zone = work.athlete.zone
        views = SetViews(work)
        page = LogReads(work.session, work.athlete.id).history(
            exercise_id=None if exercise is None else resolve_exercise(work, exercise).id,
            since=None if start is None else datetime.combine(start, time(), zone),
            until=None if end is None else datetime.combine(end + timedelta(1), time(), zone),
            before=before,
            limit=limit + 1,
            set_type=set_type,
        )
        shown = list(page[:limit])
        return {
            "items": [views.view(logged) for logged in shown],
            "next_cursor": _encode(shown[-1]) if len(page) > limit else None,
        }
