"""An athlete with an active program whose session is today: barbell squats (with an
earlier session, so the coach prescribes loads and plates), then a leg curl + lat pulldown
superset that alternates (their loads are found on the day)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from redwood.domain.profile import Weekday
from redwood.domain.program import Block, BlockType, PlannedSession, Prescription
from redwood.services import accounts, logbook, planning
from redwood.services.identity import acting_as
from tests.coach.builders import program, session

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def today() -> date:
    """The athlete's today (their time zone is UTC)."""
    return datetime.now(UTC).date()


def todays_session() -> PlannedSession:
    """Squats, then the superset, on today's weekday."""
    first = session(WEEKDAYS[today().weekday()], exercises=(("barbell-back-squat", 2, 5, 8, 2),))
    pair = Block(
        BlockType.SUPERSET,
        (
            Prescription("lying-leg-curl", 2, 10, 15, 2, 90),
            Prescription("lat-pulldown", 2, 8, 12, 2, 120),
        ),
        30,
    )
    return PlannedSession(
        Weekday(first.weekday), first.title, first.kind, first.regions, 50, (*first.blocks, pair)
    )


def give_program(athlete_id: int, url: str) -> None:
    """Make today's session the athlete's active program, with squats logged a week ago."""
    on = today()
    monday = on - timedelta(days=on.weekday())
    document = program([[todays_session()]] * 4).to_dict()
    with acting_as(athlete_id):
        program_id = planning.save_document(
            document, name="today", profile=None, seed=None, activate=False, url=url
        )
        planning.activate_program(program_id, url, starts_on=monday)
        earlier = (on - timedelta(days=7)).isoformat()
        logbook.add_line(f"{earlier} squat 100kg 8,8 rir2", today=on, url=url)


def athlete_of(token: str, url: str) -> int:
    """The athlete a session cookie's token signs in."""
    found = accounts.authenticate(token, url=url)
    assert found is not None
    return found
