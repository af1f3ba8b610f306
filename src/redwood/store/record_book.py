"""The record book: each exercise's bests as they were set, kept beside the log.

For every athlete and exercise, `exercise_records` (migration 0008) holds one row each
time a day first reached a new best of a kind (`domain.records`: e1RM, heaviest load, the
heaviest load of each rep count, best session volume, most reps without load): the value,
the local date, and for an e1RM the set that gave it. The first best of each kind is a
row too. The rows of a (kind, reps) rise strictly with the date, so the best before any
day is the latest row before it, and progress, the review, the milestones and the set
flagging read a few hundred rows instead of the whole log.

The book is kept right by every write of the log, in the same transaction: the store's
writes (`Logbook`, batches, import undo) `touch` the exercise and the first day they
changed; `settle` (run by the session just before it commits, or earlier by whoever needs
the book at once) recomputes only the touched exercises, from the first touched day on:
the earlier bests come from the book itself, the days after from the log, aggregated per
day, reps and effort in SQL (`AnalyticsReads.day_groups`). An edit of a set of ten years
ago recomputes that exercise from then; logging today's set recomputes today.

The chains are computed in kilograms as stored; values are handed out in the athlete's
unit (`from_stored_kg`), and an e1RM is recomputed from its set, so it is the very number
the analytics compute for that set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, event, func, insert, select
from sqlalchemy.orm import Session

from redwood.domain.mass import Mass, Unit, from_stored_kg
from redwood.domain.records import (
    Bests,
    Record,
    RecordKind,
    StoredSet,
    changed,
    day_best,
    logged_set,
)
from redwood.store.analytics_reads import AnalyticsReads, SetGroup
from redwood.store.base import AthleteRepository, quantize
from redwood.store.models import ExerciseRecordRow, PerformedSessionRow, SetRow

MARKS = "redwood.record_book.marks"
"""Where a session keeps the exercises touched in its transaction: {(athlete, exercise):
first day touched, or None for the whole log}."""
CHUNK = 2000
LOCK_KEY = 0x7265
"""The first key of the PostgreSQL advisory lock that serialises one athlete's upkeep."""


@dataclass(frozen=True, slots=True)
class BookRow:
    """One row of the record book, as stored (kilograms; reps for `most_reps`)."""

    exercise_id: str
    kind: RecordKind
    reps: int | None
    on: date
    value: Decimal
    set_reps: int | None
    set_load_kg: Decimal | None
    set_rpe: Decimal | None
    set_rir: Decimal | None

    def record(self, unit: Unit) -> Record:
        """The best as the analytics hold it, in the athlete's unit."""
        value = self.value
        if self.kind is RecordKind.E1RM and self.set_reps is not None:
            ws = logged_set(self.set_reps, self.set_rpe, self.set_rir, self.set_load_kg, unit)
            e1rm = day_best(self.on, [ws]).e1rm
            value = value if e1rm is None else e1rm.kg
        elif self.kind in (RecordKind.LOAD, RecordKind.REP):
            value = from_stored_kg(value, unit).kg
        return Record(self.exercise_id, self.kind, value, self.on, None, self.reps)


# ---- marks: what a transaction changed ------------------------------------------------------


def touch(session: Session, athlete_id: int, exercise_id: str, day: date | None) -> None:
    """Note that the log of one exercise changed from `day` on (None: anywhere); the book
    is recomputed from there before the transaction commits."""
    marks: dict[tuple[int, str], date | None] = session.info.setdefault(MARKS, {})
    key = (athlete_id, exercise_id)
    if key in marks:
        old = marks[key]
        day = None if old is None or day is None else min(old, day)
    marks[key] = day
    if not event.contains(session, "before_commit", settle):
        event.listen(session, "before_commit", settle)


def touch_sets(session: Session, athlete_id: int, sets: Iterable[tuple[str, UUID | None]]) -> None:
    """`touch` each exercise of (exercise id, session id) pairs from the earliest local
    date of its sessions (a session that cannot be found: the whole log)."""
    by_exercise: dict[str, set[UUID | None]] = defaultdict(set)
    for exercise_id, session_id in sets:
        by_exercise[exercise_id].add(session_id)
    ids = sorted({s for found in by_exercise.values() for s in found if s is not None}, key=str)
    days: dict[UUID, date] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(PerformedSessionRow.id, PerformedSessionRow.local_date).where(
            PerformedSessionRow.id.in_(ids[start : start + CHUNK])
        )
        days.update((row_id, on) for row_id, on in session.execute(query))
    for exercise_id, sessions in by_exercise.items():
        found = [days.get(s) if s is not None else None for s in sessions]
        first = None if any(on is None for on in found) else min(d for d in found if d)
        touch(session, athlete_id, exercise_id, first)


def touch_session(session: Session, athlete_id: int, session_id: UUID) -> None:
    """`touch` every exercise with a set in one performed session, from its date."""
    query = select(SetRow.exercise_id).distinct().where(SetRow.session_id == session_id)
    touch_sets(session, athlete_id, ((ex, session_id) for ex in session.scalars(query)))


def settle(session: Session) -> None:
    """Recompute the book for everything touched in this transaction (see the module
    docstring); nothing when nothing was."""
    marks: dict[tuple[int, str], date | None] = session.info.pop(MARKS, {})
    per_athlete: dict[int, dict[str, date | None]] = defaultdict(dict)
    for (athlete_id, exercise_id), day in marks.items():
        per_athlete[athlete_id][exercise_id] = day
    for athlete_id, touched in sorted(per_athlete.items()):
        RecordBook(session, athlete_id).refresh(touched)


# ---- the book -------------------------------------------------------------------------------


def _row(row: Any) -> BookRow:
    return BookRow(
        row.exercise_id,
        RecordKind(row.kind),
        row.reps or None,
        row.local_date,
        Decimal(row.value),
        row.set_reps,
        row.set_load_kg,
        row.set_rpe,
        row.set_rir,
    )


def _groups_by_day(groups: Iterable[SetGroup]) -> dict[str, dict[date, list[SetGroup]]]:
    out: dict[str, dict[date, list[SetGroup]]] = defaultdict(lambda: defaultdict(list))
    for group in groups:
        out[group.exercise_id][group.on].append(group)
    return out


class RecordBook(AthleteRepository):
    """One athlete's record book: read the bests as of a day, recompute what changed."""

    def rows_before(
        self, day: date | None, exercises: Collection[str] | None = None
    ) -> list[BookRow]:
        """The best of each (exercise, kind, reps) set before `day` (all, when None).

        Both sides of the join say which rows they want (athlete, exercises, dates), so
        each is a range of the primary key and neither planner reads the table whole."""
        table = ExerciseRecordRow
        keys = (table.exercise_id, table.kind, table.reps)
        mine = [table.athlete_id == self.athlete_id]
        if exercises is not None:
            mine.append(table.exercise_id.in_(sorted(exercises)))
        if day is not None:
            mine.append(table.local_date < day)
        latest = select(*keys, func.max(table.local_date).label("on")).where(*mine)
        found = latest.group_by(*keys).subquery()
        query = (
            select(*ExerciseRecordRow.__table__.c)
            .where(*mine)
            .join(
                found,
                and_(
                    table.athlete_id == self.athlete_id,
                    table.exercise_id == found.c.exercise_id,
                    table.kind == found.c.kind,
                    table.reps == found.c.reps,
                    table.local_date == found.c.on,
                ),
            )
        )
        return [_row(row) for row in self.session.execute(query)]

    def bests_before(
        self, day: date | None, exercises: Collection[str], unit: Unit
    ) -> dict[str, Bests]:
        """Each exercise's bests set before `day` (all, when None), dated by the day they
        were first reached, in the athlete's unit."""
        held: dict[str, list[Record]] = {ex: [] for ex in exercises}
        for row in self.rows_before(day, exercises):
            held[row.exercise_id].append(row.record(unit))
        return {ex: _bests(ex, found) for ex, found in held.items()}

    def first_days(
        self, exercises: Collection[str], loads_kg: Sequence[Decimal], end: date
    ) -> list[date | None]:
        """For each load, the first day up to `end` a hard set of `exercises` reached it
        (the day the heaviest load first got there); None: never."""
        if not exercises or not loads_kg:
            return [None] * len(loads_kg)
        table = ExerciseRecordRow
        firsts = [func.min(table.local_date).filter(table.value >= load) for load in loads_kg]
        query = select(*firsts).where(
            table.athlete_id == self.athlete_id,
            table.exercise_id.in_(sorted(exercises)),
            table.kind == str(RecordKind.LOAD),
            table.local_date <= end,
        )
        return list(self.session.execute(query).one())

    def load_steps(self, exercises: Collection[str], end: date) -> list[tuple[date, Decimal]]:
        """The days up to `end` on which the heaviest load of one of `exercises` grew, with
        that load (kg as stored), oldest first."""
        if not exercises:
            return []
        table = ExerciseRecordRow
        query = select(table.local_date, table.value).where(
            table.athlete_id == self.athlete_id,
            table.exercise_id.in_(sorted(exercises)),
            table.kind == str(RecordKind.LOAD),
            table.local_date <= end,
        )
        return sorted((on, Decimal(value)) for on, value in self.session.execute(query))

    def day_sets(self, exercise_id: str, day: date) -> list[tuple[StoredSet, datetime]]:
        """The live hard sets of one exercise on one local date, in the order done."""
        query = (
            select(
                SetRow.id, SetRow.reps, SetRow.load_kg, SetRow.rpe, SetRow.rir, SetRow.performed_at
            )
            .join(
                PerformedSessionRow,
                (PerformedSessionRow.id == SetRow.session_id)
                & (PerformedSessionRow.athlete_id == SetRow.athlete_id),
            )
            .where(
                SetRow.athlete_id == self.athlete_id,
                SetRow.exercise_id == exercise_id,
                PerformedSessionRow.local_date == day,
                SetRow.deleted_at.is_(None),
                SetRow.set_type.in_(("working", "drop", "failure")),
                SetRow.reps >= 1,
            )
            .order_by(SetRow.performed_at, SetRow.position, SetRow.id)
        )
        return [
            (StoredSet(set_id, reps or 0, load, rpe, rir), at)
            for set_id, reps, load, rpe, rir, at in self.session.execute(query)
        ]

    # ---- upkeep ---------------------------------------------------------------------------

    def refresh(self, touched: dict[str, date | None]) -> None:
        """Recompute the book of each touched exercise from its first touched day (None:
        its whole log): the bests before that day stay, the rows from it are made again."""
        self._lock()
        by_day: dict[date | None, list[str]] = defaultdict(list)
        for exercise_id, day in touched.items():
            by_day[day].append(exercise_id)
        for day, exercises in sorted(by_day.items(), key=lambda item: item[0] or date.min):
            self._refresh(day, sorted(exercises))

    def _lock(self) -> None:
        """On PostgreSQL, wait for any other transaction recomputing this athlete's book
        (until it ends): each then reads the other's sets, and no two write the same rows.
        SQLite runs one writer at a time already."""
        if self.session.get_bind().dialect.name == "postgresql":
            lock = func.pg_advisory_xact_lock(LOCK_KEY, self.athlete_id)
            self.session.execute(select(lock))

    def refresh_all(self) -> None:
        """Recompute the whole book of the athlete (the migration's backfill)."""
        self._lock()
        used = select(SetRow.exercise_id).distinct().where(SetRow.athlete_id == self.athlete_id)
        self.session.execute(delete(ExerciseRecordRow).where(self._mine()))
        self._refresh(None, sorted(self.session.scalars(used)), cleared=True)

    def _mine(self) -> Any:
        return ExerciseRecordRow.athlete_id == self.athlete_id

    def _refresh(self, day: date | None, exercises: list[str], *, cleared: bool = False) -> None:
        for start in range(0, len(exercises), 200):
            chunk = exercises[start : start + 200]
            earlier = self.bests_before(day, chunk, Unit.KG) if day is not None else {}
            reads = AnalyticsReads(self.session, self.athlete_id)
            days = _groups_by_day(reads.day_groups(exercises=chunk, first_day=day))
            rows: list[dict[str, Any]] = []
            for exercise_id in chunk:
                bests = earlier.get(exercise_id, Bests(exercise_id))
                for on, groups in sorted(days.get(exercise_id, {}).items()):
                    after = _add(bests, on, groups)
                    rows.extend(self._rows(bests, after, on, groups))
                    bests = after
            if not cleared:
                gone = delete(ExerciseRecordRow).where(
                    self._mine(), ExerciseRecordRow.exercise_id.in_(chunk)
                )
                if day is not None:
                    gone = gone.where(ExerciseRecordRow.local_date >= day)
                self.session.execute(gone)
            for at in range(0, len(rows), CHUNK):
                self.session.execute(insert(ExerciseRecordRow), rows[at : at + CHUNK])

    def _rows(
        self, bests: Bests, after: Bests, on: date, groups: Sequence[SetGroup]
    ) -> list[dict[str, Any]]:
        """The book's rows of one day: the bests it changed."""
        out = []
        for record in changed(bests, after):
            source: SetGroup | None = None
            if record.kind is RecordKind.E1RM:
                source = next(g for g in groups if _e1rm(g) == record.value)
            out.append(
                {
                    "athlete_id": self.athlete_id,
                    "exercise_id": record.exercise,
                    "kind": str(record.kind),
                    "reps": record.reps or 0,
                    "local_date": on,
                    "value": quantize(record.value, 3),
                    "set_reps": None if source is None else source.reps,
                    "set_load_kg": None if source is None else source.top_kg,
                    "set_rpe": None if source is None else source.rpe,
                    "set_rir": None if source is None else source.rir,
                }
            )
        return out


def _bests(exercise: str, held: Sequence[Record]) -> Bests:
    order = list(RecordKind)
    return Bests(exercise, tuple(sorted(held, key=lambda r: (order.index(r.kind), r.reps or 0))))


def _e1rm(group: SetGroup) -> Decimal | None:
    ws = logged_set(group.reps, group.rpe, group.rir, group.top_kg, Unit.KG)
    found = day_best(group.on, [ws]).e1rm
    return None if found is None else found.kg


def _add(bests: Bests, on: date, groups: Sequence[SetGroup]) -> Bests:
    sets = [logged_set(g.reps, g.rpe, g.rir, g.top_kg, Unit.KG) for g in groups]
    volume = Mass(sum((g.volume_kg for g in groups), Decimal(0)))
    after, _ = bests.add(day_best(on, sets, volume=volume))
    return after
