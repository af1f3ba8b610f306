"""Athletes: the single local athlete, unique emails, settings and cascading deletes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.store import (
    AthleteRecord,
    Athletes,
    DuplicateRecordError,
    Logbook,
    ensure_local_athlete,
)
from redwood.store.engine import make_session_factory
from redwood.store.models import SetRow


def test_the_local_athlete_is_made_once(engine: Engine) -> None:
    factory = make_session_factory(engine)
    with factory.begin() as first:
        made = ensure_local_athlete(first, timezone="America/Chicago")
    with factory.begin() as second:
        again = ensure_local_athlete(second)
    assert made.id == again.id
    assert again.is_local
    assert again.email is None
    assert again.timezone == "America/Chicago"
    assert again.created_at.tzinfo == UTC


def test_emails_are_unique_whatever_their_case(session: Session) -> None:
    athletes = Athletes(session)
    ana = athletes.create("Ana", email=" Ana@Example.com ", password_hash="argon2$x")
    assert ana.email == "ana@example.com"
    assert ana.has_password
    with pytest.raises(DuplicateRecordError):
        athletes.create("Impostor", email="ANA@example.com")
    assert athletes.by_email("ana@EXAMPLE.com") == ana
    assert athletes.password_hash(ana.id) == "argon2$x"
    bo = athletes.create("Bo", email="bo@example.com")
    with pytest.raises(DuplicateRecordError):
        athletes.update(bo.id, email="ana@example.com")


def test_settings_are_checked(session: Session) -> None:
    athletes = Athletes(session)
    ana = athletes.create("Ana")
    changed = athletes.update(
        ana.id, unit="lb", timezone="Asia/Tokyo", plates={"bar_kg": "20", "plates_kg": ["25"]}
    )
    assert (changed.unit, changed.timezone) == ("lb", "Asia/Tokyo")
    assert changed.plates == {"bar_kg": "20", "plates_kg": ["25"]}
    with pytest.raises(ValueError, match="timezone"):
        athletes.update(ana.id, timezone="Mars/Olympus")
    with pytest.raises(ValueError, match="unit"):
        athletes.update(ana.id, unit="stone")
    with pytest.raises(ValueError, match="password"):
        athletes.update(ana.id, password="plain")


def test_deleting_an_athlete_removes_their_log(session: Session, athlete: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    day = log.start_session(date(2026, 11, 2))
    log.add_set(
        day.id,
        SetEntry(
            id=uuid4(),
            exercise_id="barbell-back-squat",
            performed_at=datetime(2026, 11, 2, 18, tzinfo=UTC),
        ),
    )
    session.commit()
    assert Athletes(session).delete(athlete.id)
    session.commit()
    assert session.scalar(select(func.count()).select_from(SetRow)) == 0
    assert Athletes(session).get(athlete.id) is None
