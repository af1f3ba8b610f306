"""Exports on SQLite and PostgreSQL: the JSON backup restored into an empty database exports
to the same bytes (and restoring twice adds nothing); the Strong CSV read back by our own
Strong importer gives the same sets; the Redwood CSV has a row per live set; a failed export
leaves no file behind."""

from __future__ import annotations

import csv
import json
import secrets
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from redwood.domain.mass import Mass, Unit
from redwood.domain.notation import SetSpec
from redwood.domain.vocab import SetType
from redwood.services import athletes, logbook, planning, readings
from redwood.services.athletes import local_athlete
from redwood.services.database import dispose_engines, unit_of_work
from redwood.services.errors import ServiceError
from redwood.services.exports import export_csv, export_json
from redwood.services.foreign_names import map_exercise
from redwood.services.imports import import_file
from redwood.store import Logbook, Programs
from tests.io.importers.reading import fixture
from tests.services.snapshots import state
from tests.store.samples import program_document

TODAY = date(2024, 3, 20)


@pytest.fixture
def other_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"rw_export_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(db_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _athlete_with_everything(url: str) -> None:
    """Settings, kit, rules, two programs, logged and imported sets (one deleted, one on a
    planned session), custom exercises, a mapping, check-ins and body weights."""
    athletes.set_timezone("America/New_York", url)
    athletes.set_unit("lb", url)
    athletes.set_plates("45lb", "45,35,25,10,5,2.5", "lb", url)
    athletes.set_dumbbells("5-50/5", "lb", url)
    athletes.set_weekly_cap("4", url)
    athletes.set_rule("squat", "two_for_two", url)
    planning.save_document(
        program_document(3), name="old plan", profile=None, seed=3, activate=False, url=url
    )
    planning.save_document(
        program_document(2),
        name="current plan",
        profile={"goal": "strength"},
        seed=11,
        activate=True,
        url=url,
    )
    with unit_of_work(url) as session:
        athlete = local_athlete(session).id
        active = Programs(session, athlete).active()
        assert active is not None
        planned = Programs(session, athlete).planned_sessions(active.id)[0].id
    logbook.add_sets(
        date(2024, 3, 11),
        "squat",
        [SetSpec(5, Mass.of(225, Unit.LB), rpe=Decimal(8))] * 3,
        today=TODAY,
        planned_session_id=planned,
        note="belt on",
        url=url,
    )
    added = logbook.add_line("2024-03-12 pull-up bw 3x8 rir2", today=TODAY, url=url)
    logbook.add_line("2024-03-12 plank 3x45s", today=TODAY, url=url)
    logbook.delete_set(added["sets"][1]["id"], url=url)
    import_file(fixture("strong_s1.csv"), url=url, unit="kg")
    import_file(fixture("strong_bodyweight.csv"), url=url)
    map_exercise("Deadlift Old Data", "conventional-deadlift", url=url)
    readings.add_checkin(
        TODAY, today=TODAY, sleep_hours="6.5", soreness=3, pain_where="knee", url=url
    )
    readings.add_checkin(TODAY, today=TODAY, energy=4, note="better after coffee", url=url)
    readings.add_bodyweight("181.4", date(2024, 3, 15), today=TODAY, note="morning", url=url)


def test_the_backup_restores_to_the_same_bytes(db_url: str, other_url: str, tmp_path: Path) -> None:
    _athlete_with_everything(db_url)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    summary = export_json(first, url=db_url)
    assert summary["schema"] == "redwood.backup/1"
    assert (summary["programs"], summary["checkins"], summary["bodyweights"]) == (2, 2, 4)
    assert summary["custom_exercises"] == 1
    document = json.loads(first.read_text())
    assert list(document) == [
        "schema",
        "athlete",
        "custom_exercises",
        "exercise_mappings",
        "programs",
        "sessions",
        "checkins",
        "bodyweights",
    ]
    assert document["athlete"]["unit"] == "lb"
    assert document["exercise_mappings"] == [
        {"name": "Deadlift Old Data", "exercise": "conventional-deadlift"}
    ]
    deleted = [s for session in document["sessions"] for s in session["sets"] if s["deleted_at"]]
    assert len(deleted) == 1
    assert any(session["planned"] for session in document["sessions"])

    report = import_file(first, url=other_url)
    assert report["format"] == "redwood"
    assert (report["sessions"], report["sets"], report["programs"]) == (
        summary["sessions"],
        summary["sets"],
        2,
    )
    export_json(second, url=other_url)
    assert second.read_bytes() == first.read_bytes()

    again = import_file(first, url=other_url)
    assert (again["sessions"], again["sets"], again["programs"], again["checkins"]) == (0, 0, 0, 0)
    assert (again["bodyweights"], again["custom_created"]) == (0, 0)
    export_json(second, url=other_url)
    assert second.read_bytes() == first.read_bytes()
    with unit_of_work(other_url) as session:
        athlete = local_athlete(session)
        assert athlete.timezone == "America/New_York"
        assert Programs(session, athlete.id).active() is not None


def test_a_dry_run_restore_writes_nothing(db_url: str, other_url: str, tmp_path: Path) -> None:
    _athlete_with_everything(db_url)
    backup = tmp_path / "backup.json"
    export_json(backup, url=db_url)
    before = state(other_url)
    report = import_file(backup, url=other_url, dry_run=True)
    assert report["dry_run"] is True
    assert report["sets"] > 0
    assert state(other_url) == before


def _live_sets(url: str) -> list[tuple[Any, ...]]:
    with unit_of_work(url) as session:
        log = Logbook(session, local_athlete(session).id)
        rows = [
            (
                s.exercise_id,
                str(s.set_type),
                s.reps,
                s.load_kg,
                s.rpe,
                s.seconds,
                s.distance_m,
                s.rest_seconds,
                s.note,
            )
            for s in log.batches().all_sets()
        ]
        return sorted(rows, key=repr)


def test_the_strong_csv_reads_back_to_the_same_sets(
    db_url: str, other_url: str, tmp_path: Path
) -> None:
    athletes.set_unit("lb", db_url)
    import_file(fixture("strong_s1.csv"), url=db_url, unit="kg")
    import_file(fixture("hevy_kg.csv"), url=db_url)
    import_file(fixture("fitnotes_lbs.csv"), url=db_url)
    logbook.add_line("2024-03-12 squat 225lb 5,5 @8.5 # easy", today=TODAY, url=db_url)
    path = tmp_path / "strong.csv"
    result = export_csv(path, layout="strong", url=db_url)
    expected = _live_sets(db_url)
    assert result["sets"] == len(expected)
    with path.open(newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "Date",
        "Workout Name",
        "Duration",
        "Exercise Name",
        "Set Order",
        "Weight",
        "Reps",
        "Distance",
        "Seconds",
        "Notes",
        "Workout Notes",
        "RPE",
    ]
    athletes.set_unit("lb", other_url)
    report = import_file(path, app="strong", unit="lb", url=other_url)
    assert report["layout"].startswith("S1 ")
    assert report["sets"] == len(expected)
    assert _live_sets(other_url) == expected
    assert set(SetType) >= {SetType(row[1]) for row in expected}


def test_the_redwood_csv_and_refusals(db_url: str, tmp_path: Path) -> None:
    import_file(fixture("strong_s1.csv"), url=db_url, unit="kg")
    path = tmp_path / "log.csv"
    result = export_csv(path, url=db_url)
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert result == {"file": str(path), "layout": "redwood", "sets": 11, "rows": 11}
    assert rows[1]["load_kg"] == "102.5"
    assert rows[1]["rest_seconds"] == "180"
    assert rows[0]["exercise"] == "barbell-back-squat"
    with pytest.raises(ServiceError, match="layout: use one of redwood, strong"):
        export_csv(tmp_path / "x.csv", layout="fitbod", url=db_url)
    with pytest.raises(ServiceError, match="does not exist"):
        export_json(tmp_path / "missing" / "backup.json", url=db_url)
    with pytest.raises(ServiceError, match="is a directory"):
        export_json(tmp_path, url=db_url)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_damaged_backup_writes_nothing(db_url: str, other_url: str, tmp_path: Path) -> None:
    import_file(fixture("strong_s1.csv"), url=db_url, unit="kg")
    backup = tmp_path / "backup.json"
    export_json(backup, url=db_url)
    document = json.loads(backup.read_text())
    before = state(other_url)
    for change, message in (
        ({"exercise": "no-such-exercise"}, r"sets\[0\]\.exercise: unknown exercise"),
        ({"load_kg": 1_000_000}, r"sets\[0\]: load_kg: must be between"),
        ({"rpe": 11}, r"sets\[0\]: rpe: must be between"),
    ):
        broken = json.loads(json.dumps(document))
        broken["sessions"][-1]["sets"][0].update(change)
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(broken))
        with pytest.raises(ServiceError, match=message) as exc:
            import_file(path, url=other_url)
        assert str(exc.value).startswith("broken.json: sessions[2].sets[0]")
        assert state(other_url) == before
