"""Upgrading from every earlier schema revision keeps every row; downgrades drop only what
their revision added.

The revisions are read from the migrations folder, so a new revision is tested from the
moment it is added. For each one a database is built at that revision (`alembic upgrade
REV`), filled with raw SQL (`history_samples.py`: the tables and columns of that revision
only), migrated to head and read back through the head models: every table keeps its row
count and every sample keeps each value it was written with.

Downgrades: `downgrade -1` then `upgrade +1` must leave every table and column the older
revision has exactly as it was; what the revision itself added is what its downgrade loses.
That loss is printed in the test's output and listed in docs/deploy.md (irreversible
revisions: 0002 journal and coach settings, 0003 login attempts, 0004 coach invites and
links, 0005 imports and the import ids on sessions and sets, 0007 held uploads; 0006 only
adds an index and is fully reversible).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, func, inspect, select
from sqlalchemy.engine import Connection

from redwood.store import migrate
from redwood.store.engine import make_engine
from tests.store.history_samples import assert_samples_kept, write_samples

pytestmark = pytest.mark.empty_database  # each test builds its own schema
VERSIONS = Path(migrate.MIGRATIONS_DIR) / "versions"


def test_every_file_in_the_versions_folder_is_a_revision_in_one_line() -> None:
    files = sorted(p for p in VERSIONS.glob("*.py") if not p.name.startswith("_"))
    revisions = migrate.revisions()
    assert len(revisions) == len(files) >= 7
    assert revisions[-1] == migrate.head()
    assert all(any(p.name.startswith(rev) for p in files) for rev in revisions)


def _at(db_url: str, revision: str) -> tuple[Engine, list[tuple[str, dict[str, Any]]]]:
    engine = make_engine(db_url)
    migrate.upgrade(engine, revision)
    assert migrate.current(engine) == revision
    with engine.begin() as connection:
        written = write_samples(connection)
    return engine, written


def _counts(connection: Connection) -> dict[str, int]:
    reflected = MetaData()
    reflected.reflect(bind=connection)
    return {
        table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
        for table in reflected.sorted_tables
        if table.name != "alembic_version"
    }


@pytest.mark.parametrize("revision", migrate.revisions())
def test_upgrading_from_each_revision_keeps_the_data(db_url: str, revision: str) -> None:
    engine, written = _at(db_url, revision)
    try:
        assert written, "no sample table exists at this revision"
        with engine.connect() as connection:
            before = _counts(connection)
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
        with engine.connect() as connection:
            after = _counts(connection)
            assert {name: after[name] for name in before} == before
            assert_samples_kept(connection, written)
    finally:
        engine.dispose()


def _snapshot(connection: Connection) -> dict[tuple[str, str], list[Any]]:
    """Every column's values (rows in key order), keyed by (table, column)."""
    reflected = MetaData()
    reflected.reflect(bind=connection)
    values: dict[tuple[str, str], list[Any]] = {}
    for table in reflected.sorted_tables:
        if table.name == "alembic_version":
            continue
        order = list(table.primary_key.columns)
        rows = connection.execute(select(table).order_by(*order)).mappings().all()
        for column in table.columns:
            values[(table.name, column.name)] = [row[column.name] for row in rows]
    return values


def _shape(connection: Connection) -> set[tuple[str, str]]:
    inspector = inspect(connection)
    return {
        (table, column["name"])
        for table in inspector.get_table_names()
        if table != "alembic_version"
        for column in inspector.get_columns(table)
    }


def _described(lost: set[tuple[str, str]], older: set[tuple[str, str]]) -> str:
    """What a downgrade lost, for people: tables the older revision lacks, else columns."""
    older_tables = {table for table, _ in older}
    gone = sorted({table for table, _ in lost if table not in older_tables})
    columns = sorted(f"{t}.{c}" for t, c in lost if t in older_tables)
    return ", ".join([*(f"table {table}" for table in gone), *columns])


@pytest.mark.parametrize("revision", migrate.revisions()[1:])
def test_downgrading_one_step_loses_only_what_the_revision_added(
    db_url: str, revision: str
) -> None:
    previous = migrate.revisions()[migrate.revisions().index(revision) - 1]
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine, previous)
        with engine.connect() as connection:
            older_shape = _shape(connection)
        migrate.upgrade(engine, revision)
        with engine.begin() as connection:
            write_samples(connection)
        with engine.connect() as connection:
            before = _snapshot(connection)
        migrate.downgrade(engine, "-1")
        assert migrate.current(engine) == previous
        with engine.connect() as connection:
            assert _shape(connection) == older_shape
        migrate.upgrade(engine, "+1")
        assert migrate.current(engine) == revision
        with engine.connect() as connection:
            after = _snapshot(connection)
        kept = {key for key in before if key in older_shape}
        lost = _described(
            {key for key in before if key not in older_shape and before[key]}, older_shape
        )
        assert {key: after[key] for key in kept} == {key: before[key] for key in kept}
        print(f"downgrade {revision} -> {previous} loses: {lost or 'nothing'}")
    finally:
        engine.dispose()
