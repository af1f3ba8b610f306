"""The fastest way each backend takes many rows at once, for imports and restores.

PostgreSQL gets `COPY ... FROM STDIN` through psycopg, in the binary format when every
column's type is one psycopg can write in binary (no text to parse on the server: a third
less time for 200,000 sets than text COPY), in text otherwise. With `background`, the COPY
runs in a thread while the caller reads the next rows of its file: the server's work (index
entries and a foreign-key check per row, most of a big import's time there) overlaps the
parsing instead of following it. The connection stays one: psycopg's lock makes any other
use of it wait for the COPY, and before any statement, commit or rollback on it the COPY
is waited for here (`_settle`), so its error surfaces at the next statement, at the commit
or at `wait_for_copy` as a `DBAPIError` (the transaction then rolls back: nothing is
half-written), and the connection never goes back to the pool with a COPY under way.

SQLite gets one `executemany` of values converted exactly as the ORM converts them: each
column's bind processor as the dialect compiles it (so a time is stored as
`2018-01-01 18:00:00.000000`, the very text an ORM insert or a query parameter has, and
comparisons between them hold), with shortcuts for the hot types that give the same text
(`sqlite_values`; a test compares them with the processors) and values that repeat (a
batch's `created_at`, a load) converted once. A larger page cache is used while it runs:
random UUID keys touch pages all over the indexes.

Any other backend gets an ordinary `executemany` insert. Rows go into the caller's
transaction; nothing is committed here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Table,
    Uuid,
    event,
    insert,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator, TypeEngine

ANALYZE_BELOW = 10_000
SQLITE_CACHE_KIB = 65536
"""Page cache for SQLite while a batch goes in (KiB)."""

Converter = Callable[[Any], Any]


def bulk_insert(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    background: bool = False,
) -> None:
    """Insert rows (values in the order of `columns`) the fastest way the backend offers;
    with `background`, on PostgreSQL, while the caller goes on (module docstring)."""
    if not rows:
        return
    session.flush()
    connection = session.connection()
    _settle(connection)
    names = ", ".join(f'"{name}"' for name in columns)
    dialect = connection.dialect.name
    if dialect == "postgresql":
        types = copy_types(table, columns)
        binary = " (FORMAT BINARY)" if types is not None else ""
        statement = f'COPY "{table.name}" ({names}) FROM STDIN{binary}'
        raw = connection.connection.driver_connection
        if background:
            _start(connection, raw, statement, types, rows)
        else:
            _copy(raw, statement, types, rows)
        return
    if dialect != "sqlite":
        session.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    values = sqlite_values(table, columns, rows, connection.dialect)
    marks = ", ".join("?" for _ in columns)
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', values)
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


# ---- PostgreSQL: COPY, now or in the background ----------------------------------------------

PENDING = "redwood.bulk.pending_copy"
"""Where a connection's `info` holds its COPY under way."""


@dataclass(slots=True)
class _Pending:
    """A COPY running in a thread; `error` is what it raised, once it has ended."""

    statement: str
    thread: threading.Thread
    error: BaseException | None = None


def _copy(
    raw: Any, statement: str, types: list[str] | None, rows: Sequence[tuple[Any, ...]]
) -> None:
    """COPY the rows through psycopg's own connection (`raw`)."""
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        if types is not None:
            copy.set_types(types)
        for row in rows:
            copy.write_row(row)


def _start(
    connection: Connection,
    raw: Any,
    statement: str,
    types: list[str] | None,
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """Run the COPY in a thread, waited for before the connection's next use."""

    def run() -> None:
        try:
            _copy(raw, statement, types, rows)
        except BaseException as exc:  # handed to the waiting thread by `_settle`
            pending.error = exc

    pending = _Pending(statement, threading.Thread(target=run, name="redwood-copy"))
    for name, listener in (
        ("before_cursor_execute", _before_statement),
        ("commit", _before_commit),
        ("rollback", _before_rollback),
    ):
        if not event.contains(connection, name, listener):
            event.listen(connection, name, listener)
    connection.info[PENDING] = pending
    pending.thread.start()


def wait_for_copy(session: Session) -> None:
    """Wait for the session's COPY under way (if any): its refusal raised here, as a
    `DBAPIError`, rather than at the next statement or the commit."""
    _settle(session.connection())


def _settle(connection: Connection, *, raise_error: bool = True) -> None:
    """Wait for the connection's COPY under way, if any; raise its error as a `DBAPIError`
    (unless the transaction is being rolled back anyway)."""
    pending: _Pending | None = connection.info.pop(PENDING, None)
    if pending is None:
        return
    pending.thread.join()
    error = pending.error
    if error is None or not raise_error:
        return
    if isinstance(error, Exception):
        dbapi = connection.dialect.loaded_dbapi
        raise DBAPIError.instance(pending.statement, None, error, dbapi.Error) from error
    raise error


def _before_statement(connection: Connection, *_: Any) -> None:
    _settle(connection)


def _before_commit(connection: Connection) -> None:
    _settle(connection)


def _before_rollback(connection: Connection) -> None:
    _settle(connection, raise_error=False)


# ---- the values of each backend ---------------------------------------------------------------


def _base_type(kind: TypeEngine[Any]) -> TypeEngine[Any]:
    """The type under a `TypeDecorator` (`UtcDateTime` is a `DateTime(timezone=True)`)."""
    while isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind


def _pg_type(kind: TypeEngine[Any]) -> str | None:
    """The PostgreSQL type psycopg writes a column's values as in binary COPY, or None."""
    base = _base_type(kind)
    if isinstance(base, Uuid):
        return "uuid"
    if isinstance(base, Boolean):
        return "bool"
    if isinstance(base, BigInteger):
        return "int8"
    if isinstance(base, SmallInteger):
        return "int2"
    if isinstance(base, Integer):
        return "int4"
    if isinstance(base, Numeric) and base.asdecimal:
        return "numeric"
    if isinstance(base, String):
        return "text"
    if isinstance(base, DateTime):
        return "timestamptz" if base.timezone else "timestamp"
    if isinstance(base, Date):
        return "date"
    return None


def copy_types(table: Table, columns: Sequence[str]) -> list[str] | None:
    """The PostgreSQL types of `columns` for a binary COPY; None when one has no binary
    form here (the COPY is then made in text)."""
    found = [_pg_type(table.columns[name].type) for name in columns]
    if any(name is None for name in found):
        return None
    return [name for name in found if name is not None]


def _uuid_hex(value: UUID) -> str:
    return value.hex


def _sqlite_time(processor: Converter) -> Converter:
    """An instant as SQLite stores it: the UTC time as `YYYY-MM-DD HH:MM:SS.ffffff`, what
    the column's processor gives for an aware UTC time; anything else goes through the
    processor itself (which refuses a naive time)."""

    def convert(value: datetime) -> Any:
        if value.tzinfo is UTC:
            return value.replace(tzinfo=None).isoformat(" ", "microseconds")
        return processor(value)

    return convert


def sqlite_converter(kind: TypeEngine[Any], dialect: Dialect) -> Converter | None:
    """How a column's values are written on SQLite (None: as they are): its bind processor
    as the dialect compiles it, or a shortcut that gives the same value."""
    processor: Converter | None = kind._cached_bind_processor(dialect)
    if processor is None:
        return None
    base = _base_type(kind)
    native = dialect.supports_native_uuid and getattr(base, "native_uuid", False)
    if isinstance(base, Uuid) and base.as_uuid and not native:
        return _uuid_hex
    if isinstance(base, DateTime) and isinstance(kind, TypeDecorator):
        return _sqlite_time(processor)
    return processor


def sqlite_values(
    table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]], dialect: Dialect
) -> list[tuple[Any, ...]]:
    """Rows with each value as the ORM writes it on SQLite (see the module docstring).

    Converted a column at a time: the distinct values of a column that repeats its values
    (a batch's `created_at`, a session id, a load) are converted once; ids and instants,
    nearly all distinct, each time. None stays None.
    """
    converters = [
        (at, convert, name not in DISTINCT_COLUMNS)
        for at, name in enumerate(columns)
        if (convert := sqlite_converter(table.columns[name].type, dialect)) is not None
    ]
    if not converters or not rows:
        return list(rows)
    by_column: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for at, convert, repeats in converters:
        values = by_column[at]
        if repeats:
            done = {value: convert(value) for value in set(values) if value is not None}
            by_column[at] = [None if value is None else done[value] for value in values]
        else:
            by_column[at] = [None if value is None else convert(value) for value in values]
    return list(zip(*by_column, strict=True))


DISTINCT_COLUMNS = frozenset({"id", "performed_at"})
"""Columns whose values hardly ever repeat (not worth remembering)."""


def refresh_statistics(session: Session, table: str = "performed_sessions") -> None:
    """On PostgreSQL, ANALYZE `table` (one of ours) while its statistics say it is small
    (fewer than `ANALYZE_BELOW` rows, or never analyzed).

    The foreign-key check of every set looks its session up. On a young table without
    statistics the planner scans the whole table for each check, which makes a first big
    import quadratic (5.6 s instead of 1.5 s for 40,000 sets); fresh statistics, even of a
    handful of rows, turn it into an index lookup. Undoing a big import right after it is the
    same on `sets` (each deleted session looks its sets up: 150 s instead of a few for
    150,000 sets). Large tables are kept analyzed by autovacuum and are left alone. The lock
    ANALYZE takes is waited for at most a moment.
    """
    if table not in {"performed_sessions", "sets"}:
        raise ValueError(f"refresh_statistics: not one of the log's tables: {table!r}")
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    known = connection.exec_driver_sql(
        f"SELECT reltuples FROM pg_class WHERE oid = '{table}'::regclass"
    ).scalar()
    if known is not None and float(known) >= ANALYZE_BELOW:
        return
    try:
        with session.begin_nested():
            connection.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
            connection.exec_driver_sql(f"ANALYZE {table}")
    except DBAPIError:
        return
    finally:
        connection.exec_driver_sql("SET LOCAL lock_timeout = DEFAULT")
