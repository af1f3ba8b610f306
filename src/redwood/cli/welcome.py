"""The welcome screen `make run` ends on: what Redwood is, the catalogue, what to try next."""

from __future__ import annotations

from typing import Annotated, Any

from rich.columns import Columns
from rich.panel import Panel
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit

NEXT_COMMANDS: tuple[tuple[str, str], ...] = (
    ("redwood plan", "a few questions, then your back-and-legs program"),
    ("redwood today", "today's session with loads, plates and the reasons"),
    ("redwood log", "log today's session set by set, with a rest timer"),
    ('redwood log add "squat 100kg 5x5 @8"', "log sets in one line"),
    ("redwood checkin --sleep 6 --soreness 3", "how ready you are: the coach adapts"),
    ("redwood status", "recovery per muscle and the next session"),
    ("redwood progress", "e1RM sparklines, records, streak and milestones"),
    ("redwood review", "the 4-week review: what changed and what comes next"),
    ("redwood chart e1rm squat -o squat.svg", "your e1RM over time as a picture"),
    ("redwood import strong_workouts.csv", "bring your Strong, Hevy or FitNotes history"),
    ("redwood exercises search split squat", "find a move by any name"),
    ("redwood calc plates 142.5kg --bar 20kg", "plates per side"),
    ("redwood guide", "today's protein, sleep and rest advice"),
    ("redwood serve", "the REST API on http://127.0.0.1:8000"),
    ("redwood db current", "where your data lives"),
)

ABOUT = (
    "Redwood is an open-source strength coach for training back and legs together. "
    "It plans a program that fits your week, prescribes each session's loads from your "
    "log, records every set and shows what changed, with the reasons in plain words. "
    "Every number it uses comes from published evidence (and says so), and it never "
    "repeats the fitness myths that the internet does."
)


def welcome_data() -> dict[str, Any]:
    """What the welcome screen shows, as data (also printed by `--format json`)."""
    from redwood.services import catalogue as catalogue_service
    from redwood.services import database as database_service  # loads SQLAlchemy on demand

    current, head = database_service.current_revision()
    return {
        "about": ABOUT,
        "catalogue": catalogue_service.catalogue_summary(),
        "database": {
            "url": database_service.masked_url(),
            "revision": current,
            "up_to_date": current == head,
        },
        "next": [{"command": cmd, "what": what} for cmd, what in NEXT_COMMANDS],
    }


def _render(data: dict[str, Any]) -> None:
    console.print(Panel(data["about"], title="[bold green]Redwood[/bold green]", expand=False))
    summary = data["catalogue"]
    regions = Table(title=f"{summary['total']} exercises", header_style="bold")
    regions.add_column("region")
    regions.add_column("count", justify="right")
    for region, count in summary["by_region"].items():
        regions.add_row(region, str(count))
    where = Table(title="where you can train", header_style="bold")
    where.add_column("setting")
    where.add_column("count", justify="right")
    for setting, count in summary["by_setting"].items():
        where.add_row(setting, str(count))
    where.add_row("home, minimal kit", str(summary["home_minimal_kit"]))
    patterns = Table(title="by pattern", header_style="bold")
    patterns.add_column("pattern")
    patterns.add_column("count", justify="right")
    for pattern, count in list(summary["by_pattern"].items())[:10]:
        patterns.add_row(pattern, str(count))
    console.print(Columns([regions, where, patterns]))
    db = data["database"]
    state = "up to date" if db["up_to_date"] else "needs 'redwood db upgrade'"
    console.print(f"Database: {db['url']} ({state})", highlight=False)
    console.print(
        "\n[bold]Try next[/bold] [dim](run them as .venv/bin/redwood, or activate .venv)[/dim]"
    )
    commands = Table.grid(padding=(0, 2))
    commands.add_column(style="cyan", no_wrap=True)
    commands.add_column(style="dim")
    for item in data["next"]:
        commands.add_row(item["command"], item["what"])
    console.print(commands)


def show_welcome(fmt: OutputFormat | None = OutputFormat.TABLE) -> None:
    """Print the welcome screen."""
    emit(welcome_data(), fmt, _render)


def welcome(fmt: Annotated[OutputFormat | None, FORMAT_OPTION] = OutputFormat.TABLE) -> None:
    """What Redwood is, the catalogue at a glance, and the next commands to try."""
    show_welcome(fmt)
