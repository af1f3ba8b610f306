"""Strong exports: every layout of FORMATS.md read from fixtures written for these tests,
with the counts, units, dates, set types, rests and notes each should give."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from redwood.domain.mass import Mass, Unit
from redwood.domain.vocab import SetType
from redwood.io.importers import BodyweightReading, Item, Notice, SkippedRow
from tests.io.importers.reading import fixture, others, read, sets

LB = Unit.LB


def read_text(*rows: str) -> list[Item]:
    """The items of an S1 (11 columns) file with these data rows."""
    header = fixture("strong_s1_11.csv").read_text().splitlines()[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_text("\n".join([header, *rows]) + "\n")
        return read(path)[1]


def test_s1_reads_sets_with_their_kinds_rests_and_notes() -> None:
    layout, items = read("strong_s1.csv")
    assert (layout.app, layout.name, layout.delimiter, layout.weight_unit) == (
        "strong",
        "S1",
        ",",
        None,
    )
    found = sets(items)
    assert len(found) == 11
    squat = [s for s in found if s.exercise == "Squat (Barbell)"]
    assert [s.set_type for s in squat] == [
        SetType.WARMUP,
        SetType.WORKING,
        SetType.WORKING,
        SetType.DROP,
    ]
    assert [s.rest_seconds for s in squat] == [None, 180, 150, None]
    assert squat[0].note == "Keep the chest up"  # the Note row reaches the first set
    assert squat[2].note == 'Grindy, "slow" out of the hole'
    assert [s.rpe for s in squat] == [None, Decimal(8), Decimal("7.5"), None]  # 0: not logged
    assert [s.position for s in found[:8]] == list(range(8))
    failure = [s for s in found if s.set_type is SetType.FAILURE]
    assert [(f.exercise, f.reps, f.rpe) for f in failure] == [("Deadlift Old Data", 2, 10)]


def test_s1_cleans_float_noise_and_reps_written_as_decimals() -> None:
    found = sets(read("strong_s1.csv")[1])
    squat = found[1]
    assert squat.reps == 5  # "5.0"
    assert squat.load == Mass(Decimal("102.5"))  # "102.49999"
    pulldown = next(s for s in found if s.exercise == "Lat Pulldown (Cable)")
    assert pulldown.load == Mass.of(15, LB)  # "6.80388555" is 15 lb in kilograms, kept exact
    row = next(s for s in found if s.exercise == "Bent Over Row (Barbell)")
    assert row.load == Mass(Decimal(185))  # "185.00000000000003"


def test_s1_local_times_are_read_in_the_athletes_zone() -> None:
    first = sets(read("strong_s1.csv", zone="America/New_York")[1])[0]
    workout = first.workout
    assert workout.local_date == date(2024, 3, 4)
    assert workout.started_at == datetime(2024, 3, 4, 23, 2, 13, tzinfo=UTC)
    assert workout.duration_seconds == 3900  # "1h 5m"
    assert workout.title == "Legs, heavy day"
    assert workout.notes == "Slept badly\nstill moved well"
    assert workout.key == "2024-03-04T18:02:13 Legs, heavy day"


def test_s1_cardio_timed_and_bodyweight_rows() -> None:
    found = {s.exercise: s for s in sets(read("strong_s1.csv")[1])}
    plank = found["Plank"]
    assert (plank.seconds, plank.reps, plank.load) == (60, None, None)
    run = found["Treadmill Run"]
    assert (run.distance_m, run.seconds, run.reps) == (Decimal("5200.00"), 1800, None)
    pull_up = found["Pull Up"]
    assert (pull_up.reps, pull_up.load) == (8, None)  # weight 0: bodyweight
    assert pull_up.note == "Corda de puxada — ótimo"
    assert pull_up.workout.title == "Кардио и спина"


def test_s1_trailing_spaces_in_names_are_trimmed() -> None:
    names = {s.exercise for s in sets(read("strong_s1.csv")[1])}
    assert "Deadlift Old Data" in names
    assert "Deadlift Old Data " not in names


def test_s1_flags_a_bogus_duration_and_lists_a_note_without_sets() -> None:
    items = read("strong_s1.csv")[1]
    notice = next(item for item in items if isinstance(item, Notice))
    assert notice.line == 26
    assert "264h 1m" in notice.message
    assert next(s for s in sets(items) if s.workout.title == "Hátnap").workout.duration_seconds == (
        264 * 3600 + 60
    )
    skipped = [item for item in items if isinstance(item, SkippedRow)]
    assert [(s.line, "Romanian Deadlift (Barbell)" in s.reason) for s in skipped] == [(28, True)]
    row = next(s for s in sets(items) if s.exercise == "Bent Over Row (Barbell)")
    assert row.note == "Only a note here"  # a Note after its set still reaches it


def test_s1_identities_are_stable_and_distinct() -> None:
    first = [s.identity for s in sets(read("strong_s1.csv")[1])]
    again = [s.identity for s in sets(read("strong_s1.csv", zone="Asia/Tokyo")[1])]
    assert first == again
    assert len(set(first)) == len(first)


def test_s1_with_crlf_line_ends_reads_the_same(tmp_path: Path) -> None:
    text = fixture("strong_s1.csv").read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    plain = sets(read("strong_s1.csv")[1])
    windows = sets(read(crlf)[1])
    assert [(s.exercise, s.reps, s.load, s.note) for s in windows] == [
        (s.exercise, s.reps, s.load, s.note.replace("\n", "\r\n") if s.note else None)
        for s in plain
    ]


def test_s1_in_pounds_reads_loads_in_pounds() -> None:
    squat = sets(read("strong_s1.csv", unit=LB)[1])[1]
    assert squat.load == Mass.of(Decimal("102.5"), LB)
    run = next(s for s in sets(read("strong_s1.csv", unit=LB)[1]) if s.distance_m)
    assert run.distance_m == Decimal("8368.59")  # 5.2 miles: S1 pairs lb with miles


@pytest.mark.parametrize(
    ("name", "layout", "count"),
    [("strong_s1_10.csv", "S1 older", 2), ("strong_s1_11.csv", "S1 older with RPE", 1)],
)
def test_older_s1_layouts(name: str, layout: str, count: int) -> None:
    found_layout, items = read(name)
    assert found_layout.name == layout
    found = sets(items)
    assert len(found) == count
    assert found[0].workout.duration_seconds is None


def test_older_s1_set_order_may_start_at_zero() -> None:
    found = sets(read("strong_s1_10.csv")[1])
    assert [s.set_type for s in found] == [SetType.WORKING, SetType.WORKING]
    assert [s.position for s in found] == [0, 1]


def test_s2_reads_the_unit_of_each_row() -> None:
    layout, items = read("strong_s2.csv")
    assert (layout.name, layout.delimiter, layout.states_unit) == ("S2", ";", True)
    first, second, rowing = sets(items)
    assert first.load == Mass.of(135, LB)
    assert second.load == Mass(Decimal(60))
    assert second.rpe == Decimal("8.5")
    assert (rowing.distance_m, rowing.seconds) == (Decimal("2000.00"), 600)
    assert first.workout.duration_seconds == 50 * 60
    assert first.workout.notes == "Gym was quiet"


def test_s3_every_field_quoted_in_kilograms_and_metres() -> None:
    layout, items = read("strong_s3.csv", unit=LB)
    assert (layout.name, layout.weight_unit) == ("S3", Unit.KG)
    squat, _, walk = sets(items)
    assert squat.load == Mass(Decimal(100))  # the header says kg, whatever the option
    assert squat.workout.duration_seconds == 3900  # seconds
    assert (walk.distance_m, walk.seconds) == (Decimal("1500.00"), 900)


def test_legacy_layouts_name_their_units_in_the_header() -> None:
    layout, items = read("strong_legacy_kg.csv")
    assert (layout.name, layout.weight_unit, layout.distance_unit) == ("legacy", Unit.KG, "km")
    assert sets(items)[1].distance_m == Decimal("12500.00")
    layout, items = read("strong_legacy_lbs.csv")
    assert (layout.delimiter, layout.weight_unit, layout.distance_unit) == (";", LB, "mi")
    deadlift, run = sets(items)
    assert deadlift.load == Mass.of(315, LB)
    assert run.distance_m == Decimal("4828.03")


def test_french_headers_and_decimal_commas() -> None:
    layout, items = read("strong_french.csv")
    assert layout.name == "S1 in French"
    (squat,) = sets(items)
    assert squat.load == Mass(Decimal("82.5"))
    assert (squat.reps, squat.rpe, squat.note) == (6, Decimal(7), "Très bien")
    assert squat.workout.title == "Séance du midi"
    assert squat.workout.duration_seconds == 40 * 60


def test_body_weight_export() -> None:
    layout, items = read("strong_bodyweight.csv")
    assert (layout.kind, layout.delimiter) == ("bodyweight", ";")
    assert items == [
        BodyweightReading(2, date(2024, 3, 1), Decimal("80.4")),
        BodyweightReading(3, date(2024, 3, 2), Decimal("80.2")),  # float noise
        BodyweightReading(4, date(2024, 3, 3), Decimal("79.9")),
    ]


def test_a_broken_export_with_every_line_wrapped_in_quotes_is_repaired() -> None:
    layout, items = read("strong_wrapped.csv")
    assert (layout.name, layout.wrapped) == ("S1", True)
    first, second = sets(items)
    assert first.workout.title == "Push, pull"
    assert first.note == 'said "easy"'
    assert (second.reps, second.load) == (5, Mass(Decimal(100)))
    assert others(items) == []


def test_bad_rows_are_named_by_line_and_reading_goes_on(tmp_path: Path) -> None:
    header = fixture("strong_s1_11.csv").read_text().splitlines()[0]
    text = "\n".join(
        [
            header,
            "2020-05-02 10:00:00,Morning,Leg Press,1,200,10,,,,,9",
            "2020-05-02 10:00:00,Morning,Leg Press,X,200,10,,,,,9",
            "2020-05-02 10:00:00,Morning,Leg Press,2,heavy,10,,,,,9",
            "2020-05-02 10:00:00,Morning,Leg Press,3,200,5.5,,,,,9",
            "2020-05-02 10:00:00,Morning,Leg Press,4,200,5,,,,,11",
            "2020-13-02 10:00:00,Morning,Leg Press,5,200,5,,,,,",
            "2020-05-02 10:00:00,Morning,,6,200,5,,,,,",
            "2020-05-02 10:00:00,Morning,Leg Press,7,200",
        ]
    )
    path = tmp_path / "bad.csv"
    path.write_text(text + "\n")
    items = read(path)[1]
    assert len(sets(items)) == 1
    reasons = {item.line: item.reason for item in items if hasattr(item, "reason")}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "Set Order" in reasons[3]
    assert "Weight: expected a number" in reasons[4]
    assert "whole number of reps" in reasons[5]
    assert "RPE must be 1-10" in reasons[6]
    assert "not a real date" in reasons[7]
    assert "exercise name is missing" in reasons[8]
    assert "cut off" in reasons[9]


def test_a_negative_load_is_an_assisted_set() -> None:
    items = read_text("2020-05-02 10:00:00,Morning,Pull Up (Assisted),1,-20,8,,,,,")
    (assisted,) = sets(items)
    assert assisted.load is None
    assert assisted.note == "assisted: 20 kg"
