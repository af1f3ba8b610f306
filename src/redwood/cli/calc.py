"""`redwood calc e1rm|plates|load`: the training calculators from the terminal."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit

app = typer.Typer(no_args_is_help=True)

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
RpeOpt = Annotated[float | None, typer.Option("--rpe", help="RPE of the set (5-10, half steps).")]
RirOpt = Annotated[float | None, typer.Option("--rir", help="Reps in reserve (0-6, half steps).")]
BarOpt = Annotated[str | None, typer.Option("--bar", help="Bar weight, e.g. 20kg or 45lb.")]
PlatesOpt = Annotated[
    str | None,
    typer.Option("--plates", help="Plate sizes you own, e.g. 25,20,15,10,5,2.5,1.25."),
]


def _decimal(value: float | None) -> Decimal | None:
    """A typed number as a Decimal, whole numbers without a trailing ".0"."""
    if value is None:
        return None
    number = Decimal(str(value))
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def _e1rm_table(data: dict[str, Any]) -> None:
    effort = "" if data["rir"] is None else f" with {data['rir']:g} in reserve"
    table = Table(
        title=f"e1RM from {data['load']:g} {data['unit']} x {data['reps']}{effort}",
        header_style="bold",
    )
    table.add_column("formula")
    table.add_column("e1RM", justify="right")
    table.add_column("source")
    table.add_column("note")
    for est in data["estimates"]:
        name = est["formula"] + (" (default)" if est["default"] else "")
        table.add_row(name, est["text"], est["source"], est["note"] or "")
    console.print(table)
    console.print("[dim]An estimate from population averages: your own log overrides it.[/dim]")


@app.command("e1rm")
def e1rm_command(
    load: Annotated[str, typer.Argument(help="Load lifted, e.g. 100kg or 225lb.")],
    reps: Annotated[int, typer.Argument(help="Reps done (1-12).")],
    rpe: RpeOpt = None,
    rir: RirOpt = None,
    formula: Annotated[
        str | None, typer.Option("--formula", help="One formula (epley, brzycki, rts, ...).")
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Estimated one-rep max from a set, every formula side by side."""
    from redwood.services import calculators

    data = calculators.e1rm(load, reps, rpe=_decimal(rpe), rir=_decimal(rir), formula=formula)
    emit(data, fmt, _e1rm_table)


def _plates_table(data: dict[str, Any]) -> None:
    unit = data["unit"]
    console.print(f"[bold]{data['per_side_text']}[/bold] per side", highlight=False)
    console.print(f"on a {data['bar']:g} {unit} bar = {data['total']:g} {unit}", highlight=False)
    if not data["exact"]:
        console.print(
            f"[yellow]{data['target']:g} {unit} cannot be made exactly with these plates; "
            f"this is the nearest load below it.[/yellow]"
        )


@app.command("plates")
def plates_command(
    target: Annotated[str, typer.Argument(help="Total load on the bar, e.g. 142.5kg.")],
    bar: BarOpt = None,
    plates: PlatesOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Plates for each side of the bar to make a load."""
    from redwood.services import calculators

    emit(calculators.plates(target, bar_text=bar, plates_text=plates), fmt, _plates_table)


def _load_table(data: dict[str, Any]) -> None:
    unit = data["unit"]
    console.print(
        f"[bold]{data['text']}[/bold] for {data['reps']} reps leaving {data['rir']:g} in reserve",
        highlight=False,
    )
    console.print(
        f"{data['percent_1rm']:g}% of a {data['e1rm']:g} {unit} e1RM = "
        f"{data['exact_load']:g} {unit}, rounded down to your plates",
        highlight=False,
    )
    console.print(f"per side: {data['per_side_text']} on a {data['bar']:g} {unit} bar")


@app.command("load")
def load_command(
    e1rm: Annotated[str, typer.Option("--e1rm", help="Your estimated 1RM, e.g. 150kg.")],
    reps: Annotated[int, typer.Option("--reps", help="Target reps.")],
    rir: RirOpt = None,
    rpe: RpeOpt = None,
    bar: BarOpt = None,
    plates: PlatesOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """The load to use for a target of reps and reps in reserve, rounded to your plates."""
    from redwood.services import calculators

    data = calculators.load(
        e1rm,
        reps,
        rir=_decimal(rir),
        rpe=_decimal(rpe),
        bar_text=bar,
        plates_text=plates,
    )
    emit(data, fmt, _load_table)
