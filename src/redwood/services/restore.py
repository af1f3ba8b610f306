"""Restoring a Redwood backup (`redwood import redwood FILE`): everything, in one transaction.

The backup is checked whole before anything is written (`io/importers/redwood_json.py`), then
applied for the local athlete: settings and profile, custom exercises (same ids), name
mappings, programs (with the active one and its start), sessions and sets (same ids, deleted
sets as tombstones), check-ins and body weights.

Restoring is idempotent, like every import: sets and sessions already stored (by id) are
skipped, a program or check-in equal to a stored one is not added twice, a body weight is
written only when it differs. A session whose import key is already stored under another id
(the same workout imported separately) is left out with a warning rather than doubled. Ids
used by another athlete are refused (sets, sessions) or renamed (custom exercises).

A restore that writes is recorded as an import (services/import_history.py): its sessions and
sets carry its id, and the record keeps the programs, check-ins, mappings and custom
exercises it added and the body weights it replaced, so `redwood import undo` can take it
back; `replace` undoes an earlier restore of the same file first.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from redwood.domain.exercise import ExerciseError, exercise_from_dict
from redwood.domain.logbook import LogbookError, PerformedSession, SetEntry
from redwood.domain.vocab import SetType
from redwood.io.importers import ImportFileError, Origin, origin_name
from redwood.io.importers.redwood_json import SCHEMA, BackupDoc, SessionDoc, read_backup
from redwood.services import import_history
from redwood.services.errors import ServiceError
from redwood.services.logsupport import Work, athlete_work

BATCH_SIZE = 5000
ATHLETE_FIELDS = (
    "name",
    "unit",
    "timezone",
    "profile",
    "plates",
    "dumbbells",
    "equipment",
    "coach_settings",
)


class _DryRun(Exception):  # noqa: N818 (a signal, not an error)
    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.report = report


def plain(value: Any) -> Any:
    """Free-form JSON (documents, kit) with its decimals back as the floats they were."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def restore_backup(
    origin: Origin, *, dry_run: bool = False, replace: bool = False, url: str | None = None
) -> dict[str, Any]:
    """Apply a backup file (a path or an upload) for the local athlete; the import report."""
    try:
        backup = read_backup(origin)
    except ImportFileError as exc:
        raise ServiceError(str(exc), "file") from None
    from sqlalchemy.exc import DBAPIError

    from redwood.store import StoreError

    name = origin_name(origin)
    try:
        with athlete_work(url) as work:
            try:
                recording = import_history.begin(
                    work,
                    file_name=name,
                    app="redwood",
                    layout=SCHEMA,
                    unit=backup.athlete.unit,
                    replace=replace,
                )
                restore = _Restore(work, backup, name, recording)
                report = restore.run()
                recorded = import_history.end(work, recording, restore.counts)
                report["import"] = None if dry_run else recorded
                report["replaced"] = import_history.summary(recording)
            except ServiceError:
                raise
            except (StoreError, ValueError) as exc:
                raise ServiceError(f"{name}: {exc} (nothing was imported)", "file") from None
            except DBAPIError as exc:
                reason = str(exc.orig or exc).strip().splitlines()[0]
                raise ServiceError(
                    f"{name}: the database refused the backup ({reason}); nothing was imported",
                    "file",
                ) from None
            report["dry_run"] = dry_run
            if dry_run:
                raise _DryRun(report)
            return report
    except _DryRun as done:
        return done.report


class _Restore:
    """One backup applied in the caller's transaction."""

    def __init__(
        self, work: Work, backup: BackupDoc, name: str, recording: import_history.Recording
    ) -> None:
        from redwood.store import Exercises, Logbook, Programs

        self.work = work
        self.backup = backup
        self.name = name
        self.import_id = recording.import_id
        self.undo: dict[str, Any] = recording.payload
        for key in ("custom", "mappings", "programs", "checkins", "bodyweights"):
            self.undo[key] = []
        self.athlete_id = work.athlete.id
        self.exercises = Exercises(work.session, self.athlete_id)
        self.programs = Programs(work.session, self.athlete_id)
        self.batches = Logbook(work.session, self.athlete_id).batches()
        self.ids: dict[str, str] = {}
        self.warnings: list[dict[str, Any]] = []
        self.counts = dict.fromkeys(
            ("sessions", "sets", "programs", "checkins", "bodyweights", "custom_created"), 0
        )

    def fail(self, where: str, message: str) -> ServiceError:
        return ServiceError(f"{self.name}: {where}: {message} (nothing was imported)", "file")

    def run(self) -> dict[str, Any]:
        self._athlete()
        self._custom()
        for at, mapping in enumerate(self.backup.exercise_mappings):
            target = self.ids.get(mapping.exercise, mapping.exercise)
            if not self.exercises.exists(target):
                raise self.fail(f"exercise_mappings[{at}].exercise", f"unknown exercise {target!r}")
            if self.exercises.mapped(mapping.name) is None:
                self.undo["mappings"].append(mapping.name)
            self.exercises.save_mapping(mapping.name, target)
        planned = self._programs()
        self._sessions(planned)
        self._checkins()
        self._bodyweights()
        athlete = self.backup.athlete
        return {
            "file": self.name,
            "format": "redwood",
            "layout": "redwood.backup/1",
            "unit": athlete.unit,
            "unit_confidence": 1.0,
            "unit_source": "file",
            "unit_reason": "named in the backup",
            **self.counts,
            "sets_read": sum(len(session.sets) for session in self.backup.sessions),
            "skipped": [],
            "skipped_count": 0,
            "unmapped": [],
            "suggestions": {},
            "warnings": self.warnings,
        }

    def _athlete(self) -> None:
        from redwood.store import Athletes

        athlete = self.backup.athlete
        changes = {key: plain(getattr(athlete, key)) for key in ATHLETE_FIELDS}
        try:
            updated = Athletes(self.work.session).update(self.athlete_id, **changes)
            self.work = Work(self.work.session, updated)
        except ValueError as exc:
            raise self.fail("athlete", str(exc)) from None

    def _custom(self) -> None:
        from redwood.store import DuplicateRecordError

        for at, record in enumerate(self.backup.custom_exercises):
            try:
                exercise = exercise_from_dict(plain(record), custom=True)
            except ExerciseError as exc:
                raise self.fail(f"custom_exercises[{at}]", str(exc)) from None
            stored = self.exercises.get(exercise.id)
            if stored is not None and stored.custom:
                if stored.to_dict() != exercise.to_dict():
                    self.exercises.update_custom(exercise)
                continue
            try:
                made = self.exercises.create_custom(exercise)
            except DuplicateRecordError:
                renamed = {**exercise.to_dict(), "id": exercise.id.removeprefix("custom-")}
                made = self.exercises.create_custom(exercise_from_dict(renamed, custom=True))
            self.ids[exercise.id] = made.id
            self.undo["custom"].append(made.id)
            self.counts["custom_created"] += 1

    def _programs(self) -> dict[tuple[int, int, int], int]:
        stored = self.programs.all()
        active = self.programs.active()
        self.undo["active_before"] = None if active is None else active.id
        planned: dict[tuple[int, int, int], int] = {}
        for at, item in enumerate(self.backup.programs):
            document = plain(item.document)
            same = next(
                (p for p in stored if p.name == item.name and dict(p.document) == document), None
            )
            if same is None:
                try:
                    same = self.programs.create(
                        item.name,
                        document,
                        profile=plain(item.profile),
                        seed=item.seed,
                        starts_on=item.starts_on,
                        activate=item.active,
                    )
                except ValueError as exc:
                    raise self.fail(f"programs[{at}]", str(exc)) from None
                self.undo["programs"].append(same.id)
                self.counts["programs"] += 1
            for row in self.programs.planned_sessions(same.id):
                planned[(at, row.week_index, row.position)] = row.id
        return planned

    def _session(
        self, at: int, doc: SessionDoc, planned: dict[tuple[int, int, int], int]
    ) -> PerformedSession:
        ref = None
        if doc.planned is not None:
            ref = planned.get((doc.planned.program, doc.planned.week, doc.planned.position))
            if ref is None:
                raise self.fail(f"sessions[{at}].planned", "names no planned session of the backup")
        return PerformedSession(
            id=doc.id,
            local_date=doc.date,
            title=doc.title,
            source=doc.source,
            started_at=doc.started_at,
            ended_at=doc.ended_at,
            notes=doc.notes,
            planned_session_id=ref,
            import_key=doc.import_key,
        )

    def _sessions(self, planned: dict[tuple[int, int, int], int]) -> None:
        from redwood.store.batches import BatchSet

        docs = self.backup.sessions
        owners = self.batches.session_owners(doc.id for doc in docs)
        keys = self.batches.sessions_by_import_key(d.import_key for d in docs if d.import_key)
        fresh, kept = [], []
        for at, doc in enumerate(docs):
            owner = owners.get(doc.id)
            if owner is not None and owner != self.athlete_id:
                raise self.fail(f"sessions[{at}].id", f"session id {doc.id} is already used")
            clash = keys.get(doc.import_key or "")
            if owner is None and clash is not None and clash != doc.id:
                message = f"sessions[{at}]: {doc.import_key!r} is stored already; left out"
                self.warnings.append({"line": 0, "message": message})
                continue
            if owner is None:
                fresh.append(self._session(at, doc, planned))
            kept.append((at, doc))
        self.counts["sessions"] += self.batches.add_sessions(fresh, import_id=self.import_id)
        known: set[str] = set()
        batch: list[BatchSet] = []
        for at, doc in kept:
            for index, item in enumerate(doc.sets):
                where = f"sessions[{at}].sets[{index}]"
                exercise = self.ids.get(item.exercise, item.exercise)
                if exercise not in known:
                    if not self.exercises.exists(exercise):
                        raise self.fail(f"{where}.exercise", f"unknown exercise {exercise!r}")
                    known.add(exercise)
                try:
                    entry = SetEntry(
                        id=item.id,
                        exercise_id=exercise,
                        performed_at=item.performed_at,
                        set_type=SetType(item.set_type),
                        reps=item.reps,
                        load_kg=item.load_kg,
                        rpe=item.rpe,
                        rir=item.rir,
                        seconds=item.seconds,
                        distance_m=item.distance_m,
                        rest_seconds=item.rest_seconds,
                        note=item.note,
                        position=item.position,
                    )
                except LogbookError as exc:
                    raise self.fail(where, str(exc)) from None
                batch.append(BatchSet(doc.id, item.position, entry, item.deleted_at))
                if len(batch) >= BATCH_SIZE:
                    self._store(batch)
                    batch = []
        self._store(batch)

    def _store(self, batch: list[Any]) -> None:
        from redwood.store import DuplicateRecordError

        try:
            self.counts["sets"] += self.batches.add_sets(
                batch, check_ids=True, import_id=self.import_id
            )
        except DuplicateRecordError as exc:
            raise self.fail("sessions", str(exc)) from None

    def _checkins(self) -> None:
        from redwood.store import Checkins

        checkins = Checkins(self.work.session, self.athlete_id)
        stored = {
            _checkin_key(
                r.local_date, r.sleep_hours, r.soreness, r.energy, r.pain, r.pain_where, r.note
            )
            for r in checkins.between()
        }
        for at, doc in enumerate(self.backup.checkins):
            key = _checkin_key(
                doc.date,
                doc.sleep_hours,
                doc.soreness,
                doc.energy,
                doc.pain,
                doc.pain_where,
                doc.note,
            )
            if key in stored:
                continue
            try:
                made = checkins.add(
                    doc.date,
                    sleep_hours=doc.sleep_hours,
                    soreness=doc.soreness,
                    energy=doc.energy,
                    pain=doc.pain,
                    pain_where=doc.pain_where,
                    note=doc.note,
                )
            except ValueError as exc:
                raise self.fail(f"checkins[{at}]", str(exc)) from None
            self.undo["checkins"].append(made.id)
            stored.add(key)
            self.counts["checkins"] += 1

    def _bodyweights(self) -> None:
        from redwood.store import Bodyweights
        from redwood.store.base import quantize

        weights = Bodyweights(self.work.session, self.athlete_id)
        for at, doc in enumerate(self.backup.bodyweights):
            stored = weights.get(doc.date)
            wanted = (quantize(doc.kg, 2), doc.source, doc.note)
            if stored is not None and (stored.kg, stored.source, stored.note) == wanted:
                continue
            try:
                written = weights.put(doc.date, doc.kg, source=doc.source, note=doc.note)
            except ValueError as exc:
                raise self.fail(f"bodyweights[{at}]", str(exc)) from None
            self.undo["bodyweights"].append(import_history.weight_change(doc.date, stored, written))
            self.counts["bodyweights"] += 1


def _checkin_key(*values: Any) -> tuple[Any, ...]:
    out = []
    for value in values:
        if isinstance(value, Decimal):
            value = value.normalize()
        elif isinstance(value, list | tuple):
            value = tuple(value)
        out.append(value)
    return tuple(out)
