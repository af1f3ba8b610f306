"""The schedule: plan dates, missed sessions moving inside their week, and the 48 h rule."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.schedule import (
    Done,
    default_start,
    nominal_date,
    schedule_for,
    week_at,
)
from redwood.domain.profile import Weekday
from redwood.domain.vocab import Region
from tests.coach.builders import mon_thu, program, session

START = date(2026, 11, 2)  # a Monday
BL = frozenset({Region.LEGS, Region.BACK})


def day(offset: int) -> date:
    return START + timedelta(days=offset)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 2), date(2026, 11, 2)),  # Monday: this week
        (date(2026, 11, 1), date(2026, 11, 2)),  # Sunday: the week that starts tomorrow
        (date(2026, 11, 3), date(2026, 11, 9)),  # Tuesday: Monday's session is gone, next week
    ],
)
def test_default_start(today: date, expected: date) -> None:
    assert default_start(mon_thu(), today) == expected


def test_plan_dates_and_weeks() -> None:
    plan = mon_thu(3)
    assert nominal_date(START, 2, Weekday.THU) == date(2026, 11, 12)
    assert week_at(plan, START, day(13)).index == 2  # type: ignore[union-attr]
    assert week_at(plan, START, day(-1)) is None
    assert week_at(plan, START, day(21)) is None


def test_sessions_fall_on_their_days() -> None:
    plan = mon_thu()
    monday = schedule_for(plan, START, day(0), [])
    assert monday.slot is not None
    assert monday.slot.session.title == "Back & Legs A"
    assert monday.moved_from is None
    tuesday = schedule_for(plan, START, day(1), [Done(day(0), BL, (1, 0))])
    assert tuesday.slot is None
    assert tuesday.next_on == day(3)
    assert "Next: Back & Legs B on Thu 05 Nov" in tuesday.reason


def test_a_missed_session_moves_to_the_next_day() -> None:
    got = schedule_for(mon_thu(), START, day(1), [])
    assert got.slot is not None
    assert got.slot.key == (1, 0)
    assert got.moved_from == day(0)
    assert "moved from Mon 02 Nov" in got.reason


def test_a_moved_session_pushes_the_next_one_past_48_hours() -> None:
    plan = mon_thu()
    done = [Done(day(2), BL, (1, 0))]  # A done on Wednesday
    thursday = schedule_for(plan, START, day(3), done)
    assert thursday.slot is None
    assert thursday.next_on == day(4)
    assert "moves to Fri 06 Nov" in thursday.reason
    assert "48 h" in thursday.reason
    friday = schedule_for(plan, START, day(4), done)
    assert friday.slot is not None
    assert friday.slot.key == (1, 1)
    assert friday.moved_from == day(3)


def test_a_session_that_does_not_clash_goes_first() -> None:
    plan = program([[session("mon"), session("tue", "PU"), session("thu", label="B")]])
    done = [Done(day(1), BL, (1, 0))]  # A moved to Tuesday
    wednesday = schedule_for(plan, START, day(2), done)
    assert wednesday.slot is not None
    assert wednesday.slot.session.title == "Push & Upper A"
    assert wednesday.moved_from == day(1)


def test_off_plan_training_counts_for_recovery() -> None:
    sunday_legs = [Done(day(-1), frozenset({Region.LEGS}))]
    got = schedule_for(mon_thu(), START, day(0), sunday_legs)
    assert got.slot is None
    assert got.next_on == day(1)


def test_logged_today_is_reported_as_done() -> None:
    got = schedule_for(mon_thu(), START, day(0), [Done(day(0), BL)])
    assert got.already_done
    assert got.slot is not None
    assert got.slot.key == (1, 0)


def test_a_session_that_cannot_fit_the_week_is_missed() -> None:
    done = [Done(day(5), BL, (1, 0))]  # A on Saturday; B could only go on Monday
    sunday = schedule_for(mon_thu(), START, day(6), done)
    assert sunday.slot is None
    assert [slot.key for slot in sunday.missed] == [(1, 1)]
    assert "could not be fitted this week" in sunday.reason


def test_outside_the_program() -> None:
    plan = mon_thu(1)
    assert "starts on Mon 02 Nov 2026" in schedule_for(plan, START, day(-3), []).reason
    assert "ended on Sun 08 Nov 2026" in schedule_for(plan, START, day(9), []).reason


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.booleans(), min_size=21, max_size=21),
    st.sampled_from(
        [("mon", "thu"), ("mon", "wed", "fri"), ("tue", "wed", "sat", "sun"), ("mon", "tue")]
    ),
)
def test_following_the_schedule_never_breaks_48_hours(
    shows_up: list[bool], days: tuple[str, ...]
) -> None:
    """Whatever days the athlete skips, doing what the schedule says keeps 48 h."""
    week = [session(d, label=str(i)) for i, d in enumerate(days)]
    plan = program([week] * 3)
    done: list[Done] = []
    for offset, present in enumerate(shows_up):
        got = schedule_for(plan, START, day(offset), done)
        if present and got.slot is not None and not got.already_done:
            done.append(Done(day(offset), got.slot.regions, got.slot.key))
    for a, b in itertools.pairwise(done):
        assert (b.on - a.on).days >= 2
    assert len({d.planned for d in done}) == len(done)
