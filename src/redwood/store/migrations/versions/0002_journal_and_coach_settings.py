"""The undo journal of the log (`log_actions`) and the coach's settings on the athlete.

`log_actions` keeps one row per add, edit or delete of logged sets, so `redwood log undo`
can reverse the latest one still open; `athletes.coach_settings` holds the progression rule
chosen per exercise, the weekly load cap and the machines' stack step (JSON, None = the
defaults). Plain SQLAlchemy types only, as in 0001.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `log_actions` and `athletes.coach_settings`."""
    op.create_table(
        "log_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('add', 'edit', 'delete')", name=op.f("ck_log_actions_kind")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_log_actions_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_actions")),
    )
    op.create_index("ix_log_actions_athlete_id_id", "log_actions", ["athlete_id", "id"])
    with op.batch_alter_table("athletes") as batch:
        batch.add_column(sa.Column("coach_settings", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop them again (the journal and the settings are lost)."""
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("coach_settings")
    op.drop_table("log_actions")
