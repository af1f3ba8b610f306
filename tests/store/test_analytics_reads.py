"""Analytics reads and the record book on SQLite and PostgreSQL: live hard sets only (no
warm-ups, no deleted sets, no one else's), grouped and dated exactly as worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.domain.mass import Unit
from redwood.domain.vocab import SetType
from redwood.store import AthleteRecord, Bodyweights, Logbook
from redwood.store.analytics_reads import AnalyticsReads, DayCount, SetGroup
from redwood.store.record_book import RecordBook

D = Decimal
PARIS = ZoneInfo("Europe/Paris")
SQUAT, PULLDOWN = "barbell-back-squat", "lat-pulldown"
W, H = SetType.WARMUP, SetType.WORKING


def _log(
    session: Session,
    athlete: AthleteRecord,
    on: date,
    sets: list[tuple[str, SetType, int, str | None, str | None]],
) -> list[SetEntry]:
    """One session on `on`, its sets from 17:00 UTC a minute apart."""
    book = Logbook(session, athlete.id)
    performed = book.start_session(on)
    start = datetime.combine(on, datetime.min.time(), tzinfo=UTC) + timedelta(hours=17)
    entries = []
    for i, (exercise, kind, reps, load, rpe) in enumerate(sets):
        entry = SetEntry(
            uuid4(),
            exercise,
            start + timedelta(minutes=i),
            kind,
            reps=reps,
            load_kg=None if load is None else D(load),
            rpe=None if rpe is None else D(rpe),
        )
        book.add_set(performed.id, entry)
        entries.append(entry)
    return entries


@pytest.fixture
def reads(session: Session, athlete: AthleteRecord, rival: AthleteRecord) -> AnalyticsReads:
    first = _log(
        session,
        athlete,
        date(2026, 1, 5),
        [
            (SQUAT, W, 5, "60", None),
            (SQUAT, H, 5, "100", "8"),
            (SQUAT, H, 5, "100", "8"),
            (SQUAT, H, 3, "100", "8"),
            (SQUAT, H, 1, "200", None),
        ],
    )
    _log(session, athlete, date(2026, 1, 8), [(SQUAT, H, 5, "105", "9"), (SQUAT, H, 4, "105", "9")])
    _log(session, athlete, date(2026, 1, 8), [(PULLDOWN, H, 10, "50", None)])
    gone = _log(session, athlete, date(2026, 1, 10), [(SQUAT, H, 5, "250", None)])
    _log(
        session, athlete, date(2026, 1, 12), [(SQUAT, H, 3, "110", "8"), (SQUAT, H, 20, None, None)]
    )
    _log(session, rival, date(2026, 1, 6), [(SQUAT, H, 1, "300", None)])
    book = Logbook(session, athlete.id)
    book.delete_set(first[-1].id)
    book.delete_set(gone[0].id)
    weights = Bodyweights(session, athlete.id)
    weights.add(date(2026, 1, 1), D(95))
    weights.add(date(2026, 1, 10), D(90))
    session.commit()
    return AnalyticsReads(session, athlete.id)


def _paris(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=PARIS).astimezone(UTC)


def test_sets_are_grouped_per_exercise_day_reps_and_effort(reads: AnalyticsReads) -> None:
    groups = sorted(reads.day_groups(), key=lambda g: (g.on, g.exercise_id, g.reps, str(g.rpe)))
    assert groups == [
        SetGroup(SQUAT, date(2026, 1, 5), 3, D("8.0"), None, D(100), D(300), 1),
        SetGroup(SQUAT, date(2026, 1, 5), 5, D("8.0"), None, D(100), D(1000), 2),
        SetGroup(SQUAT, date(2026, 1, 8), 4, D("9.0"), None, D(105), D(420), 1),
        SetGroup(SQUAT, date(2026, 1, 8), 5, D("9.0"), None, D(105), D(525), 1),
        SetGroup(PULLDOWN, date(2026, 1, 8), 10, None, None, D(50), D(500), 1),
        SetGroup(SQUAT, date(2026, 1, 12), 3, D("8.0"), None, D(110), D(330), 1),
        SetGroup(SQUAT, date(2026, 1, 12), 20, None, None, None, D(0), 1),
    ]
    window = reads.day_groups(_paris(date(2026, 1, 8)), _paris(date(2026, 1, 12)), [SQUAT])
    assert {(g.on, g.reps) for g in window} == {(date(2026, 1, 8), 4), (date(2026, 1, 8), 5)}
    by_date = reads.day_groups(first_day=date(2026, 1, 6), last_day=date(2026, 1, 12))
    assert sorted(by_date, key=lambda g: (g.on, g.exercise_id, g.reps)) == groups[2:]
    assert reads.day_groups(first_day=date(2026, 1, 13)) == []


def test_the_record_book_holds_each_best_as_it_was_set(
    session: Session, reads: AnalyticsReads, rival: AthleteRecord
) -> None:
    """The book of the fixture's log (kept by the writes, settled at the commit): the
    warm-up, the deleted 200 x 1 and 250 x 5 and the rival's 300 kg are in no row."""
    book = RecordBook(session, reads.athlete_id)
    rows = {(r.exercise_id, str(r.kind), r.reps, r.on.day): r.value for r in book.rows_before(None)}
    assert rows == {
        (SQUAT, "e1rm", None, 12): D("127.462"),  # 110 x 3 @8: 110 / 0.863
        (SQUAT, "load", None, 12): D(110),
        (SQUAT, "rep", 3, 12): D(110),
        (SQUAT, "rep", 4, 8): D(105),
        (SQUAT, "rep", 5, 8): D(105),
        (SQUAT, "volume", None, 5): D(1300),
        (SQUAT, "most_reps", None, 12): D(20),
        (PULLDOWN, "e1rm", None, 8): D("66.667"),  # 50 x (1 + 10/30)
        (PULLDOWN, "load", None, 8): D(50),
        (PULLDOWN, "rep", 10, 8): D(50),
        (PULLDOWN, "volume", None, 8): D(500),
    }
    before = book.bests_before(date(2026, 1, 12), [SQUAT], Unit.KG)[SQUAT]
    dated = {(str(r.kind), r.reps): (r.value.quantize(D("0.001")), r.on.day) for r in before.held}
    assert dated == {
        ("e1rm", None): (D("125.448"), 8),  # 105 x 5 @9: 105 / 0.837
        ("load", None): (D(105), 8),
        ("rep", 3): (D(100), 5),
        ("rep", 4): (D(105), 8),
        ("rep", 5): (D(105), 8),
        ("volume", None): (D(1300), 5),
    }
    assert RecordBook(session, rival.id).rows_before(None, [SQUAT])[0].value == D(300)


def test_when_loads_were_first_reached_from_the_book(
    session: Session, reads: AnalyticsReads
) -> None:
    book = RecordBook(session, reads.athlete_id)
    end = date(2026, 2, 1)
    firsts = book.first_days([SQUAT], [D(100), D("105"), D(110), D(120)], end)
    assert firsts == [date(2026, 1, 5), date(2026, 1, 8), date(2026, 1, 12), None]
    assert book.first_days([SQUAT], [D(110)], date(2026, 1, 11)) == [None]
    assert book.first_days([], [D(1)], end) == [None]
    assert book.load_steps([SQUAT, PULLDOWN], end) == [
        (date(2026, 1, 5), D(100)),
        (date(2026, 1, 8), D(50)),
        (date(2026, 1, 8), D(105)),
        (date(2026, 1, 12), D(110)),
    ]
    done = [(s.reps, s.load_kg) for s, _ in book.day_sets(SQUAT, date(2026, 1, 5))]
    assert done == [(5, D(100)), (5, D(100)), (3, D(100))]


def test_hard_sets_per_day_and_the_days_trained(reads: AnalyticsReads) -> None:
    assert reads.hard_sets_by_day(_paris(date(2026, 1, 5)), _paris(date(2026, 1, 13))) == [
        DayCount(date(2026, 1, 5), SQUAT, 3),
        DayCount(date(2026, 1, 8), SQUAT, 2),
        DayCount(date(2026, 1, 8), PULLDOWN, 1),
        DayCount(date(2026, 1, 12), SQUAT, 2),
    ]
    assert reads.training_days() == [date(2026, 1, 5), date(2026, 1, 8), date(2026, 1, 12)]
    assert reads.training_days(date(2026, 1, 7)) == [date(2026, 1, 5)]


def test_each_sessions_heaviest(reads: AnalyticsReads) -> None:
    until = _paris(date(2026, 2, 1))
    assert reads.session_tops([SQUAT], D(105), until) == [
        (datetime(2026, 1, 8, 17, tzinfo=UTC), D(105)),
        (datetime(2026, 1, 12, 17, tzinfo=UTC), D(110)),
    ]
    assert reads.session_tops([], D(1), until) == []
    since = _paris(date(2026, 1, 9))
    assert reads.session_tops([SQUAT], D(1), until, since=since) == [
        (datetime(2026, 1, 12, 17, tzinfo=UTC), D(110)),
    ]
