"""`redwood import [strong|hevy|fitnotes|fitbod|redwood] FILE`: bring history in from other
apps; `redwood import list` and `redwood import undo [ID]`: see and take back past imports.

With the file alone, the format is detected from its header and said; naming it checks the
file is that app's export. The whole file is one transaction: every good row or nothing.
`--dry-run` shows what would be imported without writing; `--skip-bad-rows` imports the good
rows and lists the bad ones (otherwise the first bad row stops the import, exit code 2);
`--replace` first undoes the earlier import of the same file (a wrong unit, an edited
export), where a plain re-import adds only what is new. When the file does not say its unit
and `--unit` is not given, the unit is inferred from the loads; on a terminal, a weak guess
is asked. Large files show a progress bar on a terminal.

`list` shows every import (when, file, format, what it added, and whether it was undone or
replaced); `undo` removes everything one import added, the newest by default, in one
transaction. A file literally named `list` or `undo` is imported as `./list`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.prompt import Prompt

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit, err_console, fail

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
PROGRESS_MIN_BYTES = 1_000_000
LOW_CONFIDENCE = 0.8
SHOWN = 10


def _say(message: str) -> None:
    console.print(message, markup=False, highlight=False, soft_wrap=True)


def _ask_unit(unit: str, confidence: float, reason: str) -> str:
    err_console.print(
        f"The file does not say whether its loads are kg or lb. They look like {unit} "
        f"(confidence {confidence:.0%}): {reason}.",
        markup=False,
        highlight=False,
    )
    return Prompt.ask(
        "Which unit are the loads in?", choices=["kg", "lb"], default=unit, console=err_console
    )


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


ACTIONS = ("list", "undo")


def _split(words: list[str], apps: tuple[str, ...]) -> tuple[str | None, str]:
    if len(words) == 1:
        return None, words[0]
    if len(words) != 2:
        names = "|".join(apps)
        fail(f"give FILE, or a format and FILE: redwood import [{names}] FILE")
    app = words[0].strip().lower()
    if app not in apps:
        fail(f"unknown format {words[0]!r}: use one of {', '.join(apps)}, or give just FILE")
    return app, words[1]


def import_command(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="[FORMAT] FILE | list | undo [ID]",
            help="strong, hevy, fitnotes, fitbod or redwood, then the file; or list, or undo.",
        ),
    ],
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="kg or lb: the unit of loads the file does not state."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would happen; write nothing.")
    ] = False,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Import the good rows and list the bad ones.")
    ] = False,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Undo the earlier import of this file, then import it."),
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Import a Strong, Hevy, FitNotes or Fitbod export, or a Redwood backup (format
    detected); `list` past imports; `undo` one."""
    from redwood.services.imports import FORMATS, import_file

    if words and words[0] in ACTIONS:
        used = [
            name
            for name, on in (
                ("--unit", unit is not None),
                ("--dry-run", dry_run),
                ("--skip-bad-rows", skip_bad_rows),
                ("--replace", replace),
            )
            if on
        ]
        if used:
            fail(f"{used[0]} is for importing a file, not for 'redwood import {words[0]}'")
        _action(words, fmt)
        return
    app, file = _split(words, FORMATS)
    path = Path(file)
    size = path.stat().st_size if path.is_file() else 0
    bar = _Bar(_interactive() and size >= PROGRESS_MIN_BYTES)
    try:
        report = import_file(
            path,
            app=app,
            unit=unit,
            dry_run=dry_run,
            skip_bad_rows=skip_bad_rows,
            replace=replace,
            ask_unit=_ask_unit if _interactive() else None,
            progress=bar.update,
        )
    finally:
        bar.close()
    emit(report, fmt, _table)


def _action(words: list[str], fmt: OutputFormat | None) -> None:
    """`redwood import list` or `redwood import undo [ID]`."""
    from redwood.services.import_history import list_imports, undo_import

    action, rest = words[0], words[1:]
    if action == "list":
        if rest:
            fail("'redwood import list' takes no more words")
        emit(list_imports(), fmt, _history)
        return
    if len(rest) > 1:
        fail("give at most one import id: redwood import undo [ID]")
    chosen = None
    if rest:
        text = rest[0].strip().lstrip("#")
        if not text.isdigit() or int(text) < 1:
            fail(f"import: {rest[0]!r} is not an import id (see 'redwood import list')")
        chosen = int(text)
    result = undo_import(chosen)
    emit(result, fmt, lambda data: _say(data["message"]))


def _history(data: dict[str, Any]) -> None:
    from rich.table import Table

    from redwood.services.imports import format_title

    items = data["items"]
    if not items:
        _say("No imports yet: bring your history in with 'redwood import FILE'.")
        return
    table = Table(show_edge=False, header_style="bold")
    for name, justify in (
        ("ID", "right"),
        ("When", "left"),
        ("File", "left"),
        ("Format", "left"),
        ("Sessions", "right"),
        ("Sets", "right"),
        ("Status", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for item in items:
        status = item["status"]
        if status == "replaced":
            status = f"replaced by {item['replaced_by']}"
        table.add_row(
            str(item["id"]),
            item["local_time"],
            item["file"],
            format_title(item["format"]),
            str(item["sessions"]),
            str(item["sets"]),
            status,
        )
    console.print(table)


class _Bar:
    """A progress bar on stderr for large files, started by the first progress report (so a
    question about the unit, asked before reading, is never drawn over)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress = Progress(
            TextColumn("[green]Importing"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        )
        self.task: TaskID | None = None

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.task is None:
            self.progress.start()
            self.task = self.progress.add_task("import", total=total)
        self.progress.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.task is not None:
            self.progress.stop()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _table(report: dict[str, Any]) -> None:
    from redwood.services.imports import format_title

    _say(f"Found a {format_title(report['format'])} export: {report['layout']}.")
    if report["unit"] != "per row":
        how = {"file": "named in the file", "option": "from --unit"}.get(report["unit_source"])
        if how is None:
            confidence = f"confidence {report['unit_confidence']:.0%}"
            how = f"{report['unit_source']}, {confidence}: {report['unit_reason']}"
        _say(f"Loads in {report['unit']} ({how}).")
        if report["unit_source"] == "inferred" and report["unit_confidence"] < LOW_CONFIDENCE:
            _say(
                "The file does not say its unit and the guess is unsure: check a few loads; "
                "give --unit next time (a re-import does not change sets already imported)."
            )
    verb = "Would import" if report["dry_run"] else "Imported"
    extra = "".join(
        f", {report[key]} {key.replace('_', ' ')}"
        for key in ("programs", "checkins")
        if report.get(key)
    )
    for replaced in report.get("replaced") or []:
        _say(
            f"Replaced import {replaced['id']} of {replaced['file']}: removed "
            f"{_count(replaced['sets'], 'set')} and {_count(replaced['sessions'], 'session')}."
        )
    _say(
        f"{verb} {_count(report['sessions'], 'session')}, {_count(report['sets'], 'set')} and "
        f"{_count(report['bodyweights'], 'body weight')}{extra} from {report['file']}."
    )
    if report["dry_run"]:
        _say("Dry run: nothing was written.")
    if report["skipped_count"]:
        count = report["skipped_count"]
        _say(f"Skipped {count} row{'s' if count != 1 else ''}:")
        for row in report["skipped"][:SHOWN]:
            _say(f"  line {row['line']}: {row['reason']}")
        if report["skipped_count"] > SHOWN:
            _say(f"  ... and {report['skipped_count'] - SHOWN} more (see --format json)")
    if report["unmapped"]:
        made = f" ({report['custom_created']} made now)" if report["custom_created"] else ""
        _say(f"Exercises kept as your own{made}; map each to the catalogue when you know it:")
        for name in report["unmapped"]:
            hints = report["suggestions"].get(name) or []
            closest = ", ".join(f"{hint['id']}" for hint in hints) or "nothing close"
            _say(f"  {name}  (closest: {closest})")
        first = report["unmapped"][0]
        _say(f'  e.g. redwood exercises map "{first}" CATALOGUE-ID')
    for warning in report["warnings"]:
        _say(f"Note, line {warning['line']}: {warning['message']}")
    if report.get("import") is not None:
        _say(f"Recorded as import {report['import']}: 'redwood import undo' takes it back.")
