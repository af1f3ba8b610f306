"""Records flagged while logging, through the services: the line's records against the
earlier days (not the later ones: a set logged for last week is compared with what came
before it), and two devices of one athlete logging at once leave the record book right."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from sqlalchemy import select

from redwood.services import logbook
from redwood.services.athletes import local_athlete
from redwood.services.database import unit_of_work
from redwood.store.models import ExerciseRecordRow
from redwood.store.record_book import RecordBook

TODAY = date(2026, 3, 20)


def _add(line: str, url: str) -> dict[str, Any]:
    return logbook.add_line(line, today=TODAY, url=url)


def _flags(answer: dict[str, Any]) -> list[tuple[str, int | None, float | None]]:
    return [(r["kind"], r["reps"], r["previous_kg"]) for r in answer["records"]]


def test_a_set_is_compared_with_the_sets_before_it_only(db_url: str) -> None:
    _add("2026-03-02 squat 100kg 5,5 @8", db_url)
    _add("2026-03-16 squat 120kg 5 @8", db_url)
    # logged afterwards for a day in between: 110 beats 03-02, not 03-16
    between = _add("2026-03-09 squat 110kg 5 @8", db_url)
    assert _flags(between) == [("e1rm", None, 123.305), ("load", None, 100), ("rep", 5, 100)]
    assert between["sets"][0]["records"] == between["records"]
    # 115 x 5 twice: only the second set takes the day past 03-02's 1000 kg of volume
    later = _add("2026-03-18 squat 115kg 5,5 @8", db_url)
    assert _flags(later) == [("volume", None, 1000)]
    warmup = _add("2026-03-18 squat 140kg 3 w", db_url)
    assert warmup["records"] == []


def _rows(url: str) -> list[tuple[Any, ...]]:
    with unit_of_work(url) as session:
        table = ExerciseRecordRow
        query = select(table.kind, table.reps, table.local_date, table.value).order_by(
            table.local_date, table.kind, table.reps
        )
        return [tuple(row) for row in session.execute(query)]


def test_logging_at_once_from_two_devices_keeps_the_book_right(db_url: str) -> None:
    _add("2026-03-02 squat 100kg 5 @8", db_url)
    errors: list[BaseException] = []

    def log(loads: list[int]) -> None:
        try:
            for kg in loads:
                _add(f"2026-03-09 squat {kg}kg 5 @8", db_url)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [
        threading.Thread(target=log, args=([102, 106, 110, 114],)),
        threading.Thread(target=log, args=([104, 108, 112, 116],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    kept = _rows(db_url)
    with unit_of_work(db_url) as session:
        RecordBook(session, local_athlete(session).id).refresh_all()
    assert _rows(db_url) == kept
    assert [(on, v) for k, _, on, v in kept if k == "load"] == [
        (date(2026, 3, 2), 100),
        (date(2026, 3, 9), 116),
    ]
