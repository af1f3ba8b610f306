"""FitNotes exports: both layouts, bodyweight rows at 0.0, h:mm:ss times, distance units,
unquoted commas in names and comments repaired by the column count, and the body tracker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from redwood.domain.mass import Mass, Unit
from redwood.io.importers import BadRow, BodyweightReading, SkippedRow
from tests.io.importers.reading import fixture, read, sets


def test_pounds_layout_one_session_per_day() -> None:
    layout, items = read("fitnotes_lbs.csv")
    assert (layout.app, layout.weight_unit) == ("fitnotes", Unit.LB)
    found = sets(items)
    assert len(found) == 6
    assert {s.workout.key for s in found} == {"2022-08-15", "2022-08-16"}
    assert [s.position for s in found] == [0, 1, 2, 3, 0, 1]
    assert found[0].workout.started_at is None
    assert found[0].workout.local_date == date(2022, 8, 15)
    assert found[0].load == Mass.of(225, Unit.LB)


def test_a_name_with_an_unquoted_comma_is_repaired() -> None:
    press = sets(read("fitnotes_lbs.csv")[1])[1]
    assert press.exercise == "Overhead Press (Each Side, Dumbbells)"
    assert (press.reps, press.load) == (10, Mass.of(40, Unit.LB))


def test_bodyweight_times_and_distances() -> None:
    found = sets(read("fitnotes_lbs.csv")[1])
    pull_up, treadmill, plank, rowing = found[2], found[3], found[4], found[5]
    assert (pull_up.load, pull_up.reps) == (None, 8)  # weight 0.0
    assert (treadmill.distance_m, treadmill.seconds, treadmill.reps) == (
        Decimal("4023.36"),
        1530,
        None,
    )
    assert (plank.seconds, plank.distance_m) == (90, None)
    assert rowing.distance_m == Decimal("2000.00")


def test_unit_per_row_and_a_comment_with_a_comma() -> None:
    layout, items = read("fitnotes_units.csv")
    assert layout.per_row_unit
    first, second, cycling = sets(items)
    assert first.load == Mass(Decimal(140))
    assert first.note == "Felt easy, smooth"
    assert second.load == Mass.of(305, Unit.LB)
    assert (cycling.distance_m, cycling.seconds) == (Decimal("10000.00"), 1800)


def test_a_row_that_cannot_be_repaired_is_reported(tmp_path: Path) -> None:
    header = fixture("fitnotes_lbs.csv").read_text().splitlines()[0]
    path = tmp_path / "broken.csv"
    path.write_text(f"{header}\n2022-08-15,Squat,Legs,heavy,5,0.0,,0:00:00,extra\n")
    items = read(path)[1]
    assert items == [BadRow(2, "9 fields where the header has 8")]


def test_body_tracker_keeps_body_weight_only() -> None:
    layout, items = read("fitnotes_body.csv")
    assert layout.kind == "bodyweight"
    readings = [item for item in items if isinstance(item, BodyweightReading)]
    assert [(r.on, r.kg) for r in readings] == [
        (date(2023, 1, 20), Decimal("82.5")),
        (date(2023, 1, 21), Mass.of(182, Unit.LB).kg),
        (date(2023, 1, 21), Mass.of(183, Unit.LB).kg),
    ]
    skipped = [item for item in items if isinstance(item, SkippedRow)]
    assert [(s.line, "Body Fat" in s.reason) for s in skipped] == [(3, True)]
