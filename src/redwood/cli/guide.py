"""`redwood guide`: today's recovery and nutrition advice from your log and check-ins;
`redwood guide nutrition`: protein, fluids, sleep and rest days for any body weight."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)
DeficitOpt = Annotated[
    bool, typer.Option("--deficit", help="Eating in a calorie deficit (more protein).")
]
AgeOpt = Annotated[int | None, typer.Option("--age", min=13, max=110, help="Age in years.")]
FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]


def _render_today(data: dict[str, Any]) -> None:
    kind = "training day" if data["training_day"] else "rest day"
    table = Table(title=f"Recovery guide for {data['date']} ({kind})", header_style="bold")
    table.add_column("what")
    table.add_column("advice")
    table.add_column("source", style="dim")
    for line in data["lines"]:
        table.add_row(line["topic"], escape(line["text"]), escape(line["source"]))
    console.print(table)
    console.print("[dim]Population averages: adjust to how you recover.[/dim]")


@app.callback()
def _guide(
    ctx: typer.Context,
    date_text: Annotated[
        str | None, typer.Option("--date", "-d", help="A date (YYYY-MM-DD); default today.")
    ] = None,
    deficit: DeficitOpt = False,
    age: AgeOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Today's recovery and nutrition advice (or a subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    from redwood.cli.today import parse_day
    from redwood.services import guidance

    emit(guidance.today_guide(parse_day(date_text), deficit=deficit, age=age), fmt, _render_today)


def _render(data: dict[str, Any]) -> None:
    protein, fluids, sleep, rest = data["protein"], data["fluids"], data["sleep"], data["rest_days"]
    unit = data["unit"]
    table = Table(title=f"Recovery guide for {data['bodyweight']:g} {unit}", header_style="bold")
    table.add_column("what")
    table.add_column("guide")
    table.add_column("source", style="dim")
    table.add_row(
        "protein",
        f"about {protein['target_g_per_day']:g} g a day (range {protein['low_g']:g}-"
        f"{protein['high_g']:g} g), {protein['per_meal_g']:g} g a meal, in up to "
        f"{protein['meals']} meals",
        protein["source"],
    )
    table.add_row("fluids", fluids["message"], fluids["source"])
    table.add_row(
        "sleep", f"{sleep['min_hours']}-{sleep['max_hours']} hours a night", sleep["source"]
    )
    table.add_row(
        "rest days",
        f"{rest['min_per_week']}-{rest['max_per_week']} a week: " + ", ".join(rest["activities"]),
        rest["source"],
    )
    console.print(table)
    console.print("[dim]Population averages: adjust to how you recover.[/dim]")


@app.command("nutrition")
def nutrition_command(
    bodyweight: Annotated[str, typer.Option("--bodyweight", help="Body weight, e.g. 80kg.")],
    lost: Annotated[
        str | None, typer.Option("--lost", help="Weight lost during a session, e.g. 0.8kg.")
    ] = None,
    deficit: DeficitOpt = False,
    age: AgeOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Protein, fluids after a session, sleep and rest days for your body weight."""
    from redwood.services import guidance

    emit(guidance.nutrition(bodyweight, lost_text=lost, deficit=deficit, age=age), fmt, _render)
