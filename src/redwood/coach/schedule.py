"""Which planned session falls on a date, and how missed sessions move.

The program's week 1 starts on `starts_on` (a Monday); week n runs from
`starts_on + 7 (n - 1)` days and each session sits on its weekday. Athletes miss days, so
the schedule is not the calendar alone:

- a missed session moves to the next day it can be done, inside its own week (a whole
  missed week is not carried into the next: the program would drift for ever, and the
  next week's sessions build on the same exercises anyway [practitioner]);
- a moved session never lands within 48 h of a session that trained the same regions,
  so two hard lower-body days never fall within 48 h (TRAINING.md 5: Thomas 2018,
  Korak 2015). When the next possible day is not today, today is a rest day and the
  reason names the date the session moves to;
- sessions keep their order: the earliest one not yet done comes first.

A session counts as done when a performed session is linked to it, or when an unlinked
session was logged on its own date. Sessions logged off the plan still count for the
48 h rule. Pure code: `on` is an argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from redwood.domain.profile import Weekday
from redwood.domain.program import PlannedSession, Program, Week
from redwood.domain.recovery import MIN_HOURS_SAME_MUSCLE
from redwood.domain.vocab import Region

DAY_HOURS = 24
MIN_DAYS_SAME_REGIONS = MIN_HOURS_SAME_MUSCLE // DAY_HOURS
"""48 h between sessions that share regions, counted in whole training days."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One planned session of one week, with the date the plan gives it."""

    week: Week
    position: int
    session: PlannedSession
    nominal: date

    @property
    def key(self) -> tuple[int, int]:
        """(week index, position in the week): how performed sessions point at it."""
        return (self.week.index, self.position)

    @property
    def regions(self) -> frozenset[Region]:
        return frozenset(self.session.regions)


@dataclass(frozen=True, slots=True)
class Done:
    """A performed session as the schedule sees it."""

    on: date
    regions: frozenset[Region]
    planned: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Scheduled:
    """What the plan asks for on a date.

    `slot` is None on a rest day. `moved_from` is the slot's own date when it was moved
    there; `already_done` is True when the athlete has logged it today. `missed` are
    slots of this week that can no longer be done in it; `reason` is one sentence.
    """

    on: date
    week: Week | None
    slot: Slot | None
    reason: str
    moved_from: date | None = None
    already_done: bool = False
    missed: tuple[Slot, ...] = ()
    next_slot: Slot | None = None
    next_on: date | None = None


def monday_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def default_start(program: Program, today: date) -> date:
    """Where a newly activated program's week 1 begins.

    This week's Monday when the first session's weekday is still ahead (or today), else
    next Monday, so activating on a Saturday does not open with a week of missed days.
    """
    first = _first_weekday(program)
    monday = monday_of(today)
    if first is None or today.weekday() <= first.number:
        return monday
    return monday + timedelta(days=7)


def _first_weekday(program: Program) -> Weekday | None:
    for week in program.weeks:
        if week.sessions:
            return min((s.weekday for s in week.sessions), key=lambda day: day.number)
    return None


def nominal_date(starts_on: date, week_index: int, weekday: Weekday) -> date:
    """The calendar date of a weekday in program week `week_index` (1-based)."""
    return monday_of(starts_on) + timedelta(days=7 * (week_index - 1) + weekday.number)


def week_at(program: Program, starts_on: date, on: date) -> Week | None:
    """The program week that contains `on`, or None before the start or after the end."""
    offset = (on - monday_of(starts_on)).days
    if offset < 0:
        return None
    index = offset // 7 + 1
    return next((week for week in program.weeks if week.index == index), None)


def slots_of(week: Week, starts_on: date) -> tuple[Slot, ...]:
    """The week's sessions with their plan dates, in the order they are meant to be done."""
    slots = [
        Slot(week, position, session, nominal_date(starts_on, week.index, session.weekday))
        for position, session in enumerate(week.sessions)
    ]
    return tuple(sorted(slots, key=lambda slot: (slot.nominal, slot.position)))


def _is_done(slot: Slot, done: Sequence[Done]) -> bool:
    return any(d.planned == slot.key or (d.planned is None and d.on == slot.nominal) for d in done)


def _clash(slot: Slot, on: date, done: Sequence[Done]) -> Done | None:
    """The latest session before `on` that shares a region with `slot` within 48 h."""
    close = [
        d
        for d in done
        if d.on < on and (on - d.on).days < MIN_DAYS_SAME_REGIONS and d.regions & slot.regions
    ]
    return max(close, key=lambda d: d.on, default=None)


def earliest_day(slot: Slot, start: date, done: Sequence[Done]) -> date:
    """The first day from `start` on which `slot` keeps 48 h from every done session."""
    day = start
    while (clash := _clash(slot, day, done)) is not None:
        day = clash.on + timedelta(days=MIN_DAYS_SAME_REGIONS)
    return day


def _title(slot: Slot) -> str:
    return f"{slot.session.title} (week {slot.week.index}, {slot.nominal:%a %d %b})"


def _waiting(blocked: tuple[Slot, date], on: date, before: Sequence[Done]) -> str:
    slot, day = blocked
    clash = _clash(slot, on, before)
    shared = ", ".join(sorted(str(r) for r in (clash.regions if clash else frozenset())))
    when = f"{clash.on:%a %d %b}" if clash else "a recent day"
    return (
        f"{_title(slot)} moves to {day:%a %d %b}, because the session on {when} "
        f"trained {shared} and the same muscles need 48 h."
    )


def _outside(program: Program, starts_on: date, on: date) -> Scheduled:
    if on < monday_of(starts_on):
        first = min(
            (slot.nominal for week in program.weeks for slot in slots_of(week, starts_on)),
            default=starts_on,
        )
        return Scheduled(on, None, None, f"The program starts on {first:%a %d %b %Y}.")
    end = monday_of(starts_on) + timedelta(days=7 * len(program.weeks) - 1)
    return Scheduled(on, None, None, f"The program ended on {end:%a %d %b %Y}: plan the next one.")


def schedule_for(program: Program, starts_on: date, on: date, done: Sequence[Done]) -> Scheduled:
    """The session the plan asks for on `on`, given what was done before (and on) it."""
    week = week_at(program, starts_on, on)
    if week is None:
        return _outside(program, starts_on, on)
    slots = slots_of(week, starts_on)
    today_done = [d for d in done if d.on == on]
    for slot in slots:
        if any(d.planned == slot.key for d in today_done) or (
            slot.nominal == on and any(d.planned is None for d in today_done)
        ):
            moved = slot.nominal if slot.nominal != on else None
            return Scheduled(
                on, week, slot, f"{_title(slot)} is logged today.", moved, already_done=True
            )
    before = [d for d in done if d.on < on]
    pending = [s for s in slots if not _is_done(s, before) and s.nominal <= on]
    week_end = monday_of(on) + timedelta(days=6)
    missed: list[Slot] = []
    blocked: list[tuple[Slot, date]] = []
    for slot in pending:
        day = earliest_day(slot, on, before)
        if day > week_end:
            missed.append(slot)
        elif day > on:
            blocked.append((slot, day))
        else:
            moved = None if slot.nominal == on else slot.nominal
            why = f"{_title(slot)} as planned."
            if moved:
                why = f"{_title(slot)}, moved from {slot.nominal:%a %d %b} because it was missed."
            if blocked:
                why += f" {_waiting(blocked[0], on, before)}"
            return Scheduled(on, week, slot, why, moved, missed=tuple(missed))
    if blocked:
        slot, day = blocked[0]
        return Scheduled(
            on,
            week,
            None,
            f"Rest today: {_waiting(blocked[0], on, before)}",
            missed=tuple(missed),
            next_slot=slot,
            next_on=day,
        )
    upcoming = [s for s in slots if s.nominal > on and not _is_done(s, before)]
    nxt = upcoming[0] if upcoming else None
    why = "Rest day."
    if missed:
        why = f"Rest day: {', '.join(_title(s) for s in missed)} could not be fitted this week."
    if nxt is not None:
        why += f" Next: {nxt.session.title} on {nxt.nominal:%a %d %b}."
    return Scheduled(
        on,
        week,
        None,
        why,
        missed=tuple(missed),
        next_slot=nxt,
        next_on=None if nxt is None else nxt.nominal,
    )
