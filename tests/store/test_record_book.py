"""The record book on SQLite and PostgreSQL: the rows of the hand-worked sample log, and
after every kind of write of the log (log, edit, delete, undo, a session deleted, an
import and its undo, a set logged before everything) the book equals the one recomputed
from scratch, and the migration's backfill builds the same book."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import select

from redwood.services import logbook, performed_sessions
from redwood.services.athletes import local_athlete
from redwood.services.database import unit_of_work
from redwood.services.import_history import undo_import
from redwood.services.imports import import_file
from redwood.store import migrate
from redwood.store.models import ExerciseRecordRow
from redwood.store.record_book import RecordBook
from tests.analytics.sample_log import SQUAT, TODAY, load
from tests.io.importers.reading import fixture

D = Decimal
Row = tuple[str, str, int, str, Decimal]

SQUAT_BOOK = [
    ("e1rm", 0, "2026-01-05", D("123.305")),
    ("load", 0, "2026-01-05", D(100)),
    ("rep", 5, "2026-01-05", D(100)),
    ("volume", 0, "2026-01-05", D(1500)),
    ("e1rm", 0, "2026-01-08", D("125.448")),
    ("load", 0, "2026-01-08", D(105)),
    ("rep", 4, "2026-01-08", D(105)),
    ("rep", 5, "2026-01-08", D(105)),
    ("e1rm", 0, "2026-01-12", D("127.462")),
    ("load", 0, "2026-01-12", D(110)),
    ("rep", 3, "2026-01-12", D(110)),
    ("rep", 8, "2026-01-15", D(100)),
]
"""The squat's bests as they were set (tests/analytics/sample_log.py): 01-05 is the first
day of everything; 01-08 105 x 5 @9 (e1RM 105 / 0.837) and its first 4-rep set; 01-12
110 x 3 @8 (110 / 0.863) and its first triple; 01-15 100 x 8 (Epley 126.667) only its
first set of 8. The warm-up of 01-05 is in no row."""


def _book(url: str) -> list[tuple[Any, ...]]:
    """Every row of the local athlete's book, in key order."""
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        table = ExerciseRecordRow
        query = select(
            table.exercise_id,
            table.kind,
            table.reps,
            table.local_date,
            table.value,
            table.set_reps,
            table.set_load_kg,
            table.set_rpe,
            table.set_rir,
        ).where(table.athlete_id == athlete.id)
        rows = session.execute(
            query.order_by(table.exercise_id, table.local_date, table.kind, table.reps)
        )
        return [tuple(row) for row in rows]


def _recomputed(url: str) -> list[tuple[Any, ...]]:
    """The book made again from the whole log (then thrown away)."""
    with unit_of_work(url) as session:
        RecordBook(session, local_athlete(session).id).refresh_all()
        session.flush()
        table = ExerciseRecordRow
        query = select(
            table.exercise_id,
            table.kind,
            table.reps,
            table.local_date,
            table.value,
            table.set_reps,
            table.set_load_kg,
            table.set_rpe,
            table.set_rir,
        ).where(table.athlete_id == local_athlete(session).id)
        rows = session.execute(
            query.order_by(table.exercise_id, table.local_date, table.kind, table.reps)
        )
        found = [tuple(row) for row in rows]
        session.rollback()
        return found


def _squat(url: str) -> list[tuple[str, int, str, Decimal]]:
    return [
        (kind, reps, on.isoformat(), value.normalize())
        for ex, kind, reps, on, value, *_ in _book(url)
        if ex == SQUAT
    ]


def _kept_right(url: str) -> None:
    assert _book(url) == _recomputed(url)


def test_the_sample_log_gives_the_hand_worked_book(db_url: str) -> None:
    load(db_url)
    assert sorted(_squat(db_url), key=lambda r: (r[2], r[0], r[1])) == sorted(
        [(k, r, on, v.normalize()) for k, r, on, v in SQUAT_BOOK], key=lambda r: (r[2], r[0], r[1])
    )
    rows = {(ex, kind, on.isoformat()): row for ex, kind, _, on, *row in _book(db_url)}
    # the e1RM row keeps the set that gave it: 110 x 3 @8
    assert rows[(SQUAT, "e1rm", "2026-01-12")][1:4] == [3, D(110), D(8)]
    pull_ups = [(k, on.isoformat(), v) for ex, k, _, on, v, *_ in _book(db_url) if ex == "pull-up"]
    assert pull_ups == [("most_reps", "2026-01-05", 8), ("most_reps", "2026-01-12", 10)]
    _kept_right(db_url)


def _set_ids(url: str, on: str, exercise: str = SQUAT) -> list[str]:
    items = logbook.list_sets(exercise=exercise, start=date.fromisoformat(on), url=url)["items"]
    return [s["id"] for s in items if s["date"] == on and s["set_type"] != "warmup"]


def test_edits_deletes_and_undo_keep_the_book_right(db_url: str) -> None:
    load(db_url)
    first = _set_ids(db_url, "2026-01-05")
    logbook.edit_set(first[0], "120 5 @8", url=db_url)  # 01-05 now holds every best
    _kept_right(db_url)
    assert ("load", 0, "2026-01-08", D(105)) not in _squat(db_url)
    assert ("rep", 4, "2026-01-08", D(105)) in _squat(db_url)
    logbook.delete_set(first[0], url=db_url)
    _kept_right(db_url)
    assert ("load", 0, "2026-01-08", D(105)) in _squat(db_url)
    logbook.undo(url=db_url)  # the delete
    _kept_right(db_url)
    assert ("load", 0, "2026-01-08", D(105)) not in _squat(db_url)
    logbook.undo(url=db_url)  # the edit
    _kept_right(db_url)
    assert _squat(db_url) == [(k, r, on, v.normalize()) for k, r, on, v in _sorted(SQUAT_BOOK)]
    logbook.edit_set(
        _set_ids(db_url, "2026-01-12")[0], {"exercise": "barbell-front-squat"}, url=db_url
    )
    _kept_right(db_url)


def _sorted(rows: list[tuple[str, int, str, Decimal]]) -> list[tuple[str, int, str, Decimal]]:
    return sorted(rows, key=lambda r: (r[2], r[0]))


def test_logging_before_everything_and_deleting_a_session(db_url: str) -> None:
    load(db_url)
    logbook.add_line("2025-12-29 barbell-back-squat 130kg 5 @8", today=TODAY, url=db_url)
    _kept_right(db_url)
    squat = _squat(db_url)
    assert [r for r in squat if r[0] == "load"] == [("load", 0, "2025-12-29", D(130))]
    session_id = logbook.list_sets(exercise=SQUAT, url=db_url)["items"][-1]["session"]
    performed_sessions.delete_session(UUID(session_id), url=db_url)
    _kept_right(db_url)
    assert _squat(db_url) == [(k, r, on, v.normalize()) for k, r, on, v in _sorted(SQUAT_BOOK)]


def test_an_import_and_its_undo_keep_the_book_right(db_url: str) -> None:
    load(db_url)
    import_file(fixture("strong_s1.csv"), url=db_url)
    _kept_right(db_url)
    assert len(_book(db_url)) > len(SQUAT_BOOK)
    undo_import(url=db_url)
    _kept_right(db_url)
    assert _squat(db_url) == [(k, r, on, v.normalize()) for k, r, on, v in _sorted(SQUAT_BOOK)]


def test_the_migration_fills_the_book_from_an_existing_log(db_url: str) -> None:
    load(db_url)
    before = _book(db_url)
    migrate.downgrade(db_url, "0007")
    migrate.upgrade(db_url)
    assert _book(db_url) == before
