"""The undo journal of the training log: one entry per add, edit or delete of sets.

Services record an entry in the same transaction as the write it describes, so the journal
never claims a change that did not happen (or misses one that did). `redwood log undo`
reverses the newest entry still open and marks it undone; undoing again reaches the entry
before. The payload is JSON chosen by the service: the set ids, and for an edit the previous
value of every changed field.

`mark_undone` only succeeds once per entry (a conditional update), so two undos racing for
the same entry cannot both reverse it: the loser's transaction fails and rolls back.

Set ids are long; people type their first 8 characters. `set_ids_with_prefix` finds the
athlete's sets whose id starts with a hex prefix through a range scan on the primary key,
which works the same on SQLite (hex text) and PostgreSQL (native uuid).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select, update

from redwood.store.base import AthleteRepository
from redwood.store.errors import RecordNotFoundError, StaleVersionError
from redwood.store.models import LOG_ACTION_KINDS, LogActionRow, SetRow

HEX = re.compile(r"^[0-9a-f]{1,32}$")


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One journalled change of the log; `undone_at` is set once it has been undone."""

    id: int
    kind: str
    payload: Mapping[str, Any]
    created_at: datetime
    undone_at: datetime | None = None


def _entry(row: LogActionRow) -> JournalEntry:
    return JournalEntry(
        id=row.id,
        kind=row.kind,
        payload=dict(row.payload),
        created_at=row.created_at,
        undone_at=row.undone_at,
    )


class Journal(AthleteRepository):
    """One athlete's journal of log changes, newest last."""

    def record(self, kind: str, payload: Mapping[str, Any]) -> JournalEntry:
        """Journal a change (`add`, `edit` or `delete`) with its JSON payload."""
        if kind not in LOG_ACTION_KINDS:
            raise ValueError(f"kind: must be one of {', '.join(LOG_ACTION_KINDS)} (got {kind!r})")
        try:
            document = json.loads(json.dumps(dict(payload)))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"payload: must be JSON ({exc})") from None
        row = LogActionRow(
            athlete_id=self.athlete_id, kind=kind, payload=document, created_at=self.now()
        )
        self.session.add(row)
        self.session.flush()
        return _entry(row)

    def get(self, entry_id: int) -> JournalEntry | None:
        """The athlete's entry with this id, or None (also for another athlete's)."""
        row = self.session.get(LogActionRow, entry_id)
        return None if row is None or row.athlete_id != self.athlete_id else _entry(row)

    def last_open(self) -> JournalEntry | None:
        """The newest entry not yet undone, or None."""
        row = self.session.scalars(
            select(LogActionRow)
            .where(LogActionRow.athlete_id == self.athlete_id, LogActionRow.undone_at.is_(None))
            .order_by(LogActionRow.id.desc())
            .limit(1)
        ).first()
        return None if row is None else _entry(row)

    def entries(self, limit: int = 20) -> list[JournalEntry]:
        """The newest entries (undone ones too), newest first."""
        rows = self.session.scalars(
            select(LogActionRow)
            .where(LogActionRow.athlete_id == self.athlete_id)
            .order_by(LogActionRow.id.desc())
            .limit(limit)
        )
        return [_entry(row) for row in rows]

    def mark_undone(self, entry_id: int) -> JournalEntry:
        """Claim the entry for undo; refused when it is absent or was undone already."""
        if self.get(entry_id) is None:
            raise RecordNotFoundError(f"no journal entry {entry_id}")
        result = self.session.execute(
            update(LogActionRow)
            .where(
                LogActionRow.id == entry_id,
                LogActionRow.athlete_id == self.athlete_id,
                LogActionRow.undone_at.is_(None),
            )
            .values(undone_at=self.now())
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            raise StaleVersionError(f"journal entry {entry_id} was already undone")
        row = self.session.get(LogActionRow, entry_id, populate_existing=True)
        assert row is not None
        return _entry(row)

    def set_ids_with_prefix(
        self, prefix: str, *, limit: int = 2, include_deleted: bool = False
    ) -> list[UUID]:
        """Ids of the athlete's sets starting with `prefix` (hex digits, dashes ignored),
        at most `limit` of them in id order; refuses a prefix that is not hex."""
        digits = prefix.strip().lower().replace("-", "")
        if not HEX.match(digits):
            raise ValueError(f"set: {prefix!r} is not a set id (hex digits such as 3f2a9c1e)")
        low = UUID(digits.ljust(32, "0"))
        high = UUID(digits.ljust(32, "f"))
        query = select(SetRow.id).where(
            SetRow.athlete_id == self.athlete_id, SetRow.id >= low, SetRow.id <= high
        )
        if not include_deleted:
            query = query.where(SetRow.deleted_at.is_(None))
        return list(self.session.scalars(query.order_by(SetRow.id).limit(limit)))
