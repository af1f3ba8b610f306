"""Store fixtures: a synced sample catalogue and two athletes on the migrated test database."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from redwood.domain.exercise import Exercise
from redwood.store import AthleteRecord, Athletes, sync_catalogue
from tests.store.samples import CATALOGUE


@pytest.fixture
def catalogue(session: Session) -> tuple[Exercise, ...]:
    """The three sample exercises, synced and committed."""
    sync_catalogue(session, CATALOGUE)
    session.commit()
    return CATALOGUE


@pytest.fixture
def athlete(session: Session, catalogue: tuple[Exercise, ...]) -> AthleteRecord:
    """Ana, a registered athlete in Europe/Paris."""
    record = Athletes(session).create("Ana", email="ana@example.com", timezone="Europe/Paris")
    session.commit()
    return record


@pytest.fixture
def rival(session: Session, catalogue: tuple[Exercise, ...]) -> AthleteRecord:
    """Bo, a second athlete who must never see Ana's rows."""
    record = Athletes(session).create("Bo", email="bo@example.com")
    session.commit()
    return record
