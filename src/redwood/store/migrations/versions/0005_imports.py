"""Imports as records (`imports`), and which import made each session and set (`import_id`).

One row per import that wrote something: when, the file's name, its format and layout, the
unit its loads were read in, what it added, and what undoing it needs besides the rows that
carry its id (body weights it replaced, custom exercises, check-ins and programs it made).
`undone_at` marks an import that was undone (by `redwood import undo` or a `--replace`,
then `replaced_by` names the import that took its place); the row stays as history.

`performed_sessions.import_id` and `sets.import_id` point at the import that made the row
(NULL for everything logged by hand), so an undo removes exactly that. Both are indexed: an
undo looks rows up by it, and PostgreSQL checks the foreign key through the index when an
import row goes with its athlete. Plain SQLAlchemy types, as in 0001.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `imports` and the `import_id` columns with their indexes."""
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("source_key", sa.String(length=255), nullable=False),
        sa.Column("format", sa.String(length=40), nullable=False),
        sa.Column("layout", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("sessions", sa.Integer(), server_default="0", nullable=False),
        sa.Column("sets", sa.Integer(), server_default="0", nullable=False),
        sa.Column("bodyweights", sa.Integer(), server_default="0", nullable=False),
        sa.Column("custom_created", sa.Integer(), server_default="0", nullable=False),
        sa.Column("skipped", sa.Integer(), server_default="0", nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_imports_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["replaced_by"],
            ["imports.id"],
            name=op.f("fk_imports_replaced_by_imports"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_index("ix_imports_athlete_id_id", "imports", ["athlete_id", "id"])
    op.create_index("ix_imports_replaced_by", "imports", ["replaced_by"])
    for table in ("performed_sessions", "sets"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_import_id_imports",
                "imports",
                ["import_id"],
                ["id"],
                ondelete="SET NULL",
            )
            batch.create_index(f"ix_{table}_import_id", ["import_id"])


def downgrade() -> None:
    """Drop them again (what each import made stays, as if logged by hand)."""
    for table in ("sets", "performed_sessions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_import_id")
            batch.drop_constraint(f"fk_{table}_import_id_imports", type_="foreignkey")
            batch.drop_column("import_id")
    op.drop_index("ix_imports_replaced_by", table_name="imports")
    op.drop_index("ix_imports_athlete_id_id", table_name="imports")
    op.drop_table("imports")
