"""Fitbod exports: one set per row with `+0000` dates, leading spaces in numbers, warm-ups,
cardio and timed rows, pound conversions and the multiplier; the older layout with a set
count per row and no unit; and the rows that cannot be read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from redwood.domain.mass import Mass, Unit
from redwood.domain.vocab import SetType
from redwood.io.importers import BadRow, Notice, SkippedRow
from redwood.io.importers.fitbod import multiplier, warmup
from redwood.io.importers.records import FieldError
from tests.io.importers.reading import fixture, others, read, sets


def test_the_current_layout_one_session_per_start() -> None:
    layout, items = read("fitbod_kg.csv")
    assert (layout.app, layout.name, layout.weight_unit) == (
        "fitbod",
        "Weight(kg), one set per row",
        Unit.KG,
    )
    found = sets(items)
    assert len(found) == 11
    keys = [s.workout.key for s in found]
    assert sorted(set(keys)) == [
        "2024-02-05T17:30:12+0000",
        "2024-02-07T06:15:00+0000",
        "2024-02-09T23:30:00+0000",
    ]
    first = found[0].workout
    assert first.started_at == datetime(2024, 2, 5, 17, 30, 12, tzinfo=UTC)
    assert (first.title, first.local_date) == ("Fitbod workout", date(2024, 2, 5))
    assert [s.position for s in found[:6]] == [0, 1, 2, 3, 4, 5]
    assert [s.identity for s in found[:2]] == [
        "2024-02-05T17:30:12+0000#0",
        "2024-02-05T17:30:12+0000#1",
    ]


def test_a_start_after_midnight_in_the_athletes_zone_is_the_next_day() -> None:
    goblet = sets(read("fitbod_kg.csv")[1])[-1]
    assert goblet.workout.local_date == date(2024, 2, 10)  # 23:30 UTC is 00:30 in Berlin
    assert goblet.note == "Slow eccentric\r\n3 seconds down"


def test_leading_spaces_warm_ups_and_notes() -> None:
    squat_warmup, squat, noted = sets(read("fitbod_kg.csv")[1])[:3]
    assert (squat_warmup.set_type, squat_warmup.reps, squat_warmup.load) == (
        SetType.WARMUP,
        8,
        Mass(Decimal("60.0")),
    )
    assert (squat.set_type, squat.reps, squat.load) == (SetType.WORKING, 5, Mass(Decimal(100)))
    assert noted.note == "Depth good, knees out"


def test_timed_cardio_bodyweight_and_pound_conversions() -> None:
    found = sets(read("fitbod_kg.csv")[1])
    plank, pull_up, pulldown, treadmill = found[5], found[7], found[8], found[9]
    assert (plank.seconds, plank.reps, plank.load) == (60, None, None)
    assert (pull_up.reps, pull_up.load) == (8, None)
    assert pulldown.load == Mass.of(100, Unit.LB)  # 45.359237 kg is exactly 100 lb
    assert (treadmill.seconds, treadmill.distance_m, treadmill.note) == (
        1200,
        Decimal("3000.00"),
        "incline 5",
    )


def test_empty_rows_are_skipped_and_the_multiplier_is_named_once() -> None:
    items = read("fitbod_kg.csv")[1]
    assert others(items) == [("SkippedRow", 12), ("Notice", 5)]
    (notice,) = [item for item in items if isinstance(item, Notice)]
    assert "'Dumbbell Romanian Deadlift' (x2)" in notice.message
    assert "'Goblet Squat' (x2)" in notice.message
    assert "not multiplied" in notice.message
    rdl = sets(items)[3]
    assert rdl.load == Mass(Decimal("22.5"))  # one dumbbell, as Redwood logs them


def test_the_older_layout_expands_its_set_count() -> None:
    layout, items = read("fitbod_old.csv", unit=Unit.LB)
    assert (layout.name, layout.weight_unit, layout.states_unit) == (
        "older, sets per row",
        None,
        False,
    )
    found = sets(items)
    assert [(s.exercise, s.reps) for s in found[:4]] == [
        ("Barbell Bench Press", 10),
        ("Barbell Bench Press", 5),
        ("Barbell Bench Press", 5),
        ("Barbell Bench Press", 5),
    ]
    assert found[0].set_type is SetType.WARMUP
    assert found[1].load == Mass.of(185, Unit.LB)
    assert [s.note for s in found[1:4]] == ["Paused reps", None, None]
    assert [s.position for s in found[:9]] == list(range(9))
    assert len(found) == 1 + 3 + 3 + 2 + 4
    assert others(items) == [("SkippedRow", 6)]
    assert [s.identity for s in found[-4:]] == [f"2019-06-05T18:00:00+0000#{n}" for n in range(4)]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("2024-02-05 17:30:12 +0000,Squat,5,100,0,0,0,0,maybe,,1", "isWarmup: expected true"),
        ("2024-02-05 17:30:12 +0000,Squat,5,100,0,0,0,0,false,,0", "multiplier: expected a pos"),
        ("2024-02-05 17:30:12 +0000,Squat,5,-10,0,0,0,0,false,,1", "must not be negative"),
        ("2024-02-05 17:30:12 +0000,,5,100,0,0,0,0,false,,1", "Exercise: the exercise name"),
        ("yesterday,Squat,5,100,0,0,0,0,false,,1", "Date: expected a date"),
        ("2024-02-05 17:30:12 +0000,Squat,5.5,100,0,0,0,0,false,,1", "Reps: expected a whole"),
        ("2024-02-05 17:30:12 +0000,Squat,5,100,0,0,0", "7 fields where the header has 11"),
    ],
)
def test_rows_that_cannot_be_read(tmp_path: Path, row: str, reason: str) -> None:
    header = fixture("fitbod_kg.csv").read_text().splitlines()[0]
    path = tmp_path / "bad.csv"
    path.write_text(f"{header}\n{row}\n")
    (bad,) = read(path)[1]
    assert isinstance(bad, BadRow)
    assert bad.line == 2
    assert reason in bad.reason


def test_too_many_sets_in_one_older_row(tmp_path: Path) -> None:
    header = fixture("fitbod_old.csv").read_text().splitlines()[0]
    path = tmp_path / "many.csv"
    path.write_text(f"{header}\n2019-06-03 18:00:00 +0000,Squat,101,5,100,false,\n")
    assert read(path)[1] == [BadRow(2, "Sets: 101 sets in one row is more than 100")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), (" TRUE", True), ("1", True), ("false", False), ("", False)],
)
def test_warmup_words(text: str, expected: bool) -> None:
    assert warmup(text) is expected


def test_multiplier_values() -> None:
    assert multiplier(None) == 1
    assert multiplier(" 2") == 2
    assert multiplier("0.5") == Decimal("0.5")
    with pytest.raises(FieldError, match="positive"):
        multiplier("-1")


def test_no_notice_without_a_multiplier(tmp_path: Path) -> None:
    header = fixture("fitbod_kg.csv").read_text().splitlines()[0]
    path = tmp_path / "plain.csv"
    path.write_text(f"{header}\n2024-02-05 17:30:12 +0000,Squat,5,100,0,0,0,0,false,,\n")
    items = read(path)[1]
    assert not [item for item in items if isinstance(item, Notice | SkippedRow)]
    assert sets(items)[0].load == Mass(Decimal(100))
