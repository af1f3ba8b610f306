"""A program's planned sessions as an iCalendar file (RFC 5545), for any calendar app.

One VEVENT per planned session, on the date the plan gives it: week n starts on the Monday of
`starts_on` plus 7 (n - 1) days and each session sits on its weekday (the same rule as
`redwood.coach.schedule.nominal_date`, restated here because io may not import the coach).
Sessions start at a default hour (18:00) in the athlete's time zone, written with its TZID and
a VTIMEZONE so every client places them alike, and last the session's estimated minutes.

The summary names the session, its week and whether the week builds or deloads; the
description lists the exercises in order with sets x reps @ RIR and rest, supersets marked
(`2a`, `2b`). UIDs are built from the program id, week and position
(`redwood-<program>-w<week>-s<position>@redwood.local`), so importing a newer export updates
the same events instead of adding copies. DTSTAMP is an argument, not the clock: the same
program exported twice gives the same bytes.

Pure code: the program, the dates, the names and the stamp come in; bytes go out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from redwood.domain.program import Block, BlockType, PlannedSession, Prescription, Program, Week

PRODID = "-//Redwood//Redwood strength coach//EN"
UID_DOMAIN = "redwood.local"
DEFAULT_START = time(18, 0)
"""Sessions go on the calendar at 18:00 local time: the program plans days, not hours."""
DEFAULT_MINUTES = 60
"""The length of a session whose estimate is missing (zero)."""


def session_date(starts_on: date, week_index: int, session: PlannedSession) -> date:
    """The calendar date of a session of program week `week_index` (1-based)."""
    monday = starts_on - timedelta(days=starts_on.weekday())
    return monday + timedelta(days=7 * (week_index - 1) + session.weekday.number)


def event_uid(program_id: int, week_index: int, position: int) -> str:
    """The stable UID of one planned session: the same on every export of the program."""
    return f"redwood-{program_id}-w{week_index}-s{position}@{UID_DOMAIN}"


def _rest(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}" if minutes else f"{rest} s"


def _dose(item: Prescription) -> str:
    reps = (
        str(item.reps_min)
        if item.reps_min == item.reps_max
        else (f"{item.reps_min}-{item.reps_max}")
    )
    return f"{item.sets} x {reps} @ {item.rir} RIR"


def _block_lines(number: int, block: Block, name_of: Callable[[str], str]) -> Iterator[str]:
    if block.type is BlockType.SUPERSET and len(block.exercises) > 1:
        for letter, item in zip("abcdefgh", block.exercises, strict=False):
            yield (
                f"{number}{letter}. {name_of(item.exercise)}: {_dose(item)}, "
                f"rest {_rest(item.rest_seconds)} (superset)"
            )
        if block.pair_rest_seconds is not None:
            yield f"    rest {_rest(block.pair_rest_seconds)} after each round"
        return
    for item in block.exercises:
        yield f"{number}. {name_of(item.exercise)}: {_dose(item)}, rest {_rest(item.rest_seconds)}"


def describe(week: Week, session: PlannedSession, name_of: Callable[[str], str]) -> str:
    """The session as plain text: week, length, then each exercise in order."""
    head = f"Week {week.index} ({week.kind.value}), about {session.estimated_minutes} min."
    lines = [
        line
        for number, block in enumerate(session.blocks, start=1)
        for line in _block_lines(number, block, name_of)
    ]
    return "\n".join([head, "", *(lines or ["No exercises planned."])])


def summary(week: Week, session: PlannedSession) -> str:
    """The event's title: the session, its week and the week's kind."""
    title = session.title.strip() or "Training session"
    return f"{title} (week {week.index}, {week.kind.value})"


def program_calendar(
    program: Program,
    *,
    program_id: int,
    name: str,
    starts_on: date,
    zone: ZoneInfo,
    name_of: Callable[[str], str],
    stamp: datetime,
    at: time = DEFAULT_START,
) -> bytes:
    """The .ics bytes of every planned session of `program`, week 1 from `starts_on`.

    `name_of` turns an exercise id into the name to show; `stamp` (aware) is every event's
    DTSTAMP, so the output depends on its arguments only.
    """
    if stamp.tzinfo is None:
        raise ValueError("stamp: give an aware datetime")
    stamped = stamp.astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone.key)
    for week in program.weeks:
        for position, session in enumerate(week.sessions):
            begins = datetime.combine(session_date(starts_on, week.index, session), at, tzinfo=zone)
            minutes = session.estimated_minutes or DEFAULT_MINUTES
            event = Event()
            event.add("uid", event_uid(program_id, week.index, position))
            event.add("dtstamp", stamped)
            event.add("dtstart", begins)
            event.add("dtend", begins + timedelta(minutes=minutes))
            event.add("summary", summary(week, session))
            event.add("description", describe(week, session, name_of))
            event.add("categories", ["Training"])
            calendar.add_component(event)
    monday = starts_on - timedelta(days=starts_on.weekday())
    weeks = max((week.index for week in program.weeks), default=1)
    calendar.add_missing_timezones(monday, monday + timedelta(days=7 * weeks + 7))
    content: bytes = calendar.to_ical()
    return content
