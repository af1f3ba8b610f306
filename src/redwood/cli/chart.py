"""`redwood chart e1rm EXERCISE -o squat.svg` and `redwood chart volume --muscle quads -o
quads.svg`: the charts the web pages and the PDF review draw, as files.

The file is SVG, or PNG when its name ends in .png; it appears only once complete. The e1RM
chart covers the whole log unless `--weeks` says otherwise; the volume chart the last 12
weeks, with your weekly band shaded.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit
from redwood.cli.today import parse_day

app = typer.Typer(no_args_is_help=True)

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
OutputOpt = Annotated[str, typer.Option("--output", "-o", help="The file: .svg or .png.")]
EndOpt = Annotated[
    str | None, typer.Option("--end", help="The last day (YYYY-MM-DD; default today).")
]


def _said(data: dict[str, Any]) -> None:
    what = data.get("name") or str(data.get("muscle", "")).replace("_", " ")
    points = data["points"]
    note = "" if points else " (no data yet: the chart says so)"
    console.print(
        f"Wrote {data['file']} ({data['format'].upper()}, {what}, {points} points){note}.",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@app.command("e1rm")
def e1rm_command(
    exercise: Annotated[list[str], typer.Argument(help="The exercise, e.g. squat.")],
    output: OutputOpt,
    weeks: Annotated[
        int | None, typer.Option("--weeks", "-w", help="Only the last weeks (1-520).")
    ] = None,
    end: EndOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """The best estimated 1RM of each session of one exercise, over time."""
    from redwood.services import progress

    written = progress.write_chart("e1rm", " ".join(exercise), output, weeks, parse_day(end, "end"))
    emit(written, fmt, _said)


@app.command("volume")
def volume_command(
    muscle: Annotated[str, typer.Option("--muscle", "-m", help="e.g. quads, back, glutes.")],
    output: OutputOpt,
    weeks: Annotated[int, typer.Option("--weeks", "-w", help="How many weeks (1-520).")] = 12,
    end: EndOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Hard sets a week of one muscle group, with your band shaded."""
    from redwood.services import progress

    emit(progress.write_chart("volume", muscle, output, weeks, parse_day(end, "end")), fmt, _said)
