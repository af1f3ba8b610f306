"""Imports as history on SQLite and PostgreSQL: every import that writes is recorded and
listed; undo takes back exactly what one import added (sets, the sessions it made, custom
exercises no longer used, body weights put back as they were, a backup's programs and
check-ins) and nothing else (sets logged by hand, other imports, other athletes); `replace`
swaps an earlier import of the same file for a new one in one transaction. Hypothesis checks
the invariant: any imports, undone in any order, leave the log as it was."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redwood.domain.mass import Mass
from redwood.domain.notation import SetSpec
from redwood.services import accounts, athletes, logbook, planning
from redwood.services.athletes import local_athlete
from redwood.services.database import unit_of_work
from redwood.services.errors import ConflictError, NotFoundError
from redwood.services.exports import export_json
from redwood.services.identity import acting_as
from redwood.services.import_history import list_imports, source_key, undo_import
from redwood.services.imports import import_file
from redwood.store import Bodyweights, Checkins, Logbook, Programs
from tests.io.importers.reading import fixture
from tests.services.snapshots import state
from tests.services.test_identity import PROFILE

TODAY = date(2026, 11, 20)


@pytest.fixture
def url(db_url: str) -> str:
    athletes.set_timezone("Europe/Berlin", db_url)
    return db_url


def _import(url: str, name: str | Path, **options: Any) -> dict[str, Any]:
    path = fixture(name) if isinstance(name, str) else name
    return import_file(path, url=url, unit="kg", **options)


def _loads(url: str) -> list[Decimal | None]:
    with unit_of_work(url) as session:
        log = Logbook(session, local_athlete(session).id)
        return [item.load_kg for item in log.batches().all_sets()]


def test_imports_are_listed_newest_first(url: str) -> None:
    first = _import(url, "strong_s1.csv")
    second = _import(url, "fitbod_kg.csv")
    assert first["import"] < second["import"]
    items = list_imports(url=url)["items"]
    assert [item["id"] for item in items] == [second["import"], first["import"]]
    newest = items[0]
    assert {key: newest[key] for key in ("file", "format", "sessions", "sets", "status")} == {
        "file": "fitbod_kg.csv",
        "format": "fitbod",
        "sessions": 3,
        "sets": 11,
        "status": "live",
    }
    assert newest["layout"] == "Weight(kg), one set per row (11 columns, ',')"
    assert (newest["unit"], newest["custom_created"], newest["skipped"]) == ("kg", 1, 1)


def test_imports_that_change_nothing_leave_no_record(url: str) -> None:
    assert _import(url, "strong_s1.csv", dry_run=True)["import"] is None
    assert list_imports(url=url)["items"] == []
    assert _import(url, "strong_s1.csv")["import"] is not None
    assert _import(url, "strong_s1.csv")["import"] is None  # adds nothing
    assert len(list_imports(url=url)["items"]) == 1


def test_undo_takes_back_the_newest_import_exactly(url: str) -> None:
    empty = state(url)
    _import(url, "strong_s1.csv")
    after_first = state(url)
    _import(url, "hevy_kg.csv")
    result = undo_import(url=url)
    assert result["import"]["file"] == "hevy_kg.csv"
    assert result["import"]["status"] == "undone"
    assert (result["sets"], result["sessions"]) == (7, 2)
    assert result["message"].startswith("Undid import ")
    assert state(url) == after_first
    result = undo_import(url=url)
    assert result["import"]["file"] == "strong_s1.csv"
    assert (result["sets"], result["sessions"], result["custom_removed"]) == (11, 3, 2)
    assert state(url) == empty
    with pytest.raises(NotFoundError, match="there is no import to undo"):
        undo_import(url=url)
    with pytest.raises(ConflictError, match="was undone already"):
        undo_import(result["import"]["id"], url=url)
    with pytest.raises(NotFoundError, match="there is no import 999"):
        undo_import(999, url=url)


def test_undo_keeps_what_was_logged_by_hand(url: str) -> None:
    report = _import(url, "strong_s1.csv")
    with unit_of_work(url) as session:
        imported = Logbook(session, local_athlete(session).id).sessions()[0]
    five = [SetSpec(5, Mass(Decimal(100)))]
    custom = _customs(url)[0]
    logbook.add_sets(
        imported.local_date, custom, five, session_id=imported.id, today=TODAY, url=url
    )
    logbook.add_sets(TODAY, "squat", five, today=TODAY, url=url)
    result = undo_import(report["import"], url=url)
    assert result["sets"] == 11
    assert result["sessions"] == 2  # the session with a set logged by hand stays
    assert result["custom_kept"] == [custom]
    with unit_of_work(url) as session:
        log = Logbook(session, local_athlete(session).id)
        left = list(log.batches().all_sets())
        assert [s.session_id for s in left].count(imported.id) == 1
        assert len(left) == 2
        assert [s.id for s in log.sessions()].count(imported.id) == 1


def _customs(url: str) -> list[str]:
    from redwood.store import Exercises

    with unit_of_work(url) as session:
        return [e.id for e in Exercises(session, local_athlete(session).id).custom()]


def test_body_weights_go_back_to_what_they_were(url: str) -> None:
    with unit_of_work(url) as session:
        weights = Bodyweights(session, local_athlete(session).id)
        weights.put(date(2024, 3, 1), Decimal("79.9"), note="scale at home")
    report = _import(url, "strong_bodyweight.csv")
    assert report["bodyweights"] == 3
    with unit_of_work(url) as session:
        weights = Bodyweights(session, local_athlete(session).id)
        replaced = weights.get(date(2024, 3, 1))
        assert replaced is not None
        assert replaced.source == "strong"
        changed = weights.get(date(2024, 3, 2))
        assert changed is not None
        weights.put(date(2024, 3, 2), Decimal("90"), note="typed later")
    result = undo_import(report["import"], url=url)
    assert (result["bodyweights"], result["bodyweights_kept"]) == (2, 1)
    with unit_of_work(url) as session:
        weights = Bodyweights(session, local_athlete(session).id)
        kept = [(w.measured_on, w.kg, w.source, w.note) for w in weights.between()]
    assert kept == [
        (date(2024, 3, 1), Decimal("79.90"), "manual", "scale at home"),
        (date(2024, 3, 2), Decimal("90.00"), "manual", "typed later"),
    ]


def test_replace_swaps_an_earlier_import_of_the_same_file(url: str, tmp_path: Path) -> None:
    first = _import(url, "strong_s1_10.csv")
    kilos = _loads(url)
    again = tmp_path / "strong_s1_10 (1).csv"
    shutil.copy(fixture("strong_s1_10.csv"), again)
    report = import_file(again, url=url, unit="lb", replace=True)
    assert report["replaced"] == [
        {"id": first["import"], "file": "strong_s1_10.csv", "sets": first["sets"], "sessions": 1}
    ]
    assert report["sets"] == first["sets"]
    pounds = _loads(url)
    assert len(pounds) == len(kilos)
    assert all(lb < kg for lb, kg in zip(pounds, kilos, strict=True) if lb and kg)
    items = list_imports(url=url)["items"]
    assert [(i["status"], i["replaced_by"]) for i in items] == [
        ("live", None),
        ("replaced", report["import"]),
    ]
    dry = import_file(again, url=url, unit="kg", replace=True, dry_run=True)
    assert (dry["import"], [r["id"] for r in dry["replaced"]]) == (None, [report["import"]])
    assert _loads(url) == pounds
    other = _import(url, "strong_s1_11.csv", replace=True)
    assert other["replaced"] == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("strong_workouts.csv", "strong_workouts.csv"),
        ("Strong_Workouts (1).CSV", "strong_workouts.csv"),
        ("strong_workouts[2].csv", "strong_workouts.csv"),
        ("  backup 2024.json ", "backup 2024.json"),
    ],
)
def test_the_source_key_of_a_file_name(name: str, key: str) -> None:
    assert source_key(name) == key


def test_undoing_a_restore(url: str, tmp_path: Path) -> None:
    spare = planning.save_program(planning.plan(PROFILE), activate=True, url=url)
    seeded = replace(PROFILE, seed=11)
    chosen = planning.save_program(planning.plan(seeded), activate=True, url=url)
    strong = _import(url, "strong_s1.csv")
    logbook.add_checkin(TODAY, today=TODAY, sleep_hours=Decimal(7), url=url)
    backup = tmp_path / "backup.json"
    export_json(backup, url=url)
    undo_import(strong["import"], url=url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session).id
        for checkin in Checkins(session, athlete).between():
            Checkins(session, athlete).delete(checkin.id)
        Programs(session, athlete).delete(chosen)
        Programs(session, athlete).activate(spare)
    before = (state(url), planning.list_programs(url=url))

    report = import_file(backup, url=url)
    assert (report["programs"], report["checkins"], report["sets"]) == (1, 1, 11)
    assert report["custom_created"] == 2
    assert _active(url) != spare
    result = undo_import(report["import"], url=url)
    assert (result["programs"], result["checkins"], result["sets"]) == (1, 1, 11)
    assert result["custom_removed"] == 2
    assert result["settings_kept"] is True
    assert "Settings the backup restored" in result["message"]
    assert (state(url), planning.list_programs(url=url)) == before
    assert _active(url) == spare
    assert logbook.list_checkins(url=url) == []


def _active(url: str) -> int | None:
    with unit_of_work(url) as session:
        active = Programs(session, local_athlete(session).id).active()
        return None if active is None else active.id


def test_another_athletes_import_is_not_found(db_url: str) -> None:
    ana = accounts.register("ana@example.com", "a long passphrase", "Ana", url=db_url)
    bo = accounts.register("bo@example.com", "a long passphrase", "Bo", url=db_url)
    with acting_as(int(ana["id"])):
        made = import_file(fixture("strong_s1.csv"), url=db_url, unit="kg")
    with acting_as(int(bo["id"])):
        assert list_imports(url=db_url)["items"] == []
        with pytest.raises(NotFoundError):
            undo_import(made["import"], url=db_url)
        with pytest.raises(NotFoundError):
            undo_import(url=db_url)
        again = import_file(fixture("strong_s1.csv"), url=db_url, unit="kg", replace=True)
        assert again["replaced"] == []
    with acting_as(int(ana["id"])):
        assert [item["status"] for item in list_imports(url=db_url)["items"]] == ["live"]


FILES = ["strong_s1.csv", "hevy_kg.csv", "fitnotes_lbs.csv", "fitbod_kg.csv", "fitbod_old.csv"]


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    chosen=st.lists(st.sampled_from(FILES), min_size=1, max_size=4),
    order=st.randoms(use_true_random=False),
)
def test_any_imports_undone_in_any_order_leave_the_log_as_it_was(
    db_url: str, chosen: list[str], order: Any
) -> None:
    before = state(db_url)
    made = [import_file(fixture(name), url=db_url, unit="kg")["import"] for name in chosen]
    recorded = [number for number in made if number is not None]
    order.shuffle(recorded)
    for number in recorded:
        undo_import(number, url=db_url)
    assert state(db_url) == before
