"""What every repository shares: its SQLAlchemy session, its athlete and a savepoint insert.

Repositories are small classes bound to one `Session` and (for athlete data) one athlete id,
so no query can forget the `athlete_id` filter. They flush but never commit: the caller's
unit of work decides, which keeps every multi-row write one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redwood.store.models import Base, utcnow

RowT = TypeVar("RowT", bound=Base)


def quantize(value: Decimal | None, places: int) -> Decimal | None:
    """Round to the column's scale here, so SQLite and PostgreSQL store the same digits."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def insert_or(session: Session, row: RowT, on_conflict: Callable[[], RowT | None]) -> RowT:
    """Insert `row` inside a savepoint; on a unique-key clash ask `on_conflict` instead.

    `on_conflict` returns the row that won (idempotent writes) or None to re-raise the
    original IntegrityError (it was not the clash we expected, e.g. a foreign key).
    """
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        winner = on_conflict()
        if winner is None:
            raise
        return winner
    return row


class Repository:
    """A repository over one session (global data, such as athletes and the catalogue)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def now() -> datetime:
        """The current UTC instant (the only clock the store reads)."""
        return utcnow()


class AthleteRepository(Repository):
    """A repository over one athlete's rows: every query is filtered by `athlete_id`."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        super().__init__(session)
        self.athlete_id = athlete_id
