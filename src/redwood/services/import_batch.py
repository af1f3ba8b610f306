"""Writing an import: the items an importer reads, stored a few thousand at a time.

`ImportBatch` takes the importer's items in file order inside the caller's one transaction.
Sets are held until a batch is full, then their workouts' sessions are looked up by import key
in one query, the missing ones stored at once, and the sets stored at once (`Logbook.batches`;
on PostgreSQL the sets' COPY runs while the next batch is read). A set is checked by the
domain's rules for a `SetEntry` (`check_set`) and held as a plain `ImportedSet`: 200,000
frozen entries would cost more than the checks.

Identities make a re-import add nothing: a session's import key is the app and the workout's
start and name as the file wrote them; a session id and every set id are UUIDv5 over the
athlete, the app and the row's identity, so the same row always gets the same id and the store
skips it. A set's time is its workout's start (local noon when the file gives only a date)
plus its position in seconds, so the log keeps the file's order.

Bad rows stop the import (the transaction rolls back: nothing half-written) unless the athlete
asked to skip them; then they are listed with their line numbers, like the rows that carry
nothing to import.

Every session and set made carries the import's id (`import_id`), and `undo_payload` tells
what else undoing it needs: the body weights it wrote with what they replaced, and the
custom exercises it made (`services/import_history.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4, uuid5

from redwood.domain.logbook import LogbookError, PerformedSession, check_set
from redwood.io.importers import (
    BadRow,
    BodyweightReading,
    Item,
    Notice,
    SkippedRow,
    Workout,
    WorkoutSet,
)
from redwood.services import import_history
from redwood.services.errors import ServiceError
from redwood.services.foreign_names import ExerciseNames
from redwood.services.logsupport import Work

if TYPE_CHECKING:
    from redwood.store.batches import ImportedSet

BATCH_SIZE = 5000
MAX_LISTED = 1000
NAMESPACE = UUID("6f1d6a52-5c1e-4d57-9a43-0f5b9a6c2e10")
"""The UUIDv5 namespace of imported rows (fixed forever: it makes ids stable)."""


def import_key(app: str, workout: Workout) -> str:
    """The session's import key: app, start and name as written (hashed past 255 chars)."""
    key = f"{app}:{workout.key}"
    if len(key) > 255:
        key = f"{app}:sha1:{hashlib.sha1(workout.key.encode()).hexdigest()}"
    return key


class ImportBatch:
    """One file's writes for one athlete (see the module docstring)."""

    def __init__(
        self,
        work: Work,
        app: str,
        file_name: str,
        *,
        skip_bad_rows: bool,
        progress: Callable[[], None] | None = None,
        import_id: int | None = None,
    ) -> None:
        from redwood.store import Logbook
        from redwood.store.batches import ImportedSet

        self._made_set = ImportedSet
        self.work = work
        self.app = app
        self.file_name = file_name
        self.skip_bad_rows = skip_bad_rows
        self.progress = progress
        self.import_id = import_id
        self.names = ExerciseNames(work)
        self.batches = Logbook(work.session, work.athlete.id).batches()
        self.prefix = f"{work.athlete.id}|{app}|"
        self._hash = hashlib.sha1(NAMESPACE.bytes + self.prefix.encode(), usedforsecurity=False)
        self.sessions: dict[str, UUID] = {}
        self.starts: dict[str, datetime] = {}
        self.made: set[UUID] = set()
        self.pending: list[tuple[Workout, ImportedSet]] = []
        self.bodyweights: dict[date, Decimal] = {}
        self.sessions_added = self.sets_added = self.bodyweights_written = 0
        self.sets_read = 0
        self.skipped: list[dict[str, Any]] = []
        self.skipped_count = 0
        self.warnings: list[dict[str, Any]] = []
        self.weight_changes: list[dict[str, Any]] = []

    def add(self, item: Item) -> None:
        """Take one item of the file; a bad row stops the import unless rows may be skipped."""
        if isinstance(item, WorkoutSet):
            self._set(item)
            if len(self.pending) >= BATCH_SIZE:
                self.flush()
        elif isinstance(item, BodyweightReading):
            self.bodyweights[item.on] = item.kg
        elif isinstance(item, BadRow):
            self.bad(item.line, item.reason)
        elif isinstance(item, SkippedRow):
            self._skip(item.line, item.reason)
        elif isinstance(item, Notice):
            self.warnings.append({"line": item.line, "message": item.message})

    def bad(self, line: int, reason: str) -> None:
        """A row that cannot be imported: listed, or the end of the import."""
        if not self.skip_bad_rows:
            raise ServiceError(
                f"{self.file_name}: line {line}: {reason} (nothing was imported; "
                "--skip-bad-rows imports the other rows)",
                "file",
            )
        self._skip(line, reason)

    def _skip(self, line: int, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append({"line": line, "reason": reason})

    def _id(self, identity: str) -> UUID:
        """`uuid5(NAMESPACE, prefix + identity)`, from a hash already fed the namespace and
        prefix (the same UUID, computed for 200,000 rows without redoing the common part)."""
        digest = self._hash.copy()
        digest.update(identity.encode())
        return UUID(bytes=digest.digest()[:16], version=5)

    def _instant(self, workout: Workout, position: int) -> datetime:
        start = self.starts.get(workout.key)
        if start is None:
            start = workout.started_at
            if start is None:
                zone = self.work.athlete.zone
                start = datetime.combine(workout.local_date, time(12), tzinfo=zone)
            start = self.starts[workout.key] = start.astimezone(UTC)
        return start + timedelta(seconds=position)

    def _set(self, item: WorkoutSet) -> None:
        reps, load, position = item.reps, item.load, item.position
        try:
            exercise = self.names.resolve(
                item.exercise,
                cardio=item.distance_m is not None and reps is None,
                timed=item.seconds is not None and reps is None,
            )
            made = self._made_set(
                self._id(item.identity),
                exercise,
                position,
                item.set_type,
                reps,
                None if load is None else load.kg,
                item.rpe,
                item.seconds,
                item.distance_m,
                item.rest_seconds,
                item.note,
                self._instant(item.workout, position),
            )
            check_set(
                made.id,
                made.exercise_id,
                made.performed_at,
                made.set_type,
                made.reps,
                made.load_kg,
                made.rpe,
                None,
                made.seconds,
                made.distance_m,
                made.rest_seconds,
                made.position,
            )
        except (LogbookError, ServiceError) as exc:
            self.bad(item.line, str(exc))
            return
        self.sets_read += 1
        self.pending.append((item.workout, made))

    def flush(self) -> None:
        """Store the held sets and the sessions they need."""
        if not self.pending:
            return
        fresh: dict[str, Workout] = {}
        for workout, _ in self.pending:
            if workout.key not in self.sessions:
                fresh.setdefault(import_key(self.app, workout), workout)
        stored = self.batches.sessions_by_import_key(fresh)
        made = [(w, self._session(key, w)) for key, w in fresh.items() if key not in stored]
        taken = self.batches.session_owners(session.id for _, session in made)
        made = [(w, replace(s, id=uuid4()) if s.id in taken else s) for w, s in made]
        for key, session_id in stored.items():
            self.sessions[fresh[key].key] = session_id
        for workout, session in made:
            self.sessions[workout.key] = session.id
            self.made.add(session.id)
        self.sessions_added += self.batches.add_sessions(
            [session for _, session in made], import_id=self.import_id
        )
        sessions = self.sessions
        batch = [(sessions[workout.key], made) for workout, made in self.pending]
        self.pending = []
        self.sets_added += self.batches.add_imported_sets(
            batch, self.made, import_id=self.import_id, background=True
        )
        if self.progress is not None:
            self.progress()

    def _session(self, key: str, workout: Workout) -> PerformedSession:
        ended = None
        if workout.started_at is not None and workout.duration_seconds is not None:
            ended = workout.started_at + timedelta(seconds=workout.duration_seconds)
        return PerformedSession(
            id=uuid5(NAMESPACE, f"{self.prefix}session|{key}"),
            local_date=workout.local_date,
            title=workout.title[:200],
            source=self.app,
            started_at=None if workout.started_at is None else workout.started_at.astimezone(UTC),
            ended_at=None if ended is None else ended.astimezone(UTC),
            notes=workout.notes,
            import_key=key,
        )

    def finish(self) -> None:
        """Store what is still held, then the body weights (one per day, the last read);
        the sets' last COPY is waited for, so a refusal is the import's, not the commit's."""
        from redwood.store import Bodyweights
        from redwood.store.base import quantize

        self.flush()
        self.batches.wait()
        weights = Bodyweights(self.work.session, self.work.athlete.id)
        for on, kg in sorted(self.bodyweights.items()):
            stored = weights.get(on)
            if stored is None or stored.kg != quantize(kg, 2):
                written = weights.put(on, kg, source=self.app)
                self.bodyweights_written += 1
                self.weight_changes.append(import_history.weight_change(on, stored, written))

    def undo_payload(self) -> dict[str, Any]:
        """What undoing this import needs besides its rows (see the module docstring)."""
        return {"bodyweights": self.weight_changes, "custom": self.names.created_ids()}
