"""`redwood log undo`: reverse the newest journalled change of the log still open.

An add is undone by deleting the sets it logged (and the session it created, when that
session is left empty); a delete by restoring the sets; an edit by putting back the previous
value of every field it changed. The entry is claimed first (marked undone), so two undos
racing for it cannot both apply it; a second undo reaches the entry before. Undo says what
it did in one sentence. A set that no longer exists is skipped, not an error: the journal
must never get stuck on an entry it cannot reverse.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from redwood.domain.vocab import SetType
from redwood.services.errors import ServiceError
from redwood.services.logsupport import SetViews, athlete_work, describe, refused

if TYPE_CHECKING:
    from redwood.store.journal import JournalEntry

DECIMALS = frozenset({"load_kg", "rpe", "rir", "distance_m"})


def _plural(count: int) -> str:
    return f"{count} set{'' if count == 1 else 's'}"


def _restored(field: str, value: Any) -> Any:
    """A journalled field value back as the store takes it."""
    if value is None:
        return None
    if field in DECIMALS:
        return Decimal(str(value))
    if field == "set_type":
        return SetType(str(value))
    return value


def _summary(views: list[dict[str, Any]]) -> str:
    if not views:
        return "sets that no longer exist"
    names = sorted({view["name"] for view in views})
    dates = sorted({str(view["date"]) for view in views})
    return f"{_plural(len(views))} of {', '.join(names)} on {', '.join(dates)}"


def _ids(payload: Mapping[str, Any]) -> list[UUID]:
    return [UUID(str(value)) for value in payload.get("sets") or []]


def undo(*, url: str | None = None) -> dict[str, Any]:
    """Reverse the newest add, edit or delete not yet undone: `{"undone": {"id", "kind",
    "created_at"} or None, "message", "sets": [set dicts as they are now]}`."""
    from redwood.store import StaleVersionError, StoreError
    from redwood.store.journal import Journal

    with athlete_work(url) as work:
        journal = Journal(work.session, work.athlete.id)
        entry = journal.last_open()
        if entry is None:
            return {"undone": None, "message": "Nothing to undo.", "sets": []}
        try:
            journal.mark_undone(entry.id)
        except StaleVersionError:
            raise ServiceError("undo: that change was undone meanwhile; run it again") from None
        views = SetViews(work)
        try:
            message, sets = _reverse(entry, views)
        except (StoreError, ValueError) as exc:
            raise refused(exc, "undo") from None
        return {
            "undone": {
                "id": entry.id,
                "kind": entry.kind,
                "created_at": entry.created_at.isoformat(),
            },
            "message": message,
            "sets": sets,
        }


def _reverse(entry: JournalEntry, views: SetViews) -> tuple[str, list[dict[str, Any]]]:
    log = views.log
    payload = entry.payload
    if entry.kind == "add":
        removed = [found for found in map(log.delete_set, _ids(payload)) if found]
        shown = [views.view(found) for found in removed]
        session = payload.get("session")
        if payload.get("session_created") and session and not log.session_sets(UUID(session)):
            log.delete_session(UUID(session))
        return f"Undid the log of {_summary(shown)}.", shown
    if entry.kind == "delete":
        back = [found for found in map(log.restore_set, _ids(payload)) if found]
        shown = [views.view(found) for found in back]
        details = "; ".join(describe(view) for view in shown)
        return f"Restored {_summary(shown)}" + (f": {details}." if details else "."), shown
    set_id = UUID(str(payload["set"]))
    current = log.get_set(set_id)
    if current is None:
        return f"Set {str(set_id)[:8]} no longer exists: nothing to put back.", []
    now = views.view(current)
    before = {key: _restored(key, value) for key, value in dict(payload["before"]).items()}
    put_back = views.view(log.update_set(set_id, **before))
    return (
        f"Put set {put_back['short_id']} of {put_back['name']} on {put_back['date']} back to "
        f"{describe(put_back)} (it was {describe(now)}).",
        [put_back],
    )
