"""Every multi-row write is one transaction: a failure part way leaves nothing behind."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
from sqlalchemy import Engine

from redwood.domain.logbook import SetEntry
from redwood.store import AthleteRecord, Bodyweights, DuplicateRecordError, Logbook
from redwood.store.engine import make_session_factory

DAY = date(2026, 11, 2)


def test_a_failure_part_way_rolls_everything_back(engine: Engine, athlete: AthleteRecord) -> None:
    factory = make_session_factory(engine)
    with factory.begin() as setup:
        Bodyweights(setup, athlete.id).add(DAY, Decimal("80"))

    def import_a_day() -> None:
        with factory.begin() as writer:
            log = Logbook(writer, athlete.id)
            day = log.start_session(DAY, title="Imported")
            for reps in (5, 5, 4):
                log.add_set(
                    day.id,
                    SetEntry(
                        id=uuid4(),
                        exercise_id="barbell-back-squat",
                        performed_at=datetime(2026, 11, 2, 18, tzinfo=UTC),
                        reps=reps,
                        load_kg=Decimal("100"),
                    ),
                )
            Bodyweights(writer, athlete.id).add(DAY, Decimal("81"))  # clashes: all rolls back

    with pytest.raises(DuplicateRecordError):
        import_a_day()
    with factory() as reader:
        assert Logbook(reader, athlete.id).sessions() == []
        assert Logbook(reader, athlete.id).history() == []
        weights = Bodyweights(reader, athlete.id).between()
        assert [w.kg for w in weights] == [Decimal("80.00")]
