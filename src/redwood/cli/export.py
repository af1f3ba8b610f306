"""`redwood export json|csv -o FILE`: the athlete's data out, for backup or for other apps.

`json` writes the complete backup (schema redwood.backup/1) that `redwood import redwood FILE`
restores; `csv` writes one row per set, in Redwood's columns or Strong's layout
(`--layout strong`) for apps that read Strong exports. The file appears only once complete.
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
