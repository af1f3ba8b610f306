"""Logging use cases on SQLite and PostgreSQL: the notation line into the session of its
date, the athlete's unit, exercise names, refusals that write nothing, list pages, edit,
delete, and undo in journal order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from redwood.domain.mass import Mass
from redwood.domain.notation import SetSpec
from redwood.domain.vocab import SetType
from redwood.services import logbook
from redwood.services.athletes import local_athlete
from redwood.services.database import ensure_schema, unit_of_work
from redwood.services.errors import NotFoundError, ServiceError
from redwood.store import Athletes, Exercises, Logbook
from redwood.store.journal import Journal
from tests.store.samples import make_exercise

TODAY = date(2026, 11, 3)
DAY = date(2026, 11, 2)


def _athlete(url: str, **changes: Any) -> None:
    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        if changes:
            Athletes(session).update(athlete.id, **changes)


def _all(url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = logbook.list_sets(limit=500, url=url)["items"]
    return items


def _journal_size(url: str) -> int:
    with unit_of_work(url) as session:
        return len(Journal(session, local_athlete(session).id).entries(limit=100))


def _sessions(url: str) -> list[Any]:
    with unit_of_work(url) as session:
        return Logbook(session, local_athlete(session).id).sessions()


def test_a_line_goes_into_a_new_session_of_its_date(db_url: str) -> None:
    result = logbook.add_line(
        "2026-11-02 barbell-back-squat 100kg 5,5,4 @8 # felt quick", today=TODAY, url=db_url
    )
    assert result["date"] == "2026-11-02"
    assert result["session"]["created"] is True
    assert result["session"]["source"] == "log"
    assert result["exercise"] == "barbell-back-squat"
    assert result["undo"] == "redwood log undo"
    assert result["line"] == "2026-11-02 barbell-back-squat 100kg 5,5,4 @8 # felt quick"
    first, second, third = result["sets"]
    assert set(first) >= {
        "id", "date", "exercise", "name", "set_type", "position", "reps", "load_kg", "load",
        "rpe", "rir", "rest_seconds", "note", "version",
    }  # fmt: skip
    assert [s["reps"] for s in result["sets"]] == [5, 5, 4]
    assert [s["position"] for s in result["sets"]] == [0, 1, 2]
    assert first["load_kg"] == Decimal(100)
    assert first["load"] == "100 kg"
    assert first["rpe"] == Decimal(8)
    assert first["name"] == "Barbell Back Squat"
    assert first["note"] == "felt quick"
    assert second["note"] is None
    assert first["short_id"] == first["id"][:8]
    assert first["performed_at"] < second["performed_at"] < third["performed_at"]
    assert [s.local_date for s in _sessions(db_url)] == [DAY]


def test_more_sets_of_a_date_join_its_session(db_url: str) -> None:
    first = logbook.add_line("squat 100kg 3x5", today=TODAY, on=DAY, url=db_url)
    second = logbook.add_line("2026-11-02 romanian deadlift 80kg 2x8", today=TODAY, url=db_url)
    other_day = logbook.add_line("squat 100kg 5", today=TODAY, url=db_url)
    assert second["session"]["id"] == first["session"]["id"]
    assert second["session"]["created"] is False
    assert [s["position"] for s in second["sets"]] == [3, 4]
    assert max(s["performed_at"] for s in first["sets"]) < second["sets"][0]["performed_at"]
    assert other_day["date"] == TODAY.isoformat()
    assert other_day["session"]["id"] != first["session"]["id"]
    assert len(_sessions(db_url)) == 2


def test_sets_of_today_are_stamped_now(db_url: str) -> None:
    _athlete(db_url)
    today = datetime.now(UTC).date()
    before = datetime.now(UTC)
    result = logbook.add_line("squat 100kg 5", today=today, url=db_url)
    stamped = datetime.fromisoformat(result["sets"][0]["performed_at"])
    assert before - timedelta(seconds=1) <= stamped <= datetime.now(UTC) + timedelta(seconds=2)


@pytest.mark.parametrize(
    ("unit", "line", "load_kg", "shown"),
    [
        ("kg", "squat 102.5 5", Decimal("102.5"), "102.5 kg"),
        ("lb", "squat 225 5", Decimal("102.058"), "225 lb"),
        ("lb", "squat 100kg 5", Decimal(100), "220.46 lb"),
        ("kg", "deadlift 315lb 3", Decimal("142.882"), "142.88 kg"),
    ],
)
def test_loads_are_read_and_shown_in_the_athletes_unit(
    db_url: str, unit: str, line: str, load_kg: Decimal, shown: str
) -> None:
    _athlete(db_url, unit=unit)
    [logged] = logbook.add_line(line, today=TODAY, url=db_url)["sets"]
    assert logged["load_kg"] == load_kg
    assert logged["load"] == shown


@pytest.mark.parametrize(
    ("name", "exercise"),
    [
        ("Squat (Barbell)", "barbell-back-squat"),
        ("BARBELL BACK SQUAT", "barbell-back-squat"),
        ("rdl", "barbell-romanian-deadlift"),
        ("pull-up", "pull-up"),
        ("45-degree back extension", "45-degree-back-extension"),
    ],
)
def test_names_and_aliases_resolve(db_url: str, name: str, exercise: str) -> None:
    result = logbook.add_line(f"{name} 3x8", today=TODAY, url=db_url)
    assert result["exercise"] == exercise


def test_the_athletes_own_exercises_resolve_first(db_url: str) -> None:
    _athlete(db_url)
    with unit_of_work(db_url) as session:
        own = Exercises(session, local_athlete(session).id).create_custom(
            make_exercise("zercher-box-squat", "Zercher Box Squat", aliases=["zbs"])
        )
    result = logbook.add_line("zbs 60kg 3x5", today=TODAY, url=db_url)
    assert result["exercise"] == own.id
    assert result["sets"][0]["name"] == "Zercher Box Squat"


def test_unknown_exercises_suggest_names_and_write_nothing(db_url: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        logbook.add_line("barbel back sqat 100kg 5", today=TODAY, url=db_url)
    assert caught.value.field == "exercise"
    assert "did you mean barbell-back-squat" in caught.value.message
    assert _all(db_url) == []
    assert _sessions(db_url) == []


REFUSED = [
    ("2026-11-04 squat 100kg 5", "date"),
    ("2026-13-01 squat 100kg 5", "date"),
    ("squat 1001kg 5", "load"),
    ("squat -1kg 5", "load"),
    ("squat 100kg 101", "reps"),
    ("squat 100kg 5,5,101", "reps"),
    ("squat 100kg 5 @11", "rpe"),
    ("squat 100kg", "reps"),
    ("100kg 5", "exercise"),
    ("squat 100kg 5 banana", "line"),
]


@pytest.mark.parametrize(("line", "field"), REFUSED)
def test_bad_lines_are_refused_whole(db_url: str, line: str, field: str) -> None:
    with pytest.raises(ServiceError) as caught:
        logbook.add_line(line, today=TODAY, url=db_url)
    assert caught.value.field == field
    assert "\n" not in str(caught.value)
    assert _all(db_url) == []
    assert _sessions(db_url) == []
    assert _journal_size(db_url) == 0


def test_a_date_given_twice_must_agree(db_url: str) -> None:
    with pytest.raises(ServiceError, match="the line says 2026-11-01") as caught:
        logbook.add_line("2026-11-01 squat 5", today=TODAY, on=DAY, url=db_url)
    assert caught.value.field == "date"
    assert logbook.add_line("2026-11-02 squat 5", today=TODAY, on=DAY, url=db_url)["sets"]


def test_add_sets_writes_all_or_nothing(db_url: str) -> None:
    good, bad = SetSpec(5, Mass(Decimal(100))), SetSpec(5, Mass(Decimal(1200)))
    with pytest.raises(ServiceError) as caught:
        logbook.add_sets(DAY, "squat", [good, good, bad], today=TODAY, url=db_url)
    assert caught.value.field == "load"
    with pytest.raises(ServiceError, match="future") as future:
        logbook.add_sets(TODAY + timedelta(1), "squat", [good], today=TODAY, url=db_url)
    assert future.value.field == "date"
    with pytest.raises(ServiceError):
        logbook.add_sets(DAY, "squat", [], today=TODAY, url=db_url)
    assert _all(db_url) == []


def test_add_sets_is_idempotent_and_fills_the_given_session(db_url: str) -> None:
    session_id, ids = uuid4(), [uuid4(), uuid4()]
    specs = [SetSpec(8, None, rir=Decimal(2)), SetSpec(6, None, set_type=SetType.FAILURE)]
    options: dict[str, Any] = {"today": TODAY, "session_id": session_id, "ids": ids}
    first = logbook.add_sets(DAY, "pull-up", specs, title="Back A", url=db_url, **options)
    again = logbook.add_sets(DAY, "pull-up", specs, url=db_url, **options)
    assert [s["id"] for s in again] == [s["id"] for s in first] == [str(i) for i in ids]
    assert {s["session"] for s in first} == {str(session_id)}
    assert first[0]["load"] is None
    assert first[1]["set_type"] == "failure"
    assert len(_all(db_url)) == 2
    assert _journal_size(db_url) == 1
    [made] = _sessions(db_url)
    assert (made.id, made.title, made.source) == (session_id, "Back A", "log")
    with pytest.raises(ServiceError) as caught:
        logbook.add_sets(TODAY, "pull-up", specs, today=TODAY, session_id=session_id, url=db_url)
    assert caught.value.field == "date"


def test_undo_reverses_adds_newest_first_and_then_says_so(db_url: str) -> None:
    first = logbook.add_line("squat 100kg 3x5", today=TODAY, on=DAY, url=db_url)
    logbook.add_line("squat 110kg 2", today=TODAY, on=DAY, url=db_url)
    undone = logbook.undo(url=db_url)
    assert undone["undone"]["kind"] == "add"
    assert undone["message"] == "Undid the log of 1 set of Barbell Back Squat on 2026-11-02."
    assert [s["reps"] for s in _all(db_url)] == [5, 5, 5]
    assert len(_sessions(db_url)) == 1  # the session was not made by that add
    again = logbook.undo(url=db_url)
    assert again["message"] == "Undid the log of 3 sets of Barbell Back Squat on 2026-11-02."
    assert {s["id"] for s in again["sets"]} == {s["id"] for s in first["sets"]}
    assert all(s["deleted"] for s in again["sets"])
    assert _all(db_url) == []
    assert _sessions(db_url) == []  # made by the add, and left empty: gone with it
    assert logbook.undo(url=db_url) == {"undone": None, "message": "Nothing to undo.", "sets": []}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ("102.5 6 @9", {"load": "102.5 kg", "reps": 6, "rpe": Decimal(9), "rir": None}),
        ("@9", {"load": "100 kg", "reps": 5, "rpe": Decimal(9), "rir": None}),
        ("w", {"set_type": "warmup", "reps": 5}),
        ("bw", {"load": None, "load_kg": None}),
        ({"reps": 7, "note": "grindy"}, {"reps": 7, "note": "grindy", "rir": Decimal(2)}),
        ({"load": "225lb", "rest_seconds": 180}, {"load_kg": Decimal("102.058")}),
        ({"load_kg": "90", "type": "drop"}, {"load": "90 kg", "set_type": "drop"}),
        ({"exercise": "front squat"}, {"exercise": "barbell-front-squat"}),
    ],
)
def test_edits_change_what_is_given_and_undo_puts_it_back(
    db_url: str, changes: Any, expected: dict[str, Any]
) -> None:
    [logged] = logbook.add_line("squat 100kg 5 rir2", today=TODAY, on=DAY, url=db_url)["sets"]
    edited = logbook.edit_set(logged["short_id"], changes, url=db_url)
    assert {key: edited["set"][key] for key in expected} == expected
    assert edited["set"]["version"] == 2
    assert edited["changed"]
    assert edited["undo"] == "redwood log undo"
    undone = logbook.undo(url=db_url)
    assert undone["undone"]["kind"] == "edit"
    assert undone["message"].startswith(f"Put set {logged['short_id']} of Barbell Back Squat")
    [now] = _all(db_url)
    keys = ("load_kg", "reps", "rpe", "rir", "set_type", "note", "exercise", "rest_seconds")
    assert {key: now[key] for key in keys} == {key: logged[key] for key in keys}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ("3x5", "reps"),
        ("1200kg", "load"),
        ("", "changes"),
        ({"reps": 101}, "reps"),
        ({"rpe": "eleven"}, "rpe"),
        ({"set_type": "giant"}, "set_type"),
        ({"colour": "red"}, "colour"),
        ({"exercise": "no such move at all"}, "exercise"),
    ],
)
def test_bad_edits_change_nothing(db_url: str, changes: Any, field: str) -> None:
    [logged] = logbook.add_line("squat 100kg 5", today=TODAY, on=DAY, url=db_url)["sets"]
    with pytest.raises(ServiceError) as caught:
        logbook.edit_set(logged["id"], changes, url=db_url)
    assert caught.value.field == field
    assert _all(db_url)[0]["version"] == 1
    assert _journal_size(db_url) == 1


def test_an_edit_that_changes_nothing_is_not_journalled(db_url: str) -> None:
    _athlete(db_url, unit="lb")
    [logged] = logbook.add_line("squat 225 5", today=TODAY, on=DAY, url=db_url)["sets"]
    same = logbook.edit_set(logged["short_id"], "225 5", url=db_url)
    assert same["changed"] == []
    assert same["undo"] is None
    assert _journal_size(db_url) == 1


def test_delete_then_undo_restores_the_set(db_url: str) -> None:
    result = logbook.add_line("squat 100kg 5,4", today=TODAY, on=DAY, url=db_url)
    gone = logbook.delete_set(result["sets"][1]["short_id"], url=db_url)
    assert gone["set"]["deleted"] is True
    assert gone["message"] == (
        f"Deleted set {result['sets'][1]['short_id']} of Barbell Back Squat on 2026-11-02: "
        "100 kg x 4."
    )
    assert [s["reps"] for s in _all(db_url)] == [5]
    with pytest.raises(NotFoundError):
        logbook.delete_set(result["sets"][1]["id"], url=db_url)
    restored = logbook.undo(url=db_url)
    assert restored["message"] == "Restored 1 set of Barbell Back Squat on 2026-11-02: 100 kg x 4."
    assert [s["reps"] for s in _all(db_url)] == [4, 5]


@pytest.mark.parametrize(
    ("typed", "error"),
    [("1234567", ServiceError), ("zzzzzzzz", ServiceError), ("00000000", NotFoundError)],
)
def test_set_ids_need_eight_known_characters(
    db_url: str, typed: str, error: type[Exception]
) -> None:
    logbook.add_line("squat 100kg 5", today=TODAY, url=db_url)
    with pytest.raises(error) as caught:
        logbook.delete_set(typed, url=db_url)
    assert getattr(caught.value, "field", None) == "set"


def test_lists_page_newest_first_and_filter(db_url: str) -> None:
    logbook.add_line("2026-10-30 squat 100kg 3x5", today=TODAY, url=db_url)
    logbook.add_line("2026-11-01 rdl 80kg 2x8", today=TODAY, url=db_url)
    logbook.add_line("2026-11-02 squat 105kg 3x5", today=TODAY, url=db_url)
    seen: list[dict[str, Any]] = []
    page = logbook.list_sets(limit=3, url=db_url)
    while True:
        seen += page["items"]
        if page["next_cursor"] is None:
            break
        page = logbook.list_sets(limit=3, cursor=page["next_cursor"], url=db_url)
    assert len(seen) == 8
    assert [s["date"][-2:] for s in seen] == ["02"] * 3 + ["01"] * 2 + ["30"] * 3
    squats = logbook.list_sets(exercise="squat", url=db_url)["items"]
    assert [s["exercise"] for s in squats] == ["barbell-back-squat"] * 6
    window = logbook.list_sets(start=date(2026, 10, 31), end=date(2026, 11, 1), url=db_url)
    assert [s["exercise"] for s in window["items"]] == ["barbell-romanian-deadlift"] * 2


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"start": date(2026, 11, 2), "end": date(2026, 11, 1)}, "from"),
        ({"exercise": "flying squirrel"}, "exercise"),
    ],
)
def test_bad_list_requests_name_the_field(
    db_url: str, arguments: dict[str, Any], field: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        logbook.list_sets(url=db_url, **arguments)
    assert caught.value.field == field
