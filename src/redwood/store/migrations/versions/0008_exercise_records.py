"""The record book (`exercise_records`): each exercise's bests as they were set.

Progress, the 4-week review and the milestones need each exercise's bests before a window
(e1RM, heaviest load, the heaviest load of each rep count, best session volume, most
reps), and logging a set needs them to say which records it set. Read from the log, that
is a scan of the athlete's whole history on every request (about 0.3 s per read for
100,000 sets). This table keeps one row each time a day first reached a new best of a
kind, with its value and date (and, for an e1RM, the set that gave it); the best before
any day is the latest row before it. The store keeps it right in the transaction of every
write of the log (`store/record_book.py`).

The primary key (athlete, exercise, kind, reps, date) is also the order the reads use; the
athlete's deletion deletes the rows. The upgrade fills the table from the existing logs
with the same code that keeps it (`RecordBook.refresh_all`), athlete by athlete, in the
migration's transaction.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('e1rm', 'load', 'rep', 'volume', 'most_reps')"


def upgrade() -> None:
    """Add `exercise_records` and fill it from every athlete's log."""
    op.create_table(
        "exercise_records",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=9), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("value", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("set_reps", sa.Integer(), nullable=True),
        sa.Column("set_load_kg", sa.Numeric(precision=8, scale=3), nullable=True),
        sa.Column("set_rpe", sa.Numeric(precision=3, scale=1), nullable=True),
        sa.Column("set_rir", sa.Numeric(precision=3, scale=1), nullable=True),
        sa.CheckConstraint(KINDS, name=op.f("ck_exercise_records_kind")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_exercise_records_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "athlete_id",
            "exercise_id",
            "kind",
            "reps",
            "local_date",
            name=op.f("pk_exercise_records"),
        ),
    )
    _backfill()


def _backfill() -> None:
    """Every athlete's book from their log (the code that keeps it, so they agree)."""
    from redwood.store.record_book import RecordBook

    session = Session(bind=op.get_bind())
    athletes = session.scalars(sa.text("SELECT DISTINCT athlete_id FROM sets ORDER BY 1"))
    for athlete_id in list(athletes):
        RecordBook(session, int(athlete_id)).refresh_all()
    session.flush()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE exercise_records")


def downgrade() -> None:
    """Drop the book (the analytics of 0007 read the log itself)."""
    op.drop_table("exercise_records")
