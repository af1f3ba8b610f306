"""The undo journal and the coach settings of migration 0002, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.store import (
    AthleteRecord,
    Athletes,
    Logbook,
    RecordNotFoundError,
    StaleVersionError,
    ensure_local_athlete,
    migrate,
    sync_catalogue,
)
from redwood.store.engine import make_engine, make_session_factory
from redwood.store.journal import Journal
from tests.store.samples import CATALOGUE

T0 = datetime(2026, 11, 2, 17, 30, tzinfo=UTC)


def _set(session: Session, athlete: AthleteRecord, set_id: UUID) -> None:
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2))
    log.add_set(
        day.id,
        SetEntry(
            id=set_id,
            exercise_id="barbell-back-squat",
            performed_at=T0,
            reps=5,
            load_kg=Decimal(100),
        ),
    )


def test_entries_come_back_newest_open_first(session: Session, athlete: AthleteRecord) -> None:
    journal = Journal(session, athlete.id)
    assert journal.last_open() is None
    first = journal.record("add", {"sets": ["a"], "session": "s", "session_created": True})
    second = journal.record("edit", {"set": "a", "before": {"reps": 5, "load_kg": "100"}})
    session.commit()
    assert journal.last_open() == second
    assert second.payload == {"set": "a", "before": {"reps": 5, "load_kg": "100"}}
    assert second.created_at.tzinfo == UTC
    undone = journal.mark_undone(second.id)
    session.commit()
    assert undone.undone_at is not None
    assert journal.last_open() == first
    journal.mark_undone(first.id)
    assert journal.last_open() is None
    assert [entry.kind for entry in journal.entries()] == ["edit", "add"]


def test_an_entry_is_undone_only_once(session: Session, athlete: AthleteRecord) -> None:
    journal = Journal(session, athlete.id)
    entry = journal.record("delete", {"sets": ["a"]})
    journal.mark_undone(entry.id)
    with pytest.raises(StaleVersionError):
        journal.mark_undone(entry.id)
    with pytest.raises(RecordNotFoundError):
        journal.mark_undone(entry.id + 1000)


def test_two_undos_racing_cannot_both_claim_an_entry(
    engine: Engine, athlete: AthleteRecord
) -> None:
    factory = make_session_factory(engine)
    with factory.begin() as setup:
        entry = Journal(setup, athlete.id).record("add", {"sets": []})
    if engine.dialect.name == "sqlite":
        # SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE): the
        # second undo starts only after the first committed, and finds the entry taken.
        with factory() as one:
            assert Journal(one, athlete.id).last_open() == entry
            Journal(one, athlete.id).mark_undone(entry.id)
            one.commit()
        with factory() as two:
            assert Journal(two, athlete.id).last_open() is None
            with pytest.raises(StaleVersionError):
                Journal(two, athlete.id).mark_undone(entry.id)
        return
    with factory() as one, factory() as two:
        assert Journal(one, athlete.id).last_open() == Journal(two, athlete.id).last_open()
        Journal(one, athlete.id).mark_undone(entry.id)
        one.commit()
        # PostgreSQL re-checks the row under the lock and finds it undone.
        with pytest.raises((StaleVersionError, OperationalError)):
            Journal(two, athlete.id).mark_undone(entry.id)


@pytest.mark.parametrize(
    ("kind", "payload"),
    [("rename", {}), ("add", {"when": datetime(2026, 1, 1, tzinfo=UTC)})],
)
def test_unknown_kinds_and_non_json_payloads_are_refused(
    session: Session, athlete: AthleteRecord, kind: str, payload: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match=r"^(kind|payload):"):
        Journal(session, athlete.id).record(kind, payload)


def test_another_athletes_journal_is_invisible(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    mine = Journal(session, athlete.id).record("add", {"sets": []})
    theirs = Journal(session, rival.id)
    assert theirs.last_open() is None
    assert theirs.get(mine.id) is None
    with pytest.raises(RecordNotFoundError):
        theirs.mark_undone(mine.id)


def test_deleting_the_athlete_deletes_the_journal(session: Session, athlete: AthleteRecord) -> None:
    Journal(session, athlete.id).record("add", {"sets": []})
    session.commit()
    Athletes(session).delete(athlete.id)
    session.commit()
    assert session.execute(text("SELECT COUNT(*) FROM log_actions")).scalar_one() == 0


IDS = [
    UUID("3f2a9c1e-0000-4000-8000-000000000001"),
    UUID("3f2a9c1e-ffff-4000-8000-000000000002"),
    UUID("3f2a9c1f-0000-4000-8000-000000000003"),
    UUID("00000000-0000-4000-8000-000000000004"),
    UUID("ffffffff-ffff-4fff-bfff-ffffffffffff"),
]


@pytest.mark.parametrize(
    ("prefix", "found"),
    [
        ("3f2a9c1e", IDS[:2]),
        ("3F2A9C1E-0000", IDS[:1]),
        ("3f2a9c1f", IDS[2:3]),
        ("3f2a9c", IDS[:3]),
        ("00000000", IDS[3:4]),
        ("ffffffff", IDS[4:5]),
        (str(IDS[1]), IDS[1:2]),
        ("3f2a9c1d", []),
    ],
)
def test_sets_are_found_by_the_start_of_their_id(
    session: Session, athlete: AthleteRecord, prefix: str, found: list[UUID]
) -> None:
    for set_id in IDS:
        _set(session, athlete, set_id)
    session.commit()
    journal = Journal(session, athlete.id)
    assert journal.set_ids_with_prefix(prefix, limit=10) == found


def test_prefix_lookup_skips_deleted_and_other_athletes_sets(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    _set(session, athlete, IDS[0])
    _set(session, rival, IDS[1])
    session.commit()
    assert Journal(session, rival.id).set_ids_with_prefix("3f2a9c1e") == [IDS[1]]
    Logbook(session, athlete.id).delete_set(IDS[0])
    journal = Journal(session, athlete.id)
    assert journal.set_ids_with_prefix("3f2a9c1e") == []
    assert journal.set_ids_with_prefix("3f2a9c1e", include_deleted=True) == [IDS[0]]


@pytest.mark.parametrize("prefix", ["", "xyz12345", "3f2a 9c1e", "0" * 33])
def test_prefixes_that_are_not_hex_are_refused(
    session: Session, athlete: AthleteRecord, prefix: str
) -> None:
    with pytest.raises(ValueError, match=r"^set: "):
        Journal(session, athlete.id).set_ids_with_prefix(prefix)


def test_coach_settings_are_stored_on_the_athlete(session: Session, athlete: AthleteRecord) -> None:
    assert athlete.coach_settings is None
    settings = {
        "rules": {"barbell-back-squat": "two_for_two"},
        "weekly_cap": "0.05",
        "stack_step_kg": "5",
    }
    updated = Athletes(session).update(athlete.id, coach_settings=settings)
    session.commit()
    stored = Athletes(session).get(athlete.id)
    assert stored is not None
    assert stored.coach_settings == settings == updated.coach_settings
    assert Athletes(session).update(athlete.id, coach_settings=None).coach_settings is None
    with pytest.raises(ValueError, match="coach_settings"):
        Athletes(session).update(athlete.id, coach_settings=["not", "an", "object"])


def test_downgrading_0002_keeps_the_data_of_0001(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        with make_session_factory(engine).begin() as session:
            sync_catalogue(session, CATALOGUE)
            ana = Athletes(session).create("Ana", email="ana@example.com")
            Athletes(session).update(ana.id, coach_settings={"weekly_cap": "0.05"})
            set_id = uuid4()
            _set(session, ana, set_id)
            Journal(session, ana.id).record("add", {"sets": [str(set_id)]})
            ensure_local_athlete(session)
        migrate.downgrade(engine, "0001")
        assert migrate.current(engine) == "0001"
        with engine.connect() as connection:
            assert connection.execute(text("SELECT COUNT(*) FROM sets")).scalar_one() == 1
            assert connection.execute(text("SELECT COUNT(*) FROM athletes")).scalar_one() == 2
        with pytest.raises(IntegrityError), engine.begin() as connection:  # one local athlete
            connection.execute(text("INSERT INTO athletes (name, is_local) VALUES ('Me', true)"))
        migrate.upgrade(engine)
        with make_session_factory(engine)() as session:
            again = Athletes(session).get(ana.id)
            assert again is not None
            assert again.coach_settings is None
            assert Journal(session, ana.id).last_open() is None
            assert Logbook(session, ana.id).get_set(set_id) is not None
    finally:
        engine.dispose()
