"""Importing another app's export (Strong, Hevy, FitNotes, Fitbod) or a Redwood backup.

`import_file` detects the format from the header (or checks the one named), settles the unit
of the loads, then streams the file through its importer into one transaction: every good row
or nothing. `--dry-run` runs the very same import and rolls it back, so the report says
exactly what would happen. The report (the `--format json` contract):

    {"file", "format", "layout", "unit", "unit_confidence", "unit_source", "unit_reason",
     "dry_run", "sessions", "sets", "sets_read", "bodyweights", "skipped": [{"line", "reason"}],
     "skipped_count", "unmapped": [names], "suggestions": {name: [{"id", "name", "score"}]},
     "custom_created", "warnings": [{"line", "message"}], "import": id | null,
     "replaced": [{"id", "file", "sets", "sessions"}]}

`sessions`, `sets` and `bodyweights` count what was added (so a second import of the same file
reports 0); `sets_read` counts the sets the file holds. The unit: the file's own word when it
has one (`unit_source` "file"), else `--unit` ("option"), else inferred from the loads with a
confidence ("inferred"), and asked on a terminal when that confidence is low ("asked").

The file is a path or an `Upload` (a name and a seekable binary stream, as the web app
receives it), so an upload is imported without a temporary file. An import that writes is
recorded (`import`: its id, for `redwood import undo ID`; null for a dry run or an import
that added nothing); with `replace`, the earlier imports of the same file are undone in the
same transaction first and listed under `replaced` (services/import_history.py).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from redwood.domain.mass import Unit
from redwood.io.importers import (
    IMPORTERS,
    ImportFileError,
    Layout,
    Origin,
    ReadOptions,
    Source,
    UnitGuess,
    WrongFormatError,
    find_layout,
    guess_unit,
    origin_name,
)
from redwood.io.importers import Upload as Upload  # what the web app hands in
from redwood.services import import_history
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


def _layout(origin: Origin, app: str | None) -> tuple[Layout, list[str]]:
    name = origin_name(origin)
    if app is not None:
        app = app.strip().lower()
    try:
        with Source(origin) as source:
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
    origin: Origin, layout: Layout, chosen: Unit | None, ask: AskUnit | None
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
        with Source(origin) as source:
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
    origin: Origin,
    *,
    app: str | None = None,
    unit: str | None = None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    replace: bool = False,
    url: str | None = None,
    ask_unit: AskUnit | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import one export file (a path or an upload) for the local athlete; the report
    (module docstring)."""
    chosen = read_unit(unit)
    layout, notes = _layout(origin, app)
    if layout.kind == "backup":
        from redwood.services.restore import restore_backup

        return restore_backup(origin, dry_run=dry_run, replace=replace, url=url)
    used, said = _unit(origin, layout, chosen, ask_unit)
    report: dict[str, Any] = {
        "file": origin_name(origin),
        "format": layout.app,
        "layout": layout.describe(),
        **said,
        "dry_run": dry_run,
    }
    options = _Options(skip_bad_rows, replace, url, progress)
    try:
        with collector_paused():
            return _run(origin, layout, used, report, notes, options)
    except _DryRun as done:
        return done.report


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a file is imported (and on again after).

    An import makes millions of short-lived objects and next to no cycles, and each full
    collection walks every object alive: seventeen of them took a tenth of the CPU of a
    200,000-row import. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class _Options:
    skip_bad_rows: bool
    replace: bool
    url: str | None
    progress: Progress | None


def _run(
    origin: Origin,
    layout: Layout,
    unit: Unit,
    report: dict[str, Any],
    notes: list[str],
    options: _Options,
) -> dict[str, Any]:
    from sqlalchemy.exc import DBAPIError

    from redwood.store import StoreError

    importer = IMPORTERS[layout.app]
    assert importer.read is not None
    progress = options.progress
    with athlete_work(options.url) as work, Source(origin) as source:

        def tell() -> None:
            if progress is not None:
                progress(source.bytes_read, source.size)

        recording = import_history.begin(
            work,
            file_name=source.name,
            app=layout.app,
            layout=layout.describe(),
            unit=report["unit"],
            replace=options.replace,
        )
        batch = ImportBatch(
            work,
            layout.app,
            source.name,
            skip_bad_rows=options.skip_bad_rows,
            progress=tell,
            import_id=recording.import_id,
        )
        reading = ReadOptions(unit, work.athlete.zone)
        records = source.records(layout.delimiter, wrapped=layout.wrapped)
        try:
            for item in importer.read(records, layout, reading):
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
        recording.payload.update(batch.undo_payload())
        counts = {
            "sessions": batch.sessions_added,
            "sets": batch.sets_added,
            "bodyweights": batch.bodyweights_written,
            "custom_created": batch.names.created,
            "skipped": batch.skipped_count,
        }
        recorded = import_history.end(work, recording, counts)
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
                "import": None if report["dry_run"] else recorded,
                "replaced": import_history.summary(recording),
            }
        )
        if report["dry_run"]:
            raise _DryRun(report)
        return report
