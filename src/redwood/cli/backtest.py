"""`redwood backtest --rule double-progression [--exercise ID] [--weeks 52]`: your own log
replayed through every progression rule: what the rule would have prescribed each session
against what you lifted, and how often each rule was too aggressive or too timid."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit
from redwood.cli.today import parse_day

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
VERDICTS = {"too_aggressive": "too aggressive", "too_timid": "too timid"}
VERDICTS |= {"about_right": "about right", "no_verdict": "-"}


def _prescribed(item: dict[str, Any]) -> str:
    reps = (
        f"{item['reps_min']}"
        if item["reps_min"] == item["reps_max"]
        else (f"{item['reps_min']}-{item['reps_max']}")
    )
    return f"{item['load'] or 'bodyweight'} x {reps} @RIR {item['rir']}"


def render_backtest(data: dict[str, Any]) -> None:
    """Each exercise's sessions under the chosen rule, then every rule's score."""
    period = data["period"]
    rule = data["rule"].replace("_", " ")
    console.print(
        f"[bold]Backtest, {period['start']} to {period['end']}[/bold]: {escape(rule)}",
        soft_wrap=True,
    )
    if not data["exercises"]:
        console.print(
            "Nothing to replay: an exercise needs two sessions in these weeks.", soft_wrap=True
        )
    for lift in data["exercises"]:
        table = Table(title=escape(lift["name"]), header_style="bold")
        for column in ("date", "the rule said", "you lifted", "the day allowed", "verdict"):
            table.add_column(column)
        for item in lift["sessions"]:
            lifted = f"{item['lifted'] or 'bodyweight'} x {','.join(map(str, item['lifted_reps']))}"
            allowed = "-"
            if item["capacity_kg"] is not None:
                allowed = f"{item['capacity_kg']:g} kg"
            elif item["capacity_reps"] is not None:
                allowed = f"{item['capacity_reps']} reps"
            table.add_row(
                item["date"], escape(_prescribed(item)), escape(lifted), allowed,
                VERDICTS[item["verdict"]],
            )  # fmt: skip
        console.print(table)
    summary = Table(title="Every rule on these sessions", header_style="bold")
    for column in ("rule", "judged", "too aggressive", "too timid", "about right"):
        summary.add_column(column, justify="left" if column == "rule" else "right")
    for score in data["summary"]:
        summary.add_row(
            score["rule"].replace("_", " "),
            str(score["judged"]),
            _share(score, "too_aggressive"),
            _share(score, "too_timid"),
            _share(score, "about_right"),
        )
    console.print(summary)


def _share(score: dict[str, Any], key: str) -> str:
    percent = score[f"{key}_percent"]
    return f"{score[key]}" if percent is None else f"{score[key]} ({percent:g}%)"


def backtest_command(
    rule: Annotated[
        str, typer.Option("--rule", "-r", help="double-progression, two-for-two, ...")
    ] = "double-progression",
    exercise: Annotated[
        str | None, typer.Option("--exercise", "-e", help="One exercise (default: all).")
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", "-w", help="Weeks to replay (1-520).")] = 52,
    end: Annotated[str | None, typer.Option("--end", help="The last day (YYYY-MM-DD).")] = None,
    fmt: FormatOpt = None,
) -> None:
    """Replay your log through each progression rule and see which suits you."""
    from redwood.services import backtest

    data = backtest.backtest(rule, exercise, weeks, parse_day(end, "end"))
    emit(data, fmt, render_backtest)
