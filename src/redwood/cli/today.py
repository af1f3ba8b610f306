"""`redwood today` and `redwood status`: the day's session with loads, and recovery per muscle.

`today` prints the active program's session for a date with real loads (rounded to the
athlete's plates or dumbbells), warm-up and cool-down, what the coach changed and why,
stalls and warnings; on a rest day, the reason and something light to do. `status` shows
each muscle's readiness, when it was last trained and the suggested next session.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit, fail

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", "-d", help="A date (YYYY-MM-DD, today, yesterday, tomorrow)."),
]


def parse_day(text: str | None, field: str = "date") -> date | None:
    """A date the athlete typed; None means today in their time zone."""
    if text is None:
        return None
    words = {"today": 0, "yesterday": -1, "tomorrow": 1}
    lowered = text.strip().lower()
    if lowered in words:
        from redwood.services.athletes import today_of_local_athlete

        return today_of_local_athlete() + timedelta(days=words[lowered])
    try:
        return date.fromisoformat(lowered)
    except ValueError:
        fail(f"{field}: expected a date such as 2026-11-02 (got {text!r})")


def _set_text(s: dict[str, Any], calibration: bool, first_try: bool) -> str:
    reps = (
        str(s["reps_min"])
        if s["reps_min"] == s["reps_max"]
        else (f"{s['reps_min']}-{s['reps_max']}")
    )
    load = s["load"]
    if load is None:
        load = "your load" if calibration else "bodyweight"
        if s["type"] == "calibration":
            load = "light" if first_try else "a bit heavier"
    rir = "" if s["rir"] is None else f" @RIR {s['rir']}"
    kind = {"warmup": "warm-up ", "calibration": "try "}.get(s["type"], "")
    plates = ""
    if s["plates_per_side"]:
        plates = f" [{'+'.join(f'{p:g}' for p in s['plates_per_side'])}/side]"
    return f"{kind}{load} x {reps}{rir}{plates}"


def _sets_text(exercise: dict[str, Any]) -> str:
    """Sets as lines, identical neighbours grouped: '3 x 100 kg x 5-8 @RIR 2'."""
    lines: list[tuple[int, str]] = []
    for i, s in enumerate(exercise["sets"]):
        text = _set_text(s, exercise["calibration"], i == 0)
        if lines and lines[-1][1] == text:
            lines[-1] = (lines[-1][0] + 1, text)
        else:
            lines.append((1, text))
    return "\n".join(text if n == 1 else f"{n} sets: {text}" for n, text in lines)


def render_today(data: dict[str, Any]) -> None:
    """Today's session as a table with the coach's notes under it."""
    session = data["session"]
    if session is None:
        console.print(f"[bold]{data['date']}[/bold]: {escape(data['reason'])}")
        for drill in data.get("active_recovery") or []:
            console.print(f"  - {escape(drill['name'])}: {escape(drill['dose'])}")
        for line in data["warnings"]:
            console.print(f"[yellow]! {escape(line)}[/yellow]")
        return
    title = f"{session['title']}: week {session['week']} ({session['week_kind']}), {data['date']}"
    if data["already_done"]:
        title += " - logged"
    table = Table(title=escape(title), header_style="bold", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("exercise")
    table.add_column("sets")
    table.add_column("rest", justify="right")
    table.add_column("why", style="dim")
    for ex in session["exercises"]:
        block = f"{ex['block']}{'s' if ex['block_type'] == 'superset' else ''}"
        table.add_row(
            block,
            escape(ex["name"]),
            escape(_sets_text(ex)),
            f"{ex['rest_seconds']} s",
            escape(ex["reason"]),
        )
    warm = session["warmup"]
    console.print(
        f"[bold]Warm-up ({warm['minutes']} min):[/bold] "
        + escape(", ".join(f"{d['name']} {d['dose']}" for d in warm["drills"]))
    )
    console.print(table)
    console.print(
        "[bold]Cool-down:[/bold] "
        + escape(", ".join(f"{d['name']} {d['dose']}" for d in session["cooldown"]))
    )
    for line in data["adjustments"]:
        console.print(f"[cyan]~ {escape(line)}[/cyan]")
    for stall in data["stalls"]:
        console.print(f"[magenta]stall: {escape(stall['reason'])}[/magenta]")
    for line in data["warnings"]:
        console.print(f"[yellow]! {escape(line)}[/yellow]")
    console.print(f"[dim]{escape(data['reason'])} About {session['estimated_minutes']} min.[/dim]")


def today_command(date_text: DateOpt = None, fmt: FormatOpt = None) -> None:
    """Today's session from the active program, with loads from your log."""
    from redwood.services import coaching

    emit(coaching.today(parse_day(date_text)), fmt, render_today)


def _render_status(data: dict[str, Any]) -> None:
    table = Table(title=f"Recovery on {data['date']}", header_style="bold")
    table.add_column("muscle")
    table.add_column("readiness", justify="right")
    table.add_column("last trained")
    table.add_column("ready")
    for row in data["muscles"]:
        table.add_row(
            row["muscle"].replace("_", " "),
            f"{row['readiness']}/100",
            (row["last_trained"] or "")[:16].replace("T", " "),
            "now" if row["ready_at"] is None else row["ready_at"][:16].replace("T", " "),
        )
    if data["muscles"]:
        console.print(table)
    else:
        console.print("No hard sets in the last four days: every muscle is recovered.")
    nxt = data["next"]
    if nxt is not None:
        console.print(f"[bold]Next:[/bold] {escape(nxt['title'])} on {nxt['date']}")
        console.print(f"[dim]{escape(nxt['reason'])}[/dim]")
    if data["off_plan_sessions"]:
        console.print(
            f"[dim]{data['off_plan_sessions']} session(s) off the plan this week count too.[/dim]"
        )


def status_command(date_text: DateOpt = None, fmt: FormatOpt = None) -> None:
    """Each muscle's readiness, when it was last trained, and what to do next."""
    from redwood.services import coaching

    emit(coaching.status(parse_day(date_text)), fmt, _render_status)
