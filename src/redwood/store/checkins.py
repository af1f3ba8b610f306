"""Readiness check-ins: sleep, soreness, energy and pain on the athlete's local date.

The coach reads the latest check-in for a day to lower sets or raise RIR (TRAINING.md);
several check-ins on one day are allowed and the newest wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, select

from redwood.store.base import AthleteRepository, quantize
from redwood.store.models import CheckinRow


@dataclass(frozen=True, slots=True)
class CheckinRecord:
    """One check-in; `pain_where` names areas (limitations such as knee or lower_back)."""

    id: int
    local_date: date
    sleep_hours: Decimal | None
    soreness: int | None
    energy: int | None
    pain: bool
    pain_where: tuple[str, ...]
    note: str | None
    created_at: datetime


def _record(row: CheckinRow) -> CheckinRecord:
    return CheckinRecord(
        id=row.id,
        local_date=row.local_date,
        sleep_hours=row.sleep_hours,
        soreness=row.soreness,
        energy=row.energy,
        pain=row.pain,
        pain_where=tuple(str(area) for area in row.pain_where or ()),
        note=row.note,
        created_at=row.created_at,
    )


def _scale(field: str, value: int | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise ValueError(f"{field}: must be a whole number from 1 to 5")
    return value


def _sleep(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= 24:
        raise ValueError("sleep_hours: must be between 0 and 24")
    return quantize(value, 1)


class Checkins(AthleteRepository):
    """One athlete's readiness check-ins."""

    def add(
        self,
        local_date: date,
        *,
        sleep_hours: Decimal | None = None,
        soreness: int | None = None,
        energy: int | None = None,
        pain: bool = False,
        pain_where: Iterable[str] = (),
        note: str | None = None,
    ) -> CheckinRecord:
        """Record a check-in (values are checked before anything is written)."""
        areas = [str(area) for area in pain_where]
        row = CheckinRow(
            athlete_id=self.athlete_id,
            local_date=local_date,
            sleep_hours=_sleep(sleep_hours),
            soreness=_scale("soreness", soreness),
            energy=_scale("energy", energy),
            pain=bool(pain or areas),
            pain_where=areas or None,
            note=note,
            created_at=self.now(),
        )
        self.session.add(row)
        self.session.flush()
        return _record(row)

    def latest(self, on_or_before: date | None = None) -> CheckinRecord | None:
        """The newest check-in (up to a date), or None."""
        query = select(CheckinRow).where(CheckinRow.athlete_id == self.athlete_id)
        if on_or_before is not None:
            query = query.where(CheckinRow.local_date <= on_or_before)
        query = query.order_by(
            CheckinRow.local_date.desc(), CheckinRow.created_at.desc(), CheckinRow.id.desc()
        )
        row = self.session.scalars(query).first()
        return None if row is None else _record(row)

    def between(self, start: date | None = None, end: date | None = None) -> list[CheckinRecord]:
        """Check-ins with local dates in [start, end] (either open), oldest first."""
        query = select(CheckinRow).where(CheckinRow.athlete_id == self.athlete_id)
        if start is not None:
            query = query.where(CheckinRow.local_date >= start)
        if end is not None:
            query = query.where(CheckinRow.local_date <= end)
        query = query.order_by(CheckinRow.local_date, CheckinRow.created_at, CheckinRow.id)
        return [_record(row) for row in self.session.scalars(query)]

    def delete(self, checkin_id: int) -> bool:
        """Remove one check-in; False when the athlete has none with that id."""
        result = self.session.execute(
            delete(CheckinRow).where(
                CheckinRow.id == checkin_id, CheckinRow.athlete_id == self.athlete_id
            )
        )
        return bool(getattr(result, "rowcount", 0))
