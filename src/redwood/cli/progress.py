"""`redwood progress`: each lift's e1RM as a sparkline with its records, weekly volume
against your band, adherence, your streak and milestones, over the last weeks.

`--format json` prints the progress document (`services.progress.progress`): `lifts` (each
with `e1rm` [{date, kg}] and `records`), `weekly_volume` [{week, muscle, sets}],
`adherence`, `streak_days`, `milestones`, `new_records` and `bodyweight`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit
from redwood.cli.today import parse_day

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
WeeksOpt = Annotated[int, typer.Option("--weeks", "-w", help="How many weeks back (1-520).")]
EndOpt = Annotated[
    str | None, typer.Option("--end", help="The last day (YYYY-MM-DD; default today).")
]
BARS = "▁▂▃▄▅▆▇█"
SHOWN_MILESTONES = 6
TENTH = Decimal("0.1")


def sparkline(values: Sequence[float]) -> str:
    """Values as a row of block characters, lowest to highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    return "".join(
        BARS[0 if not span else round((v - low) / span * (len(BARS) - 1))] for v in values
    )


def _lifts(data: dict[str, Any]) -> Table:
    table = Table(title="Estimated 1RM, best set of each session", header_style="bold")
    for column in ("lift", "trend", "last", "best e1RM", "heaviest", "sessions"):
        table.add_column(column, justify="right" if column == "sessions" else "left")
    for lift in data["lifts"]:
        records = {(r["kind"], r["reps"]): r for r in lift["records"]}
        best, heaviest = records.get(("e1rm", None)), records.get(("load", None))
        e1rm = lift["e1rm"]
        table.add_row(
            escape(lift["name"]),
            sparkline([point["kg"] for point in e1rm]),
            _shown(e1rm[-1]["kg"], data) if e1rm else "-",
            "-" if best is None else f"{best['shown']}\n{best['date']}",
            "-" if heaviest is None else f"{heaviest['shown']}\n{heaviest['date']}",
            str(lift["sessions"]),
        )
    return table


def _shown(kilograms: float, data: dict[str, Any]) -> str:
    """Kilograms from the document, in the athlete's unit."""
    from redwood.domain.mass import Mass, Unit

    return Mass.of(str(kilograms), Unit.KG).format(Unit(data["unit"]))


def _records(data: dict[str, Any]) -> Table:
    table = Table(title="Records (all time)", header_style="bold")
    for column in ("lift", "rep bests", "best session volume", "most reps"):
        table.add_column(column)
    for lift in data["lifts"]:
        reps = [r for r in lift["records"] if r["kind"] == "rep"]
        volume = next((r for r in lift["records"] if r["kind"] == "volume"), None)
        most = next((r for r in lift["records"] if r["kind"] == "most_reps"), None)
        table.add_row(
            escape(lift["name"]),
            ", ".join(f"{r['reps']}: {r['shown']}" for r in reps) or "-",
            "-" if volume is None else f"{volume['shown']}\n{volume['date']}",
            "-" if most is None else f"{most['shown']}\n{most['date']}",
        )
    return table


def _volume(data: dict[str, Any]) -> Table:
    table = Table(title="Hard sets a week per muscle", header_style="bold")
    for column in ("muscle", "weeks", "average", "last week", "band"):
        table.add_column(column)
    muscles: dict[str, list[dict[str, Any]]] = {}
    for item in data["weekly_volume"]:
        muscles.setdefault(item["muscle"], []).append(item)
    for muscle, items in muscles.items():
        sets = [item["sets"] for item in items]
        band = items[0]["band"]
        table.add_row(
            muscle.replace("_", " "),
            sparkline(sets),
            str((Decimal(str(sum(sets))) / len(sets)).quantize(TENTH, rounding=ROUND_HALF_UP)),
            f"{sets[-1]:g}",
            "-" if band is None else f"{band['low']:g}-{band['high']:g}",
        )
    return table


def render_progress(data: dict[str, Any]) -> None:
    """The progress document as tables and a few lines."""
    period = data["period"]
    console.print(
        f"[bold]Progress, {period['start']} to {period['end']}[/bold] ({period['weeks']} weeks): "
        f"streak {data['streak_days']} days, {data['sessions']} sessions logged in all.",
        soft_wrap=True,
    )
    if not data["lifts"]:
        console.print(
            'No hard sets in these weeks: log some with  redwood log add "squat 100kg 5x5 @8"'
        )
    else:
        console.print(_lifts(data))
        console.print(_records(data))
    for record in data["new_records"]:
        console.print(f"[green]{record['date']}: {escape(record['text'])}[/green]", soft_wrap=True)
    if data["weekly_volume"]:
        console.print(_volume(data))
    if data["adherence"]:
        weeks = ", ".join(f"{w['done']}/{w['planned']}" for w in data["adherence"])
        console.print(
            f"Planned sessions done, week by week: {weeks} ({data['adherence_percent']}%)."
        )
    for milestone in data["milestones"][-SHOWN_MILESTONES:]:
        console.print(
            f"[cyan]* {milestone['date']}: {escape(milestone['title'])}[/cyan]", soft_wrap=True
        )
    weight = data["bodyweight"]
    if weight["readings"]:
        last = weight["readings"][-1]
        change = weight["change_kg"]
        moved = "" if change is None else f", {change:+g} kg over these weeks"
        console.print(
            f"Bodyweight {_shown(last['kg'], data)} on {last['date']}{moved}.", soft_wrap=True
        )


def progress_command(weeks: WeeksOpt = 12, end: EndOpt = None, fmt: FormatOpt = None) -> None:
    """Your lifts' e1RM, records, volume against your band, adherence, streak, milestones."""
    from redwood.services import progress

    emit(progress.progress(weeks, parse_day(end, "end")), fmt, render_progress)
