"""`redwood exercises list|show|search|map`: the catalogue from the terminal, and mapping the
names other apps use (imported as custom exercises) to catalogue exercises."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit
from redwood.domain.vocab import Equipment, Level, Muscle, Pattern, Region, Setting

if TYPE_CHECKING:
    from redwood.catalog import ExerciseFilter

app = typer.Typer(no_args_is_help=True)

PatternOpt = Annotated[Pattern | None, typer.Option("--pattern", help="Movement pattern.")]
MuscleOpt = Annotated[Muscle | None, typer.Option("--muscle", help="Primary muscle trained.")]
EquipmentOpt = Annotated[
    list[Equipment] | None,
    typer.Option(
        "--equipment",
        help="Equipment you have (repeat the option): only moves needing nothing else.",
    ),
]
SettingOpt = Annotated[Setting | None, typer.Option("--setting", help="gym, home or outdoor.")]
RegionOpt = Annotated[Region | None, typer.Option("--region", help="Body region.")]
LevelOpt = Annotated[Level | None, typer.Option("--level", help="Moves at or below this level.")]
FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]


def _criteria(
    pattern: Pattern | None,
    muscle: Muscle | None,
    equipment: list[Equipment] | None,
    setting: Setting | None,
    region: Region | None,
    level: Level | None,
) -> ExerciseFilter:
    from redwood.catalog import ExerciseFilter

    return ExerciseFilter(
        pattern=pattern,
        muscle=muscle,
        equipment=frozenset(equipment) if equipment else None,
        setting=setting,
        region=region,
        level=level,
    )


def _list_table(rows: list[dict[str, Any]], title: str) -> None:
    table = Table(title=title, show_lines=False, header_style="bold green")
    for column in ("id", "name", "pattern", "primary", "equipment", "settings", "level", "spine"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["id"],
            row["name"],
            row["pattern"],
            ", ".join(row["primary"]),
            ", ".join(row["equipment"]),
            ", ".join(row["settings"]),
            row["level"],
            str(row["spinal_load"]),
        )
    console.print(table)
    if not rows:
        console.print("No exercise matches those filters.")


@app.command("list")
def list_command(
    pattern: PatternOpt = None,
    muscle: MuscleOpt = None,
    equipment: EquipmentOpt = None,
    setting: SettingOpt = None,
    region: RegionOpt = None,
    level: LevelOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """List catalogue exercises, narrowed by any filters."""
    from redwood.services import catalogue as catalogue_service

    rows = catalogue_service.list_exercises(
        _criteria(pattern, muscle, equipment, setting, region, level)
    )
    emit(rows, fmt, lambda data: _list_table(data, f"{len(data)} exercises"))


@app.command("search")
def search_command(
    query: Annotated[list[str], typer.Argument(help="Words of the name, e.g. 'split squat'.")],
    pattern: PatternOpt = None,
    muscle: MuscleOpt = None,
    equipment: EquipmentOpt = None,
    setting: SettingOpt = None,
    region: RegionOpt = None,
    level: LevelOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200)] = 20,
    fmt: FormatOpt = None,
) -> None:
    """Find exercises by name or any alias other apps use (close spellings too)."""
    from redwood.services import catalogue as catalogue_service

    text = " ".join(query)
    rows = catalogue_service.search_exercises(
        text, _criteria(pattern, muscle, equipment, setting, region, level), limit
    )
    emit(rows, fmt, lambda data: _list_table(data, f"{len(data)} matches for {text!r}"))


def _show_table(detail: dict[str, Any]) -> None:
    head = Text(detail["name"], style="bold green")
    head.append(f"  ({detail['id']})", style="dim")
    console.print(head)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("pattern", f"{detail['pattern']} · {detail['mechanic']} · {detail['region']}")
    facts.add_row("primary", ", ".join(detail["primary"]))
    facts.add_row("secondary", ", ".join(detail["secondary"]) or "-")
    facts.add_row("equipment", ", ".join(detail["equipment"]))
    facts.add_row("where", ", ".join(detail["settings"]))
    facts.add_row(
        "level", detail["level"] + (" · one side at a time" if detail["unilateral"] else "")
    )
    facts.add_row("spine load", f"{detail['spinal_load']} of 3")
    facts.add_row("fatigue", f"{detail['systemic_fatigue']} of 5")
    facts.add_row("stresses", ", ".join(detail["stresses"]) or "-")
    facts.add_row("measured in", detail["measure"])
    if detail["aliases"]:
        facts.add_row("also called", "; ".join(detail["aliases"]))
    console.print(facts)
    console.print("\n[bold]Cues[/bold]")
    for cue in detail["cues"]:
        console.print(f"  • {cue}", highlight=False)
    console.print("[bold]Common mistakes[/bold]")
    for mistake in detail["mistakes"]:
        console.print(f"  • {mistake}", highlight=False)
    console.print("[bold]Substitutes[/bold] (best first)")
    for rank, sub in enumerate(detail["substitute_names"], start=1):
        console.print(f"  {rank}. {sub['name']} [dim]({sub['id']})[/dim]", highlight=False)
    for key in ("easier", "harder"):
        if detail[f"{key}_name"]:
            console.print(f"[bold]{key.capitalize()}:[/bold] {detail[f'{key}_name']}")


@app.command("show")
def show_command(
    name: Annotated[
        list[str], typer.Argument(help="An id, name or alias, e.g. 'Squat (Barbell)'.")
    ],
    fmt: FormatOpt = None,
) -> None:
    """Everything about one exercise: muscles, equipment, cues, mistakes, substitutes."""
    from redwood.services import catalogue as catalogue_service

    detail = catalogue_service.show_exercise(" ".join(name))
    emit(detail, fmt, _show_table)


@app.command("map")
def map_command(
    name: Annotated[str, typer.Argument(help="The name as the other app wrote it.")],
    target: Annotated[str, typer.Argument(help="The catalogue exercise: id, name or alias.")],
    fmt: FormatOpt = None,
) -> None:
    """Map an imported name to a catalogue exercise: its sets move there, future imports too."""
    from redwood.services.foreign_names import map_exercise

    result = map_exercise(name, target)

    def table(data: dict[str, Any]) -> None:
        moved = data["sets_moved"]
        where = f"; {moved} set{'s' if moved != 1 else ''} moved" if data["custom"] else ""
        console.print(
            f"{data['name']!r} now means {data['exercise_name']} ({data['exercise']}){where}.",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )

    emit(result, fmt, table)
