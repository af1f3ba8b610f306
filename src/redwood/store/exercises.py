"""Exercises in the database: the synced catalogue, athletes' custom ones, and name mappings.

The catalogue file is the source of truth for catalogue rows; `sync_catalogue` copies it in
after every upgrade (upsert by id) so sets can reference exercises by foreign key. It never
touches custom rows, and a catalogue exercise that disappears from the file is marked
retired rather than deleted, because logged sets still point at it.

Rows come back as the domain `Exercise` value, rebuilt from the stored record.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Insert, Table, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from redwood.domain.exercise import Exercise, exercise_from_dict, normalize_name
from redwood.store.base import AthleteRepository, insert_or
from redwood.store.errors import DuplicateRecordError, RecordInUseError, RecordNotFoundError
from redwood.store.models import ExerciseMappingRow, ExerciseRow, utcnow

CUSTOM_PREFIX = "custom-"
UPSERT_BATCH = 100


@dataclass(frozen=True, slots=True)
class CatalogueSync:
    """What `sync_catalogue` did; `conflicts` lists ids held by custom rows (left alone)."""

    inserted: int
    updated: int
    unchanged: int
    retired: int
    conflicts: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        """Catalogue exercises now present and current in the database."""
        return self.inserted + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class ExerciseMapping:
    """An athlete's saved answer: this foreign name means that exercise."""

    name: str
    folded_name: str
    exercise_id: str


def _exercise(row: ExerciseRow) -> Exercise:
    return exercise_from_dict(dict(row.record), custom=row.source == "custom")


def _catalogue_record(exercise: Exercise) -> dict[str, Any]:
    record = exercise.to_dict()
    record["custom"] = False
    return record


def _upsert(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert catalogue rows or update them in place; a custom row with the id is untouched."""
    dialect = session.get_bind().dialect.name
    table = ExerciseRow.__table__
    assert isinstance(table, Table)
    for start in range(0, len(rows), UPSERT_BATCH):
        batch = rows[start : start + UPSERT_BATCH]
        if dialect == "postgresql":
            pg = postgresql.insert(table).values(batch)
            stmt: Insert = pg.on_conflict_do_update(
                index_elements=["id"],
                set_=_upsert_set(pg.excluded),
                where=ExerciseRow.source == "catalogue",
            )
        else:
            lite = sqlite.insert(table).values(batch)
            stmt = lite.on_conflict_do_update(
                index_elements=["id"],
                set_=_upsert_set(lite.excluded),
                where=ExerciseRow.source == "catalogue",
            )
        session.execute(stmt)


def _upsert_set(excluded: Any) -> dict[str, Any]:
    return {
        "name": excluded.name,
        "folded_name": excluded.folded_name,
        "record": excluded.record,
        "retired": excluded.retired,
        "updated_at": excluded.updated_at,
    }


def sync_catalogue(session: Session, exercises: Iterable[Exercise]) -> CatalogueSync:
    """Make the catalogue rows match `exercises` (the loaded catalogue), in the caller's
    transaction: insert new ids, update changed ones, retire ids no longer shipped."""
    wanted: dict[str, Exercise] = {}
    for exercise in exercises:
        if exercise.id in wanted:
            raise ValueError(f"catalogue lists exercise {exercise.id!r} twice")
        wanted[exercise.id] = exercise
    stored = {
        row.id: row
        for row in session.execute(
            select(ExerciseRow.id, ExerciseRow.source, ExerciseRow.record, ExerciseRow.retired)
        )
    }
    now = utcnow()
    writes: list[dict[str, Any]] = []
    inserted = updated = unchanged = 0
    conflicts: list[str] = []
    for ex_id, exercise in wanted.items():
        record = _catalogue_record(exercise)
        previous = stored.get(ex_id)
        if previous is not None and previous.source != "catalogue":
            conflicts.append(ex_id)
            continue
        if previous is not None and previous.record == record and not previous.retired:
            unchanged += 1
            continue
        if previous is None:
            inserted += 1
        else:
            updated += 1
        writes.append(
            {
                "id": ex_id,
                "athlete_id": None,
                "name": exercise.name,
                "folded_name": normalize_name(exercise.name),
                "record": record,
                "source": "catalogue",
                "retired": False,
                "created_at": now,
                "updated_at": now,
            }
        )
    if writes:
        _upsert(session, writes)
    gone = [
        ex_id
        for ex_id, row in stored.items()
        if row.source == "catalogue" and not row.retired and ex_id not in wanted
    ]
    for start in range(0, len(gone), UPSERT_BATCH):
        session.execute(
            update(ExerciseRow)
            .where(ExerciseRow.id.in_(gone[start : start + UPSERT_BATCH]))
            .values(retired=True, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    session.expire_all()
    return CatalogueSync(inserted, updated, unchanged, len(gone), tuple(conflicts))


class Exercises(AthleteRepository):
    """The exercises one athlete can see (the catalogue plus their own) and their mappings."""

    def _visible(self) -> ColumnElement[bool]:
        return or_(ExerciseRow.athlete_id.is_(None), ExerciseRow.athlete_id == self.athlete_id)

    def get(self, exercise_id: str) -> Exercise | None:
        """A catalogue exercise (even retired) or one of the athlete's own, else None."""
        row = self.session.scalars(
            select(ExerciseRow).where(ExerciseRow.id == exercise_id, self._visible())
        ).first()
        return None if row is None else _exercise(row)

    def exists(self, exercise_id: str) -> bool:
        """True when this athlete may log sets of `exercise_id`."""
        found = self.session.scalar(
            select(ExerciseRow.id).where(ExerciseRow.id == exercise_id, self._visible())
        )
        return found is not None

    def visible(self, *, include_retired: bool = False) -> list[Exercise]:
        """Catalogue exercises (current ones unless asked) and the athlete's own, by name."""
        query = select(ExerciseRow).where(self._visible())
        if not include_retired:
            query = query.where(ExerciseRow.retired.is_(False))
        return [_exercise(row) for row in self.session.scalars(query.order_by(ExerciseRow.name))]

    def custom(self) -> list[Exercise]:
        """Only the athlete's own exercises, by name."""
        query = select(ExerciseRow).where(ExerciseRow.athlete_id == self.athlete_id)
        return [_exercise(row) for row in self.session.scalars(query.order_by(ExerciseRow.name))]

    def find_by_name(self, name: str) -> Exercise | None:
        """The exercise whose folded name equals `name` folded, the athlete's own first."""
        rows = self.session.scalars(
            select(ExerciseRow)
            .where(ExerciseRow.folded_name == normalize_name(name), self._visible())
            .order_by(ExerciseRow.athlete_id.is_(None), ExerciseRow.retired, ExerciseRow.id)
        ).first()
        return None if rows is None else _exercise(rows)

    def create_custom(self, exercise: Exercise) -> Exercise:
        """Store the athlete's own exercise. An id starting with `custom-` is kept (refused if
        taken, e.g. on re-import); any other id gets the prefix and a random suffix, since
        ids are shared with the catalogue and with other athletes."""
        ex_id = exercise.id
        if not ex_id.startswith(CUSTOM_PREFIX):
            ex_id = f"{CUSTOM_PREFIX}{ex_id[:80].rstrip('-')}-{secrets.token_hex(3)}"
        stored = replace(exercise, id=ex_id, custom=True)
        row = ExerciseRow(
            id=ex_id,
            athlete_id=self.athlete_id,
            name=stored.name,
            folded_name=normalize_name(stored.name),
            record=stored.to_dict(),
            source="custom",
        )

        def clash() -> ExerciseRow | None:
            if self.session.get(ExerciseRow, ex_id) is not None:
                raise DuplicateRecordError(f"exercise: id {ex_id!r} is already taken")
            return None

        return _exercise(insert_or(self.session, row, clash))

    def update_custom(self, exercise: Exercise) -> Exercise:
        """Replace the record of one of the athlete's own exercises."""
        row = self._own(exercise.id)
        stored = replace(exercise, custom=True)
        row.name = stored.name
        row.folded_name = normalize_name(stored.name)
        row.record = stored.to_dict()
        row.updated_at = self.now()
        self.session.flush()
        return _exercise(row)

    def delete_custom(self, exercise_id: str) -> None:
        """Delete one of the athlete's own exercises; refused while sets still use it."""
        self._own(exercise_id)
        try:
            with self.session.begin_nested():
                self.session.execute(
                    delete(ExerciseRow).where(
                        ExerciseRow.id == exercise_id, ExerciseRow.athlete_id == self.athlete_id
                    )
                )
        except IntegrityError:
            raise RecordInUseError(
                f"exercise {exercise_id!r} has logged sets: re-point them first"
            ) from None

    def _own(self, exercise_id: str) -> ExerciseRow:
        row = self.session.scalars(
            select(ExerciseRow).where(
                ExerciseRow.id == exercise_id, ExerciseRow.athlete_id == self.athlete_id
            )
        ).first()
        if row is None:
            raise RecordNotFoundError(f"no custom exercise {exercise_id!r}")
        return row

    # Mappings of foreign names (imports) -------------------------------------------------

    def save_mapping(self, name: str, exercise_id: str) -> ExerciseMapping:
        """Remember that `name` (folded) means `exercise_id`; replaces an earlier answer."""
        if not self.exists(exercise_id):
            raise RecordNotFoundError(f"unknown exercise {exercise_id!r}")
        folded = normalize_name(name)
        if not folded:
            raise ValueError("name: an exercise name needs letters or digits")
        row = self.session.scalars(
            select(ExerciseMappingRow).where(
                ExerciseMappingRow.athlete_id == self.athlete_id,
                ExerciseMappingRow.folded_name == folded,
            )
        ).first()
        if row is None:
            row = ExerciseMappingRow(athlete_id=self.athlete_id, folded_name=folded)
            self.session.add(row)
        row.name = name.strip()[:200]
        row.exercise_id = exercise_id
        self.session.flush()
        return ExerciseMapping(row.name, row.folded_name, row.exercise_id)

    def mapped(self, name: str) -> str | None:
        """The exercise id the athlete mapped `name` to, or None."""
        return self.session.scalar(
            select(ExerciseMappingRow.exercise_id).where(
                ExerciseMappingRow.athlete_id == self.athlete_id,
                ExerciseMappingRow.folded_name == normalize_name(name),
            )
        )

    def mappings(self) -> Sequence[ExerciseMapping]:
        """Every saved mapping of the athlete, by folded name."""
        rows = self.session.scalars(
            select(ExerciseMappingRow)
            .where(ExerciseMappingRow.athlete_id == self.athlete_id)
            .order_by(ExerciseMappingRow.folded_name)
        )
        return [ExerciseMapping(row.name, row.folded_name, row.exercise_id) for row in rows]

    def delete_mapping(self, name: str) -> bool:
        """Forget the mapping for `name`; False when there was none."""
        result = self.session.execute(
            delete(ExerciseMappingRow).where(
                ExerciseMappingRow.athlete_id == self.athlete_id,
                ExerciseMappingRow.folded_name == normalize_name(name),
            )
        )
        return bool(getattr(result, "rowcount", 0))
