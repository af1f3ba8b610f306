"""Programs: the planner's document (DESIGN.md program contract), its sessions, and which one
is active.

The document is stored whole (JSON, key order kept) so `program show --format json` and the
exports give back exactly what was planned; its sessions are also exploded into
`planned_sessions` rows so "today's session" and adherence are cheap lookups. At most one
program per athlete is active: `activate` switches in one transaction and a partial unique
index refuses a second active program whatever the code does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update

from redwood.store.base import AthleteRepository
from redwood.store.errors import RecordNotFoundError
from redwood.store.models import WEEKDAYS, PlannedSessionRow, ProgramRow


@dataclass(frozen=True, slots=True)
class ProgramRecord:
    """A stored program: its document, the profile and seed that made it, and its state."""

    id: int
    name: str
    document: Mapping[str, Any]
    profile: Mapping[str, Any] | None
    seed: int | None
    active: bool
    starts_on: date | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PlannedSessionRecord:
    """One session of one week; `data` is that session's object from the document."""

    id: int
    program_id: int
    week_index: int
    weekday: str
    position: int
    title: str
    data: Mapping[str, Any]


def _program(row: ProgramRow) -> ProgramRecord:
    return ProgramRecord(
        id=row.id,
        name=row.name,
        document=row.document,
        profile=row.profile,
        seed=row.seed,
        active=row.active,
        starts_on=row.starts_on,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _planned(row: PlannedSessionRow) -> PlannedSessionRecord:
    return PlannedSessionRecord(
        id=row.id,
        program_id=row.program_id,
        week_index=row.week_index,
        weekday=row.weekday,
        position=row.position,
        title=row.title,
        data=row.data,
    )


def planned_sessions_of(
    document: Mapping[str, Any],
) -> list[tuple[int, str, int, str, dict[str, Any]]]:
    """(week_index, weekday, position, title, session) for every session of the document.

    Only the shape the store relies on is checked here; the planner's validator checks the
    training rules. Problems are reported with their location, e.g. `weeks[2].sessions[0]`.
    """
    weeks = document.get("weeks", [])
    if not isinstance(weeks, list):
        raise ValueError("program: weeks must be a list")
    out: list[tuple[int, str, int, str, dict[str, Any]]] = []
    seen: set[int] = set()
    for w, week in enumerate(weeks):
        where = f"program: weeks[{w}]"
        if not isinstance(week, Mapping):
            raise ValueError(f"{where} must be an object")
        index = week.get("index", w + 1)
        if not isinstance(index, int) or isinstance(index, bool) or index < 1 or index in seen:
            raise ValueError(f"{where}.index must be a distinct whole number from 1")
        seen.add(index)
        sessions = week.get("sessions", [])
        if not isinstance(sessions, list):
            raise ValueError(f"{where}.sessions must be a list")
        for position, session in enumerate(sessions):
            spot = f"{where}.sessions[{position}]"
            if not isinstance(session, Mapping):
                raise ValueError(f"{spot} must be an object")
            weekday = session.get("weekday")
            if weekday not in WEEKDAYS:
                raise ValueError(f"{spot}.weekday must be one of {', '.join(WEEKDAYS)}")
            title = str(session.get("title", ""))[:200]
            out.append((index, str(weekday), position, title, dict(session)))
    return out


class Programs(AthleteRepository):
    """One athlete's programs."""

    def create(
        self,
        name: str,
        document: Mapping[str, Any],
        *,
        profile: Mapping[str, Any] | None = None,
        seed: int | None = None,
        starts_on: date | None = None,
        activate: bool = False,
    ) -> ProgramRecord:
        """Store a program with its planned sessions; optionally make it the active one."""
        planned = planned_sessions_of(document)
        if not name.strip():
            raise ValueError("name: a program needs a name")
        row = ProgramRow(
            athlete_id=self.athlete_id,
            name=name.strip()[:200],
            document=dict(document),
            profile=None if profile is None else dict(profile),
            seed=seed,
            starts_on=starts_on,
            active=False,
        )
        self.session.add(row)
        self.session.flush()
        self._add_planned(row.id, planned)
        if activate:
            return self.activate(row.id)
        return _program(row)

    def get(self, program_id: int) -> ProgramRecord | None:
        """The athlete's program with this id, or None."""
        row = self._row(program_id)
        return None if row is None else _program(row)

    def all(self) -> list[ProgramRecord]:
        """Every program of the athlete, newest first."""
        rows = self.session.scalars(
            select(ProgramRow)
            .where(ProgramRow.athlete_id == self.athlete_id)
            .order_by(ProgramRow.created_at.desc(), ProgramRow.id.desc())
        )
        return [_program(row) for row in rows]

    def active(self) -> ProgramRecord | None:
        """The active program, or None."""
        row = self.session.scalars(
            select(ProgramRow).where(
                ProgramRow.athlete_id == self.athlete_id, ProgramRow.active.is_(True)
            )
        ).first()
        return None if row is None else _program(row)

    def activate(self, program_id: int, *, starts_on: date | None = None) -> ProgramRecord:
        """Make this program the active one (the previous one is deactivated first)."""
        row = self._require(program_id)
        self.session.execute(
            update(ProgramRow)
            .where(
                ProgramRow.athlete_id == self.athlete_id,
                ProgramRow.active.is_(True),
                ProgramRow.id != program_id,
            )
            .values(active=False, updated_at=self.now())
            .execution_options(synchronize_session="fetch")
        )
        row.active = True
        if starts_on is not None:
            row.starts_on = starts_on
        row.updated_at = self.now()
        self.session.flush()
        return _program(row)

    def deactivate(self) -> None:
        """Leave the athlete with no active program."""
        self.session.execute(
            update(ProgramRow)
            .where(ProgramRow.athlete_id == self.athlete_id, ProgramRow.active.is_(True))
            .values(active=False, updated_at=self.now())
            .execution_options(synchronize_session="fetch")
        )

    def replace_document(self, program_id: int, document: Mapping[str, Any]) -> ProgramRecord:
        """Store an edited document and rebuild its planned sessions."""
        planned = planned_sessions_of(document)
        row = self._require(program_id)
        self.session.execute(
            delete(PlannedSessionRow).where(PlannedSessionRow.program_id == program_id)
        )
        row.document = dict(document)
        row.updated_at = self.now()
        self.session.flush()
        self._add_planned(program_id, planned)
        return _program(row)

    def delete(self, program_id: int) -> bool:
        """Delete a program and its planned sessions; False when there was none."""
        result = self.session.execute(
            delete(ProgramRow).where(
                ProgramRow.id == program_id, ProgramRow.athlete_id == self.athlete_id
            )
        )
        self.session.expire_all()
        return bool(getattr(result, "rowcount", 0))

    def planned_sessions(
        self, program_id: int, week_index: int | None = None
    ) -> list[PlannedSessionRecord]:
        """The program's sessions (of one week, if given) in week and position order."""
        query = (
            select(PlannedSessionRow)
            .join(ProgramRow, ProgramRow.id == PlannedSessionRow.program_id)
            .where(ProgramRow.id == program_id, ProgramRow.athlete_id == self.athlete_id)
        )
        if week_index is not None:
            query = query.where(PlannedSessionRow.week_index == week_index)
        query = query.order_by(PlannedSessionRow.week_index, PlannedSessionRow.position)
        return [_planned(row) for row in self.session.scalars(query)]

    def _add_planned(
        self, program_id: int, planned: list[tuple[int, str, int, str, dict[str, Any]]]
    ) -> None:
        for week_index, weekday, position, title, data in planned:
            self.session.add(
                PlannedSessionRow(
                    program_id=program_id,
                    week_index=week_index,
                    weekday=weekday,
                    position=position,
                    title=title,
                    data=data,
                )
            )
        self.session.flush()

    def _row(self, program_id: int) -> ProgramRow | None:
        row = self.session.get(ProgramRow, program_id)
        return row if row is not None and row.athlete_id == self.athlete_id else None

    def _require(self, program_id: int) -> ProgramRow:
        row = self._row(program_id)
        if row is None:
            raise RecordNotFoundError(f"no program {program_id}")
        return row
