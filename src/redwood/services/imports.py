"""Importing another app's export (Strong, Hevy, FitNotes) or a Redwood backup.

`import_file` detects the format from the header (or checks the one named), settles the unit
of the loads, then streams the file through its importer into one transaction: every good row
or nothing. `--dry-run` runs the very same import and rolls it back, so the report says
exactly what would happen. The report (the `--format json` contract):

    {"file", "format", "layout", "unit", "unit_confidence", "unit_source", "unit_reason",
     "dry_run", "sessions", "sets", "sets_read", "bodyweights", "skipped": [{"line", "reason"}],
     "skipped_count", "unmapped": [names], "suggestions": {name: [{"id", "name", "score"}]},
     "custom_created", "warnings": [{"line", "message"}]}

`sessions`, `sets` and `bodyweights` count what was added (so a second import of the same file
reports 0); `sets_read` counts the sets the file holds. The unit: the file's own word when it
has one (`unit_source` "file"), else `--unit` ("option"), else inferred from the loads with a
confidence ("inferred"), and asked on a terminal when that confidence is low ("asked").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from redwood.domain.mass import Unit
from redwood.io.importers import (
    IMPORTERS,
    ImportFileError,
    Layout,
    ReadOptions,
    Source,
    UnitGuess,
    WrongFormatError,
    find_layout,
    guess_unit,
)
from redwood.services.errors import ServiceError
from redwood.services.import_batch import ImportBatch
from redwood.services.logsupport import athlete_work

AskUnit = Callable[[str, float, str], str]
"""Asked when the inferred unit is unsure: (guessed unit, confidence, reason) -> "kg"|"lb"."""
Progress = Callable[[int, int], None]
"""Told (bytes read, bytes in the file) after every batch."""

FORMATS = tuple(IMPORTERS)
"""The names `redwood import NAME FILE` takes."""


class _DryRun(Exception):  # noqa: N818 (a signal, not an error)
    """Raised inside the unit of work to roll a dry run back; carries its report."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.report = report


def format_title(app: str) -> str:
    """An importer's name for people ("Strong", "Redwood backup")."""
    found = IMPORTERS.get(app)
    return app if found is None else found.title


def read_unit(text: str | None) -> Unit | None:
    """`--unit`: kg or lb (kgs, lbs accepted), None when not given."""
    if text is None:
        return None
    word = text.strip().lower().rstrip("s")
    if word not in {"kg", "lb"}:
        raise ServiceError(f"unit: use kg or lb (got {text!r})", "unit")
    return Unit(word)


def _layout(path: str | Path, app: str | None) -> tuple[Layout, list[str]]:
    name = Path(path).name
    if app is not None:
        app = app.strip().lower()
    try:
        with Source(path) as source:
            return find_layout(source.first_line, app, source.name), source.notes
    except WrongFormatError as exc:
        raise ServiceError(
            f"{exc} (use 'redwood import {exc.found.app} {name}', "
            f"or 'redwood import {name}' to detect it)",
            "file",
        ) from None
    except ImportFileError as exc:
        raise ServiceError(str(exc), "file") from None


def _unit(
    path: str | Path, layout: Layout, chosen: Unit | None, ask: AskUnit | None
) -> tuple[Unit, dict[str, Any]]:
    """The unit of the file's loads and how it was settled (report fields)."""
    if layout.weight_unit is not None:
        return layout.weight_unit, _said(
            str(layout.weight_unit), 1.0, "file", "named in the header"
        )
    if layout.states_unit:
        fallback = chosen or Unit.KG
        return fallback, _said("per row", 1.0, "file", "each row names its unit")
    if chosen is not None:
        return chosen, _said(str(chosen), 1.0, "option", "given with --unit")
    try:
        with Source(path) as source:
            guess: UnitGuess = guess_unit(source, layout)
    except ImportFileError as exc:
        raise ServiceError(str(exc), "file") from None
    if guess.is_low and ask is not None:
        answer = read_unit(ask(str(guess.unit), guess.confidence, guess.reason)) or guess.unit
        return answer, _said(str(answer), guess.confidence, "asked", guess.reason)
    return guess.unit, _said(str(guess.unit), guess.confidence, "inferred", guess.reason)


def _said(unit: str, confidence: float, source: str, reason: str) -> dict[str, Any]:
    return {
        "unit": unit,
        "unit_confidence": confidence,
        "unit_source": source,
        "unit_reason": reason,
    }


def import_file(
    path: str | Path,
    *,
    app: str | None = None,
    unit: str | None = None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    url: str | None = None,
    ask_unit: AskUnit | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import one export file for the local athlete; the report (module docstring)."""
    chosen = read_unit(unit)
    layout, notes = _layout(path, app)
    if layout.kind == "backup":
        from redwood.services.restore import restore_backup

        return restore_backup(path, dry_run=dry_run, url=url)
    used, said = _unit(path, layout, chosen, ask_unit)
    report: dict[str, Any] = {
        "file": Path(path).name,
        "format": layout.app,
        "layout": layout.describe(),
        **said,
        "dry_run": dry_run,
    }
    try:
        return _run(path, layout, used, report, notes, skip_bad_rows, url, progress)
    except _DryRun as done:
        return done.report


def _run(
    path: str | Path,
    layout: Layout,
    unit: Unit,
    report: dict[str, Any],
    notes: list[str],
    skip_bad_rows: bool,
    url: str | None,
    progress: Progress | None,
) -> dict[str, Any]:
    from sqlalchemy.exc import DBAPIError

    from redwood.store import StoreError

    importer = IMPORTERS[layout.app]
    assert importer.read is not None
    with athlete_work(url) as work, Source(path) as source:

        def tell() -> None:
            if progress is not None:
                progress(source.bytes_read, source.size)

        batch = ImportBatch(
            work, layout.app, source.name, skip_bad_rows=skip_bad_rows, progress=tell
        )
        options = ReadOptions(unit, work.athlete.zone)
        records = source.records(layout.delimiter, wrapped=layout.wrapped)
        try:
            for item in importer.read(records, layout, options):
                batch.add(item)
            batch.finish()
        except ImportFileError as exc:
            raise ServiceError(str(exc), "file") from None
        except ServiceError:
            raise
        except (StoreError, ValueError) as exc:
            raise ServiceError(f"{source.name}: {exc} (nothing was imported)", "file") from None
        except DBAPIError as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise ServiceError(
                f"{source.name}: the database refused the import ({reason}); nothing was imported",
                "file",
            ) from None
        if progress is not None:
            progress(source.size, source.size)
        names, suggestions = batch.names.report()
        report.update(
            {
                "sessions": batch.sessions_added,
                "sets": batch.sets_added,
                "sets_read": batch.sets_read,
                "bodyweights": batch.bodyweights_written,
                "skipped": batch.skipped,
                "skipped_count": batch.skipped_count,
                "unmapped": names,
                "suggestions": suggestions,
                "custom_created": batch.names.created,
                "warnings": [{"line": 1, "message": note} for note in notes] + batch.warnings,
            }
        )
        if report["dry_run"]:
            raise _DryRun(report)
        return report
