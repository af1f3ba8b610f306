"""A lift's session e1RMs, records as they happened and all-time bests, from set groups as
the database aggregates them (the squat of tests/analytics/sample_log.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from redwood.analytics.lifts import days_of, lift_history
from redwood.domain.mass import Unit
from redwood.domain.records import Bests, Record, RecordKind
from redwood.store.analytics_reads import SetGroup

D = Decimal


SQUAT = "barbell-back-squat"
GROUPS = [
    SetGroup(SQUAT, date(2026, 1, 5), 5, D(8), None, D(100), D(1500), 3),
    SetGroup(SQUAT, date(2026, 1, 8), 5, D(9), None, D(105), D(1050), 1),
    SetGroup(SQUAT, date(2026, 1, 8), 4, D(9), None, D(105), D(420), 1),
    SetGroup(SQUAT, date(2026, 1, 12), 3, D(8), None, D(110), D(660), 1),
    SetGroup(SQUAT, date(2026, 1, 15), 8, None, None, D(100), D(800), 1),
    SetGroup("pull-up", date(2026, 1, 5), 8, None, None, None, D(0), 1),
]


def test_each_session_gives_its_best_e1rm() -> None:
    days = days_of(GROUPS, Unit.KG)
    history = lift_history(Bests(SQUAT), days[SQUAT])
    got = [(p.on.isoformat(), round(p.e1rm.kg, 3)) for p in history.points]
    assert got == [
        ("2026-01-05", D("123.305")),
        ("2026-01-08", D("125.448")),
        ("2026-01-12", D("127.462")),
        ("2026-01-15", D("126.667")),
    ]
    assert history.sessions == 4
    assert history.change is not None
    assert round(history.change.kg, 3) == D("3.362")


def test_records_as_they_happened_and_the_bests_after() -> None:
    days = days_of(GROUPS, Unit.KG)
    history = lift_history(Bests(SQUAT), days[SQUAT])
    assert [
        (r.on.isoformat(), str(r.kind), r.reps, r.value.quantize(D("0.1"))) for r in history.new
    ] == [
        ("2026-01-08", "e1rm", None, D("125.4")),
        ("2026-01-08", "load", None, D("105.0")),
        ("2026-01-08", "rep", 5, D("105.0")),
        ("2026-01-12", "e1rm", None, D("127.5")),
        ("2026-01-12", "load", None, D("110.0")),
    ]
    bests = {
        (str(r.kind), r.reps): (r.value.quantize(D("0.1")), r.on.isoformat()) for r in history.bests
    }
    assert bests == {
        ("e1rm", None): (D("127.5"), "2026-01-12"),
        ("load", None): (D("110.0"), "2026-01-12"),
        ("rep", 3): (D("110.0"), "2026-01-12"),
        ("rep", 4): (D("105.0"), "2026-01-08"),
        ("rep", 5): (D("105.0"), "2026-01-08"),
        ("rep", 8): (D("100.0"), "2026-01-15"),
        ("volume", None): (D("1500.0"), "2026-01-05"),
    }


def test_the_window_adds_its_days_to_the_bests_before_it() -> None:
    earlier = Bests(
        SQUAT,
        (
            Record(SQUAT, RecordKind.E1RM, D("123.3"), date(2025, 3, 1)),
            Record(SQUAT, RecordKind.LOAD, D(100), date(2025, 2, 1)),
            Record(SQUAT, RecordKind.VOLUME, D(1200), date(2025, 4, 1)),
        ),
    )
    history = lift_history(earlier, days_of(GROUPS, Unit.KG)[SQUAT])
    first = [(r.on.isoformat(), str(r.kind), r.previous) for r in history.new][:3]
    assert first == [
        ("2026-01-05", "e1rm", D("123.3")),  # 123.305 beats 123.3
        ("2026-01-05", "volume", D(1200)),
        ("2026-01-08", "e1rm", history.new[0].value),
    ]


def test_pounds_come_back_exact() -> None:
    pounds = [SetGroup(SQUAT, date(2026, 1, 5), 5, None, None, D("102.058"), D("510.29"), 1)]
    day = days_of(pounds, Unit.LB)[SQUAT][0]
    assert day.load is not None
    assert day.load.format(Unit.LB, 2) == "225 lb"
