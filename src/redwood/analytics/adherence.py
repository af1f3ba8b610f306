"""Adherence: the sessions the program planned against those done, week by week.

Week n of a program runs from its start Monday + 7 (n - 1) days, each session on its
weekday (the coach's schedule, `coach/schedule.py`). A planned session counts as done when
a performed session is linked to it, or when a session not linked to any plan was logged
on its own date (the schedule's rule). Other sessions of the week are extra: they are
training, but not the plan. Only sessions planned up to the last day asked about count,
so this week is not marked down for days still to come (a session done early counts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from redwood.domain.program import Program, WeekKind

Key = tuple[int, int]
"""(program week index, session position in the week)."""


@dataclass(frozen=True, slots=True)
class WeekAdherence:
    """One calendar week of the program: planned sessions (up to the end day), done, extra."""

    week: date
    program_week: int
    kind: WeekKind
    planned: int
    done: int
    extra: int

    @property
    def percent(self) -> Decimal | None:
        """Done of planned, in percent to 0.1 (None when nothing was planned yet)."""
        if not self.planned:
            return None
        return (Decimal(100 * self.done) / self.planned).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def total_percent(weeks: Iterable[WeekAdherence]) -> Decimal | None:
    """Done of planned over several weeks, in percent to 0.1 (None: nothing planned)."""
    items = list(weeks)
    planned = sum(w.planned for w in items)
    if not planned:
        return None
    done = sum(w.done for w in items)
    return (Decimal(100 * done) / planned).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def adherence(
    program: Program,
    starts_on: date,
    sessions: Iterable[tuple[date, Key | None]],
    start: date,
    end: date,
) -> list[WeekAdherence]:
    """The program's weeks that overlap [start, end], oldest first. `sessions` are the
    performed sessions (local date, the planned session they are linked to, if any)."""
    monday = starts_on - timedelta(days=starts_on.weekday())
    performed = list(sessions)
    out: list[WeekAdherence] = []
    for week in program.weeks:
        first = monday + timedelta(weeks=week.index - 1)
        if first > end or first + timedelta(days=6) < start:
            continue
        slots = {
            (week.index, position): first + timedelta(days=session.weekday.number)
            for position, session in enumerate(week.sessions)
        }
        in_week = [(on, key) for on, key in performed if first <= on <= first + timedelta(days=6)]
        done: set[Key] = {key for _, key in in_week if key in slots}
        due = {key: day for key, day in slots.items() if day <= end or key in done}
        extra = 0
        for on, key in in_week:
            if key in slots:
                continue
            match = next((k for k, day in due.items() if day == on and k not in done), None)
            if key is None and match is not None:
                done.add(match)
            else:
                extra += 1
        out.append(WeekAdherence(first, week.index, week.kind, len(due), len(done), extra))
    return out
