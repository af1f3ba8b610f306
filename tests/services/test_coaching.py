"""The coach's use cases on SQLite and PostgreSQL: a session's records are the records it set
when it was done, and a planned session whose logged sets were all deleted is not done."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

from redwood.services import accounts, coaching, logbook, logedits, workout
from redwood.services.database import unit_of_work
from redwood.services.identity import acting_as
from redwood.store import Logbook
from tests.web.pages.workouts import give_program, today

LOGGED_ON = date(2026, 11, 9)


def _account(url: str) -> int:
    return int(accounts.register("ana@example.com", "correct horse battery", "Ana", url=url)["id"])


def _loads(records: list[dict[str, Any]]) -> list[tuple[float, float | None]]:
    """The heaviest-load records of a summary: (new load, previous best) in kg."""
    return [
        (float(r["value_kg"]), None if r["previous_kg"] is None else float(r["previous_kg"]))
        for r in records
        if r["kind"] == "load"
    ]


def test_a_past_sessions_records_are_those_it_set_when_it_was_done(db_url: str) -> None:
    with acting_as(_account(db_url)):
        sessions = {}
        for day, kg in (("2026-11-06", 120), ("2026-11-02", 100), ("2026-11-04", 110)):
            line = logbook.add_line(f"{day} squat {kg}kg 5 @8", today=LOGGED_ON, url=db_url)
            sessions[day] = UUID(line["session"]["id"])
        found = {
            day: _loads(coaching.session_summary(sid, url=db_url)["records"])
            for day, sid in sessions.items()
        }
    assert found == {
        "2026-11-02": [],  # the first squats: nothing to beat yet
        "2026-11-04": [(110.0, 100.0)],  # a record then, though 120 kg came later
        "2026-11-06": [(120.0, 110.0)],
    }


def test_a_planned_session_whose_sets_were_all_deleted_is_not_done(db_url: str) -> None:
    athlete = _account(db_url)
    give_program(athlete, db_url)  # today's session, and squats a week ago
    with acting_as(athlete):
        plan = coaching.today(url=db_url)
        assert plan["already_done"] is False
        planned = plan["session"]["planned_session_id"]
        stored, _ = workout.log_set(
            uuid4(),
            today(),
            "barbell-back-squat",
            {"load": "100", "reps": "5"},
            today=today(),
            planned_session_id=planned,
            url=db_url,
        )
        assert coaching.today(url=db_url)["already_done"] is True
        logedits.delete_set(stored["id"], url=db_url)
        again = coaching.today(url=db_url)
        status = coaching.status(url=db_url)
    with unit_of_work(db_url) as session:  # the emptied session is still linked
        emptied = Logbook(session, athlete).get_session(UUID(stored["session"]))
        assert emptied is not None
        assert emptied.planned_session_id == planned
        assert Logbook(session, athlete).session_sets(emptied.id) == []
    assert again["already_done"] is False
    assert again["session"]["planned_session_id"] == planned
    assert status["last_session"]["date"] == (today() - timedelta(days=7)).isoformat()
