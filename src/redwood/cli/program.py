"""`redwood program validate|import|show|list|activate`: program files and stored programs.

Also home of the program views `redwood plan` shares: a Rich table of week 1 with a summary
of the blocks, and the four document formats (table, the JSON contract, the editable YAML
file, Markdown). `validate` exits 1 when the file has problems (each printed on its own line
with file, line and location) and 2 when the file cannot be read at all.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import (
    FORMAT_OPTION,
    OutputFormat,
    console,
    emit,
    err_console,
    fail,
    to_json,
)
from redwood.domain.program import BlockType, PlannedSession, Prescription, Program, WeekKind

if TYPE_CHECKING:
    from redwood.catalog import Catalogue

app = typer.Typer(no_args_is_help=True)


class DocumentFormat(StrEnum):
    """How a whole program is printed."""

    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"


DOCUMENT_FORMAT_OPTION = typer.Option(
    "--format",
    "-f",
    help="table (default on a terminal), json (the contract), yaml (editable) or markdown.",
    case_sensitive=False,
)
FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
DocumentFormatOpt = Annotated[DocumentFormat | None, DOCUMENT_FORMAT_OPTION]
FileArg = Annotated[Path, typer.Argument(help="A program file, YAML or JSON.")]


def _dose(session_item: Prescription, catalogue: Catalogue) -> str:
    found = catalogue.get(session_item.exercise)
    unit = {"seconds": " s", "metres": " m"}.get(str(found.measure) if found else "reps", "")
    low, high = session_item.reps_min, session_item.reps_max
    reps = f"{low}" if low == high else f"{low}-{high}"
    return f"{session_item.sets} x {reps}{unit}"


def _session_table(session: PlannedSession, catalogue: Catalogue) -> Table:
    title = (
        f"{str(session.weekday).capitalize()} · {escape(session.title)} · "
        f"about {session.estimated_minutes} min · {session.setting}"
    )
    table = Table(title=title, title_justify="left", header_style="bold green")
    for column in ("#", "exercise", "sets x reps", "RIR", "rest", "note"):
        table.add_column(column, overflow="fold")
    for number, block in enumerate(session.blocks, start=1):
        paired = block.type is BlockType.SUPERSET
        for letter, item in zip("abcdefgh", block.exercises, strict=False):
            found = catalogue.get(item.exercise)
            note = f"superset, {block.pair_rest_seconds or 0} s to the other move" if paired else ""
            table.add_row(
                f"{number}{letter}" if paired else str(number),
                escape(found.name if found else item.exercise),
                _dose(item, catalogue),
                str(item.rir),
                f"{item.rest_seconds} s",
                note,
            )
    return table


def _blocks_table(program: Program) -> Table:
    table = Table(title="Blocks", title_justify="left", header_style="bold")
    for column in ("block", "weeks", "focus by week", "sets by week", "deload"):
        table.add_column(column, overflow="fold")
    for number in sorted({week.block for week in program.weeks}):
        weeks = [week for week in program.weeks if week.block == number]
        sets = [
            sum(item.sets for session in week.sessions for item in session.prescriptions())
            for week in weeks
        ]
        deloads = [str(week.index) for week in weeks if week.kind is WeekKind.DELOAD]
        table.add_row(
            str(number),
            f"{weeks[0].index}-{weeks[-1].index}",
            ", ".join(str(week.focus) for week in weeks if week.kind is WeekKind.BUILD),
            " → ".join(str(count) for count in sets),
            f"week {', '.join(deloads)}" if deloads else "none",
        )
    return table


def render_program(program: Program, catalogue: Catalogue, *, explain: bool = False) -> None:
    """Week 1 session by session, the blocks at a glance, warnings, and (with `explain`) why."""
    profile = program.profile
    console.print(
        f"[bold green]{profile.goal}, {profile.level}[/bold green]: {profile.days_per_week} days "
        f"({', '.join(str(day) for day in profile.weekdays)}) x {profile.session_minutes} min, "
        f"{profile.setting}, {len(program.weeks)} weeks, priority {profile.priority}",
        highlight=False,
    )
    if program.weeks:
        console.print(f"\n[bold]Week 1[/bold] ({program.weeks[0].focus} focus)")
        for session in program.weeks[0].sessions:
            console.print(_session_table(session, catalogue))
    console.print(_blocks_table(program))
    for warning in program.warnings:
        console.print(f"[yellow]! {escape(warning)}[/yellow]", highlight=False)
    if explain:
        console.print("\n[bold]Why this program[/bold]")
        for reason in program.rationale:
            console.print(f"  • {escape(reason)}", highlight=False)
    else:
        console.print(
            "[dim]--explain shows the reasons; --format yaml writes an editable file[/dim]"
        )


def print_program(
    program: Program,
    document: dict[str, Any],
    fmt: DocumentFormat | None,
    *,
    explain: bool = False,
) -> None:
    """Print a program in a format; JSON is exactly `document` (the contract)."""
    from redwood.services import catalogue as catalogue_service
    from redwood.services import planning

    chosen = fmt or (DocumentFormat.TABLE if sys.stdout.isatty() else DocumentFormat.JSON)
    if chosen is DocumentFormat.JSON:
        sys.stdout.write(to_json(document) + "\n")
    elif chosen is DocumentFormat.YAML:
        sys.stdout.write(planning.program_yaml(document))
    elif chosen is DocumentFormat.MARKDOWN:
        sys.stdout.write(planning.program_markdown(program))
    else:
        render_program(program, catalogue_service.catalogue(), explain=explain)


def notice(message: str, fmt: DocumentFormat | OutputFormat | None) -> None:
    """A status line: on stdout with tables, on stderr when stdout carries a document."""
    table = fmt in (DocumentFormat.TABLE, OutputFormat.TABLE) or (
        fmt is None and sys.stdout.isatty()
    )
    (console if table else err_console).print(message, markup=False, highlight=False)


@app.command("validate")
def validate_command(path: FileArg, fmt: FormatOpt = None) -> None:
    """Check an edited program file against every rule; each problem with its location."""
    from redwood.services import program_files

    problems = program_files.validate_file(path)
    data = {"file": str(path), "valid": not problems, "problems": [p.to_dict() for p in problems]}

    def table(_: Any) -> None:
        for problem in problems:
            console.print(str(problem), markup=False, highlight=False, soft_wrap=True)
        if problems:
            count = len(problems)
            console.print(f"[red]{count} problem{'s' if count > 1 else ''}[/red]")
        else:
            console.print(f"[green]{escape(str(path))}: the program passes every rule[/green]")

    emit(data, fmt, table)
    if problems:
        raise SystemExit(1)  # found problems: 1, like a linter (2 is for unreadable input)


@app.command("import")
def import_command(path: FileArg, fmt: FormatOpt = None) -> None:
    """Check a program file and make it your active program (refused if it has problems)."""
    from redwood.services import program_files

    program_id = program_files.import_program_file(path)
    data = {"id": program_id, "active": True, "file": str(path)}
    emit(
        data,
        fmt,
        lambda d: console.print(
            f"imported {d['file']} as program {d['id']}: it is now your active program",
            markup=False,
            highlight=False,
        ),
    )


@app.command("show")
def show_command(
    ref: Annotated[str, typer.Argument(help="A program id, or 'active'.")] = "active",
    fmt: DocumentFormatOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="Print the reasons too.")] = False,
) -> None:
    """Show a stored program (the active one by default) in any format."""
    from redwood.services import planning

    stored = planning.show_program(ref)
    document = stored["document"]
    program = planning.program_of(document)
    state = "active" if stored["active"] else "not active"
    notice(f"program {stored['id']}: {stored['name']} ({state})", fmt)
    print_program(program, document, fmt, explain=explain)


def _list_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("No programs yet: try 'redwood plan' or 'redwood program import FILE'.")
        return
    table = Table(
        title=f"{len(rows)} program{'s' if len(rows) > 1 else ''}", header_style="bold green"
    )
    for column in ("id", "active", "name", "weeks", "created"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["id"]),
            "*" if row["active"] else "",
            escape(row["name"]),
            str(row["weeks"]),
            row["created_at"][:16].replace("T", " "),
        )
    console.print(table)


@app.command("list")
def list_command(fmt: FormatOpt = None) -> None:
    """Your stored programs, newest first; * marks the active one."""
    from redwood.services import planning

    emit(planning.list_programs(), fmt, _list_table)


@app.command("activate")
def activate_command(
    program_id: Annotated[str, typer.Argument(help="The id from 'redwood program list'.")],
    start: Annotated[
        str | None,
        typer.Option("--start", help="Week 1 is the week of this date (YYYY-MM-DD)."),
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Make a stored program your active one (the previous one is deactivated)."""
    if not program_id.strip().isdigit():
        fail(f"program: expected a program id from 'redwood program list' (got {program_id!r})")
    from redwood.cli.today import parse_day
    from redwood.services import planning

    starts = parse_day(start, "start")
    summary = planning.activate_program(int(program_id), starts_on=starts)
    emit(
        summary,
        fmt,
        lambda d: console.print(
            f"program {d['id']} is now active: {d['name']}, week 1 from {d['starts_on']}",
            markup=False,
            highlight=False,
        ),
    )
