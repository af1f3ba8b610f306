"""Programs: the document kept whole, planned sessions exploded, one active program."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redwood.store import AthleteRecord, Programs, RecordNotFoundError
from redwood.store.models import ProgramRow
from tests.store.samples import program_document


def test_at_most_one_program_is_active(session: Session, athlete: AthleteRecord) -> None:
    programs = Programs(session, athlete.id)
    first = programs.create("Block 1", program_document(), activate=True)
    second = programs.create("Block 2", program_document(), activate=True)
    session.commit()
    active = programs.active()
    assert active is not None
    assert active.id == second.id
    first_now = programs.get(first.id)
    assert first_now is not None
    assert not first_now.active
    programs.activate(first.id)
    session.commit()
    assert [p.name for p in programs.all() if p.active] == ["Block 1"]


def test_the_database_refuses_a_second_active_program(
    session: Session, athlete: AthleteRecord
) -> None:
    programs = Programs(session, athlete.id)
    programs.create("Block 1", program_document(), activate=True)
    programs.create("Block 2", program_document())
    session.commit()
    with pytest.raises(IntegrityError):
        session.execute(
            update(ProgramRow).where(ProgramRow.athlete_id == athlete.id).values(active=True)
        )
    session.rollback()


def test_other_athletes_may_each_have_an_active_program(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    Programs(session, athlete.id).create("Mine", program_document(), activate=True)
    Programs(session, rival.id).create("Theirs", program_document(), activate=True)
    session.commit()
    mine = Programs(session, athlete.id).active()
    assert mine is not None
    assert mine.name == "Mine"


def test_document_is_kept_whole_and_sessions_exploded(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    programs = Programs(session, athlete.id)
    document = program_document(weeks=3)
    stored = programs.create("Block 1", document, profile={"goal": "hypertrophy"}, seed=7)
    session.commit()
    session.expire_all()
    again = programs.get(stored.id)
    assert again is not None
    assert again.document == document
    assert list(again.document) == list(document)  # key order kept
    planned = programs.planned_sessions(stored.id)
    assert [(p.week_index, p.weekday, p.position) for p in planned[:2]] == [
        (1, "mon", 0),
        (1, "thu", 1),
    ]
    assert len(planned) == 6
    assert len(programs.planned_sessions(stored.id, week_index=3)) == 2
    assert Programs(session, rival.id).get(stored.id) is None
    assert Programs(session, rival.id).planned_sessions(stored.id) == []
    with pytest.raises(RecordNotFoundError):
        Programs(session, rival.id).activate(stored.id)


def test_replacing_the_document_rebuilds_planned_sessions(
    session: Session, athlete: AthleteRecord
) -> None:
    programs = Programs(session, athlete.id)
    stored = programs.create("Block 1", program_document(weeks=4))
    programs.replace_document(stored.id, program_document(weeks=1))
    assert len(programs.planned_sessions(stored.id)) == 2


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"weeks": {}}, "weeks must be a list"),
        ({"weeks": [{"index": 1, "sessions": [{"weekday": "someday"}]}]}, "weeks[0].sessions[0]"),
        ({"weeks": [{"index": 1}, {"index": 1}]}, "weeks[1].index"),
    ],
)
def test_malformed_documents_are_refused_with_their_location(
    session: Session, athlete: AthleteRecord, document: dict[str, object], where: str
) -> None:
    with pytest.raises(ValueError, match=where.replace("[", r"\[").replace("]", r"\]")):
        Programs(session, athlete.id).create("Bad", document)
