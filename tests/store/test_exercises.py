"""The catalogue sync (upsert by id, custom rows untouched), custom exercises and mappings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from redwood.domain.exercise import Exercise
from redwood.domain.logbook import SetEntry
from redwood.store import (
    AthleteRecord,
    DuplicateRecordError,
    Exercises,
    Logbook,
    RecordInUseError,
    RecordNotFoundError,
    sync_catalogue,
)
from redwood.store.models import ExerciseRow, utcnow
from tests.store.samples import CATALOGUE, PULLDOWN, RDL, SQUAT, make_exercise


def _row(session: Session, ex_id: str) -> ExerciseRow:
    row = session.scalars(select(ExerciseRow).where(ExerciseRow.id == ex_id)).one()
    session.refresh(row)
    return row


@pytest.mark.empty_database
def test_sync_inserts_then_changes_nothing(session: Session) -> None:
    first = sync_catalogue(session, CATALOGUE)
    second = sync_catalogue(session, CATALOGUE)
    session.commit()
    assert (first.inserted, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.inserted, second.updated, second.unchanged, second.retired) == (0, 0, 3, 0)
    assert first.total == second.total == 3


def test_sync_upserts_by_id_and_never_touches_custom_rows(
    session: Session, athlete: AthleteRecord
) -> None:
    exercises = Exercises(session, athlete.id)
    mine = exercises.create_custom(make_exercise("towel-squat", "My Towel Squat"))
    session.commit()
    before = _row(session, mine.id)
    stamp, record = before.updated_at, dict(before.record)

    renamed = replace(SQUAT, name="Back Squat", cues=("Brace", "Sit between the hips"))
    result = sync_catalogue(session, [renamed, RDL, make_exercise("goblet-squat", "Goblet Squat")])
    session.commit()

    assert (result.inserted, result.updated, result.unchanged, result.retired) == (1, 1, 1, 1)
    squat = exercises.get(SQUAT.id)
    assert squat is not None
    assert squat.name == "Back Squat"
    assert squat.cues == ("Brace", "Sit between the hips")
    after = _row(session, mine.id)
    assert (after.updated_at, dict(after.record), after.source) == (stamp, record, "custom")
    assert _row(session, PULLDOWN.id).retired
    assert PULLDOWN.id not in {e.id for e in exercises.visible()}
    assert exercises.get(PULLDOWN.id) is not None  # old sets still resolve it

    back = sync_catalogue(session, CATALOGUE)
    assert back.updated == 2
    assert not _row(session, PULLDOWN.id).retired


def test_sync_leaves_a_custom_row_with_a_clashing_id_alone(
    session: Session, athlete: AthleteRecord
) -> None:
    clash = Exercises(session, athlete.id).create_custom(make_exercise("custom-x", "Mine"))
    result = sync_catalogue(session, [*CATALOGUE, make_exercise(clash.id, "Catalogue X")])
    assert result.conflicts == (clash.id,)
    assert _row(session, clash.id).name == "Mine"


@pytest.mark.empty_database
def test_custom_exercises_are_private(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    mine = Exercises(session, athlete.id).create_custom(make_exercise("jug-row", "Water Jug Row"))
    assert mine.id.startswith("custom-jug-row-")
    assert mine.custom
    assert Exercises(session, athlete.id).find_by_name("water  JUG row") == mine
    assert Exercises(session, rival.id).get(mine.id) is None
    assert Exercises(session, rival.id).find_by_name("Water Jug Row") is None
    assert {e.id for e in Exercises(session, rival.id).visible()} == {e.id for e in CATALOGUE}
    kept = Exercises(session, athlete.id).create_custom(make_exercise("custom-kept", "Kept"))
    assert kept.id == "custom-kept"
    with pytest.raises(DuplicateRecordError):
        Exercises(session, rival.id).create_custom(make_exercise("custom-kept", "Again"))


def test_a_custom_exercise_with_sets_cannot_be_deleted(
    session: Session, athlete: AthleteRecord
) -> None:
    exercises = Exercises(session, athlete.id)
    mine: Exercise = exercises.create_custom(make_exercise("sled-drag", "Sled Drag"))
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2))
    log.add_set(day.id, SetEntry(id=uuid4(), exercise_id=mine.id, performed_at=utcnow()))
    with pytest.raises(RecordInUseError):
        exercises.delete_custom(mine.id)
    assert exercises.get(mine.id) is not None


def test_mappings_fold_names_and_stay_per_athlete(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    mine = Exercises(session, athlete.id)
    mine.save_mapping("Squat (Barbell) ", SQUAT.id)
    mine.save_mapping("SQUAT barbell", RDL.id)  # same folded name: replaced
    session.commit()
    assert mine.mapped("squat   (barbell)") == RDL.id
    assert len(mine.mappings()) == 1
    assert Exercises(session, rival.id).mapped("Squat (Barbell)") is None
    with pytest.raises(RecordNotFoundError):
        mine.save_mapping("Anything", "no-such-exercise")
    assert mine.delete_mapping("Squat (Barbell)")
    assert mine.mapped("Squat (Barbell)") is None
