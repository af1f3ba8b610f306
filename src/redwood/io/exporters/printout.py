"""A program as a printable PDF (A4 or Letter): an overview, one page per week, the cues.

The first page names the program and the profile it was planned for, the schedule, how to
read a prescription, and the program's warnings and reasons. Each week then starts on a new
page: its block, build or deload, its focus and (when the start is known) its dates, then
each session as a table in the order it is done: `#` (`2a`/`2b` for a superset, with the
pause between the two moves under it), the exercise, sets x reps (seconds or metres for
timed and distance moves, "each side" when unilateral), RIR, rest, and one empty box per set
to write the load and reps on. A session never breaks across pages. The last section lists
each exercise once with its cues. Page numbers ("Page 2 of 9") and the program's name are in
the footer.

The page is HTML and CSS from a Jinja2 template (`templates/program.html`), laid out by
WeasyPrint; fonts are the system's DejaVu or Liberation Sans. Pure apart from the rendering:
the program, the names and cues, the start and the paper come in, bytes go out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup

from redwood.domain.exercise import Exercise
from redwood.domain.program import Block, BlockType, PlannedSession, Program, Week, WeekKind
from redwood.io.exporters.calendar import session_date
from redwood.io.program_files import reps_text

TEMPLATES = Path(__file__).parent / "templates"
RENDERED = 16
"""Rendered printouts kept in memory (a few hundred kB in all)."""
MAX_BOXES = 8
"""Log boxes drawn for one exercise (more sets than this is rare and would not fit)."""
DAY_NAMES = {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri"}
DAY_NAMES |= {"sat": "Sat", "sun": "Sun"}


class Paper(StrEnum):
    """The paper sizes a printout is laid out for."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def css(self) -> str:
        """The CSS `size` of the page."""
        return "A4" if self is Paper.A4 else "letter"

    @property
    def points(self) -> tuple[int, int]:
        """Width and height in PostScript points (1/72 in): A4 is 210 x 297 mm."""
        return (595, 842) if self is Paper.A4 else (612, 792)


def read_paper(text: str) -> Paper:
    """`a4` or `letter` (any case); a `ValueError` naming the choices otherwise."""
    word = text.strip().lower()
    try:
        return Paper(word)
    except ValueError:
        raise ValueError(f"paper: use a4 or letter (got {text!r})") from None


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a session table, or (with `note`) the pause of a superset."""

    mark: str = ""
    name: str = ""
    dose: str = ""
    rir: str = ""
    rest: str = ""
    boxes: int = 0
    paired: bool = False
    note: str = ""


def rest_text(seconds: int) -> str:
    """A rest as people say it: `90 s`, `3 min`, `2:30`."""
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return f"{minutes}:{rest:02d}"
    return f"{minutes} min" if minutes else f"{rest} s"


def _rows(number: int, block: Block, find: Callable[[str], Exercise | None]) -> Iterator[Row]:
    paired = block.type is BlockType.SUPERSET and len(block.exercises) > 1
    for letter, item in zip("abcdefgh", block.exercises, strict=False):
        exercise = find(item.exercise)
        yield Row(
            mark=f"{number}{letter}" if paired else str(number),
            name=exercise.name if exercise is not None else item.exercise,
            dose=f"{item.sets} × {reps_text(item, exercise)}",
            rir=str(item.rir),
            rest=rest_text(item.rest_seconds),
            boxes=min(item.sets, MAX_BOXES),
            paired=paired,
        )
    if paired:
        pause = block.pair_rest_seconds or 0
        moves = " and ".join(f"{number}{letter}" for letter in "ab")
        yield Row(note=f"Superset: alternate {moves}, {rest_text(pause)} between them.")


def _session(session: PlannedSession, find: Callable[[str], Exercise | None]) -> dict[str, Any]:
    day = DAY_NAMES.get(str(session.weekday), str(session.weekday))
    title = session.title.strip() or "Training session"
    heading = f"{day} · {title} · about {session.estimated_minutes} min · {session.setting}"
    rows = [row for n, block in enumerate(session.blocks, start=1) for row in _rows(n, block, find)]
    return {"heading": heading, "rows": rows}


def _week(
    week: Week, starts_on: date | None, find: Callable[[str], Exercise | None]
) -> dict[str, Any]:
    kind = "deload" if week.kind is WeekKind.DELOAD else "build"
    heading = f"Week {week.index} · block {week.block} · {kind} · {week.focus} focus"
    dates = ""
    if starts_on is not None:
        monday = starts_on - timedelta(days=starts_on.weekday()) + timedelta(weeks=week.index - 1)
        days = [session_date(starts_on, week.index, session) for session in week.sessions]
        shown = ", ".join(
            f"{DAY_NAMES[str(s.weekday)]} {d:%d %b}"
            for s, d in zip(week.sessions, days, strict=True)
        )
        dates = f"Week of {monday:%d %B %Y}" + (f": {shown}" if shown else "")
    sessions = [_session(session, find) for session in week.sessions]
    return {"heading": heading, "dates": dates, "sessions": sessions}


def _cues(program: Program, find: Callable[[str], Exercise | None]) -> list[dict[str, Any]]:
    """Each exercise of the program once, in the order first done, with its cues."""
    seen: dict[str, None] = {}
    for week in program.weeks:
        for session in week.sessions:
            for item in session.prescriptions():
                seen.setdefault(item.exercise, None)
    found = [find(exercise_id) for exercise_id in seen]
    return [
        {"name": exercise.name, "cues": list(exercise.cues)}
        for exercise in found
        if exercise is not None and exercise.cues
    ]


def _css_string(text: str) -> Markup:
    """Text for a CSS string in the page's <style> (quoted there; never HTML-escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return Markup(" ".join(escaped.split()))


@dataclass(frozen=True, slots=True)
class Printed:
    """A rendered printout: the PDF's bytes and its number of pages."""

    content: bytes
    pages: int


@dataclass(frozen=True, slots=True)
class Printout:
    """One program to print: its name, the paper, how to find an exercise by id (for names
    and cues), and the Monday of week 1 when known (the weeks are then dated)."""

    program: Program
    name: str
    paper: Paper
    find: Callable[[str], Exercise | None]
    starts_on: date | None = None

    def document(self) -> dict[str, Any]:
        """What the template shows, as plain values (see the module docstring)."""
        program, starts_on = self.program, self.starts_on
        profile = program.profile
        days = ", ".join(DAY_NAMES.get(str(day), str(day)) for day in profile.weekdays)
        deloads = [str(week.index) for week in program.weeks if week.kind is WeekKind.DELOAD]
        weeks = len(program.weeks)
        summary = (
            f"{str(profile.goal).capitalize()}, {profile.level}: {profile.days_per_week} days "
            f"a week ({days}), about {profile.session_minutes} minutes a session, "
            f"{profile.setting}."
        )
        schedule = f"{weeks} week{'s' * (weeks != 1)}" + (
            f"; deload in week {', '.join(deloads)}" if deloads else "; no deload week"
        )
        if starts_on is not None:
            monday = starts_on - timedelta(days=starts_on.weekday())
            schedule += f"; week 1 starts on Monday {monday:%d %B %Y}"
        return {
            "title": self.name,
            "paper": self.paper,
            "footer": _css_string(f"Redwood · {self.name}"),
            "summary": summary,
            "schedule": schedule + ".",
            "warnings": list(program.warnings),
            "rationale": list(program.rationale),
            "weeks": [_week(week, starts_on, self.find) for week in program.weeks],
            "cues": _cues(program, self.find),
        }

    def html(self) -> str:
        """The printout as one HTML page (what WeasyPrint lays out)."""
        return _template().render(doc=self.document())

    def pdf(self) -> Printed:
        """The printout as PDF, laid out for the paper. The same printout, the same bytes."""
        return _render(self.html())


@cache
def _template() -> Template:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("program.html")


@lru_cache(maxsize=RENDERED)
def _render(page: str) -> Printed:
    """Lay one HTML page out as PDF. WeasyPrint takes about a quarter of a second of CPU a
    page, and the same HTML always gives the same bytes, so recent results are kept: a
    program downloaded again (or in the other paper size and back) is not laid out again."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    rendered = HTML(string=page, base_url=str(TEMPLATES)).render()
    content: bytes = rendered.write_pdf()
    return Printed(content, len(rendered.pages))
