"""Past imports: each one recorded, listed, and undone as a whole.

An import (another app's file or a Redwood backup) that writes anything is recorded in the
same transaction as its rows (`store/imports.py`): when, the file's name, its format and
layout, the unit of its loads and what it added. Its sessions and sets carry its id; what
else undoing it needs goes into the record's payload as the import runs:

    {"bodyweights": [{"date", "kg", "source", "before": null | {"kg", "source", "note"}}],
     "custom": [exercise ids], "checkins": [ids], "programs": [ids],
     "active_before": program id | null, "mappings": [names]}

`undo_import` reverses one import in one transaction (the newest still live by default): its
sets go (tombstones too), then the sessions it made that are left empty; each body weight
it wrote goes back to what was there before (unless it was changed since); the check-ins,
programs and name mappings a backup added are removed and the program that was active before
is active again; the custom exercises it made are removed when no set uses them any more, and
so are those an earlier import made that only this import's sets still used.
Settings a backup restored (unit, zone, kit, profile) stay as they are, and the answer says
so. A re-import with `--replace` undoes the live imports of the same format and source key
(the file's name, without the " (1)" a browser adds to a second download) inside its own
transaction and records which import replaced them.

An import that adds nothing and replaces nothing (a second import of the same file) leaves
no record: the list shows what changed the log, and "undo the newest" never lands on a no-op.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redwood.services.errors import ConflictError, NotFoundError
from redwood.services.logsupport import Work, athlete_work

if TYPE_CHECKING:
    from redwood.store import BodyweightRecord
    from redwood.store.imports import ImportRecord

LIST_LIMIT = 100
IMPORTED = "imported"
"""The tag of a custom exercise an import made for a name it did not know."""
_COPY_SUFFIX = re.compile(r"\s*[(\[]\d{1,3}[)\]]$")


def source_key(file_name: str) -> str:
    """What makes two files "the same file" for `--replace`: the name folded, without a
    download counter ("strong_workouts (1).csv" is "strong_workouts.csv")."""
    path = Path(file_name.strip().casefold())
    stem = _COPY_SUFFIX.sub("", path.stem)
    return f"{stem}{path.suffix}"[:255]


def view(record: ImportRecord, work: Work) -> dict[str, Any]:
    """An import as JSON: `{"id", "created_at", "local_time", "file", "format", "layout",
    "unit", "sessions", "sets", "bodyweights", "custom_created", "skipped", "status",
    "undone_at", "replaced_by"}`; status is live, undone or replaced."""
    zone = work.athlete.zone
    status = "live" if record.live else "replaced" if record.replaced_by else "undone"
    return {
        "id": record.id,
        "created_at": record.created_at.isoformat(),
        "local_time": record.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "file": record.file_name,
        "format": record.format,
        "layout": record.layout,
        "unit": record.unit,
        "sessions": record.sessions,
        "sets": record.sets,
        "bodyweights": record.bodyweights,
        "custom_created": record.custom_created,
        "skipped": record.skipped,
        "status": status,
        "undone_at": None if record.undone_at is None else record.undone_at.isoformat(),
        "replaced_by": record.replaced_by,
    }


def list_imports(*, limit: int = LIST_LIMIT, url: str | None = None) -> dict[str, Any]:
    """The athlete's imports, newest first: `{"items": [view, ...]}`."""
    from redwood.store.imports import Imports

    with athlete_work(url) as work:
        records = Imports(work.session, work.athlete.id).all(limit=limit)
        return {"items": [view(record, work) for record in records]}


def undo_import(import_id: int | None = None, *, url: str | None = None) -> dict[str, Any]:
    """Undo one import (the newest still live when `import_id` is None); what was removed."""
    from redwood.store.imports import Imports

    with athlete_work(url) as work:
        imports = Imports(work.session, work.athlete.id)
        record = imports.newest_live() if import_id is None else imports.get(import_id)
        if record is None:
            if import_id is None:
                raise NotFoundError("import: there is no import to undo", "import")
            raise NotFoundError(f"import: there is no import {import_id}", "import")
        if not record.live:
            raise ConflictError(f"import: import {record.id} was undone already", "import")
        return reverse(work, record)


@dataclass(slots=True)
class _Counts:
    bodyweights: int = 0
    bodyweights_kept: int = 0
    checkins: int = 0
    programs: int = 0
    mappings: int = 0
    custom_removed: int = 0


def reverse(work: Work, record: ImportRecord, *, replaced_by: int | None = None) -> dict[str, Any]:
    """Undo `record` inside the caller's transaction (see the module docstring)."""
    from redwood.store import StaleVersionError
    from redwood.store.imports import Imports

    imports = Imports(work.session, work.athlete.id)
    try:
        undone = imports.mark_undone(record.id, replaced_by=replaced_by)
    except StaleVersionError:
        raise ConflictError(f"import: import {record.id} was undone meanwhile", "import") from None
    removed = imports.remove_rows(record.id)
    payload = record.payload
    counts = _Counts()
    _put_back_weights(work, payload, counts)
    _remove_added(work, payload, counts)
    custom_kept = _remove_custom(work, payload, removed.exercises, counts)
    settings = record.format == "redwood"
    return {
        "import": view(undone, work),
        "sets": removed.sets,
        "sessions": removed.sessions,
        "bodyweights": counts.bodyweights,
        "bodyweights_kept": counts.bodyweights_kept,
        "checkins": counts.checkins,
        "programs": counts.programs,
        "mappings": counts.mappings,
        "custom_removed": counts.custom_removed,
        "custom_kept": custom_kept,
        "settings_kept": settings,
        "message": _message(undone, removed.sets, removed.sessions, counts, settings),
    }


def _message(
    record: ImportRecord, sets: int, sessions: int, counts: _Counts, settings: bool
) -> str:
    parts = [f"{sets} set{'s' * (sets != 1)}", f"{sessions} session{'s' * (sessions != 1)}"]
    for number, noun in (
        (counts.bodyweights, "body weight"),
        (counts.checkins, "check-in"),
        (counts.programs, "program"),
        (counts.custom_removed, "custom exercise"),
    ):
        if number:
            parts.append(f"{number} {noun}{'s' * (number != 1)}")
    text = f"Undid import {record.id} of {record.file_name}: removed {', '.join(parts)}."
    if counts.bodyweights_kept:
        text += f" {counts.bodyweights_kept} body weights changed since were kept."
    if settings:
        text += " Settings the backup restored (unit, zone, kit, profile) were kept."
    return text


def _put_back_weights(work: Work, payload: Mapping[str, Any], counts: _Counts) -> None:
    from redwood.store import Bodyweights

    weights = Bodyweights(work.session, work.athlete.id)
    for item in payload.get("bodyweights") or []:
        on = date.fromisoformat(str(item["date"]))
        now = weights.get(on)
        if now is None or now.kg != Decimal(str(item["kg"])) or now.source != item["source"]:
            counts.bodyweights_kept += 1
            continue
        before = item.get("before")
        if before is None:
            weights.delete(on)
        else:
            weights.put(
                on, Decimal(str(before["kg"])), source=before["source"], note=before.get("note")
            )
        counts.bodyweights += 1


def _remove_added(work: Work, payload: Mapping[str, Any], counts: _Counts) -> None:
    from redwood.store import Checkins, Exercises, Programs

    checkins = Checkins(work.session, work.athlete.id)
    counts.checkins = sum(checkins.delete(int(i)) for i in payload.get("checkins") or [])
    programs = Programs(work.session, work.athlete.id)
    counts.programs = sum(programs.delete(int(i)) for i in payload.get("programs") or [])
    before = payload.get("active_before")
    if before is not None and programs.active() is None and programs.get(int(before)):
        programs.activate(int(before))
    exercises = Exercises(work.session, work.athlete.id)
    counts.mappings = sum(exercises.delete_mapping(str(n)) for n in payload.get("mappings") or [])


def _remove_custom(
    work: Work, payload: Mapping[str, Any], used: Sequence[str], counts: _Counts
) -> list[str]:
    """Remove the custom exercises left unused: those the import made, and those an earlier
    import made that only its sets still used (tagged `imported`). The ids kept, in use."""
    from redwood.store import Exercises, RecordInUseError, RecordNotFoundError

    exercises = Exercises(work.session, work.athlete.id)
    candidates = [str(exercise_id) for exercise_id in payload.get("custom") or []]
    for exercise_id in used:
        found = exercises.get(exercise_id)
        if found is not None and found.custom and IMPORTED in found.tags:
            candidates.append(exercise_id)
    kept = []
    for exercise_id in dict.fromkeys(candidates):
        try:
            exercises.delete_custom(exercise_id)
        except RecordInUseError:
            kept.append(str(exercise_id))
        except RecordNotFoundError:
            continue
        else:
            counts.custom_removed += 1
    return kept


@dataclass(slots=True)
class Recording:
    """An import being recorded: its id, what it replaced, and its undo payload so far."""

    import_id: int
    replaced: list[dict[str, Any]]
    payload: dict[str, Any]


def begin(
    work: Work, *, file_name: str, app: str, layout: str, unit: str, replace: bool
) -> Recording:
    """Record an import about to write; with `replace`, undo the earlier live imports of the
    same format and source key first (in the same transaction)."""
    from redwood.store.imports import Imports

    imports = Imports(work.session, work.athlete.id)
    key = source_key(file_name)
    earlier = imports.live_from(app, key) if replace else []
    record = imports.start(
        file_name=file_name, source_key=key, format=app, layout=layout, unit=unit
    )
    replaced = [reverse(work, old, replaced_by=record.id) for old in earlier]
    return Recording(record.id, replaced, {})


def end(work: Work, recording: Recording, counts: Mapping[str, int]) -> int | None:
    """Store what the import added; forget a record of an import that changed nothing.
    The import's id, or None when nothing was recorded."""
    from redwood.store.imports import Imports

    imports = Imports(work.session, work.athlete.id)
    added = {
        key: int(counts.get(key, 0))
        for key in ("sessions", "sets", "bodyweights", "custom_created", "skipped")
    }
    payload = recording.payload
    changed = (
        any(added[key] for key in ("sessions", "sets", "bodyweights", "custom_created"))
        or any(payload.get(key) for key in ("checkins", "programs", "mappings"))
        or recording.replaced
    )
    if not changed:
        imports.discard(recording.import_id)
        return None
    imports.finish(recording.import_id, payload=payload, **added)
    return recording.import_id


def weight_change(
    on: date, before: BodyweightRecord | None, written: BodyweightRecord
) -> dict[str, Any]:
    """A body weight an import wrote, with what it replaced, for the undo payload."""
    earlier = None
    if before is not None:
        earlier = {"kg": str(before.kg), "source": before.source, "note": before.note}
    return {
        "date": on.isoformat(),
        "kg": str(written.kg),
        "source": written.source,
        "before": earlier,
    }


def summary(recording: Recording) -> list[dict[str, Any]]:
    """What `--replace` undid, for the report: `[{"id", "file", "sets", "sessions"}]`."""
    return [
        {
            "id": item["import"]["id"],
            "file": item["import"]["file"],
            "sets": item["sets"],
            "sessions": item["sessions"],
        }
        for item in recording.replaced
    ]
