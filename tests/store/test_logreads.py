"""`LogReads.kinds_by_session`: the light read the coach's schedule runs on two weeks of log.

Each session with live sets maps to the distinct (exercise, set type) pairs of those sets;
deleted sets, sessions without live sets and another athlete's sessions are left out, and
the pairs are exactly those `sets_by_session` would give, set by set."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.domain.vocab import SetType
from redwood.store import AthleteRecord, Logbook
from redwood.store.logreads import LogReads
from tests.store.samples import PULLDOWN, RDL, SQUAT

DAY = date(2026, 3, 2)
NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)


def _sets(log: Logbook, session_id: UUID, kinds: list[tuple[str, SetType]]) -> list[UUID]:
    ids = []
    for index, (exercise, kind) in enumerate(kinds):
        entry = SetEntry(uuid4(), exercise, NOON + timedelta(minutes=index), set_type=kind, reps=5)
        ids.append(log.add_set(session_id, entry).set.id)
    return ids


def test_kinds_are_the_distinct_pairs_of_live_sets(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    first = log.start_session(DAY).id
    second = log.start_session(DAY + timedelta(days=1)).id
    emptied = log.start_session(DAY + timedelta(days=2)).id
    _sets(
        log,
        first,
        [
            (SQUAT.id, SetType.WARMUP),
            (SQUAT.id, SetType.WORKING),
            (SQUAT.id, SetType.WORKING),
            (RDL.id, SetType.DROP),
        ],
    )
    deleted = _sets(log, second, [(PULLDOWN.id, SetType.WORKING), (RDL.id, SetType.FAILURE)])
    log.delete_set(deleted[1])
    for set_id in _sets(log, emptied, [(SQUAT.id, SetType.WORKING)]):
        log.delete_set(set_id)
    theirs = Logbook(session, rival.id)
    other = theirs.start_session(DAY).id
    _sets(theirs, other, [(SQUAT.id, SetType.WORKING)])
    session.commit()
    reads = LogReads(session, athlete.id)

    kinds = reads.kinds_by_session([first, second, emptied, other])

    assert kinds == {
        first: {
            (SQUAT.id, SetType.WARMUP),
            (SQUAT.id, SetType.WORKING),
            (RDL.id, SetType.DROP),
        },
        second: {(PULLDOWN.id, SetType.WORKING)},
    }
    by_set = reads.sets_by_session([first, second, emptied, other])
    assert {
        sid: {(s.exercise_id, s.set_type) for s in sets} for sid, sets in by_set.items()
    } == kinds


def test_no_sessions_no_kinds(session: Session, athlete: AthleteRecord) -> None:
    assert LogReads(session, athlete.id).kinds_by_session([]) == {}
