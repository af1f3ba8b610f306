"""`acting_as`: the use cases act for the signed-in athlete, and two athletes acting in turn
(or at once, in two threads) never see or change each other's data. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest

from redwood.services import coaching, logbook, planning
from redwood.services.athletes import local_athlete, set_unit, show_settings
from redwood.services.database import ensure_schema, unit_of_work
from redwood.services.errors import NotFoundError
from redwood.services.identity import acting_as, acting_athlete_id
from redwood.store import Athletes

TODAY = date(2026, 11, 3)
PROFILE = planning.PlanOptions(
    goal="general", level="beginner", days=2, minutes=45, setting="gym", weeks=4
)


def _athletes(url: str, *names: str) -> list[int]:
    ensure_schema(url)
    with unit_of_work(url) as session:
        return [
            Athletes(session).create(name, email=f"{name.lower()}@example.com").id for name in names
        ]


def _fill(url: str, squat: str, kg: str) -> dict[str, Any]:
    """Log a line, a check-in and a bodyweight, and store an active program."""
    line = logbook.add_line(f"2026-11-02 {squat} {kg}kg 5,5 @8", today=TODAY, url=url)
    logbook.add_checkin(TODAY, today=TODAY, sleep_hours=7, soreness=2, url=url)
    logbook.add_bodyweight(f"{kg}kg", TODAY, today=TODAY, url=url)
    program_id = planning.save_program(planning.plan(PROFILE), activate=True, url=url)
    return {"sets": [s["id"] for s in line["sets"]], "program": program_id}


def _seen(url: str) -> dict[str, Any]:
    return {
        "sets": sorted(s["id"] for s in logbook.list_sets(limit=500, url=url)["items"]),
        "loads": sorted(str(s["load_kg"]) for s in logbook.list_sets(url=url)["items"]),
        "checkins": len(logbook.list_checkins(url=url)),
        "bodyweights": [b["kg"] for b in logbook.list_bodyweights(url=url)],
        "programs": sorted(p["id"] for p in planning.list_programs(url)),
        "unit": show_settings(url)["unit"],
    }


def test_acting_as_sets_and_restores_the_athlete() -> None:
    assert acting_athlete_id() is None
    with acting_as(3):
        assert acting_athlete_id() == 3
        with acting_as(5):
            assert acting_athlete_id() == 5
        assert acting_athlete_id() == 3
    with pytest.raises(RuntimeError), acting_as(7):
        raise RuntimeError("boom")
    assert acting_athlete_id() is None


@pytest.mark.parametrize("bad", [0, -1, True, "3", None])
def test_acting_as_refuses_what_is_not_an_id(bad: Any) -> None:
    with pytest.raises(ValueError, match="acting_as"), acting_as(bad):
        pass


def test_local_athlete_is_the_acting_one_or_the_local_one(db_url: str) -> None:
    (ana,) = _athletes(db_url, "Ana")
    with unit_of_work(db_url) as session:
        with acting_as(ana):
            found = local_athlete(session)
            assert (found.id, found.is_local, found.email) == (ana, False, "ana@example.com")
        local = local_athlete(session)
        assert local.is_local
        assert local.id != ana


def test_a_deleted_account_is_refused_not_replaced(db_url: str) -> None:
    (ana,) = _athletes(db_url, "Ana")
    with unit_of_work(db_url) as session:
        Athletes(session).delete(ana)
    with acting_as(ana), pytest.raises(NotFoundError, match="account"):
        logbook.list_sets(url=db_url)
    with unit_of_work(db_url) as session:
        assert Athletes(session).get(ana) is None  # nothing was created in its place


def test_two_athletes_never_see_each_other(db_url: str) -> None:
    ana, bo = _athletes(db_url, "Ana", "Bo")
    with acting_as(ana):
        anas = _fill(db_url, "barbell-back-squat", "100")
        set_unit("lb", db_url)
    with acting_as(bo):
        bos = _fill(db_url, "barbell-romanian-deadlift", "60")
    with acting_as(ana):
        seen_by_ana = _seen(db_url)
    with acting_as(bo):
        seen_by_bo = _seen(db_url)
    assert seen_by_ana["sets"] == sorted(anas["sets"])
    assert seen_by_bo["sets"] == sorted(bos["sets"])
    assert seen_by_ana["loads"] == ["100", "100"]
    assert seen_by_bo["loads"] == ["60", "60"]
    assert seen_by_ana["programs"] == [anas["program"]]
    assert seen_by_bo["programs"] == [bos["program"]]
    assert (seen_by_ana["unit"], seen_by_bo["unit"]) == ("lb", "kg")
    assert seen_by_ana["checkins"] == seen_by_bo["checkins"] == 1
    # The local athlete of the same database sees neither.
    local = _seen(db_url)
    assert (local["sets"], local["programs"], local["checkins"]) == ([], [], 0)


def test_an_athlete_cannot_touch_the_others_rows(db_url: str) -> None:
    ana, bo = _athletes(db_url, "Ana", "Bo")
    with acting_as(ana):
        anas = _fill(db_url, "barbell-back-squat", "100")
        before = _seen(db_url)
    with acting_as(bo):
        for set_id in anas["sets"]:
            with pytest.raises(NotFoundError):
                logbook.edit_set(set_id, {"reps": 1}, url=db_url)
            with pytest.raises(NotFoundError):
                logbook.delete_set(set_id, url=db_url)
        with pytest.raises(NotFoundError):
            planning.show_program(anas["program"], db_url)
        with pytest.raises(NotFoundError):
            planning.activate_program(anas["program"], db_url)
        assert logbook.undo(url=db_url)["undone"] is None
        assert coaching.status(TODAY, url=db_url)["last_session"] is None
    with acting_as(ana):
        assert _seen(db_url) == before
        assert coaching.status(TODAY, url=db_url)["last_session"]["date"] == "2026-11-02"


def test_threads_acting_at_once_stay_apart(db_url: str) -> None:
    ana, bo = _athletes(db_url, "Ana", "Bo")
    for athlete_id, exercise in ((ana, "barbell-back-squat"), (bo, "barbell-romanian-deadlift")):
        with acting_as(athlete_id):
            logbook.add_line(f"2026-11-02 {exercise} 50kg 5,5,5", today=TODAY, url=db_url)
    barrier = threading.Barrier(2)
    seen: dict[int, set[str]] = {ana: set(), bo: set()}
    failures: list[BaseException] = []

    def work(athlete_id: int) -> None:
        try:
            with acting_as(athlete_id):
                barrier.wait(timeout=30)
                for _ in range(20):
                    items = logbook.list_sets(url=db_url)["items"]
                    seen[athlete_id] |= {s["exercise"] for s in items}
                    assert acting_athlete_id() == athlete_id
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(who,)) for who in (ana, bo)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert seen == {ana: {"barbell-back-squat"}, bo: {"barbell-romanian-deadlift"}}
    assert acting_athlete_id() is None
