"""`Owners` tells whose a set, session or planned session id is, across athletes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.store import AthleteRecord, Logbook, Programs
from redwood.store.owners import Owners
from tests.store.samples import program_document


def test_owners_of_ids(session: Session, athlete: AthleteRecord, rival: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    performed = log.start_session(date(2026, 11, 2))
    entry = SetEntry(
        id=uuid4(),
        exercise_id="barbell-back-squat",
        performed_at=datetime(2026, 11, 2, 12, tzinfo=UTC),
        reps=5,
    )
    log.add_set(performed.id, entry)
    program = Programs(session, rival.id).create("Bo's", program_document())
    planned = Programs(session, rival.id).planned_sessions(program.id)[0]
    owners = Owners(session)
    assert owners.of_set(entry.id) == athlete.id
    assert owners.of_session(performed.id) == athlete.id
    assert owners.of_planned_session(planned.id) == rival.id
    assert owners.of_set(uuid4()) is None
    assert owners.of_session(uuid4()) is None
    assert owners.of_planned_session(10_000) is None
    log.delete_set(entry.id)
    assert owners.of_set(entry.id) == athlete.id  # a tombstone still owns its id
