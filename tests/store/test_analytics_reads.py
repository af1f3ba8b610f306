"""Analytics reads on SQLite and PostgreSQL: live hard sets only (no warm-ups, no deleted
sets, no one else's), grouped and dated exactly as worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.domain.vocab import SetType
from redwood.store import AthleteRecord, Bodyweights, Logbook
from redwood.store.analytics_reads import AnalyticsReads, DayCount, DayVolume, SetGroup

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


def test_the_heaviest_of_each_group_before_an_instant_and_when_first_lifted(
    reads: AnalyticsReads,
) -> None:
    before = {(k.exercise_id, k.reps, k.rpe): k for k in reads.key_bests(_paris(date(2026, 1, 8)))}
    assert set(before) == {(SQUAT, 5, D("8.0")), (SQUAT, 3, D("8.0"))}
    fives = before[(SQUAT, 5, D("8.0"))]
    assert (fives.top_kg, fives.first_at, fives.bare_at) == (
        D(100), datetime(2026, 1, 5, 17, 1, tzinfo=UTC), None,
    )  # fmt: skip
    everything = {(k.exercise_id, k.reps): k for k in reads.key_bests(None, [SQUAT])}
    assert set(everything) == {(SQUAT, 3), (SQUAT, 4), (SQUAT, 5), (SQUAT, 20)}
    assert everything[(SQUAT, 4)].top_kg == D(105)
    assert everything[(SQUAT, 4)].first_at == datetime(2026, 1, 8, 17, 1, tzinfo=UTC)
    bare = everything[(SQUAT, 20)]
    assert (bare.top_kg, bare.first_at) == (None, None)
    assert bare.bare_at == datetime(2026, 1, 12, 17, 1, tzinfo=UTC)


def test_each_exercises_best_session_of_volume(reads: AnalyticsReads) -> None:
    assert sorted(reads.volume_bests(), key=lambda v: v.exercise_id) == [
        DayVolume(SQUAT, D(1300), datetime(2026, 1, 5, 17, 1, tzinfo=UTC)),
        DayVolume(PULLDOWN, D(500), datetime(2026, 1, 8, 17, tzinfo=UTC)),
    ]
    assert reads.volume_bests(_paris(date(2026, 1, 5))) == []


def test_hard_sets_per_day_and_the_days_trained(reads: AnalyticsReads) -> None:
    assert reads.hard_sets_by_day(_paris(date(2026, 1, 5)), _paris(date(2026, 1, 13))) == [
        DayCount(date(2026, 1, 5), SQUAT, 3),
        DayCount(date(2026, 1, 8), SQUAT, 2),
        DayCount(date(2026, 1, 8), PULLDOWN, 1),
        DayCount(date(2026, 1, 12), SQUAT, 2),
    ]
    assert reads.training_days() == [date(2026, 1, 5), date(2026, 1, 8), date(2026, 1, 12)]
    assert reads.training_days(date(2026, 1, 7)) == [date(2026, 1, 5)]


def test_when_loads_were_first_reached_and_each_sessions_heaviest(reads: AnalyticsReads) -> None:
    until = _paris(date(2026, 2, 1))
    firsts = reads.first_loads([SQUAT], [D(100), D("105"), D(110), D(120)], until)
    assert firsts == [
        datetime(2026, 1, 5, 17, 1, tzinfo=UTC),
        datetime(2026, 1, 8, 17, tzinfo=UTC),
        datetime(2026, 1, 12, 17, tzinfo=UTC),
        None,
    ]
    assert reads.first_loads([], [D(1)], until) == [None]
    assert reads.session_tops([SQUAT], D(105), until) == [
        (datetime(2026, 1, 8, 17, tzinfo=UTC), D(105)),
        (datetime(2026, 1, 12, 17, tzinfo=UTC), D(110)),
    ]
    assert reads.session_tops([], D(1), until) == []
