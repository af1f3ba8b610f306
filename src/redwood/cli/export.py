"""`redwood export json|csv|ics|pdf -o FILE`: the athlete's data out, for backup, other apps,
the calendar or the gym wall.

`json` writes the complete backup (schema redwood.backup/1) that `redwood import redwood FILE`
restores; `csv` writes one row per set, in Redwood's columns or Strong's layout
(`--layout strong`) for apps that read Strong exports; `ics` puts the active program's
sessions on a calendar (stable UIDs: importing a newer export updates the same events);
`pdf` lays a program out to print (`--paper a4|letter`, `--program ID` for another than the
active one). The file appears only once complete.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit

app = typer.Typer(no_args_is_help=True)

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
OutputOpt = Annotated[str, typer.Option("--output", "-o", help="The file to write.")]


def _say(message: str) -> None:
    console.print(message, markup=False, highlight=False, soft_wrap=True)


@app.command("json")
def json_command(output: OutputOpt, fmt: FormatOpt = None) -> None:
    """A complete backup: profile, settings, programs, log, check-ins, body weight, mappings."""
    from redwood.services.exports import export_json

    result = export_json(output)

    def table(data: dict[str, Any]) -> None:
        _say(
            f"Wrote {data['file']} ({data['schema']}): {data['sessions']} sessions, "
            f"{data['sets']} sets, {data['programs']} programs, {data['checkins']} check-ins, "
            f"{data['bodyweights']} body weights, {data['custom_exercises']} custom exercises."
        )
        _say(f"Restore it with: redwood import redwood {data['file']}")

    emit(result, fmt, table)


@app.command("csv")
def csv_command(
    output: OutputOpt,
    layout: Annotated[
        str, typer.Option("--layout", help="redwood (every column) or strong (Strong's S1).")
    ] = "redwood",
    fmt: FormatOpt = None,
) -> None:
    """The log as CSV, one row per set."""
    from redwood.services.exports import export_csv

    result = export_csv(output, layout=layout)

    def table(data: dict[str, Any]) -> None:
        _say(f"Wrote {data['sets']} sets to {data['file']} ({data['layout']} layout).")

    emit(result, fmt, table)


@app.command("ics")
def ics_command(
    output: OutputOpt,
    start: Annotated[
        str | None,
        typer.Option("--start", help="Week 1's Monday on the calendar (YYYY-MM-DD, today)."),
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """The active program's sessions as an iCalendar (.ics) file, at 18:00 local time."""
    from redwood.services.athletes import today_of_local_athlete
    from redwood.services.exports import export_ics
    from redwood.services.logsupport import read_date

    day = (
        None if start is None else read_date(start, today_of_local_athlete(), "start", future=True)
    )
    result = export_ics(output, start=day)

    def table(data: dict[str, Any]) -> None:
        _say(
            f"Wrote {data['sessions']} sessions of program {data['program']} to {data['file']} "
            f"(week 1 starts {data['start']})."
        )

    emit(result, fmt, table)


@app.command("pdf")
def pdf_command(
    output: OutputOpt,
    paper: Annotated[str, typer.Option("--paper", help="a4 or letter.")] = "a4",
    program: Annotated[
        int | None,
        typer.Option(
            "--program", min=1, help="A program id (redwood program list); else the active one."
        ),
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """A program to print: weeks, sessions, sets x reps, RIR, rest, boxes to log, cues."""
    from redwood.services.exports import export_pdf

    result = export_pdf(output, paper=paper, program=program)

    def table(data: dict[str, Any]) -> None:
        pages = f"{data['pages']} page{'s' if data['pages'] != 1 else ''}"
        _say(
            f"Wrote program {data['program']} ({data['name']}) to {data['file']}: {pages}, "
            f"{data['paper'].upper() if data['paper'] == 'a4' else 'Letter'} paper."
        )

    emit(result, fmt, table)
