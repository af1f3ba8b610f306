"""`redwood checkin [--sleep H] [--soreness 1-5] [--energy 1-5] [--pain AREAS] [--note T]`
and `redwood checkin list`: how ready the athlete is today.

With no answer given, on a terminal, it asks the questions one by one (Enter skips one, a
wrong answer is asked again); without a terminal it says which flags to give and exits 2.
The coach reads the latest check-in of a day: poor sleep, soreness or pain lowers the sets.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import typer
from rich.markup import escape
from rich.prompt import Prompt
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit, fail

app = typer.Typer(invoke_without_command=True, no_args_is_help=False)

T = TypeVar("T")
FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
AREAS = "lower_back, knee, shoulder, hip, elbow, wrist"


def _opt(flag: str, text: str) -> Any:
    return typer.Option(flag, help=text, show_default=False)


def _today() -> date:
    from redwood.services.athletes import today_of_local_athlete

    return today_of_local_athlete()


def _summary(data: dict[str, Any]) -> str:
    parts = []
    if data["sleep_hours"] is not None:
        parts.append(f"slept {data['sleep_hours']} h")
    if data["soreness"] is not None:
        parts.append(f"soreness {data['soreness']}/5")
    if data["energy"] is not None:
        parts.append(f"energy {data['energy']}/5")
    if data["pain_where"]:
        parts.append(f"pain: {', '.join(data['pain_where'])}")
    if data["note"]:
        parts.append(f"note: {data['note']}")
    return ", ".join(parts)


def _ask(question: str, read: Callable[[str], T]) -> T:
    """Ask until `read` accepts the answer (Enter gives ""); its error says what was wrong."""
    while True:
        answer = Prompt.ask(question, default="", show_default=False, console=console)
        try:
            return read(answer.strip())
        except ValueError as exc:
            console.print(f"[red]{escape(str(exc))}[/red]", highlight=False)


def questionnaire() -> dict[str, Any]:
    """The check-in questions; the answers as `add_checkin` keywords (None = skipped)."""
    from redwood.services import readings

    console.print("Check-in: press Enter to skip a question.", highlight=False)
    return {
        "sleep_hours": _ask("Hours of sleep last night (0-24)", readings.read_sleep),
        "soreness": _ask(
            "Soreness 1-5 (1 none, 5 very sore)", lambda text: readings.read_scale("soreness", text)
        ),
        "energy": _ask(
            "Energy 1-5 (1 drained, 5 great)", lambda text: readings.read_scale("energy", text)
        ),
        "pain_where": _ask(f"Pain? Where ({AREAS}), or Enter for none", readings.pain_areas),
        "note": _ask("A note", lambda text: text or None),
    }


@app.callback(invoke_without_command=True)
def checkin_command(
    ctx: typer.Context,
    sleep: Annotated[str | None, _opt("--sleep", "Hours slept last night, e.g. 6.5.")] = None,
    soreness: Annotated[str | None, _opt("--soreness", "1 (none) to 5 (very sore).")] = None,
    energy: Annotated[str | None, _opt("--energy", "1 (drained) to 5 (great).")] = None,
    pain: Annotated[str | None, _opt("--pain", f"Where it hurts: {AREAS}.")] = None,
    note: Annotated[str | None, _opt("--note", "A few words.")] = None,
    on: Annotated[str | None, _opt("--date", "The day (YYYY-MM-DD, yesterday).")] = None,
    fmt: FormatOpt = None,
) -> None:
    """Record sleep, soreness, energy and pain (no flags on a terminal: questions)."""
    answers: dict[str, Any] = {
        "sleep_hours": sleep,
        "soreness": soreness,
        "energy": energy,
        "pain_where": pain,
        "note": note,
    }
    given = any(value is not None for value in answers.values())
    if ctx.invoked_subcommand is not None:
        if given or on is not None:
            fail(f"give the check-in flags without '{ctx.invoked_subcommand}'")
        return
    from redwood.services import readings
    from redwood.services.logsupport import read_date

    today = _today()
    day = today if on is None else read_date(on, today)
    if not given:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            fail(
                "give at least one of --sleep, --soreness, --energy, --pain, --note "
                "(or run 'redwood checkin' on a terminal to answer questions)"
            )
        try:
            answers = questionnaire()
        except (EOFError, KeyboardInterrupt):
            raise typer.Abort() from None
        if all(value in (None, []) for value in answers.values()):
            console.print("Nothing recorded.", highlight=False)
            return
    result = readings.add_checkin(day, today=today, **answers)
    emit(
        result,
        fmt,
        lambda data: console.print(
            f"Check-in for {data['date']}: {_summary(data)}.", markup=False, highlight=False
        ),
    )


@app.command("list")
def list_command(
    start: Annotated[str | None, _opt("--from", "From this day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, _opt("--to", "To this day, included.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many (1-1000).")] = 30,
    fmt: FormatOpt = None,
) -> None:
    """Your check-ins, newest first."""
    from redwood.services import readings
    from redwood.services.logsupport import read_date

    today = _today()
    rows = readings.list_checkins(
        start=None if start is None else read_date(start, today, "from", future=True),
        end=None if end is None else read_date(end, today, "to", future=True),
        limit=limit,
    )

    def table(data: list[dict[str, Any]]) -> None:
        if not data:
            console.print("No check-ins yet: try  redwood checkin --sleep 7 --soreness 2")
            return
        grid = Table(header_style="bold green")
        for column in ("date", "sleep (h)", "soreness", "energy", "pain", "note"):
            grid.add_column(column, overflow="fold")
        for row in data:
            grid.add_row(
                row["date"],
                "" if row["sleep_hours"] is None else str(row["sleep_hours"]),
                "" if row["soreness"] is None else str(row["soreness"]),
                "" if row["energy"] is None else str(row["energy"]),
                ", ".join(row["pain_where"]),
                escape(row["note"] or ""),
            )
        console.print(grid)

    emit(rows, fmt, table)
