"""Records flagged while logging: which records a set just set.

When a set is logged (`redwood log add`, POST /sets, the Today page, the terminal runner),
its answer lists the records it set: its e1RM, load, rep count, the session's volume or
its reps without load against the bests of the earlier days (the record book,
`store.record_book`) and the sets done before it that day (`domain.records.set_records`:
warm-ups never count, a tie is not a record). Two reads, whatever the length of the log.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from datetime import date
from typing import Any
from uuid import UUID

from redwood.analytics.review import record_dict
from redwood.domain.records import set_records
from redwood.services.logsupport import Work
from redwood.store.record_book import RecordBook


def flag_records(
    work: Work, exercise_id: str, name: str, on: date, set_ids: Collection[Hashable]
) -> dict[Hashable, list[dict[str, Any]]]:
    """The records each of `set_ids` (sets of one exercise on local date `on`) set, as
    JSON (`analytics.review.record_dict`: kind, reps, kg, previous_kg, text...)."""
    book = RecordBook(work.session, work.athlete.id)
    earlier = book.bests_before(on, [exercise_id], work.unit)[exercise_id]
    done = [stored for stored, _ in book.day_sets(exercise_id, on)]
    found = set_records(earlier, on, done, work.unit)
    return {
        set_id: [record_dict(r, name, work.unit) for r in found.get(set_id, ())]
        for set_id in set_ids
    }


def with_records(work: Work, view: dict[str, Any]) -> dict[str, Any]:
    """A set dict with the records that set set (none for a deleted set or a warm-up)."""
    found: list[dict[str, Any]] = []
    if not view["deleted"] and view["date"] is not None:
        on = date.fromisoformat(view["date"])
        found = flag_records(work, view["exercise"], view["name"], on, [UUID(view["id"])])[
            UUID(view["id"])
        ]
    return {**view, "records": found}
