"""`redwood log add|list|edit|delete|undo` as a person types them: tables, JSON, short ids,
one-line refusals with exit code 2 that write nothing, and undo in order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from redwood.services.athletes import system_timezone
from tests.cli.conftest import Result

Run = Callable[..., Result]
DAY = "2024-03-04"


def _sets(redwood: Run, *args: str) -> list[dict[str, object]]:
    result = redwood("log", "list", "--format", "json", *args)
    assert result.code == 0, result.err
    items: list[dict[str, object]] = result.json()["items"]
    return items


def test_add_a_line_and_see_it_in_a_table(redwood: Run) -> None:
    result = redwood(
        "log", "add", f"{DAY} barbell-back-squat 100kg 5,5,4 @8 # quick", "-f", "table"
    )
    assert result.code == 0, result.err
    assert result.out.startswith(
        f"Logged 3 sets of Barbell Back Squat on {DAY} (a new session): "
        f"{DAY} barbell-back-squat 100kg 5,5,4 @8 # quick\n"
    )
    assert "100 kg x 4 @8" in result.out
    assert "Undo: redwood log undo" in result.out
    assert result.err == ""


def test_add_without_quotes_and_a_date_option(redwood: Run) -> None:
    result = redwood(
        "log", "add", "squat", "100", "kg", "3x5", "rir", "2", "--date", DAY, "-f", "json"
    )
    assert result.code == 0, result.err
    data = result.json()
    assert data["date"] == DAY
    assert [s["reps"] for s in data["sets"]] == [5, 5, 5]
    assert {s["rir"] for s in data["sets"]} == {2}
    assert data["line"] == f"{DAY} barbell-back-squat 100kg 3x5 rir2"


def test_a_line_without_a_date_is_today_where_the_athlete_lives(redwood: Run) -> None:
    data = redwood("log", "add", "pull-up bw 3x8", "-f", "json").json()
    today = datetime.now(ZoneInfo(system_timezone())).date()
    assert data["date"] == today.isoformat()
    assert data["sets"][0]["load"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2999-01-01 squat 100kg 5",), "date: 2999-01-01 is in the future"),
        (("squat 1001kg 5",), "load: 1001kg is over 1,000 kg"),
        (("squat 100kg 101",), "reps: reps over 100 are refused (got 101)"),
        (("squat 100kg 5,5,101",), "reps: reps over 100 are refused (got 101)"),
        (("barbel sqat 100kg 5",), "exercise: unknown exercise 'barbel sqat': did you mean"),
        (("squat 100kg",), "reps: no reps after the load '100kg'"),
        (("squat 100kg 5 @12",), "rpe: RPE must be 1-10 (got 12)"),
        (("squat 5", "--date", "next week"), "date: 'next week' is not a date"),
        (("2024-03-04 squat 5", "--date", "2024-03-05"), "date: the line says 2024-03-04"),
    ],
)
def test_bad_lines_are_one_line_exit_2_and_write_nothing(
    redwood: Run, args: tuple[str, ...], message: str
) -> None:
    result = redwood("log", "add", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("redwood: ")
    assert result.err.count("\n") == 1
    assert message in result.err
    assert _sets(redwood) == []


def test_list_filters_and_pages(redwood: Run) -> None:
    redwood("log", "add", "2024-03-01 squat 100kg 3x5")
    redwood("log", "add", "2024-03-02 rdl 80kg 2x8")
    redwood("log", "add", "2024-03-04 squat 105kg 3x5")
    assert len(_sets(redwood)) == 8
    assert {s["exercise"] for s in _sets(redwood, "--exercise", "squat")} == {"barbell-back-squat"}
    window = _sets(redwood, "--from", "2024-03-02", "--to", "2024-03-03")
    assert [s["date"] for s in window] == ["2024-03-02", "2024-03-02"]
    first = redwood("log", "list", "--limit", "5", "-f", "json").json()
    assert len(first["items"]) == 5
    rest = redwood("log", "list", "--limit", "5", "--cursor", first["next_cursor"], "-f", "json")
    assert [s["date"] for s in rest.json()["items"]] == ["2024-03-01"] * 3
    assert rest.json()["next_cursor"] is None
    table = redwood("log", "list", "--limit", "5", "-f", "table")
    assert "More: redwood log list --cursor" in table.out
    assert "Romanian Deadlift" in table.out


def test_an_empty_log_says_how_to_start(redwood: Run) -> None:
    result = redwood("log", "list", "-f", "table")
    assert result.code == 0
    assert "No sets logged yet" in result.out


def test_edit_delete_and_undo_by_short_id(redwood: Run) -> None:
    sets = redwood("log", "add", f"{DAY} squat 100kg 5,5", "-f", "json").json()["sets"]
    first, second = (s["short_id"] for s in sets)
    edited = redwood("log", "edit", first, "102.5", "6", "@9", "-f", "table")
    assert edited.code == 0, edited.err
    assert edited.out == (
        f"Set {first} of Barbell Back Squat on {DAY} is now 102.5 kg x 6 @9 (was 100 kg x 5).\n"
    )
    deleted = redwood("log", "delete", second, "-f", "table")
    assert deleted.out.startswith(f"Deleted set {second} of Barbell Back Squat on {DAY}")
    assert [s["short_id"] for s in _sets(redwood)] == [first]
    assert redwood("log", "undo", "-f", "table").out.startswith("Restored 1 set")
    assert redwood("log", "undo", "-f", "table").out.startswith(f"Put set {first}")
    undone = redwood("log", "undo", "-f", "json").json()
    assert undone["undone"]["kind"] == "add"
    assert _sets(redwood) == []
    assert redwood("log", "undo", "-f", "table").out == "Nothing to undo.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("edit", "1234", "6"), "set: give at least the first 8 characters"),
        (("edit", "00000000", "6"), "set: no set '00000000'"),
        (("delete", "nothex!!"), "set: 'nothex!!' is not a set id"),
    ],
)
def test_bad_set_ids_are_refused(redwood: Run, args: tuple[str, ...], message: str) -> None:
    redwood("log", "add", f"{DAY} squat 100kg 5")
    result = redwood("log", *args)
    assert result.code == 2
    assert message in result.err
    assert result.err.count("\n") == 1


def test_bad_edits_are_refused(redwood: Run) -> None:
    [logged] = redwood("log", "add", f"{DAY} squat 100kg 5", "-f", "json").json()["sets"]
    result = redwood("log", "edit", logged["short_id"], "3x5")
    assert result.code == 2
    assert result.err == "redwood: reps: one set at a time (got '3x5')\n"
    assert _sets(redwood)[0]["version"] == 1


def test_log_alone_is_the_session_runner(redwood: Run) -> None:
    result = redwood("log")  # no program yet: the runner says what to do in one line
    assert result.code == 2
    assert result.err == (
        "redwood: no active program: make one with 'redwood plan ... --activate'\n"
    )


def test_the_log_works_on_either_database(
    redwood: Run, db_url: str, settings_env: pytest.MonkeyPatch
) -> None:
    settings_env.setenv("REDWOOD_DATABASE_URL", db_url)
    added = redwood("log", "add", f"{DAY} squat 100kg 5,5 @8", "-f", "json")
    assert added.code == 0, added.err
    assert [s["reps"] for s in _sets(redwood)] == [5, 5]
    assert redwood("log", "undo", "-f", "json").json()["undone"]["kind"] == "add"
    assert _sets(redwood) == []


def test_add_says_which_records_the_line_set(redwood: Run) -> None:
    assert redwood("log", "add", f"{DAY} squat 100kg 5 @8").code == 0
    result = redwood("log", "add", "2024-03-07 squat 100kg 5 @8 105kg 5 @8", "-f", "table")
    assert result.code == 0, result.err
    lines = [line for line in result.out.splitlines() if line.startswith("Record! ")]
    assert lines == [
        "Record! New estimated 1RM on Barbell Back Squat: 129.5 kg (was 123.3 kg).",
        "Record! New heaviest load on Barbell Back Squat: 105 kg (was 100 kg).",
        "Record! New 5-rep best on Barbell Back Squat: 105 kg (was 100 kg).",
        "Record! New best session volume on Barbell Back Squat: 1025 kg (was 500 kg).",
    ]
    data = redwood("log", "add", "2024-03-07 squat 105kg 5 @8", "-f", "json").json()
    assert data["records"] == []  # a tie
    assert data["sets"][0]["records"] == []
