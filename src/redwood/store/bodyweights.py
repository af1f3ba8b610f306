"""Bodyweight readings: one per athlete per local date, in kilograms (Decimal).

`add` refuses a second reading for a date (the unique key says so too); `put` replaces it,
which is what a re-import or a corrected entry wants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, select

from redwood.store.base import AthleteRepository, insert_or, quantize
from redwood.store.errors import DuplicateRecordError
from redwood.store.models import BodyweightRow

MIN_KG = Decimal(0)
MAX_KG = Decimal(1000)


@dataclass(frozen=True, slots=True)
class BodyweightRecord:
    """One reading on the athlete's local date."""

    measured_on: date
    kg: Decimal
    source: str
    note: str | None
    created_at: datetime
    updated_at: datetime


def _record(row: BodyweightRow) -> BodyweightRecord:
    return BodyweightRecord(
        measured_on=row.measured_on,
        kg=row.kg,
        source=row.source,
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _kg(value: Decimal) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or not MIN_KG < value < MAX_KG:
        raise ValueError(f"kg: a bodyweight must be above {MIN_KG} and below {MAX_KG} kg")
    rounded = quantize(value, 2)
    assert rounded is not None
    return rounded


class Bodyweights(AthleteRepository):
    """One athlete's bodyweight log."""

    def add(
        self, measured_on: date, kg: Decimal, *, source: str = "manual", note: str | None = None
    ) -> BodyweightRecord:
        """Store a new reading; refused when that date already has one."""
        row = BodyweightRow(
            athlete_id=self.athlete_id,
            measured_on=measured_on,
            kg=_kg(kg),
            source=source[:40],
            note=note,
        )

        def clash() -> BodyweightRow | None:
            if self._row(measured_on) is not None:
                raise DuplicateRecordError(f"measured_on: {measured_on} already has a bodyweight")
            return None

        return _record(insert_or(self.session, row, clash))

    def put(
        self, measured_on: date, kg: Decimal, *, source: str = "manual", note: str | None = None
    ) -> BodyweightRecord:
        """Store the reading for that date, replacing any earlier one."""
        row = self._row(measured_on)
        if row is None:
            try:
                return self.add(measured_on, kg, source=source, note=note)
            except DuplicateRecordError:
                row = self._row(measured_on)
                assert row is not None
        row.kg = _kg(kg)
        row.source = source[:40]
        row.note = note
        row.updated_at = self.now()
        self.session.flush()
        return _record(row)

    def get(self, measured_on: date) -> BodyweightRecord | None:
        """The reading on that date, or None."""
        row = self._row(measured_on)
        return None if row is None else _record(row)

    def between(self, start: date | None = None, end: date | None = None) -> list[BodyweightRecord]:
        """Readings in [start, end] (either open), oldest first."""
        query = select(BodyweightRow).where(BodyweightRow.athlete_id == self.athlete_id)
        if start is not None:
            query = query.where(BodyweightRow.measured_on >= start)
        if end is not None:
            query = query.where(BodyweightRow.measured_on <= end)
        rows = self.session.scalars(query.order_by(BodyweightRow.measured_on))
        return [_record(row) for row in rows]

    def latest(self, on_or_before: date | None = None) -> BodyweightRecord | None:
        """The most recent reading (up to a date), or None."""
        query = select(BodyweightRow).where(BodyweightRow.athlete_id == self.athlete_id)
        if on_or_before is not None:
            query = query.where(BodyweightRow.measured_on <= on_or_before)
        row = self.session.scalars(query.order_by(BodyweightRow.measured_on.desc())).first()
        return None if row is None else _record(row)

    def delete(self, measured_on: date) -> bool:
        """Remove the reading on that date; False when there was none."""
        result = self.session.execute(
            delete(BodyweightRow).where(
                BodyweightRow.athlete_id == self.athlete_id,
                BodyweightRow.measured_on == measured_on,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    def _row(self, measured_on: date) -> BodyweightRow | None:
        return self.session.scalars(
            select(BodyweightRow).where(
                BodyweightRow.athlete_id == self.athlete_id,
                BodyweightRow.measured_on == measured_on,
            )
        ).first()
