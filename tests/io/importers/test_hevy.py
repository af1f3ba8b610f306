"""Hevy exports: kg, lb and mixed units, both column sets, both date styles, multi-line
notes, set types, bodyweight and cardio rows, and a broken spreadsheet re-save."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from redwood.domain.mass import Mass, Unit
from redwood.domain.vocab import SetType
from redwood.io.importers import BadRow, ImportFileError
from redwood.io.importers.hevy import moment
from redwood.io.importers.records import FieldError
from tests.io.importers.reading import read, sets


def test_metric_file_with_set_types_notes_and_times() -> None:
    layout, items = read("hevy_kg.csv")
    assert (layout.app, layout.weight_unit, layout.distance_unit, layout.width) == (
        "hevy",
        Unit.KG,
        "km",
        14,
    )
    found = sets(items)
    assert len(found) == 7
    assert [s.set_type for s in found[:5]] == [
        SetType.WARMUP,
        SetType.WORKING,
        SetType.DROP,
        SetType.WORKING,
        SetType.FAILURE,
    ]
    squat = found[1]
    assert (squat.load, squat.reps, squat.rpe) == (Mass(Decimal(100)), 5, Decimal(8))
    workout = squat.workout
    assert workout.started_at == datetime(2024, 10, 1, 16, 48, tzinfo=UTC)  # 6:48 PM in Berlin
    assert workout.duration_seconds == 64 * 60
    assert workout.notes == 'Long day, "quick" session'
    assert workout.local_date == date(2024, 10, 1)


def test_exercise_notes_go_with_the_first_set_only() -> None:
    rows = [s for s in sets(read("hevy_kg.csv")[1]) if s.exercise == "Bent Over Row (Barbell)"]
    note = rows[0].note
    assert note is not None
    assert note.splitlines() == [
        "Felt 💪\u200d🔥 today.",
        'Form cue from "coach": keep elbows in',
        "https://example.org/row-tips?x=1&y=2",
    ]
    assert rows[1].note is None
    assert rows[0].rpe == Decimal("7.5")


def test_bodyweight_and_cardio_rows() -> None:
    found = sets(read("hevy_kg.csv")[1])
    pull_up = found[5]
    assert (pull_up.exercise, pull_up.load, pull_up.reps) == ("Pull Up", None, 12)
    cardio = found[6]
    assert (cardio.distance_m, cardio.seconds, cardio.reps) == (Decimal("4200.00"), 1800, None)
    assert cardio.workout.started_at == datetime(2026, 4, 7, 8, 14, tzinfo=UTC)  # "7 Apr 2026"


def test_imperial_file_reads_pounds_and_miles() -> None:
    layout, items = read("hevy_lb.csv", unit=Unit.KG)
    assert (layout.weight_unit, layout.distance_unit) == (Unit.LB, "mi")
    deadlift, partial, run = sets(items)
    assert deadlift.load == Mass.of(315, Unit.LB)
    assert partial.load == Mass.of(Decimal("225.5"), Unit.LB)
    assert run.distance_m == Decimal("3218.69")


def test_a_file_mixing_kilograms_with_miles() -> None:
    layout, items = read("hevy_mixed.csv")
    assert (layout.weight_unit, layout.distance_unit) == (Unit.KG, "mi")
    press, run = sets(items)
    assert press.load == Mass(Decimal(180))
    assert run.distance_m == Decimal("1609.34")


def test_the_older_layout_without_superset_id() -> None:
    layout, items = read("hevy_13.csv")
    assert layout.width == 13
    assert "no superset_id" in layout.name
    assert [s.set_type for s in sets(items)] == [SetType.WARMUP, SetType.WORKING]


def test_a_broken_spreadsheet_re_save_reports_the_lines_that_lost_their_shape() -> None:
    layout, items = read("hevy_resave_broken.csv")
    assert (layout.delimiter, layout.width) == (";", 13)
    bad = [item for item in items if isinstance(item, BadRow)]
    assert [b.line for b in bad] == [3, 4, 5]
    assert "6 fields where the header has 13" in bad[0].reason
    assert "unreadable CSV" in bad[2].reason
    assert [s.line for s in sets(items)] == [2, 6]


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("7 Apr 2026, 10:14", datetime(2026, 4, 7, 10, 14)),
        ("Oct 1, 2024, 6:48 PM", datetime(2024, 10, 1, 18, 48)),
        ("Oct 1, 2024, 12:05 AM", datetime(2024, 10, 1, 0, 5)),
        ("Dec 31, 2024, 12:30 PM", datetime(2024, 12, 31, 12, 30)),
        ("2024-10-01 18:48:00", datetime(2024, 10, 1, 18, 48)),
    ],
)
def test_dates_in_each_style(text: str, local: datetime) -> None:
    zone = ZoneInfo("Europe/Berlin")
    assert moment(text, zone).instant == local.replace(tzinfo=zone)


@pytest.mark.parametrize("text", ["31 Foo 2024, 10:14", "Feb 30, 2024, 6:48 PM", "13:00 PM"])
def test_dates_that_are_not_dates(text: str) -> None:
    with pytest.raises(FieldError):
        moment(text, ZoneInfo("UTC"))


def test_the_header_must_be_exact() -> None:
    from redwood.io.importers import find_layout

    with pytest.raises(ImportFileError, match="not a known export"):
        find_layout('"title","start_time","end_time"', None, "x.csv")
