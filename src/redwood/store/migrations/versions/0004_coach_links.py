"""Coach invites (`coach_invites`) and coach links (`coach_links`) for the coach role.

An athlete makes a one-time invite code; the code itself is never stored, only its SHA-256
hash, so a copy of the database lets no one become a coach. An invite expires, and once
redeemed it records when and by whom. Redeeming it makes a link (athlete, coach) that the
athlete can revoke; at most one live link per pair (a partial unique index). Every foreign
key cascades, so deleting either account deletes its invites and links. Plain SQLAlchemy
types, as in 0001.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `coach_invites` and `coach_links` with their indexes."""
    op.create_table(
        "coach_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_coach_invites_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["used_by"],
            ["athletes.id"],
            name=op.f("fk_coach_invites_used_by_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_invites")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_coach_invites_code_hash")),
    )
    op.create_index("ix_coach_invites_athlete_id", "coach_invites", ["athlete_id"])
    op.create_index("ix_coach_invites_used_by", "coach_invites", ["used_by"])

    op.create_table(
        "coach_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("athlete_id <> coach_id", name=op.f("ck_coach_links_not_self")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_coach_links_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["athletes.id"],
            name=op.f("fk_coach_links_coach_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_links")),
    )
    op.create_index("ix_coach_links_coach_id", "coach_links", ["coach_id"])
    op.create_index(
        "uq_coach_links_one_live",
        "coach_links",
        ["athlete_id", "coach_id"],
        unique=True,
        sqlite_where=sa.text("revoked_at IS NULL"),
        postgresql_where=sa.text("revoked_at IS NULL"),
    )


def downgrade() -> None:
    """Drop both tables (every coach loses access; open invites are gone)."""
    op.drop_index("uq_coach_links_one_live", table_name="coach_links")
    op.drop_index("ix_coach_links_coach_id", table_name="coach_links")
    op.drop_table("coach_links")
    op.drop_index("ix_coach_invites_used_by", table_name="coach_invites")
    op.drop_index("ix_coach_invites_athlete_id", table_name="coach_invites")
    op.drop_table("coach_invites")
