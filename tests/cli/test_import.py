"""`redwood import` and `redwood exercises map` as a person types them: the format found and
said, tables and JSON, one-line refusals with exit code 2 that write nothing, skipping bad
rows, dry runs, re-imports, and on a real terminal the unit question and the progress bar."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Result
from tests.cli.terminal import running, user_env
from tests.io.importers.reading import fixture

Run = Callable[..., Result]
S1 = str(fixture("strong_s1.csv"))


def _sets(redwood: Run) -> list[dict[str, object]]:
    result = redwood("log", "list", "--limit", "500", "--format", "json")
    assert result.code == 0, result.err
    items: list[dict[str, object]] = result.json()["items"]
    return items


def test_import_detects_the_format_and_says_so(redwood: Run) -> None:
    result = redwood("import", S1, "--format", "table")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Found a Strong export: S1 (12 columns, ',')."
    assert lines[1].startswith("Loads in kg (inferred, confidence ")
    assert lines[2] == "Imported 3 sessions, 11 sets and 0 body weights from strong_s1.csv."
    assert "Skipped 1 row:" in result.out
    assert "  line 28: a note for 'Romanian Deadlift (Barbell)' with no sets" in result.out
    assert "Deadlift Old Data  (closest: " in result.out
    assert 'e.g. redwood exercises map "Deadlift Old Data" CATALOGUE-ID' in result.out
    assert "Note, line 26: workout 'Hátnap' lasted 264h 1m" in result.out
    assert len(_sets(redwood)) == 11


def test_import_named_with_a_json_report_and_a_second_import(redwood: Run) -> None:
    first = redwood("import", "strong", S1, "--format", "json")
    assert first.code == 0, first.err
    report = first.json()
    assert {
        "format",
        "unit",
        "unit_confidence",
        "dry_run",
        "sessions",
        "sets",
        "skipped",
        "unmapped",
        "custom_created",
    } <= set(report)
    assert (report["sessions"], report["sets"], report["custom_created"]) == (3, 11, 2)
    again = redwood("import", "strong", S1, "--format", "json").json()
    assert (again["sessions"], again["sets"], again["custom_created"]) == (0, 0, 0)
    assert len(_sets(redwood)) == 11


def test_a_dry_run_writes_nothing(redwood: Run) -> None:
    result = redwood("import", S1, "--dry-run", "--unit", "kg", "-f", "table")
    assert result.code == 0, result.err
    assert "Would import 3 sessions, 11 sets" in result.out
    assert "Dry run: nothing was written." in result.out
    assert "Loads in kg (from --unit)." in result.out
    assert _sets(redwood) == []


def _file(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def _refused(redwood: Run, *args: str) -> str:
    result = redwood("import", *args)
    assert result.code == 2, result.out
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "Traceback" not in result.err
    assert _sets(redwood) == []
    return result.err.strip()


def test_bad_input_is_one_line_and_exit_2(redwood: Run, tmp_path: Path) -> None:
    text = Path(S1).read_bytes()
    cut = text[: text.index(b"Deadlift Old Data") + 5]
    assert _refused(redwood, "hevy", S1) == (
        "redwood: strong_s1.csv: line 1: this is not a Hevy export: the header is Strong's "
        "(S1) (use 'redwood import strong strong_s1.csv', or 'redwood import strong_s1.csv' "
        "to detect it)"
    )
    assert _refused(redwood, _file(tmp_path, "empty.csv", b"")) == (
        "redwood: empty.csv: the file is empty: nothing to import"
    )
    assert "binary data" in _refused(redwood, _file(tmp_path, "junk.csv", bytes(range(256))))
    assert _refused(redwood, _file(tmp_path, "cut.csv", cut)).startswith(
        "redwood: cut.csv: line 16: "
    )
    huge = text.replace(b"Keep the chest up", b"x" * 10_000_000)
    assert "line 4: unreadable CSV (a field longer than" in _refused(
        redwood, _file(tmp_path, "huge.csv", huge)
    )
    resave = str(fixture("hevy_resave_broken.csv"))
    assert "hevy_resave_broken.csv: line 3: 6 fields where the header has 13" in _refused(
        redwood, resave
    )
    assert "no such file" in _refused(redwood, str(tmp_path / "missing.csv"))
    assert "unit: use kg or lb" in _refused(redwood, S1, "--unit", "stone")
    assert "unknown format 'jefit'" in _refused(redwood, "jefit", S1)
    assert "this is not a Fitbod export" in _refused(redwood, "fitbod", S1)
    assert "give FILE, or a format and FILE" in _refused(redwood, "strong", S1, "extra")


def test_skip_bad_rows_imports_the_good_ones(redwood: Run) -> None:
    resave = str(fixture("hevy_resave_broken.csv"))
    result = redwood("import", resave, "--skip-bad-rows", "-f", "table")
    assert result.code == 0, result.err
    assert "Found a Hevy export: weight_kg, distance_km, no superset_id (13 columns, ';')." in (
        result.out
    )
    assert "Imported 1 session, 2 sets" in result.out
    assert "Skipped 3 rows:" in result.out
    for line in (3, 4, 5):
        assert f"  line {line}: " in result.out
    assert len(_sets(redwood)) == 2


def test_mapping_an_imported_name(redwood: Run) -> None:
    redwood("import", S1, "-f", "json")
    result = redwood(
        "exercises", "map", "Deadlift Old Data", "conventional-deadlift", "-f", "table"
    )
    assert result.code == 0, result.err
    assert result.out.strip() == (
        "'Deadlift Old Data' now means Barbell Deadlift (conventional-deadlift); 2 sets moved."
    )
    listed = redwood("log", "list", "--exercise", "conventional-deadlift", "-f", "json")
    assert len(listed.json()["items"]) == 2
    bad = redwood("exercises", "map", "Deadlift Old Data", "moonwalk")
    assert bad.code == 2
    assert "unknown exercise 'moonwalk'" in bad.err


def test_other_formats_from_the_command_line(redwood: Run) -> None:
    for name, app in (("hevy_lb.csv", "hevy"), ("fitnotes_body.csv", "fitnotes")):
        report = redwood("import", str(fixture(name)), "-f", "json").json()
        assert report["format"] == app
    weights = redwood("bodyweight", "list", "-f", "json").json()
    assert [w["date"] for w in weights] == ["2023-01-21", "2023-01-20"]


def _large_unitless_file(path: Path) -> None:
    """A Strong S1 file of about 1.5 MB whose loads say nothing about their unit."""
    header = Path(S1).read_text().splitlines()[0].split(",")
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for day in range(600):
            when = f"2023-{1 + day // 28 % 12:02d}-{1 + day % 28:02d} 18:00:00 {day}"
            for order in range(1, 31):
                writer.writerow(
                    [
                        when[:19],
                        f"Day {day}",
                        "1h",
                        "Squat (Barbell)",
                        order,
                        100,
                        5,
                        "",
                        "",
                        "",
                        "",
                        "",
                    ]
                )


@pytest.mark.slow
def test_a_terminal_is_asked_the_unit_and_sees_progress(tmp_path: Path) -> None:
    path = tmp_path / "unitless.csv"
    _large_unitless_file(path)
    assert path.stat().st_size > 1_000_000
    env = user_env(XDG_DATA_HOME=str(tmp_path / "data"))
    with running(["import", str(path), "-f", "table"], env) as term:
        term.expect("confidence 50%")
        term.expect("Which unit are the loads in? [kg/lb] (kg):")
        term.type("lb")
        term.expect("Loads in lb (asked, confidence 50%")
        term.expect("Imported 600 sessions")
        assert term.finish() == 0
        assert "Importing" in term.seen


def test_list_undo_and_replace_from_the_command_line(redwood: Run, tmp_path: Path) -> None:
    empty = redwood("import", "list", "-f", "table")
    assert empty.out.strip() == "No imports yet: bring your history in with 'redwood import FILE'."
    first = redwood("import", S1, "--unit", "kg", "-f", "table")
    assert "Recorded as import 1: 'redwood import undo' takes it back." in first.out
    redwood("import", str(fixture("fitbod_kg.csv")), "-f", "json")
    listed = redwood("import", "list", "-f", "json").json()["items"]
    assert [(item["id"], item["file"], item["format"]) for item in listed] == [
        (2, "fitbod_kg.csv", "fitbod"),
        (1, "strong_s1.csv", "strong"),
    ]
    table = redwood("import", "list", "-f", "table").out
    assert "Fitbod" in table
    assert "strong_s1.csv" in table

    copy = tmp_path / "strong_s1 (1).csv"
    copy.write_bytes(Path(S1).read_bytes())
    replaced = redwood("import", str(copy), "--unit", "lb", "--replace", "-f", "table")
    assert replaced.code == 0, replaced.err
    assert "Replaced import 1 of strong_s1.csv: removed 11 sets and 3 sessions." in replaced.out
    assert "Recorded as import 3" in replaced.out
    assert len(_sets(redwood)) == 22

    undone = redwood("import", "undo", "-f", "table")
    assert undone.out.strip().startswith("Undid import 3 of strong_s1 (1).csv: removed 11 sets")
    assert len(_sets(redwood)) == 11
    second = redwood("import", "undo", "#2", "-f", "json").json()
    assert (second["import"]["id"], second["sets"], second["import"]["status"]) == (2, 11, "undone")
    assert _sets(redwood) == []
    statuses = [item["status"] for item in redwood("import", "list", "-f", "json").json()["items"]]
    assert statuses == ["undone", "undone", "replaced"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("undo",), "redwood: import: there is no import to undo"),
        (("undo", "7"), "redwood: import: there is no import 7"),
        (
            ("undo", "seven"),
            "redwood: import: 'seven' is not an import id (see 'redwood import list')",
        ),
        (("undo", "1", "2"), "redwood: give at most one import id: redwood import undo [ID]"),
        (("list", "more"), "redwood: 'redwood import list' takes no more words"),
        (
            ("list", "--dry-run"),
            "redwood: --dry-run is for importing a file, not for 'redwood import list'",
        ),
        (
            ("undo", "--replace"),
            "redwood: --replace is for importing a file, not for 'redwood import undo'",
        ),
    ],
)
def test_list_and_undo_refusals(redwood: Run, args: tuple[str, ...], message: str) -> None:
    result = redwood("import", *args)
    assert result.code == 2, result.out
    assert result.err.strip() == message
