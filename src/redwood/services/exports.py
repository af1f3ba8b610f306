"""Taking the athlete's data anywhere: a JSON backup, the log as CSV, the program as .ics
or as a printable PDF.

`export_json` writes the backup (`redwood.backup/1`, see `io/importers/redwood_json.py` for
what it holds): profile and settings (unit, zone, kit, coach settings), custom exercises,
saved name mappings, programs, performed sessions with every set (deleted ones keep their
tombstone, so a restored device never brings them back), check-ins and body weights. It is
deterministic: the same data gives the same bytes, and `redwood import redwood FILE` into an
empty database followed by another export gives the same file.

`export_csv` writes one row per live set, in Redwood's columns or in Strong's S1 layout.

`export_ics` writes the active program's sessions as an iCalendar file; its DTSTAMP is the
program's last change, so re-exporting an unchanged program gives the same bytes.

`export_pdf` lays a program (the active one, or any of the athlete's by id) out for A4 or
Letter paper (`io/exporters/printout.py`); it reads the database first and renders after
the transaction, since laying out a long program takes a second or more.

Each export writes to a path or to an open stream (text for json, csv and ics, binary for
pdf), so the web app can send a download without a file of its own. A path is written next
to its destination and moved into place when complete, so an export that fails never leaves
half a file behind. The log is read in one transaction and its sets are streamed, so a long
log never sits in memory as text.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from uuid import UUID

from redwood.domain.logbook import LoggedSet, PerformedSession
from redwood.io.exporters import LAYOUTS, SCHEMA, SetRows, number, write_backup
from redwood.io.exporters.calendar import program_calendar
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.logsupport import Work, athlete_work

if TYPE_CHECKING:
    from redwood.store import BodyweightRecord, CheckinRecord, ProgramRecord

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
TextTarget = str | Path | IO[str]
"""Where a text export goes: a file path, or an open text stream."""
BinaryTarget = str | Path | IO[bytes]
"""Where a binary export (the PDF) goes: a file path, or an open binary stream."""
NO_ACTIVE_PROGRAM = (
    "program: no active program to export: activate one with "
    "`redwood program activate ID` or `redwood plan ... --activate`"
)


def _name(target: object) -> str | None:
    return str(target) if isinstance(target, str | Path) else None


def _text_out(target: TextTarget) -> Any:
    """`written(target)` for a path, else the stream itself (left open)."""
    return written(target) if isinstance(target, str | Path) else nullcontext(target)


@contextmanager
def written(path: str | Path, *, binary: bool = False) -> Iterator[Any]:
    """A stream whose content replaces `path` only once the block ends without error
    (text in UTF-8, or bytes with `binary`)."""
    target = Path(path)
    if target.is_dir():
        raise ServiceError(f"output: {target} is a directory: name a file", "output")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ServiceError(f"output: the folder {folder} does not exist", "output")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as exc:
        raise ServiceError(f"output: cannot write in {folder} ({exc.strerror})", "output") from None
    try:
        stream: IO[Any] = (
            os.fdopen(handle, "wb")
            if binary
            else os.fdopen(handle, "w", encoding="utf-8", newline="")
        )
        with stream as out:
            yield out
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def session_order(session: PerformedSession) -> tuple[Any, ...]:
    """The log's order of sessions: day, start (unknown last), id (as the store sorts)."""
    start = session.started_at
    return (session.local_date, start is None, start or EPOCH, str(session.id))


def _athlete(work: Work) -> dict[str, Any]:
    athlete = work.athlete
    return {
        "name": athlete.name,
        "unit": athlete.unit,
        "timezone": athlete.timezone,
        "profile": athlete.profile,
        "plates": athlete.plates,
        "dumbbells": athlete.dumbbells,
        "equipment": athlete.equipment,
        "coach_settings": athlete.coach_settings,
    }


def _program(record: ProgramRecord) -> dict[str, Any]:
    return {
        "name": record.name,
        "active": record.active,
        "starts_on": record.starts_on,
        "seed": record.seed,
        "profile": record.profile,
        "document": record.document,
    }


def _set(logged: LoggedSet) -> dict[str, Any]:
    return {
        "id": logged.id,
        "exercise": logged.exercise_id,
        "set_type": str(logged.set_type),
        "position": logged.position,
        "reps": logged.reps,
        "load_kg": number(logged.load_kg),
        "rpe": number(logged.rpe),
        "rir": number(logged.rir),
        "seconds": logged.seconds,
        "distance_m": number(logged.distance_m),
        "rest_seconds": logged.rest_seconds,
        "note": logged.note,
        "performed_at": logged.performed_at,
        "deleted_at": logged.deleted_at,
    }


def _sessions(
    sessions: list[PerformedSession],
    sets: Iterator[LoggedSet],
    planned: Mapping[int, dict[str, int]],
    counts: dict[str, int],
) -> Iterator[dict[str, Any]]:
    """Each session with its sets; the sets arrive in the same order as the sessions."""
    waiting = next(sets, None)
    for session in sessions:
        items = []
        while waiting is not None and waiting.session_id == session.id:
            items.append(_set(waiting))
            waiting = next(sets, None)
        counts["sessions"] += 1
        counts["sets"] += len(items)
        ref = session.planned_session_id
        yield {
            "id": session.id,
            "date": session.local_date,
            "title": session.title,
            "source": session.source,
            "started_at": session.started_at,
            "ended_at": session.ended_at,
            "notes": session.notes,
            "import_key": session.import_key,
            "planned": None if ref is None else planned.get(ref),
            "sets": items,
        }
    if waiting is not None:
        raise ServiceError(f"export: set {waiting.id} is out of its session's order", "export")


def export_json(target: TextTarget, *, url: str | None = None) -> dict[str, Any]:
    """Write the complete backup of the local athlete to `target`; what it holds."""
    from redwood.store import Bodyweights, Checkins, Exercises, Logbook, Programs

    counts = {"sessions": 0, "sets": 0}
    with athlete_work(url) as work, _text_out(target) as out:
        athlete_id = work.athlete.id
        exercises = Exercises(work.session, athlete_id)
        programs = list(reversed(Programs(work.session, athlete_id).all()))
        planned: dict[int, dict[str, int]] = {}
        for index, program in enumerate(programs):
            for item in Programs(work.session, athlete_id).planned_sessions(program.id):
                where = {"program": index, "week": item.week_index, "position": item.position}
                planned[item.id] = where
        log = Logbook(work.session, athlete_id)
        sessions = sorted(log.sessions(), key=session_order)
        custom = sorted(exercises.custom(), key=lambda exercise: exercise.id)
        mappings = exercises.mappings()
        checkins = Checkins(work.session, athlete_id).between()
        weights = Bodyweights(work.session, athlete_id).between()
        all_sets = log.batches().all_sets(include_deleted=True)
        sections: list[tuple[str, Any]] = [
            ("schema", SCHEMA),
            ("athlete", _athlete(work)),
            ("custom_exercises", [exercise.to_dict() for exercise in custom]),
            ("exercise_mappings", [{"name": m.name, "exercise": m.exercise_id} for m in mappings]),
            ("programs", [_program(program) for program in programs]),
            ("sessions", _sessions(sessions, all_sets, planned, counts)),
            ("checkins", [_checkin(record) for record in checkins]),
            ("bodyweights", [_weight(record) for record in weights]),
        ]
        write_backup(out, sections)
    return {
        "file": _name(target),
        "schema": SCHEMA,
        **counts,
        "programs": len(programs),
        "checkins": len(checkins),
        "bodyweights": len(weights),
        "custom_exercises": len(custom),
        "exercise_mappings": len(mappings),
    }


def _checkin(record: CheckinRecord) -> dict[str, Any]:
    return {
        "date": record.local_date,
        "sleep_hours": number(record.sleep_hours),
        "soreness": record.soreness,
        "energy": record.energy,
        "pain": record.pain,
        "pain_where": list(record.pain_where),
        "note": record.note,
    }


def _weight(record: BodyweightRecord) -> dict[str, Any]:
    return {
        "date": record.measured_on,
        "kg": number(record.kg),
        "source": record.source,
        "note": record.note,
    }


def export_csv(
    target: TextTarget, *, layout: str = "redwood", url: str | None = None
) -> dict[str, Any]:
    """Write the log as CSV, one row per live set, in `layout` (redwood or strong)."""
    from redwood.store import Exercises, Logbook

    chosen = layout.strip().lower()
    if chosen not in LAYOUTS:
        raise ServiceError(f"layout: use one of {', '.join(LAYOUTS)} (got {layout!r})", "layout")
    with athlete_work(url) as work, _text_out(target) as out:
        exercises = {
            exercise.id: exercise
            for exercise in Exercises(work.session, work.athlete.id).visible(include_retired=True)
        }
        log = Logbook(work.session, work.athlete.id)
        sessions: dict[UUID, PerformedSession] = {s.id: s for s in log.sessions()}
        rows = SetRows(out, chosen, work.unit, work.athlete.zone)
        count = 0
        for logged in log.batches().all_sets():
            rows.write(sessions[logged.session_id], logged, exercises[logged.exercise_id])
            count += 1
    return {"file": _name(target), "layout": chosen, "sets": count, "rows": rows.rows}


def export_ics(
    target: TextTarget, *, start: date | None = None, url: str | None = None
) -> dict[str, Any]:
    """Write the active program's sessions as .ics; `start` moves week 1 (calendar only)."""
    from redwood.services.coaching import active_program
    from redwood.store import Exercises, Programs

    with athlete_work(url) as work:
        record = Programs(work.session, work.athlete.id).active()
        active = active_program(work.session, work.athlete)
        if record is None or active is None:
            raise ServiceError(NO_ACTIVE_PROGRAM, "program")
        names = {
            exercise.id: exercise.name
            for exercise in Exercises(work.session, work.athlete.id).visible(include_retired=True)
        }
        chosen = start or active.starts_on
        monday = chosen - timedelta(days=chosen.weekday())
        content = program_calendar(
            active.program,
            program_id=active.id,
            name=f"Redwood: {record.name}",
            starts_on=monday,
            zone=work.athlete.zone,
            name_of=lambda exercise: names.get(exercise, exercise),
            stamp=record.updated_at.astimezone(UTC),
        )
    with _text_out(target) as out:
        out.write(content.decode("utf-8"))
    sessions = sum(len(week.sessions) for week in active.program.weeks)
    return {
        "file": _name(target),
        "program": active.id,
        "start": monday.isoformat(),
        "sessions": sessions,
    }


def export_pdf(
    target: BinaryTarget,
    *,
    paper: str = "a4",
    program: int | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Write a program as a printable PDF: the active one, or the athlete's program `program`.

    The active program's weeks are dated from its start; another program has no dates.
    """
    from redwood.domain.program import ProgramError, program_from_dict
    from redwood.io.exporters.printout import Printout, read_paper
    from redwood.services.coaching import active_program
    from redwood.store import Exercises, Programs

    try:
        chosen = read_paper(paper)
    except ValueError as exc:
        raise ServiceError(str(exc), "paper") from None
    with athlete_work(url) as work:
        programs = Programs(work.session, work.athlete.id)
        record = programs.active() if program is None else programs.get(program)
        if record is None and program is not None:
            raise NotFoundError(f"program: there is no program {program}", "program")
        if record is None:
            raise ServiceError(NO_ACTIVE_PROGRAM, "program")
        starts_on = None
        if record.active:
            active = active_program(work.session, work.athlete)
            starts_on = None if active is None else active.starts_on
        try:
            document = program_from_dict(dict(record.document))
        except ProgramError as exc:
            raise ServiceError(f"program: program {record.id} cannot be read: {exc}") from None
        exercises = {
            exercise.id: exercise
            for exercise in Exercises(work.session, work.athlete.id).visible(include_retired=True)
        }
    printed = Printout(document, record.name, chosen, exercises.get, starts_on).pdf()
    if isinstance(target, str | Path):
        with written(target, binary=True) as out:
            out.write(printed.content)
    else:
        target.write(printed.content)
    return {
        "file": _name(target),
        "program": record.id,
        "name": record.name,
        "paper": str(chosen),
        "pages": printed.pages,
        "bytes": len(printed.content),
    }
