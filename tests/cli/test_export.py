"""`redwood export json|csv|ics -o FILE` from the terminal: what it says, the files it writes,
the backup restored with `redwood import redwood FILE` into another database exporting to the
same bytes, and one-line refusals."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar
import pytest

from redwood.settings import get_settings
from tests.cli.conftest import Result
from tests.io.exporters.pdf_pages import pages
from tests.io.importers.reading import fixture

Run = Callable[..., Result]


def _some_history(redwood: Run) -> None:
    assert redwood("import", str(fixture("strong_s1.csv")), "--unit", "kg").code == 0
    assert redwood("log", "add", "2024-03-12 squat 100kg 5,5 @8").code == 0
    assert redwood("bodyweight", "add", "80.5kg", "--date", "2024-03-12").code == 0
    assert redwood("checkin", "--sleep", "7", "--soreness", "2", "--energy", "4").code == 0


def test_a_backup_round_trip_through_the_command_line(
    redwood: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _some_history(redwood)
    first = tmp_path / "first.json"
    result = redwood("export", "json", "-o", str(first), "-f", "table")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Wrote {first} (redwood.backup/1): 4 sessions, 13 sets, ")
    assert f"Restore it with: redwood import redwood {first}" in result.out

    monkeypatch.setenv("REDWOOD_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    get_settings.cache_clear()
    restored = redwood("import", "redwood", str(first), "-f", "table")
    assert restored.code == 0, restored.err
    assert restored.out.startswith("Found a Redwood backup export: redwood.backup/1.")
    assert "Imported 4 sessions, 13 sets and 1 body weight" in restored.out
    second = tmp_path / "second.json"
    assert redwood("export", "json", "-o", str(second)).code == 0
    assert second.read_bytes() == first.read_bytes()
    detected = redwood("import", str(first), "-f", "json").json()
    assert (detected["format"], detected["sets"], detected["sessions"]) == ("redwood", 0, 0)


def test_csv_in_both_layouts(redwood: Run, tmp_path: Path) -> None:
    _some_history(redwood)
    own, strong = tmp_path / "log.csv", tmp_path / "strong.csv"
    result = redwood("export", "csv", "-o", str(own), "-f", "json")
    assert result.code == 0, result.err
    assert result.json() == {"file": str(own), "layout": "redwood", "sets": 13, "rows": 13}
    with own.open(newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 13
    table = redwood("export", "csv", "-o", str(strong), "--layout", "strong", "-f", "table")
    assert table.out.strip() == f"Wrote 13 sets to {strong} (strong layout)."
    assert strong.read_text().startswith(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
    )
    dry = redwood("import", str(strong), "--dry-run", "--unit", "kg", "-f", "json").json()
    # The sets that came from a Strong file keep their workouts' keys: only the 2 logged by
    # hand would be new.
    assert (dry["format"], dry["sets_read"], dry["sets"]) == ("strong", 13, 2)


def test_refusals(redwood: Run, tmp_path: Path) -> None:
    bad = redwood("export", "csv", "-o", str(tmp_path / "x.csv"), "--layout", "fitbod")
    assert (bad.code, bad.err.strip()) == (
        2,
        "redwood: layout: use one of redwood, strong (got 'fitbod')",
    )
    missing = redwood("export", "json", "-o", str(tmp_path / "no" / "b.json"))
    assert missing.code == 2
    assert "does not exist" in missing.err
    assert redwood("export", "json").code == 2
    assert list(tmp_path.iterdir()) == []


def test_the_program_as_a_calendar(redwood: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    refused = redwood("export", "ics", "-o", str(target))
    assert refused.code != 0
    assert "no active program to export" in refused.err
    assert not target.exists()
    plan = ("--goal", "hypertrophy", "--level", "intermediate", "--days", "3", "--minutes", "60")
    assert redwood("plan", *plan, "--setting", "gym", "--activate").code == 0
    result = redwood("export", "ics", "-o", str(target), "--start", "2026-03-05", "-f", "table")
    assert result.code == 0, result.err
    assert result.out.startswith("Wrote ")
    assert "(week 1 starts 2026-03-02)." in result.out
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).events)
    assert len(events) == int(result.out.split()[1]) > 0
    assert date(2026, 3, 2) <= events[0].start.date() < date(2026, 3, 9)
    assert events[0].start.hour == 18
    again = tmp_path / "again.ics"
    assert redwood("export", "ics", "-o", str(again), "--start", "2026-03-05").code == 0
    assert again.read_bytes() == target.read_bytes()
    bad = redwood("export", "ics", "-o", str(again), "--start", "March")
    assert bad.code == 2
    assert "start: 'March' is not a date" in bad.err


def test_a_program_to_print(redwood: Run, tmp_path: Path) -> None:
    none = redwood("export", "pdf", "-o", str(tmp_path / "p.pdf"))
    assert none.code == 2
    assert "no active program to export" in none.err
    planned = redwood(
        "plan", "--goal", "general", "--level", "beginner", "--days", "2", "--minutes", "45",
        "--setting", "gym", "--weeks", "4", "--activate", "-f", "json",
    )  # fmt: skip
    assert planned.code == 0, planned.err
    path = tmp_path / "program.pdf"
    result = redwood("export", "pdf", "-o", str(path), "--paper", "letter", "-f", "table")
    assert result.code == 0, result.err
    found = pages(path.read_bytes())
    assert result.out.startswith("Wrote program 1 (")
    assert result.out.strip().endswith(f"to {path}: {len(found)} pages, Letter paper.")
    assert {(page.width, page.height) for page in found} == {(612, 792)}
    data = redwood("export", "pdf", "-o", str(path), "--program", "1", "-f", "json").json()
    assert (data["paper"], data["pages"]) == ("a4", len(pages(path.read_bytes())))
    bad = redwood("export", "pdf", "-o", str(path), "--paper", "a3")
    assert (bad.code, bad.err.strip()) == (2, "redwood: paper: use a4 or letter (got 'a3')")
    missing = redwood("export", "pdf", "-o", str(path), "--program", "9")
    assert (missing.code, missing.err.strip()) == (2, "redwood: program: there is no program 9")
