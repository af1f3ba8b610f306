"""`redwood log add|list|edit|delete|undo`: the training log from the terminal.

`redwood log add "2026-11-02 squat 100kg 5,5,4 @8"` logs one line of the notation (quotes
are optional, but a `# note` needs them); sets are shown by the first 8 characters of their
id, which `edit` and `delete` accept. Every write can be taken back with `redwood log undo`.
Bad input is one line on stderr and exit code 2, and nothing is written.
`redwood log` alone starts the session runner.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit

app = typer.Typer(invoke_without_command=True, no_args_is_help=False)

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
Words = Annotated[list[str], typer.Argument(metavar="LINE", help="e.g. squat 100kg 5,5,4 @8.")]
Changes = Annotated[
    list[str], typer.Argument(metavar="CHANGES", help="e.g. 102.5 6 @8, or @9, or w.")
]
SetIdArg = Annotated[str, typer.Argument(help="The set id, or its first 8 characters.")]


@app.callback(invoke_without_command=True)
def log_callback(
    ctx: typer.Context,
    date_text: Annotated[
        str | None,
        typer.Option("--date", "-d", help="Run the session of this date (default today)."),
    ] = None,
    rest_scale: Annotated[
        float,
        typer.Option("--rest-scale", min=0.0, max=10.0, hidden=True, help="Scale rest timers."),
    ] = 1.0,
) -> None:
    """Log sets: add a line, list, edit, delete, undo; alone, the session runner."""
    if ctx.invoked_subcommand is None:
        from redwood.cli.runner import run_session
        from redwood.cli.today import parse_day

        run_session(parse_day(date_text), rest_scale)


def _today() -> date:
    from redwood.services.athletes import today_of_local_athlete

    return today_of_local_athlete()


def _day(text: str | None, today: date, field: str, *, future: bool = False) -> date | None:
    from redwood.services.logsupport import read_date

    return None if text is None else read_date(text, today, field, future=future)


def _what(view: dict[str, Any]) -> str:
    from redwood.services.logsupport import describe

    return describe(view)


def sets_table(sets: list[dict[str, Any]], title: str | None = None) -> Table:
    """Sets as a table: short id, date, exercise, kind, the set, note."""
    table = Table(title=title, title_justify="left", header_style="bold green")
    for column in ("id", "date", "exercise", "set", "note"):
        table.add_column(column, overflow="fold")
    for view in sets:
        table.add_row(
            view["short_id"],
            view["date"] or "",
            escape(view["name"]),
            escape(_what(view)),
            escape(view["note"] or ""),
        )
    return table


def _say(message: str) -> None:
    console.print(message, markup=False, highlight=False, soft_wrap=True)


@app.command("add")
def add_command(
    words: Words,
    on: Annotated[
        str | None, typer.Option("--date", "-d", help="The day (YYYY-MM-DD, yesterday).")
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Log one line, e.g. "2026-11-02 squat 100kg 5,5,4 @8 # felt quick" or "pull-up bw 3x8
    rir2"; loads without a unit are in yours, w/drop/fail mark the kind of a group."""
    from redwood.services import logbook

    today = _today()
    result = logbook.add_line(" ".join(words), today=today, on=_day(on, today, "date"))

    def table(data: dict[str, Any]) -> None:
        count = len(data["sets"])
        where = "a new session" if data["session"]["created"] else "that day's session"
        _say(
            f"Logged {count} set{'s' if count != 1 else ''} of {data['name']} on "
            f"{data['date']} ({where}): {data['line']}"
        )
        console.print(sets_table(data["sets"]))
        for record in data.get("records", []):
            _say(f"Record! {record['text']}")
        _say(f"Undo: {data['undo']}")

    emit(result, fmt, table)


@app.command("list")
def list_command(
    exercise: Annotated[str | None, typer.Option("--exercise", "-e", help="One exercise.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="From this day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="To this day, included.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Sets per page (1-500).")] = 50,
    cursor: Annotated[
        str | None, typer.Option("--cursor", help="The next page, as the last page said.")
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Logged sets, newest first."""
    from redwood.services import logbook

    today = _today()
    page = logbook.list_sets(
        exercise=exercise,
        start=_day(start, today, "from", future=True),
        end=_day(end, today, "to", future=True),
        cursor=cursor,
        limit=limit,
    )

    def table(data: dict[str, Any]) -> None:
        if not data["items"]:
            _say('No sets logged yet: try  redwood log add "squat 100kg 5,5,4 @8"')
            return
        console.print(sets_table(data["items"]))
        if data["next_cursor"]:
            _say(f"More: redwood log list --cursor {data['next_cursor']}")

    emit(page, fmt, table)


@app.command("edit")
def edit_command(set_id: SetIdArg, changes: Changes, fmt: FormatOpt = None) -> None:
    """Change a set: what you type replaces only that ("102.5 6 @8", "@9", "w", "bw")."""
    from redwood.services import logbook

    result = logbook.edit_set(set_id, " ".join(changes))
    emit(result, fmt, lambda data: _say(data["message"]))


@app.command("delete")
def delete_command(set_id: SetIdArg, fmt: FormatOpt = None) -> None:
    """Delete a set (redwood log undo brings it back)."""
    from redwood.services import logbook

    result = logbook.delete_set(set_id)
    emit(result, fmt, lambda data: _say(f"{data['message']} Undo: {data['undo']}"))


@app.command("undo")
def undo_command(fmt: FormatOpt = None) -> None:
    """Take back the last add, edit or delete; again for the one before."""
    from redwood.services import logbook

    emit(logbook.undo(), fmt, lambda data: _say(data["message"]))
