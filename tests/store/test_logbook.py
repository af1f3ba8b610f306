"""Performed sessions and sets: integrity, idempotency, scoping, exact loads, concurrency."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redwood.domain.logbook import LogbookError, SetEntry
from redwood.domain.vocab import SetType
from redwood.store import (
    AthleteRecord,
    DuplicateRecordError,
    Logbook,
    RecordNotFoundError,
    StaleVersionError,
)
from redwood.store.engine import make_session_factory
from redwood.store.models import SetRow

T0 = datetime(2026, 11, 2, 17, 30, tzinfo=UTC)


def entry(exercise: str = "barbell-back-squat", **fields: object) -> SetEntry:
    values: dict[str, object] = {
        "id": uuid4(),
        "exercise_id": exercise,
        "performed_at": T0,
        "reps": 5,
        "load_kg": Decimal("100"),
    }
    values.update(fields)
    return SetEntry(**values)  # type: ignore[arg-type]


def _count_sets(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SetRow)) or 0


def test_a_set_without_its_session_is_refused(session: Session, athlete: AthleteRecord) -> None:
    session.add(
        SetRow(
            id=uuid4(),
            session_id=uuid4(),
            athlete_id=athlete.id,
            exercise_id="barbell-back-squat",
            position=0,
            set_type="working",
            performed_at=T0,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    with pytest.raises(RecordNotFoundError):
        Logbook(session, athlete.id).add_set(uuid4(), entry())


def test_sets_are_stored_once_per_uuid(session: Session, athlete: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2), title="Back & Legs A")
    first = entry(rpe=Decimal("8"))
    made = log.add_set(day.id, first)
    session.commit()
    again = log.add_set(day.id, first)
    retried_with_other_values = log.add_set(day.id, entry(id=first.id, reps=12))
    session.commit()
    assert made.created
    assert not again.created
    assert not retried_with_other_values.created
    assert again.set == made.set
    assert retried_with_other_values.set.reps == 5
    assert _count_sets(session) == 1
    assert made.set.position == 0
    assert log.add_set(day.id, entry()).set.position == 1


def test_sessions_are_idempotent_by_id_and_import_key(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    key = "strong:2026-11-02 17:30:Back & Legs A"
    first = log.start_session(date(2026, 11, 2), import_key=key, source="import:strong")
    assert log.start_session(date(2026, 11, 2), import_key=key).id == first.id
    assert log.start_session(date(2026, 11, 3), session_id=first.id).local_date == date(2026, 11, 2)
    assert len(log.sessions()) == 1


def test_another_athletes_set_is_not_found(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    mine = Logbook(session, athlete.id)
    theirs = Logbook(session, rival.id)
    day = mine.start_session(date(2026, 11, 2))
    stored = mine.add_set(day.id, entry()).set
    session.commit()
    assert theirs.get_set(stored.id) is None
    assert theirs.get_session(day.id) is None
    assert theirs.history() == []
    assert theirs.delete_set(stored.id) is None
    with pytest.raises(RecordNotFoundError):
        theirs.update_set(stored.id, reps=1)
    with pytest.raises(RecordNotFoundError):
        theirs.add_set(day.id, entry())
    their_day = theirs.start_session(date(2026, 11, 2))
    with pytest.raises(DuplicateRecordError):
        theirs.add_set(their_day.id, entry(id=stored.id))
    assert mine.get_set(stored.id) == stored


def test_a_set_cannot_be_filed_under_another_athletes_session(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    day = Logbook(session, athlete.id).start_session(date(2026, 11, 2))
    session.commit()
    session.add(
        SetRow(
            id=uuid4(),
            session_id=day.id,
            athlete_id=rival.id,
            exercise_id="barbell-back-squat",
            position=0,
            set_type="working",
            performed_at=T0,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(load=st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_loads_round_trip_exactly(engine: Engine, athlete: AthleteRecord, load: Decimal) -> None:
    factory = make_session_factory(engine)
    with factory.begin() as writer:
        log = Logbook(writer, athlete.id)
        day = log.start_session(date(2026, 11, 2))
        set_id = log.add_set(day.id, entry(load_kg=load, rpe=Decimal("7.5"))).set.id
    with factory() as reader:
        stored = Logbook(reader, athlete.id).get_set(set_id)
    assert stored is not None
    assert stored.load_kg is not None
    assert stored.load_kg == load
    assert stored.load_kg.as_tuple().exponent == -3
    assert stored.rpe == Decimal("7.5")


def test_timestamps_come_back_aware_utc(session: Session, athlete: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    paris = datetime(2026, 11, 2, 18, 30, tzinfo=UTC).astimezone(athlete.zone)  # 19:30 in Paris
    day = log.start_session(date(2026, 11, 2), started_at=paris)
    set_id = log.add_set(day.id, entry(performed_at=paris)).set.id
    session.commit()
    session.expire_all()
    stored = log.get_set(set_id)
    assert stored is not None
    assert stored.performed_at == paris
    assert stored.performed_at.tzinfo == UTC
    assert stored.created_at.tzinfo == UTC
    with pytest.raises(LogbookError):
        entry(performed_at=datetime(2026, 11, 2, 18, 30))


def test_edits_check_the_version(session: Session, athlete: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2))
    stored = log.add_set(day.id, entry()).set
    edited = log.update_set(stored.id, expected_version=1, reps=6, set_type=SetType.FAILURE)
    assert (edited.reps, edited.set_type, edited.version) == (6, SetType.FAILURE, 2)
    with pytest.raises(StaleVersionError):
        log.update_set(stored.id, expected_version=1, reps=7)
    with pytest.raises(LogbookError):
        log.update_set(stored.id, load_kg=Decimal("-5"))
    with pytest.raises(RecordNotFoundError):
        log.update_set(stored.id, exercise_id="no-such-move")


def test_deleted_sets_keep_a_tombstone(session: Session, athlete: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2))
    original = entry()
    log.add_set(day.id, original)
    deleted = log.delete_set(original.id)
    assert deleted is not None
    assert deleted.deleted_at is not None
    assert log.get_set(original.id) is None
    replay = log.add_set(day.id, original)
    assert not replay.created
    assert replay.set.deleted_at is not None
    assert log.session_sets(day.id) == []
    restored = log.restore_set(original.id)
    assert restored is not None
    assert restored.deleted_at is None
    assert [s.id for s in log.session_sets(day.id)] == [original.id]


def test_history_pages_newest_first_without_gaps(session: Session, athlete: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2))
    ids: list[UUID] = []
    for minute in range(7):
        made = log.add_set(day.id, entry(performed_at=T0 + timedelta(minutes=minute // 2)))
        ids.append(made.set.id)
    log.add_set(day.id, entry("lat-pulldown", performed_at=T0))
    seen: list[UUID] = []
    cursor = None
    while True:
        page = log.history(exercise_id="barbell-back-squat", before=cursor, limit=3)
        if not page:
            break
        seen.extend(s.id for s in page)
        cursor = (page[-1].performed_at, page[-1].id)
    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(set(seen)) == 7
    window = log.sets_for_exercise("barbell-back-squat", since=T0 + timedelta(minutes=1))
    assert len(window) == 5


def test_repointing_a_custom_exercise_moves_its_sets(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2))
    log.add_set(day.id, entry("romanian-deadlift"))
    assert log.repoint_exercise("romanian-deadlift", "barbell-back-squat") == 1
    assert [s.exercise_id for s in log.session_sets(day.id)] == ["barbell-back-squat"]
