"""Streaks and milestones: consistent runs, session counts, plates on the bar."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.analytics.consistency import (
    MAX_REST_DAYS,
    Milestone,
    MilestoneKind,
    Run,
    bodyweight_at,
    candidate_spans,
    consistency_milestones,
    first_multiple,
    ordered,
    plate_loads,
    plate_milestones,
    runs,
    session_milestones,
    streak_days,
)
from redwood.domain.mass import Unit

D0 = date(2026, 1, 5)
D = Decimal


def days(*offsets: int) -> list[date]:
    return [D0 + timedelta(days=n) for n in offsets]


def test_a_run_survives_four_rest_days_in_a_row_not_five() -> None:
    assert runs(days(0, 5, 10, 16)) == [Run(D0, D0 + timedelta(days=10)), Run(*days(16, 16))]


@pytest.mark.parametrize(
    ("training", "on", "streak"),
    [
        ((0, 3, 7), 7, 8),
        ((0, 3, 7), 11, 12),  # four rest days since the last session: still on
        ((0, 3, 7), 12, 0),  # five: the run is over
        ((0, 3, 7, 12), 12, 13),  # four rest days between sessions keep it going
        ((0, 3, 7, 13), 13, 1),  # five start a new run
        ((), 3, 0),
        ((0, 3, 20), 7, 8),  # sessions after the day do not count
    ],
)
def test_the_streak_on_a_day(training: tuple[int, ...], on: int, streak: int) -> None:
    assert streak_days(days(*training), D0 + timedelta(days=on)) == streak


def test_thirty_consistent_days_are_reached_on_the_thirtieth_covered_day() -> None:
    training = days(*range(0, 40, 4))  # every fourth day: 0, 4, ..., 36
    found = consistency_milestones(training, D0 + timedelta(days=60))
    assert found == [
        Milestone(
            MilestoneKind.CONSISTENT_DAYS, "30 consistent days", D0 + timedelta(29), Decimal(30)
        )
    ]
    assert consistency_milestones(training, D0 + timedelta(days=28)) == []
    assert consistency_milestones(days(0, 20, 40), D0 + timedelta(days=60)) == []


def test_session_counts() -> None:
    found = session_milestones(days(*range(12)) + days(3))
    assert [(m.title, m.on, m.value) for m in found] == [
        ("First session logged", D0, Decimal(1)),
        ("10 sessions", D0 + timedelta(days=9), Decimal(10)),
    ]


def test_plates_on_the_bar_in_each_unit() -> None:
    assert [(n, load.format(Unit.KG)) for n, load in plate_loads(Unit.KG)] == [
        (1, "60 kg"), (2, "100 kg"), (3, "140 kg"), (4, "180 kg"), (5, "220 kg"),
    ]  # fmt: skip
    assert [load.format(Unit.LB) for _, load in plate_loads(Unit.LB)] == [
        "135 lb", "225 lb", "315 lb", "405 lb", "495 lb",
    ]  # fmt: skip
    found = plate_milestones([D0, D0 + timedelta(days=9), None, None, None], Unit.LB)
    assert [(m.title, m.on) for m in found] == [
        ("A plate a side on the bar (135 lb)", D0),
        ("2 plates a side on the bar (225 lb)", D0 + timedelta(days=9)),
    ]


def test_milestones_in_order() -> None:
    later = Milestone(MilestoneKind.PLATES, "b", D0 + timedelta(1), Decimal(1))
    first = Milestone(MilestoneKind.PLATES, "a", D0, Decimal(2))
    sessions = Milestone(MilestoneKind.SESSIONS, "c", D0, Decimal(1))
    assert ordered([later, first, sessions]) == [sessions, first, later]


@given(st.sets(st.integers(0, 200), max_size=60), st.integers(0, 220))
def test_a_streak_never_outlasts_the_log_and_needs_a_recent_session(
    offsets: set[int], on: int
) -> None:
    training = days(*offsets)
    day = D0 + timedelta(days=on)
    streak = streak_days(training, day)
    done = [d for d in training if d <= day]
    if streak:
        assert streak <= (day - min(done)).days + 1
        assert (day - max(done)).days <= MAX_REST_DAYS
    else:
        assert not done or (day - max(done)).days > MAX_REST_DAYS


def test_a_session_against_the_bodyweight_of_its_day() -> None:
    readings = [(date(2026, 1, 1), Decimal(95)), (date(2026, 1, 10), Decimal(90))]
    assert bodyweight_at(readings, date(2025, 12, 1)) == 95  # before any: the first one
    assert bodyweight_at(readings, date(2026, 1, 9)) == 95
    assert bodyweight_at(readings, date(2026, 1, 10)) == 90
    assert bodyweight_at([], D0) is None
    sessions = [(date(2026, 1, 5), Decimal(100)), (date(2026, 1, 8), Decimal(105))]
    sessions.append((date(2026, 1, 12), Decimal(110)))
    # 110 kg on 01-12 against 90 kg is 1.2 x bodyweight (108 kg); 105 against 95 is not.
    assert first_multiple(sessions, readings, Decimal(1)) == date(2026, 1, 5)
    assert first_multiple(sessions, readings, Decimal("1.2")) == date(2026, 1, 12)
    assert first_multiple(sessions, readings, Decimal(2)) is None


def test_only_days_whose_heaviest_so_far_reaches_the_bar_can_hold_a_multiple() -> None:
    loads = [(D0, D(70)), (D0 + timedelta(days=10), D(85)), (D0 + timedelta(days=30), D(95))]
    readings = [(D0, D(80)), (D0 + timedelta(days=20), D(90)), (D0 + timedelta(days=40), D(94))]
    end = D0 + timedelta(days=60)
    # 85 >= 80 from day 10; at 90 kg from day 20 no; 95 >= 90 from day 30; 95 >= 94 from day 40
    assert candidate_spans(loads, readings, D(1), end) == [
        (D0 + timedelta(days=10), D0 + timedelta(days=19), D(80)),
        (D0 + timedelta(days=30), end, D(90)),
    ]
    assert candidate_spans(loads, readings, D(2), end) == []
    assert candidate_spans([], readings, D(1), end) == []


days_and_loads = st.lists(st.tuples(st.integers(0, 60), st.integers(40, 200)), max_size=25)
weights = st.lists(st.tuples(st.integers(0, 60), st.integers(50, 120)), min_size=1, max_size=8)


@given(days_and_loads, weights, st.sampled_from([D(1), D("1.5"), D(2)]))
def test_the_spans_hold_the_first_session_at_a_multiple(
    sessions: list[tuple[int, int]], weighed: list[tuple[int, int]], multiple: Decimal
) -> None:
    """Reading only the sessions inside the spans finds the same first session as reading
    them all."""
    log = sorted((D0 + timedelta(days=d), D(kg)) for d, kg in sessions)
    readings = sorted({D0 + timedelta(days=d): D(kg) for d, kg in weighed}.items())
    steps, heaviest = [], D(0)
    for on, kg in log:
        if kg > heaviest:
            steps.append((on, kg))
            heaviest = kg
    end = D0 + timedelta(days=60)
    spans = candidate_spans(steps, readings, multiple, end)
    inside = [(on, kg) for on, kg in log if any(a <= on <= b and kg >= bar for a, b, bar in spans)]
    expected = first_multiple(log, readings, multiple)
    assert first_multiple(inside, readings, multiple) == expected
