"""Adherence: planned sessions against those done, week by week (the schedule's rules)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from redwood.analytics.adherence import adherence, total_percent
from redwood.domain.program import program_from_dict
from tests.analytics.sample_log import PROGRAM, START

PLAN = program_from_dict(PROGRAM)
MON, THU, SAT = 0, 1, 2


@pytest.mark.parametrize(
    ("what", "sessions", "end", "expected"),
    [
        (
            "unlinked sessions on their planned days count",
            [(date(2026, 1, 5), None), (date(2026, 1, 8), None)],
            date(2026, 1, 11),
            [(3, 2, 0)],
        ),
        (
            "a linked session counts on any day of its week; another day's session is extra",
            [(date(2026, 1, 6), (1, MON)), (date(2026, 1, 7), None)],
            date(2026, 1, 11),
            [(3, 1, 1)],
        ),
        (
            "days still to come are not planned yet; one done early counts",
            [(date(2026, 1, 5), None), (date(2026, 1, 6), (1, SAT))],
            date(2026, 1, 6),
            [(2, 2, 0)],
        ),
        (
            "two sessions on one planned day: one counts, one is extra",
            [(date(2026, 1, 5), None), (date(2026, 1, 5), None)],
            date(2026, 1, 5),
            [(1, 1, 1)],
        ),
        (
            "a session linked to another week's slot is extra",
            [(date(2026, 1, 12), (1, THU))],
            date(2026, 1, 18),
            [(3, 0, 0), (3, 0, 1)],
        ),
    ],
)
def test_planned_done_and_extra(
    what: str,
    sessions: list[tuple[date, tuple[int, int] | None]],
    end: date,
    expected: list[tuple[int, int, int]],
) -> None:
    weeks = adherence(PLAN, START, sessions, START, end)
    assert [(w.planned, w.done, w.extra) for w in weeks] == expected, what


def test_weeks_outside_the_window_or_the_program_are_left_out() -> None:
    weeks = adherence(PLAN, START, [], date(2026, 1, 12), date(2026, 3, 1))
    assert [(w.week.isoformat(), w.program_week, str(w.kind)) for w in weeks] == [
        ("2026-01-12", 2, "build"),
        ("2026-01-19", 3, "build"),
        ("2026-01-26", 4, "deload"),
    ]


def test_percentages() -> None:
    weeks = adherence(PLAN, START, [(date(2026, 1, 5), None)], START, date(2026, 1, 18))
    assert [w.percent for w in weeks] == [Decimal("33.3"), Decimal("0.0")]
    assert total_percent(weeks) == Decimal("16.7")
    assert total_percent([]) is None
