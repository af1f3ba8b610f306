"""Uploads held between an import's preview and its commit (`held_uploads`), in the database.

The /transfer page previews a file (a dry run) before importing it, and the browser cannot
post the same file again without asking for it. The app runs as several stateless
processes on several hosts, and the commit may reach another host than the preview, so
the bytes wait here rather than on one machine's disk. One row per held file: its
athlete (the account's deletion deletes it), the SHA-256 of the random token that names
it (the token itself is never stored), the file's name, the import options chosen with
it, its bytes and size, and when it expires. `expires_at` is indexed for the clean-up of
expired rows on every write, `athlete_id` for the foreign-key check on an account's
deletion. Plain SQLAlchemy types, as in 0001.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `held_uploads` with its indexes (by athlete; by expiry for the clean-up)."""
    op.create_table(
        "held_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_held_uploads_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_uploads")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_held_uploads_token_hash")),
    )
    op.create_index("ix_held_uploads_athlete_id", "held_uploads", ["athlete_id"])
    op.create_index("ix_held_uploads_expires_at", "held_uploads", ["expires_at"])


def downgrade() -> None:
    """Drop the table (held previews are lost: the athlete chooses the file again)."""
    op.drop_index("ix_held_uploads_expires_at", table_name="held_uploads")
    op.drop_index("ix_held_uploads_athlete_id", table_name="held_uploads")
    op.drop_table("held_uploads")
