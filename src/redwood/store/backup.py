"""Backing up and restoring a whole database, on either backend, while the app keeps serving.

**Backup** reads one consistent snapshot: on PostgreSQL a REPEATABLE READ, READ ONLY
transaction; on SQLite one deferred read transaction (in WAL mode a reader sees the database
as of its first read and never blocks the writer, so the app keeps logging sets meanwhile).
Its tables are found by reflection, so a database at any revision can be backed up, and
streamed in dependency order (`backup_file.py` describes the file). Column types come from
the models where the column still exists (UUIDs, UTC instants, decimals, JSON read the same
on both backends), from reflection otherwise.

**Restore** checks the file whole first, then does everything in one transaction (a failure
leaves the target as it was): it refuses a database that holds data unless told to replace
it, drops whatever schema is there, migrates to the backup's revision, inserts the rows in
batches, fixes self-references (inserted last, as PostgreSQL checks foreign keys at once),
moves PostgreSQL sequences past the restored ids, migrates to the newest revision and lets
the caller finish (the catalogue sync) before committing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    Table,
    Uuid,
    bindparam,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator, TypeEngine

from redwood.store import migrate
from redwood.store.backup_file import (
    BackupFileError,
    BackupHeader,
    BackupReader,
    BackupWriter,
    Kind,
    TableHeader,
    convert_row,
    encoders,
)
from redwood.store.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine, parse_url, sqlite_path
from redwood.store.models import Base, utcnow

BATCH_SIZE = 5000
SQLITE_RESTORE_CACHE_KIB = 131_072
"""The restoring connection's page cache (128 MiB): with the default 2 MiB the indexes of
`sets` being built spill to the write-ahead log over and over."""
VERSION_TABLE = "alembic_version"


class BackupError(RuntimeError):
    """A backup or restore refused for a reason about the database (one line for people)."""


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup or a restore moved: the schema revision, rows per table (in order)."""

    revision: str
    tables: tuple[tuple[str, int], ...]
    backend: str

    @property
    def rows(self) -> int:
        """Rows in every table together."""
        return sum(count for _, count in self.tables)


def column_kind(column_type: TypeEngine[Any]) -> Kind:
    """How values of a column type are written in a backup file."""
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    checks: tuple[tuple[type[TypeEngine[Any]], Kind], ...] = (
        (Uuid, Kind.UUID),
        (DateTime, Kind.DATETIME),
        (Date, Kind.DATE),
        (Boolean, Kind.BOOL),
        (Integer, Kind.INT),
        (Float, Kind.FLOAT),
        (Numeric, Kind.DECIMAL),
        (JSON, Kind.JSON),
        (LargeBinary, Kind.BYTES),
    )
    for cls, kind in checks:
        if isinstance(column_type, cls):
            return kind
    return Kind.STR


def _typed_tables(connection: Connection) -> list[Table]:
    """The database's tables (dependency order, Alembic's own left out), each column typed by
    the models when the models still have it, by reflection otherwise."""
    reflected = MetaData()
    reflected.reflect(bind=connection)
    typed = MetaData()
    tables: list[Table] = []
    for table in reflected.sorted_tables:
        if table.name == VERSION_TABLE:
            continue
        model = Base.metadata.tables.get(table.name)
        columns = []
        for column in table.columns:
            known = model.columns.get(column.name) if model is not None else None
            kind = known.type if known is not None else column.type
            columns.append(Column(column.name, kind, primary_key=column.primary_key))
        tables.append(Table(table.name, typed, *columns))
    return tables


def _sqlite_snapshot_engine(url: str) -> Engine:
    """An SQLite engine whose transactions start deferred (`BEGIN`): a reader that takes no
    write lock, unlike the app's engine whose transactions begin IMMEDIATE."""
    engine = create_engine(parse_url(url), connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    def on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    return engine


@contextmanager
def _snapshot(url: str) -> Iterator[Connection]:
    """One read-only, consistent transaction on the database (see the module docstring)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None and not path.exists():
            raise BackupError(f"there is no database file at {path}: nothing to back up")
        engine = _sqlite_snapshot_engine(url)
    else:
        engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                connection = connection.execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
            with connection.begin():
                yield connection
    finally:
        engine.dispose()


def back_up(url: str, path: Path) -> BackupSummary:
    """Write a backup of the database at `url` to `path` (replaced only once complete)."""
    with _snapshot(url) as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision is None:
            raise BackupError("the database is empty (no schema): nothing to back up")
        tables = _typed_tables(connection)
        counts = [
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in tables
        ]
        header = BackupHeader(
            revision=revision,
            created_at=utcnow(),
            backend=connection.dialect.name,
            tables=tuple(
                TableHeader(
                    name=table.name,
                    columns=tuple((c.name, column_kind(c.type)) for c in table.columns),
                    rows=count,
                )
                for table, count in zip(tables, counts, strict=True)
            ),
        )
        streaming = connection.execution_options(stream_results=True, yield_per=BATCH_SIZE)
        with BackupWriter(path, header) as writer:
            for table, described in zip(tables, header.tables, strict=True):
                converters = encoders(kind for _, kind in described.columns)
                order = list(table.primary_key.columns) or list(table.columns)
                written = 0
                for row in streaming.execute(select(table).order_by(*order)):
                    writer.row(convert_row(converters, row))
                    written += 1
                if written != described.rows:  # pragma: no cover - the snapshot is stable
                    raise BackupError(f"table {table.name} changed during the backup")
            writer.commit()
    return BackupSummary(
        revision=revision,
        tables=tuple((t.name, t.rows) for t in header.tables),
        backend=header.backend,
    )


def read_header(path: Path) -> BackupHeader:
    """The header of a backup file after checking the whole file (`BackupFileError`)."""
    reader = BackupReader(path)
    reader.check()
    return reader.header


def user_rows(connection: Connection) -> dict[str, int]:
    """Rows per table that belong to people (the shipped catalogue and Alembic's version row
    do not count): what restoring over this database would destroy."""
    found: dict[str, int] = {}
    for table in _typed_tables(connection):
        query = select(func.count()).select_from(table)
        if table.name == "exercises" and "athlete_id" in table.columns:
            query = query.where(table.c.athlete_id.is_not(None))
        count = connection.execute(query).scalar_one()
        if count:
            found[table.name] = count
    return found


def _drop_everything(connection: Connection) -> None:
    existing = MetaData()
    existing.reflect(bind=connection)
    existing.drop_all(bind=connection)


def _self_references(table: Table, connection: Connection) -> list[str]:
    """Columns of `table` that reference the same table (inserted as NULL, set afterwards)."""
    reflected = Table(table.name, MetaData(), autoload_with=connection)
    return [
        element.parent.name
        for constraint in reflected.foreign_key_constraints
        if constraint.referred_table.name == table.name
        for element in constraint.elements
    ]


def _insert_table(
    connection: Connection,
    table: Table,
    described: TableHeader,
    batches: Iterator[list[dict[str, Any]]],
) -> int:
    missing = [name for name, _ in described.columns if name not in table.columns]
    if missing:
        raise BackupFileError(
            f"damaged backup: table {table.name} has no column {missing[0]!r} at its revision"
        )
    deferred = [name for name in _self_references(table, connection) if name in table.columns]
    keys = [column.name for column in table.primary_key.columns]
    later: list[dict[str, Any]] = []
    count = 0
    for batch in batches:
        if deferred:
            for row in batch:
                values = {name: row.get(name) for name in deferred}
                if any(value is not None for value in values.values()):
                    later.append(
                        {f"k_{k}": row[k] for k in keys} | {f"v_{n}": v for n, v in values.items()}
                    )
                    row.update(dict.fromkeys(deferred, None))
        connection.execute(table.insert(), batch)
        count += len(batch)
    if later:
        where = [table.c[k] == bindparam(f"k_{k}") for k in keys]
        update = table.update().where(*where).values({n: bindparam(f"v_{n}") for n in deferred})
        connection.execute(update, later)
    return count


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Move every PostgreSQL sequence behind an integer key past the restored ids."""
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": keys[0].name},
        ).scalar_one()
        if sequence is None:
            continue
        highest = connection.execute(select(func.max(keys[0]))).scalar_one()
        connection.execute(
            text("SELECT setval(:sequence, :value, :called)"),
            {"sequence": sequence, "value": highest or 1, "called": highest is not None},
        )


def restore(
    url: str,
    path: Path,
    *,
    force: bool,
    finish: Callable[[Connection], None] | None = None,
) -> tuple[BackupSummary, str]:
    """Replace the database at `url` with the backup at `path`; (what was restored, the
    revision it ended at). See the module docstring for the steps; `finish` runs last,
    inside the same transaction."""
    reader = BackupReader(path)
    known = migrate.revisions()
    if reader.header.revision not in known:
        raise BackupFileError(
            f"the backup is at schema revision {reader.header.revision}, newer than this "
            f"Redwood knows (its newest is {known[-1]}): upgrade Redwood first"
        )
    reader.check()
    engine = make_engine(url)
    try:
        with migrate.migration_connection(engine) as connection:
            if connection.dialect.name == "sqlite":
                # a page cache that holds the indexes being built (this connection only)
                connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_RESTORE_CACHE_KIB}")
            if not force:
                held = user_rows(connection) if _has_schema(connection) else {}
                if held:
                    listed = ", ".join(f"{count} {name}" for name, count in held.items())
                    raise BackupError(
                        f"the database already holds data ({listed}): "
                        "add --force to replace it with the backup"
                    )
            _drop_everything(connection)
            config = migrate.alembic_config(connection, quiet=True)
            command.upgrade(config, reader.header.revision)
            tables = {table.name: table for table in _typed_tables(connection)}
            for table in reversed(list(tables.values())):
                connection.execute(table.delete())  # whatever a migration seeded
            restored: list[tuple[str, int]] = []
            for section in reader.tables(BATCH_SIZE):
                target = tables.get(section.table.name)
                if target is None:
                    raise BackupFileError(
                        f"damaged backup: no table {section.table.name} at revision "
                        f"{reader.header.revision}"
                    )
                count = _insert_table(connection, target, section.table, section.batches)
                restored.append((section.table.name, count))
            if connection.dialect.name == "postgresql":
                _reset_sequences(connection, list(tables.values()))
            command.upgrade(config, "head")
            revision = MigrationContext.configure(connection).get_current_revision()
            if finish is not None:
                finish(connection)
    finally:
        engine.dispose()
    summary = BackupSummary(
        revision=reader.header.revision, tables=tuple(restored), backend=reader.header.backend
    )
    return summary, revision or reader.header.revision


def _has_schema(connection: Connection) -> bool:
    return bool(inspect(connection).get_table_names())
