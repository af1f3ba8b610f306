"""Bodyweight readings (one per local date) and readiness check-ins (ranges checked twice)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redwood.store import AthleteRecord, Bodyweights, Checkins, DuplicateRecordError

DAY = date(2026, 11, 2)


def test_one_bodyweight_per_date(session: Session, athlete: AthleteRecord) -> None:
    weights = Bodyweights(session, athlete.id)
    weights.add(DAY, Decimal("80.4"))
    with pytest.raises(DuplicateRecordError):
        weights.add(DAY, Decimal("81"))
    replaced = weights.put(DAY, Decimal("80.95"), note="after breakfast")
    session.commit()
    assert replaced.kg == Decimal("80.95")
    assert [w.kg for w in weights.between()] == [Decimal("80.95")]


def test_the_database_refuses_a_second_reading_that_day(
    session: Session, athlete: AthleteRecord
) -> None:
    insert = text("INSERT INTO bodyweights (athlete_id, measured_on, kg) VALUES (:a, :d, 80)")
    session.execute(insert, {"a": athlete.id, "d": DAY})
    with pytest.raises(IntegrityError):
        session.execute(insert, {"a": athlete.id, "d": DAY})


def test_bodyweights_are_per_athlete(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    Bodyweights(session, athlete.id).add(DAY, Decimal("80"))
    Bodyweights(session, rival.id).add(DAY, Decimal("95"))
    latest = Bodyweights(session, rival.id).latest()
    assert latest is not None
    assert latest.kg == Decimal("95")
    assert Bodyweights(session, rival.id).delete(DAY)
    assert Bodyweights(session, athlete.id).get(DAY) is not None


@pytest.mark.parametrize("kg", [Decimal("0"), Decimal("-3"), Decimal("1000"), Decimal("NaN")])
def test_impossible_bodyweights_are_refused(
    session: Session, athlete: AthleteRecord, kg: Decimal
) -> None:
    with pytest.raises(ValueError, match="kg"):
        Bodyweights(session, athlete.id).add(DAY, kg)


def test_checkins_keep_the_latest_of_a_day(session: Session, athlete: AthleteRecord) -> None:
    checkins = Checkins(session, athlete.id)
    checkins.add(DAY, sleep_hours=Decimal("5.5"), soreness=4, energy=2)
    later = checkins.add(DAY, sleep_hours=Decimal("7"), pain_where=["knee"])
    session.commit()
    latest = checkins.latest(on_or_before=DAY)
    assert latest is not None
    assert latest.id == later.id
    assert latest.pain
    assert latest.pain_where == ("knee",)
    assert len(checkins.between(DAY, DAY)) == 2


@pytest.mark.parametrize("values", [{"soreness": 0}, {"energy": 6}, {"sleep_hours": Decimal("25")}])
def test_checkin_ranges_are_refused_before_writing(
    session: Session, athlete: AthleteRecord, values: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match=next(iter(values))):
        Checkins(session, athlete.id).add(DAY, **values)  # type: ignore[arg-type]


def test_checkin_ranges_are_also_database_constraints(
    session: Session, athlete: AthleteRecord
) -> None:
    with pytest.raises(IntegrityError):
        session.execute(
            text("INSERT INTO checkins (athlete_id, local_date, soreness) VALUES (:a, :d, 9)"),
            {"a": athlete.id, "d": DAY},
        )
