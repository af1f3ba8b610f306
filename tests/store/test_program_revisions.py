"""Program revisions: an edited document stored in place, planned sessions matched by
(week, position) so performed sessions keep their link, removed ones unlinked with their
sets kept, nothing of another athlete's touched. SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.store import AthleteRecord, Logbook, Programs, RecordNotFoundError
from redwood.store.program_revisions import ProgramRevisions
from tests.store.samples import program_document

T0 = datetime(2026, 11, 16, 17, 30, tzinfo=UTC)


def _retitled(document: dict[str, Any], title: str) -> dict[str, Any]:
    edited = copy.deepcopy(document)
    for week in edited["weeks"]:
        week["sessions"][0]["title"] = title
        week["sessions"][0]["weekday"] = "tue"
    return edited


def test_kept_sessions_keep_their_ids_and_take_the_new_contents(
    session: Session, athlete: AthleteRecord
) -> None:
    programs = Programs(session, athlete.id)
    stored = programs.create(
        "Block 1", program_document(weeks=2), profile={"goal": "x"}, seed=3, activate=True
    )
    before = programs.planned_sessions(stored.id)
    edited = _retitled(program_document(weeks=2), "Heavy Day")
    revision = ProgramRevisions(session, athlete.id).revise(
        stored.id, edited, profile={"goal": "strength"}, starts_on=date(2026, 11, 2)
    )
    after = programs.planned_sessions(stored.id)
    assert [p.id for p in after] == [p.id for p in before]
    assert [(p.title, p.weekday) for p in after[::2]] == [("Heavy Day", "tue")] * 2
    assert after[0].data == edited["weeks"][0]["sessions"][0]
    assert (revision.kept, revision.added, revision.removed, revision.unlinked) == (4, 0, 0, 0)
    record = revision.program
    assert (record.id, record.name, record.seed, record.active) == (stored.id, "Block 1", 3, True)
    assert record.document == edited
    assert record.profile == {"goal": "strength"}
    assert record.starts_on == date(2026, 11, 2)
    assert programs.get(stored.id) == record


def test_removed_sessions_are_unlinked_and_their_sets_kept(
    session: Session, athlete: AthleteRecord
) -> None:
    programs = Programs(session, athlete.id)
    stored = programs.create("Block 1", program_document(weeks=3))
    planned = {(p.week_index, p.position): p.id for p in programs.planned_sessions(stored.id)}
    log = Logbook(session, athlete.id)
    kept_link = log.start_session(date(2026, 11, 2), planned_session_id=planned[(1, 0)])
    lost_link = log.start_session(date(2026, 11, 16), planned_session_id=planned[(3, 1)])
    squat = SetEntry(uuid4(), "barbell-back-squat", T0, reps=5, load_kg=Decimal(100))
    log.add_set(lost_link.id, squat)
    shorter = program_document(weeks=2)
    shorter["weeks"][1]["sessions"].append(
        {"weekday": "sat", "title": "Back & Legs C", "blocks": []}
    )
    revision = ProgramRevisions(session, athlete.id).revise(stored.id, shorter, profile=None)
    assert (revision.kept, revision.added, revision.removed, revision.unlinked) == (4, 1, 2, 1)
    now = {(p.week_index, p.position): p.id for p in programs.planned_sessions(stored.id)}
    assert set(now) == {(1, 0), (1, 1), (2, 0), (2, 1), (2, 2)}
    assert all(now[key] == planned[key] for key in ((1, 0), (1, 1), (2, 0), (2, 1)))
    session.expire_all()
    assert log.get_session(kept_link.id).planned_session_id == planned[(1, 0)]  # type: ignore[union-attr]
    unlinked = log.get_session(lost_link.id)
    assert unlinked is not None
    assert unlinked.planned_session_id is None
    assert [s.id for s in log.session_sets(lost_link.id)] == [squat.id]
    assert revision.program.profile is None  # none given, none stored before


def test_another_athletes_program_is_not_found_and_not_touched(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    stored = Programs(session, athlete.id).create("Block 1", program_document(weeks=2))
    with pytest.raises(RecordNotFoundError):
        ProgramRevisions(session, rival.id).revise(
            stored.id, program_document(weeks=1), profile=None
        )
    with pytest.raises(RecordNotFoundError):
        ProgramRevisions(session, athlete.id).revise(
            stored.id + 1, program_document(weeks=1), profile=None
        )
    assert len(Programs(session, athlete.id).planned_sessions(stored.id)) == 4


def test_a_malformed_document_is_refused_before_anything_changes(
    session: Session, athlete: AthleteRecord
) -> None:
    programs = Programs(session, athlete.id)
    stored = programs.create("Block 1", program_document(weeks=2))
    broken = program_document(weeks=2)
    broken["weeks"][1]["sessions"][0]["weekday"] = "someday"
    with pytest.raises(ValueError, match=r"weeks\[1\]\.sessions\[0\]"):
        ProgramRevisions(session, athlete.id).revise(stored.id, broken, profile=None)
    assert programs.get(stored.id).document == program_document(weeks=2)  # type: ignore[union-attr]
