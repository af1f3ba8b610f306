"""`redwood plan`: a back-and-legs program for one athlete, from flags or a questionnaire.

With the profile flags it prints the program (table, the JSON contract, the editable YAML
file or Markdown). With none of them on an interactive terminal it asks the questions one by
one (defaults shown, wrong answers asked again), shows the program with its reasons and
offers to make it the active program. Without a terminal, missing flags are one line and
exit code 2, as is every contradiction ("minutes must be 20-120 (got 150)").
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.panel import Panel
from rich.prompt import Confirm, Prompt

from redwood.cli.output import console
from redwood.cli.program import DocumentFormat, DocumentFormatOpt, notice, print_program
from redwood.domain.profile import (
    DEFAULT_EQUIPMENT,
    MAX_DAYS,
    MAX_MINUTES,
    MAX_WEEKS,
    MIN_DAYS,
    MIN_MINUTES,
    MIN_WEEKS,
    Priority,
    Weekday,
)
from redwood.domain.program import Program
from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Setting

if TYPE_CHECKING:
    from redwood.services import planning

T = TypeVar("T")


def _opt(flag: str, text: str) -> Any:
    return typer.Option(flag, help=text, show_default=False)


def plan_command(
    goal: Annotated[
        str | None, _opt("--goal", "strength, hypertrophy, endurance or general.")
    ] = None,
    level: Annotated[str | None, _opt("--level", "beginner, intermediate or advanced.")] = None,
    days: Annotated[int | None, _opt("--days", "Training days a week (2-6).")] = None,
    weekdays: Annotated[str | None, _opt("--weekdays", "Exact days, e.g. mon,thu.")] = None,
    minutes: Annotated[int | None, _opt("--minutes", "Minutes per session (20-120).")] = None,
    setting: Annotated[str | None, _opt("--setting", "gym, home or outdoor.")] = None,
    equipment: Annotated[
        str | None, _opt("--equipment", "What you have, e.g. dumbbells,bands,pullup_bar.")
    ] = None,
    priority: Annotated[
        str, typer.Option("--priority", help="legs, back or balanced.")
    ] = "balanced",
    order: Annotated[
        str, typer.Option("--order", help="auto, legs_first, back_first or alternating.")
    ] = "auto",
    supersets: Annotated[str, typer.Option("--supersets", help="on, off or auto.")] = "auto",
    limitations: Annotated[
        str | None,
        _opt("--limitations", "e.g. lower_back,knee: moves that load them are left out."),
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", help="Program length, 4-16 weeks.")] = 8,
    bodyweight: Annotated[str | None, _opt("--bodyweight", "e.g. 80kg or 176lb.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Another seed, another good program.")] = 0,
    template: Annotated[
        str | None, _opt("--template", "leg-focused, full-body-compound or dumbbell-20.")
    ] = None,
    setting_on: Annotated[
        str | None, _opt("--setting-on", "Days somewhere else, e.g. thu=home,sat=outdoor.")
    ] = None,
    favourites: Annotated[
        str | None, _opt("--favourites", "Exercises to prefer (ids or names, comma-separated).")
    ] = None,
    exclude: Annotated[
        str | None, _opt("--exclude", "Exercises never to use (ids or names, comma-separated).")
    ] = None,
    fmt: DocumentFormatOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="Print every reason.")] = False,
    activate: Annotated[
        bool, typer.Option("--activate", help="Save it and make it your active program.")
    ] = False,
) -> None:
    """Plan a back-and-legs program: with no flags on a terminal, answer a few questions."""
    from redwood.services import planning

    options = planning.PlanOptions(
        goal=goal,
        level=level,
        days=days,
        weekdays=weekdays,
        minutes=minutes,
        setting=setting,
        equipment=equipment,
        priority=priority,
        order=order,
        supersets=supersets,
        limitations=limitations,
        weeks=weeks,
        bodyweight=bodyweight,
        seed=seed,
        template=template,
        favourites=favourites,
        excluded=exclude,
        setting_by_day=setting_on,
    )
    asked = (goal, level, days, weekdays, minutes, setting)
    if all(value is None for value in asked) and sys.stdin.isatty() and sys.stdout.isatty():
        _interactive(options, fmt)
        return
    program = planning.plan(options)
    print_program(program, program.to_dict(), fmt, explain=explain)
    if activate:
        program_id = planning.save_program(program, activate=True)
        notice(f"saved as program {program_id}: it is now your active program", fmt)


# ---- the questionnaire ---------------------------------------------------------------------


def _ask(question: str, default: str, read: Callable[[str], T]) -> T:
    """Ask until `read` accepts the answer; its ValueError message says what was wrong."""
    while True:
        answer = Prompt.ask(question, default=default, console=console)
        try:
            return read(answer.strip())
        except ValueError as exc:
            console.print(f"[red]{exc}[/red]", highlight=False)


def _choice(question: str, kind: type[StrEnum], default: str) -> str:
    values = [str(member) for member in kind]
    return Prompt.ask(question, choices=values, default=default, console=console)


def _number(low: int, high: int, what: str) -> Callable[[str], int]:
    def read(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"{what} must be a whole number from {low} to {high}")
        return int(text)

    return read


def _names(kind: type[StrEnum], what: str, allow_none: bool = False) -> Callable[[str], list[str]]:
    values = [str(member) for member in kind]

    def read(text: str) -> list[str]:
        items = [item.strip().lower() for item in text.replace(" ", ",").split(",")]
        items = [item for item in items if item]
        if allow_none and items in ([], ["none"]):
            return []
        unknown = [item for item in items if item not in values]
        if unknown or not items:
            raise ValueError(
                f"{what}: unknown {unknown[0] if unknown else 'answer'!r} (use {', '.join(values)})"
            )
        return items

    return read


def _days(text: str) -> tuple[int | None, list[str] | None]:
    if text.isdigit():
        return _number(MIN_DAYS, MAX_DAYS, "days a week")(text), None
    chosen = _names(Weekday, "weekdays")(text)
    if not MIN_DAYS <= len(set(chosen)) <= MAX_DAYS:
        raise ValueError(f"name {MIN_DAYS}-{MAX_DAYS} different days, e.g. mon,thu")
    return None, chosen


def questionnaire(base: planning.PlanOptions) -> planning.PlanOptions:
    """Ask for the profile one question at a time; the answers as plan options."""
    console.print(
        Panel(
            "A few questions and Redwood plans your back-and-legs program. "
            "Press Enter to keep the answer in brackets.",
            title="[bold green]redwood plan[/bold green]",
            expand=False,
        )
    )
    goal = _choice("Goal", Goal, "hypertrophy")
    level = _choice("Level", Level, "intermediate")
    days, weekdays = _ask("Days a week (2-6), or the exact days (e.g. mon,thu)", "3", _days)
    minutes = _ask(
        "Minutes per session (20-120)", "60", _number(MIN_MINUTES, MAX_MINUTES, "minutes")
    )
    setting = _choice("Where do you train", Setting, "gym")
    kit = ",".join(sorted(str(item) for item in DEFAULT_EQUIPMENT[Setting(setting)]))
    equipment = _ask("Equipment you have (comma-separated)", kit, _names(Equipment, "equipment"))
    priority = _choice("Priority", Priority, "balanced")
    limitations = _ask(
        "Limitations (e.g. lower_back,knee) or none",
        "none",
        _names(Limitation, "limitations", True),
    )
    weeks = _ask("Program length in weeks (4-16)", "8", _number(MIN_WEEKS, MAX_WEEKS, "weeks"))
    return replace(
        base,
        goal=goal,
        level=level,
        days=days,
        weekdays=weekdays,
        minutes=minutes,
        setting=setting,
        equipment=equipment,
        priority=priority,
        limitations=limitations or None,
        weeks=weeks,
    )


def command_line(options: planning.PlanOptions) -> str:
    """The `redwood plan ...` line that plans the same program without the questions."""
    parts = ["redwood", "plan", "--goal", str(options.goal), "--level", str(options.level)]
    if options.weekdays:
        parts += ["--weekdays", ",".join(options.weekdays)]
    else:
        parts += ["--days", str(options.days)]
    parts += ["--minutes", str(options.minutes), "--setting", str(options.setting)]
    if options.equipment:
        parts += ["--equipment", ",".join(options.equipment)]
    parts += ["--priority", options.priority, "--weeks", str(options.weeks)]
    if options.limitations:
        parts += ["--limitations", ",".join(options.limitations)]
    return shlex.join(parts)


def _interactive(base: planning.PlanOptions, fmt: DocumentFormat | None) -> None:
    from redwood.services import planning

    try:
        options = questionnaire(base)
        with console.status("Planning your program..."):
            program: Program = planning.plan(options)
        print_program(program, program.to_dict(), fmt or DocumentFormat.TABLE, explain=True)
        console.print(f"\n[dim]Same plan without the questions: {command_line(options)}[/dim]")
        if Confirm.ask("Make this your active program?", default=True, console=console):
            program_id = planning.save_program(program, activate=True)
            console.print(f"Saved as program {program_id}: it is now your active program.")
        else:
            console.print("Not saved.")
    except (EOFError, KeyboardInterrupt):
        raise typer.Abort() from None
