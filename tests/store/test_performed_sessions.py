"""Performed sessions listed newest first in keyset pages: every session once, in order,
emptied sessions (all sets deleted) skipped, date filters, the planned session a performed
one was, and nothing of another athlete's. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from redwood.domain.logbook import PerformedSession, SetEntry
from redwood.store import AthleteRecord, Athletes, Logbook, Programs
from redwood.store.performed_sessions import PerformedSessions, key_of
from tests.store.samples import program_document

MONDAY = date(2026, 11, 2)

SessionKinds = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(["sets", "emptied", "bare"])),
    max_size=12,
)
"""Sessions as (days after MONDAY, what they hold): live sets, only deleted sets, nothing."""


def _add_session(log: Logbook, day: date, kind: str) -> PerformedSession:
    made = log.start_session(day)
    if kind != "bare":
        at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
        entry = SetEntry(uuid4(), "barbell-back-squat", at, reps=5, load_kg=Decimal(100))
        log.add_set(made.id, entry)
        if kind == "emptied":
            log.delete_set(entry.id)
    return made


def _walk(sessions: PerformedSessions, limit: int, **window: date) -> list[PerformedSession]:
    """Every page, following the cursor from the newest."""
    found: list[PerformedSession] = []
    before = None
    while True:
        page = sessions.page(before=before, limit=limit, **window)
        found += page
        if len(page) < limit:
            return found
        before = key_of(page[-1])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kinds=SessionKinds, limit=st.integers(1, 5))
def test_paging_gives_every_listed_session_once_newest_first(
    session: Session, athlete: AthleteRecord, kinds: list[tuple[int, str]], limit: int
) -> None:
    someone = Athletes(session).create("Someone", email=f"{uuid4().hex}@example.com")
    log = Logbook(session, someone.id)
    made = [(_add_session(log, MONDAY + timedelta(days=d), kind), kind) for d, kind in kinds]
    _add_session(Logbook(session, athlete.id), MONDAY, "sets")  # never in someone's pages
    sessions = PerformedSessions(session, someone.id)
    listed = [s.id for s in _walk(sessions, limit)]
    expected = sorted((s for s, kind in made if kind != "emptied"), key=key_of, reverse=True)
    assert listed == [s.id for s in expected]
    assert all(sessions.is_emptied(s.id) == (kind == "emptied") for s, kind in made)
    session.rollback()


def test_dates_bound_the_pages_both_ends_included(session: Session, athlete: AthleteRecord) -> None:
    log = Logbook(session, athlete.id)
    days = [MONDAY + timedelta(days=n) for n in range(5)]
    for day in days:
        _add_session(log, day, "sets")
    sessions = PerformedSessions(session, athlete.id)
    window = _walk(sessions, 2, start=days[1], end=days[3])
    assert [s.local_date for s in window] == [days[3], days[2], days[1]]
    assert [s.local_date for s in sessions.page(end=days[0])] == [days[0]]


def test_the_planned_session_is_named_for_its_athlete_only(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    program = Programs(session, athlete.id).create("Block 1", program_document(weeks=2))
    planned = Programs(session, athlete.id).planned_sessions(program.id)
    refs = PerformedSessions(session, athlete.id).planned([planned[3].id, None, 99999])
    assert list(refs) == [planned[3].id]
    ref = refs[planned[3].id]
    assert (ref.program_id, ref.week_index, ref.weekday, ref.title) == (
        program.id,
        2,
        "thu",
        "Back & Legs B",
    )
    assert PerformedSessions(session, rival.id).planned([planned[3].id]) == {}
    assert PerformedSessions(session, rival.id).is_emptied(uuid4()) is False
