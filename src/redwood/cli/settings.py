"""`redwood settings`: unit, time zone, plates, dumbbells, machine stacks, progression rules.

The coach rounds every load to this kit and progresses each lift by its rule; the time
zone decides what "today" is.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)
FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]


def _render(data: dict[str, Any]) -> None:
    table = Table(title="Settings", header_style="bold", show_header=False)
    table.add_column("setting", style="bold")
    table.add_column("value")
    unit = data["unit"]
    table.add_row("unit", unit)
    table.add_row("time zone", data["timezone"])
    table.add_row("bar", f"{data['bar']} {unit}")
    table.add_row("plates", ", ".join(data["plates"]) + f" {unit}")
    dumbbells = data["dumbbells"]
    rack = (
        ", ".join(dumbbells)
        if len(dumbbells) <= 12
        else (f"{dumbbells[0]}-{dumbbells[-1]} ({len(dumbbells)} dumbbells)")
    )
    table.add_row("dumbbells", f"{rack} {unit}")
    table.add_row("stack step", data["stack_step"] or "5 kg / 10 lb (default)")
    table.add_row("weekly cap", f"{data['weekly_cap_percent']:g} %")
    rules = data["rules"]
    table.add_row(
        "rules",
        "\n".join(f"{ex}: {rule}" for ex, rule in rules.items()) or "the coach's defaults",
    )
    console.print(table)


@app.callback()
def _settings(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Show the settings (or change one with a subcommand)."""
    if ctx.invoked_subcommand is None:
        from redwood.services import athletes

        emit(athletes.show_settings(), fmt, _render)


@app.command("unit")
def unit_command(
    unit: Annotated[str, typer.Argument(help="kg or lb")], fmt: FormatOpt = None
) -> None:
    """Show loads in kilograms or pounds."""
    from redwood.services import athletes

    emit(athletes.set_unit(unit), fmt, _render)


@app.command("timezone")
def timezone_command(
    zone: Annotated[str, typer.Argument(help="An IANA time zone, e.g. Europe/Berlin.")],
    fmt: FormatOpt = None,
) -> None:
    """Where you train: decides what 'today' is."""
    from redwood.services import athletes

    emit(athletes.set_timezone(zone), fmt, _render)


@app.command("plates")
def plates_command(
    plates: Annotated[str, typer.Argument(help="Plate weights, e.g. 25,20,15,10,5,2.5,1.25.")],
    bar: Annotated[str | None, typer.Option("--bar", help="Bar weight, e.g. 20kg.")] = None,
    unit: Annotated[str, typer.Option("--unit", help="Unit of bare numbers.")] = "kg",
    fmt: FormatOpt = None,
) -> None:
    """Your bar and plates: barbell loads are rounded to what they can make."""
    from redwood.services import athletes

    emit(athletes.set_plates(bar, plates, _unit(unit)), fmt, _render)


@app.command("dumbbells")
def dumbbells_command(
    rack: Annotated[str, typer.Argument(help="A list (5,7.5,10) or a range (2.5-50/2.5).")],
    unit: Annotated[str, typer.Option("--unit", help="Unit of bare numbers.")] = "kg",
    fmt: FormatOpt = None,
) -> None:
    """Your dumbbells (one per hand): dumbbell loads step to the next pair."""
    from redwood.services import athletes

    emit(athletes.set_dumbbells(rack, _unit(unit)), fmt, _render)


@app.command("stack-step")
def stack_command(
    step: Annotated[str, typer.Argument(help="e.g. 5kg or 10lb")], fmt: FormatOpt = None
) -> None:
    """The weight-stack step of your machines."""
    from redwood.services import athletes

    emit(athletes.set_stack_step(step), fmt, _render)


@app.command("cap")
def cap_command(
    percent: Annotated[str, typer.Argument(help="Percent, e.g. 5 or 5%.")], fmt: FormatOpt = None
) -> None:
    """The most any lift's prescribed load may rise in a week (default 5 %)."""
    from redwood.services import athletes

    emit(athletes.set_weekly_cap(percent), fmt, _render)


@app.command("rule")
def rule_command(
    exercise: Annotated[str, typer.Argument(help="An exercise name or id.")],
    rule: Annotated[
        str,
        typer.Argument(
            help="double_progression, two_for_two, linear_load, reps_then_harder or default."
        ),
    ],
    fmt: FormatOpt = None,
) -> None:
    """The progression rule of one exercise."""
    from redwood.services import athletes

    emit(athletes.set_rule(exercise, rule), fmt, _render)


def _unit(text: str) -> str:
    value = text.strip().lower().removesuffix("s")
    if value not in {"kg", "lb"}:
        raise typer.BadParameter(f"use kg or lb (got {escape(text)!r})", param_hint="--unit")
    return value
