"""Importing exports on SQLite and PostgreSQL: the report, what is stored (sessions, sets,
kinds, notes, rests, times in the athlete's zone, custom exercises), re-imports that add
nothing, dry runs, the unit (file, option, inferred, asked), body weights, and mapping an
imported name to the catalogue later.

Bad input never crashes and never half-writes: Hypothesis damages real-looking exports (cuts
them anywhere, inserts bytes and quotes, drops and repeats lines, swaps separators, prepends
binary junk) and imports each, with and without `skip_bad_rows`: the import either refuses
with one `ServiceError` line and the database is exactly as before, or returns a report. The
named cases (empty file, binary junk, cut off mid-line, a 10 MB field, a spreadsheet re-save,
the wrong format named) are checked one by one as well.
"""

from __future__ import annotations

import gc
import io
import tempfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import uuid5
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redwood.domain.mass import Unit, from_stored_kg
from redwood.domain.vocab import SetType
from redwood.io.importers import Upload
from redwood.services import athletes
from redwood.services.athletes import local_athlete
from redwood.services.database import unit_of_work
from redwood.services.errors import ServiceError
from redwood.services.foreign_names import map_exercise
from redwood.services.import_batch import BATCH_SIZE, NAMESPACE
from redwood.services.imports import import_file
from redwood.store import Bodyweights, Exercises, Logbook
from tests.io.importers.reading import fixture
from tests.services.snapshots import state

BERLIN = "Europe/Berlin"
BERLIN_ZONE = ZoneInfo(BERLIN)


def _import(url: str, name: str | Path, **options: Any) -> dict[str, Any]:
    path = fixture(name) if isinstance(name, str) else name
    return import_file(path, url=url, **options)


def _log(url: str) -> tuple[list[Any], list[Any]]:
    """(sessions, live sets) of the local athlete, in log order."""
    with unit_of_work(url) as session:
        log = Logbook(session, local_athlete(session).id)
        return log.sessions(), list(log.batches().all_sets())


@pytest.fixture
def url(db_url: str) -> str:
    """The test database with a local athlete in Berlin."""
    athletes.set_timezone(BERLIN, db_url)
    return db_url


def test_strong_s1_report(url: str) -> None:
    report = _import(url, "strong_s1.csv")
    assert report["format"] == "strong"
    assert report["layout"] == "S1 (12 columns, ',')"
    assert (report["unit"], report["unit_source"]) == ("kg", "inferred")
    assert report["unit_confidence"] >= 0.8
    assert (report["sessions"], report["sets"], report["bodyweights"]) == (3, 11, 0)
    assert report["dry_run"] is False
    assert report["skipped"] == [
        {
            "line": 28,
            "reason": "a note for 'Romanian Deadlift (Barbell)' with no sets in its workout",
        }
    ]
    assert [w["line"] for w in report["warnings"]] == [26]
    assert report["unmapped"] == ["Deadlift Old Data", "Treadmill Run"]
    assert report["custom_created"] == 2
    hints = [hint["id"] for hint in report["suggestions"]["Deadlift Old Data"]]
    assert "conventional-deadlift" in hints


def test_strong_s1_stores_what_the_file_says(url: str) -> None:
    _import(url, "strong_s1.csv")
    sessions, sets = _log(url)
    assert [(s.local_date, s.title, s.source) for s in sessions] == [
        (date(2024, 3, 4), "Legs, heavy day", "strong"),
        (date(2024, 3, 6), "Кардио и спина", "strong"),
        (date(2024, 3, 8), "Hátnap", "strong"),
    ]
    legs = sessions[0]
    start = datetime(2024, 3, 4, 17, 2, 13, tzinfo=UTC)
    assert (legs.started_at, legs.ended_at) == (start, start + timedelta(minutes=65))
    assert legs.notes == "Slept badly\nstill moved well"
    assert legs.import_key == "strong:2024-03-04T18:02:13 Legs, heavy day"
    first = sets[0]
    assert (first.exercise_id, first.set_type, first.load_kg, first.reps) == (
        "barbell-back-squat",
        SetType.WARMUP,
        Decimal("60.000"),
        5,
    )
    assert first.performed_at == start
    assert first.note == "Keep the chest up"
    with unit_of_work(url) as session:
        prefix = f"{local_athlete(session).id}|strong|"
    assert first.id == uuid5(NAMESPACE, f"{prefix}2024-03-04T18:02:13 Legs, heavy day#0")
    assert legs.id == uuid5(NAMESPACE, f"{prefix}session|{legs.import_key}")
    assert [s.rest_seconds for s in sets[:4]] == [None, 180, 150, None]
    assert [s.set_type for s in sets[:8]] == [
        SetType.WARMUP,
        SetType.WORKING,
        SetType.WORKING,
        SetType.DROP,
        SetType.WORKING,
        SetType.FAILURE,
        SetType.WORKING,
        SetType.WORKING,
    ]
    pulldown = sets[6]
    assert from_stored_kg(pulldown.load_kg or Decimal(0), Unit.LB).format(Unit.LB) == "15 lb"
    assert sets[4].exercise_id.startswith("custom-deadlift-old-data")


def test_a_second_import_adds_nothing(url: str) -> None:
    _import(url, "strong_s1.csv")
    before = state(url)
    again = _import(url, "strong_s1.csv")
    assert (again["sessions"], again["sets"], again["custom_created"]) == (0, 0, 0)
    assert again["unmapped"] == ["Deadlift Old Data", "Treadmill Run"]
    assert state(url) == before


def test_a_dry_run_writes_nothing(url: str) -> None:
    before = state(url)
    report = _import(url, "strong_s1.csv", dry_run=True)
    assert report["dry_run"] is True
    assert (report["sessions"], report["sets"], report["custom_created"]) == (3, 11, 2)
    assert state(url) == before


def test_a_bad_row_stops_the_import_unless_told_to_skip(url: str, tmp_path: Path) -> None:
    lines = fixture("strong_s1_11.csv").read_text().splitlines()
    good = lines[1]
    path = tmp_path / "one-bad.csv"
    path.write_text("\n".join([lines[0], good, good.replace(",200,", ",lots,"), good]) + "\n")
    before = state(url)
    with pytest.raises(ServiceError) as exc:
        _import(url, path)
    assert str(exc.value).startswith("one-bad.csv: line 3: Weight: expected a number")
    assert "nothing was imported" in str(exc.value)
    assert state(url) == before
    report = _import(url, path, skip_bad_rows=True)
    assert report["sets"] == 2
    assert report["skipped"] == [{"line": 3, "reason": "Weight: expected a number, got 'lots'"}]


def _many_workouts(path: Path, sets: int, bad_at: int | None = None) -> Path:
    """A Strong file of `sets` working sets, five per workout on consecutive days (more than
    one batch of the import); the set numbered `bad_at` has a load that is not a number."""
    lines = [fixture("strong_s1_11.csv").read_text().splitlines()[0]]
    start = datetime(2015, 1, 1, 7, 30)
    for n in range(sets):
        when = (start + timedelta(days=n // 5)).strftime("%Y-%m-%d %H:%M:%S")
        load = "heavy" if n == bad_at else str(100 + n % 5 * 10)
        lines.append(f"{when},Morning,Leg Press,{n % 5 + 1},{load},{5 + n % 3},,,,,8")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_file_of_several_batches_is_one_transaction(url: str, tmp_path: Path) -> None:
    count = BATCH_SIZE * 2 + 7
    bad = _many_workouts(tmp_path / "bad.csv", count, bad_at=BATCH_SIZE + 3)
    before = state(url)
    with pytest.raises(ServiceError) as exc:
        _import(url, bad, unit="kg")
    assert str(exc.value).startswith(f"bad.csv: line {BATCH_SIZE + 5}: Weight: expected a number")
    assert state(url) == before
    report = _import(url, bad, unit="kg", skip_bad_rows=True)
    assert (report["sessions"], report["sets"]) == ((count + 4) // 5, count - 1)
    sessions, sets = _log(url)
    assert (len(sessions), len(sets)) == ((count + 4) // 5, count - 1)
    assert [s.load_kg for s in sets[:6]] == [Decimal(n) for n in (100, 110, 120, 130, 140, 100)]
    assert sets[-1].performed_at == datetime(2020, 6, 24, 7, 30, 1, tzinfo=BERLIN_ZONE)
    good = _many_workouts(tmp_path / "good.csv", count)
    again = _import(url, good, unit="kg")
    assert (again["sessions"], again["sets"]) == (0, 1)
    assert _import(url, good, unit="kg")["sets"] == 0


def test_the_cycle_collector_is_paused_only_while_a_file_is_imported(
    url: str, tmp_path: Path
) -> None:
    assert gc.isenabled()
    during: list[bool] = []
    _import(url, "strong_s1.csv", progress=lambda _done, _size: during.append(gc.isenabled()))
    assert during
    assert not any(during)
    assert gc.isenabled()
    with pytest.raises(ServiceError):
        _import(url, _many_workouts(tmp_path / "bad.csv", 10, bad_at=4), unit="kg")
    assert gc.isenabled()
    gc.disable()
    try:
        _import(url, "strong_s1_11.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_unit_from_the_option_or_asked(url: str) -> None:
    asked: list[tuple[str, float]] = []

    def ask(unit: str, confidence: float, reason: str) -> str:
        asked.append((unit, confidence))
        return "lb"

    report = _import(url, "strong_s1_10.csv", ask_unit=ask)
    assert asked == [("kg", 0.5)]
    assert (report["unit"], report["unit_source"], report["unit_confidence"]) == (
        "lb",
        "asked",
        0.5,
    )
    sets = _log(url)[1]
    assert sets[0].load_kg == Decimal("45.359")
    report = _import(url, "strong_s1_11.csv", unit="lb")
    assert (report["unit"], report["unit_source"]) == ("lb", "option")
    report = _import(url, "strong_s3.csv", unit="lb")
    assert (report["unit"], report["unit_source"]) == ("kg", "file")
    with pytest.raises(ServiceError, match="unit: use kg or lb"):
        _import(url, "strong_s3.csv", unit="stone")


def test_an_unsure_guess_without_a_terminal_is_reported(url: str) -> None:
    report = _import(url, "strong_s1_10.csv")
    assert (report["unit"], report["unit_source"], report["unit_confidence"]) == (
        "kg",
        "inferred",
        0.5,
    )
    assert "kg assumed" in report["unit_reason"]


def test_hevy_files(url: str) -> None:
    report = _import(url, "hevy_kg.csv")
    assert (report["format"], report["unit"], report["sessions"], report["sets"]) == (
        "hevy",
        "kg",
        2,
        7,
    )
    report = _import(url, "hevy_lb.csv")
    assert (report["unit"], report["sets"]) == ("lb", 3)
    sessions, sets = _log(url)
    deadlift = next(s for s in sets if s.exercise_id == "conventional-deadlift" and s.reps == 3)
    assert from_stored_kg(deadlift.load_kg or Decimal(0), Unit.LB).format(Unit.LB) == "315 lb"
    row = next(s for s in sets if s.exercise_id == "barbell-bent-over-row" and s.note)
    assert "💪\u200d🔥" in (row.note or "")
    assert len(sessions) == 3


def test_fitnotes_files(url: str) -> None:
    report = _import(url, "fitnotes_lbs.csv")
    assert (report["sessions"], report["sets"], report["unit"]) == (2, 6, "lb")
    assert "Overhead Press (Each Side, Dumbbells)" in report["unmapped"]
    sessions, sets = _log(url)
    assert [s.started_at for s in sessions] == [None, None]
    noon = datetime(2022, 8, 15, 10, 0, tzinfo=UTC)  # local noon in Berlin (summer time)
    assert [s.performed_at for s in sets[:2]] == [noon, noon + timedelta(seconds=1)]
    report = _import(url, "fitnotes_units.csv")
    assert (report["unit"], report["sets"]) == ("per row", 3)


def test_fitbod_files(url: str) -> None:
    report = _import(url, "fitbod_kg.csv")
    assert (report["format"], report["unit"], report["unit_source"]) == ("fitbod", "kg", "file")
    assert (report["sessions"], report["sets"], report["skipped_count"]) == (3, 11, 1)
    assert report["unmapped"] == ["Treadmill Running"]
    assert "not multiplied" in report["warnings"][0]["message"]
    sessions, sets = _log(url)
    assert [(s.local_date, s.title, s.source) for s in sessions] == [
        (date(2024, 2, 5), "Fitbod workout", "fitbod"),
        (date(2024, 2, 7), "Fitbod workout", "fitbod"),
        (date(2024, 2, 10), "Fitbod workout", "fitbod"),
    ]
    assert sessions[0].started_at == datetime(2024, 2, 5, 17, 30, 12, tzinfo=UTC)
    assert sessions[0].import_key == "fitbod:2024-02-05T17:30:12+0000"
    assert [s.exercise_id for s in sets[:3]] == ["barbell-back-squat"] * 3
    assert sets[0].set_type is SetType.WARMUP
    pulldown = next(s for s in sets if s.exercise_id == "lat-pulldown")
    assert from_stored_kg(pulldown.load_kg or Decimal(0), Unit.LB).format(Unit.LB) == "100 lb"
    assert _import(url, "fitbod_kg.csv")["sets"] == 0
    older = _import(url, "fitbod_old.csv")
    assert (older["unit"], older["unit_source"]) == ("lb", "inferred")
    assert (older["sessions"], older["sets"]) == (2, 13)
    bench = _log(url)[1]
    heavy = [s for s in bench if s.exercise_id == "barbell-bench-press" and s.reps == 5]
    assert [from_stored_kg(s.load_kg or Decimal(0), Unit.LB).format(Unit.LB) for s in heavy] == [
        "185 lb"
    ] * 3


def test_a_bad_fitbod_row_names_its_line(url: str, tmp_path: Path) -> None:
    lines = fixture("fitbod_kg.csv").read_text().splitlines()
    path = tmp_path / "fitbod.csv"
    path.write_text("\n".join([*lines[:4], lines[4].replace("false", "perhaps"), *lines[5:]]))
    before = state(url)
    with pytest.raises(ServiceError) as exc:
        _import(url, path)
    assert str(exc.value).startswith("fitbod.csv: line 5: isWarmup: expected true or false")
    assert state(url) == before
    report = _import(url, path, skip_bad_rows=True)
    assert report["skipped"][0] == {
        "line": 5,
        "reason": "isWarmup: expected true or false, got 'perhaps'",
    }
    assert report["sets"] == 10


def test_an_upload_imports_from_its_stream(url: str) -> None:
    content = fixture("hevy_kg.csv").read_bytes()
    stream = io.BytesIO(content)
    report = import_file(Upload("C:\\Users\\ana\\hevy.csv", stream), url=url, dry_run=True)
    assert (report["file"], report["sets"], report["import"]) == ("hevy.csv", 7, None)
    assert not stream.closed
    report = import_file(Upload("hevy.csv", stream), url=url)
    assert (report["sets"], report["sessions"]) == (7, 2)
    backup = io.BytesIO(b"")
    with pytest.raises(ServiceError, match=r"backup\.json: the file is empty"):
        import_file(Upload("backup.json", backup), url=url)


def test_body_weights(url: str) -> None:
    report = _import(url, "strong_bodyweight.csv")
    assert (report["bodyweights"], report["sets"], report["sessions"]) == (3, 0, 0)
    assert _import(url, "strong_bodyweight.csv")["bodyweights"] == 0
    report = _import(url, "fitnotes_body.csv")
    assert report["bodyweights"] == 2
    assert report["skipped"][0]["line"] == 3
    with unit_of_work(url) as session:
        weights = Bodyweights(session, local_athlete(session).id)
        assert weights.get(date(2023, 1, 21)).kg == Decimal("83.01")  # type: ignore[union-attr]
        assert weights.get(date(2024, 3, 2)).source == "strong"  # type: ignore[union-attr]


def test_mapping_an_imported_name_later(url: str) -> None:
    _import(url, "strong_s1.csv")
    result = map_exercise("deadlift old data", "Deadlift (Barbell)", url=url)
    assert result["exercise"] == "conventional-deadlift"
    assert result["sets_moved"] == 2
    assert result["custom_removed"] is True
    sets = _log(url)[1]
    assert [s.exercise_id for s in sets[4:6]] == ["conventional-deadlift"] * 2
    again = _import(url, "strong_s1.csv")
    assert (again["sets"], again["custom_created"]) == (0, 0)
    assert again["unmapped"] == ["Treadmill Run"]
    with unit_of_work(url) as session:
        mapped = Exercises(session, local_athlete(session).id).mapped("Deadlift Old Data")
    assert mapped == "conventional-deadlift"
    with pytest.raises(ServiceError, match="already a catalogue name"):
        map_exercise("Squat (Barbell)", "barbell-front-squat", url=url)
    with pytest.raises(ServiceError, match="unknown exercise"):
        map_exercise("Treadmill Run", "moon walk", url=url)


def test_the_wrong_format_named(url: str) -> None:
    with pytest.raises(ServiceError) as exc:
        _import(url, "strong_s1.csv", app="hevy")
    message = str(exc.value)
    assert message.startswith("strong_s1.csv: line 1: this is not a Hevy export")
    assert "redwood import strong strong_s1.csv" in message
    assert state(url) == (0, 0, 0, 0, 0)


def test_all_fixtures_import_and_reimport_to_nothing(url: str) -> None:
    names = sorted(p.name for p in fixture("x").parent.glob("*.csv"))
    for name in names:
        if name == "hevy_resave_broken.csv":
            continue
        _import(url, name, unit="kg")
    before = state(url)
    for name in names:
        if name == "hevy_resave_broken.csv":
            continue
        report = _import(url, name, unit="kg")
        assert (report["sessions"], report["sets"], report["bodyweights"]) == (0, 0, 0), name
    assert state(url) == before


BASES = [
    fixture(name).read_bytes()
    for name in (
        "strong_s1.csv",
        "hevy_kg.csv",
        "fitnotes_lbs.csv",
        "strong_s2.csv",
        "fitbod_kg.csv",
        "fitbod_old.csv",
    )
]
KEYS = {"format", "unit", "unit_confidence", "dry_run", "sessions", "sets", "skipped"}


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A real-looking export with one to four kinds of damage."""
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "quote", "lines", "separator", "junk"]))
        at = draw(st.integers(0, len(data)))
        if kind == "quote":
            starts = [i + 1 for i, byte in enumerate(data) if byte in b",;\n"] or [0]
            at = draw(st.sampled_from(starts))
            data[at:at] = draw(st.sampled_from([b'"a"b', b'"', b'""', b'"x\ny']))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            noise = draw(st.sampled_from([b'"', b",", b";", b"\n", b"\r", b"\x00", b"\xff\xfe"]))
            data[at:at] = noise * draw(st.integers(1, 3))
        elif kind == "lines":
            lines = bytes(data).split(b"\n")
            index = draw(st.integers(0, max(0, len(lines) - 1)))
            if draw(st.booleans()):
                lines.insert(index, lines[index])
            else:
                del lines[index]
            data = bytearray(b"\n".join(lines))
        elif kind == "separator":
            data = bytearray(bytes(data).replace(b",", b";", draw(st.integers(1, 30))))
        else:
            data[0:0] = draw(st.binary(min_size=1, max_size=40))
    return bytes(data)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=damaged(), skip=st.booleans(), dry=st.booleans())
def test_damaged_files_refuse_cleanly_or_report(
    db_url: str, content: bytes, skip: bool, dry: bool
) -> None:
    before = state(db_url)
    refusal: ServiceError | None = None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.csv"
        path.write_bytes(content)
        try:
            report = import_file(path, skip_bad_rows=skip, dry_run=dry, url=db_url, unit="kg")
        except ServiceError as exc:
            refusal = exc
    if refusal is not None:
        assert "\n" not in str(refusal)
        assert str(refusal).startswith("damaged.csv: ")
        assert state(db_url) == before
        return
    assert set(report) >= KEYS
    if dry:
        assert state(db_url) == before
    if not skip:
        assert report["skipped_count"] == sum(1 for _ in report["skipped"])


def _refused(url: str, path: Path, **options: object) -> str:
    before = state(url)
    with pytest.raises(ServiceError) as exc:
        import_file(path, url=url, **options)  # type: ignore[arg-type]
    assert state(url) == before
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_named_faults(db_url: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _refused(db_url, empty) == "empty.csv: the file is empty: nothing to import"
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    assert "binary data" in _refused(db_url, junk)
    text = fixture("strong_s1.csv").read_text()
    cut = tmp_path / "cut.csv"
    cut.write_text(text[: text.index("Deadlift Old Data") + 5])
    assert _refused(db_url, cut).startswith("cut.csv: line 16: ")
    resave = fixture("hevy_resave_broken.csv")
    message = _refused(db_url, resave)
    assert message.startswith("hevy_resave_broken.csv: line 3: 6 fields where the header has 13")
    wrong = _refused(db_url, fixture("hevy_kg.csv"), app="fitnotes")
    assert "this is not a FitNotes export" in wrong
    report = import_file(resave, url=db_url, skip_bad_rows=True)
    assert [row["line"] for row in report["skipped"]] == [3, 4, 5]
    assert report["sets"] == 2


def test_a_ten_megabyte_field(db_url: str, tmp_path: Path) -> None:
    lines = fixture("strong_s1_11.csv").read_text().splitlines()
    huge = lines[1].replace(",,,,,9", f',,,"{"x" * 10_000_000}",,9')
    path = tmp_path / "huge.csv"
    path.write_text("\n".join([lines[0], lines[1], huge]) + "\n")
    message = _refused(db_url, path)
    assert message.startswith("huge.csv: line 3: unreadable CSV (a field longer than")
    assert import_file(path, url=db_url, skip_bad_rows=True)["sets"] == 1
