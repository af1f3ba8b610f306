"""A covering index over the live hard sets, for the analytics (records, e1RM, milestones).

Progress and the 4-week review read each exercise's all-time bests: the heaviest load per
rep count and logged effort, which give the best e1RM, the rep records and the heaviest
load (`store/analytics_reads.py`). Without an index that is a scan of the athlete's whole
log through the table (about 0.3 s for 100,000 sets on SQLite). This partial index holds
only live hard sets (warm-ups and deleted sets never count), by exercise and session (the
order per-session sums group by), with the reps, effort, load and time, so those reads use
the index alone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_sets_hard_lifts"
COLUMNS = ["athlete_id", "exercise_id", "session_id", "reps", "rpe", "rir", "load_kg"]
COLUMNS += ["performed_at"]
LIVE_HARD = "deleted_at IS NULL AND set_type IN ('drop', 'failure', 'working')"


def upgrade() -> None:
    """Add the partial index of live hard sets."""
    where = sa.text(LIVE_HARD)
    op.create_index(NAME, "sets", COLUMNS, sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    """Drop it (the analytics then scan the table)."""
    op.drop_index(NAME, table_name="sets")
