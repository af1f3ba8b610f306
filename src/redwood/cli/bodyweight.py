"""`redwood bodyweight add|list`: the athlete's bodyweight, one reading a day.

`redwood bodyweight add 80.5kg` (or `177lb`, or a bare number in your unit) records today's
reading, or another day's with `--date`; a second reading of a day replaces the first.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit

app = typer.Typer(no_args_is_help=True)

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
DateOpt = Annotated[
    str | None, typer.Option("--date", "-d", help="The day (YYYY-MM-DD, yesterday).")
]


@app.command("add")
def add_command(
    weight: Annotated[list[str], typer.Argument(metavar="WEIGHT", help="e.g. 80.5kg or 177lb.")],
    on: DateOpt = None,
    note: Annotated[str | None, typer.Option("--note", help="A few words.")] = None,
    fmt: FormatOpt = None,
) -> None:
    """Record your bodyweight (20-400 kg)."""
    from redwood.services import readings
    from redwood.services.athletes import today_of_local_athlete
    from redwood.services.logsupport import read_date

    today = today_of_local_athlete()
    day = today if on is None else read_date(on, today)
    result = readings.add_bodyweight(" ".join(weight), day, today=today, note=note)

    def table(data: dict[str, Any]) -> None:
        replaced = f" (replacing {data['replaced']})" if data["replaced"] else ""
        console.print(
            f"Bodyweight on {data['date']}: {data['weight']}{replaced}.",
            markup=False,
            highlight=False,
        )

    emit(result, fmt, table)


@app.command("list")
def list_command(
    start: Annotated[str | None, typer.Option("--from", help="From this day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="To this day, included.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many (1-1000).")] = 30,
    fmt: FormatOpt = None,
) -> None:
    """Your bodyweight readings, newest first, with the change since the one before."""
    from redwood.services import readings
    from redwood.services.athletes import today_of_local_athlete
    from redwood.services.logsupport import read_date

    today = today_of_local_athlete()
    rows = readings.list_bodyweights(
        start=None if start is None else read_date(start, today, "from", future=True),
        end=None if end is None else read_date(end, today, "to", future=True),
        limit=limit,
    )

    def table(data: list[dict[str, Any]]) -> None:
        if not data:
            console.print("No bodyweight yet: try  redwood bodyweight add 80.5kg", markup=False)
            return
        grid = Table(header_style="bold green")
        for column in ("date", "weight", "change (kg)", "note"):
            grid.add_column(column)
        for row in data:
            change = row["change_kg"]
            grid.add_row(
                row["date"],
                row["weight"],
                "" if change is None else f"{change:+}",
                escape(row["note"] or ""),
            )
        console.print(grid)

    emit(rows, fmt, table)
