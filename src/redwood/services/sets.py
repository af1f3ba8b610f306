"""One logged set by its full id, as the API sees it: create once, read back.

`create_set` is `logbook.add_sets` for one set whose id the client made: it says whether the
set was stored now (201) or was already there (200, the stored set, even if the retry
carries other values). The ids a client may send are checked first, in the same way for
every athlete: a set id, session id or planned session id of another athlete is refused
without reading or changing anything of theirs (the set id as "already used", the others as
"not found", exactly like ids that do not exist).

`get_set` reads one live set; a deleted set, another athlete's set and a set that never
existed all answer the same `NotFoundError`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from redwood.domain.notation import SetSpec
from redwood.services.errors import ForbiddenError, NotFoundError
from redwood.services.logbook import add_sets
from redwood.services.logsupport import SetViews, Work, athlete_work
from redwood.services.records import with_records


def _check_ids(
    work: Work, set_id: UUID, session_id: UUID | None, planned_session_id: int | None
) -> dict[str, Any] | None:
    """The athlete's stored set with `set_id` (live or deleted), else None once every id the
    client sent is free or theirs."""
    from redwood.store.owners import Owners

    views = SetViews(work)
    mine = work.athlete.id
    stored = views.log.get_set(set_id, include_deleted=True)
    if stored is not None:
        return with_records(work, views.view(stored))
    owners = Owners(work.session)
    owner = owners.of_set(set_id)
    if owner == mine:  # a racing copy of this request stored it since the read above
        raced = views.log.get_set(set_id, include_deleted=True)
        if raced is not None:
            return with_records(work, views.view(raced))
    if owner is not None:
        raise ForbiddenError("id: this set id is already used: make a new UUID", "id")
    if session_id is not None and owners.of_session(session_id) not in (None, mine):
        raise NotFoundError(f"session: no session {session_id}", "session")
    if planned_session_id is not None and owners.of_planned_session(planned_session_id) != mine:
        raise NotFoundError(
            f"planned_session_id: no planned session {planned_session_id}", "planned_session_id"
        )
    return None


def create_set(
    set_id: UUID,
    on: date,
    exercise: str,
    spec: SetSpec,
    *,
    today: date,
    session_id: UUID | None = None,
    planned_session_id: int | None = None,
    note: str | None = None,
    performed_at: datetime | None = None,
    url: str | None = None,
) -> tuple[dict[str, Any], bool]:
    """Log one set under the client's id: (the set dict, True if it was stored now).
    `performed_at` is the client's time for it (a set logged offline and sent later).

    A set id already stored for this athlete returns that set and False: a retried request
    never logs twice. Two identical requests racing may both see True; one row is stored."""
    with athlete_work(url) as work:
        stored = _check_ids(work, set_id, session_id, planned_session_id)
    if stored is not None:
        return stored, False
    written = add_sets(
        on,
        exercise,
        [spec],
        today=today,
        session_id=session_id,
        planned_session_id=planned_session_id,
        ids=[set_id],
        note=note,
        performed_at=performed_at,
        url=url,
    )
    return written[0], True


def get_set(set_id: UUID, *, url: str | None = None) -> dict[str, Any]:
    """The athlete's live set with this id; `NotFoundError` otherwise."""
    with athlete_work(url) as work:
        views = SetViews(work)
        found = views.log.get_set(set_id)
        if found is None:
            raise NotFoundError(f"set: no set {set_id}", "set")
        return views.view(found)
