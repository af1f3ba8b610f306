"""The fastest way each backend takes many rows at once, for imports and restores.

SQLite gets one `executemany` of values already converted by the columns' own SQLAlchemy bind
processors, so the stored text is exactly what the ORM writes (values that repeat, such as a
batch's `created_at`, are converted once), with a larger page cache while it runs: random UUID
keys touch pages all over the indexes. PostgreSQL gets `COPY ... FROM STDIN` through psycopg.
Any other backend gets an ordinary `executemany` insert. Rows go into the caller's
transaction; nothing is committed here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

_MISSING = object()
ANALYZE_BELOW = 10_000
SQLITE_CACHE_KIB = 65536
"""Page cache for SQLite while a batch goes in (KiB)."""


def bulk_insert(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert rows (values in the order of `columns`) the fastest way the backend offers."""
    if not rows:
        return
    session.flush()
    connection = session.connection()
    names = ", ".join(f'"{name}"' for name in columns)
    dialect = connection.dialect.name
    if dialect == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    if dialect != "sqlite":
        session.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    values = _sqlite_values(table, columns, rows, connection.dialect)
    marks = ", ".join("?" for _ in columns)
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', values)
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


def _sqlite_values(
    table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]], dialect: Any
) -> list[tuple[Any, ...]]:
    """Rows with each value as the column's bind processor makes it (what the ORM stores).

    Values that repeat (a batch's `created_at`, a session id, a load) are converted once.
    """
    processors: list[tuple[int, Callable[[Any], Any], dict[Any, Any] | None]] = []
    for at, name in enumerate(columns):
        processor = table.columns[name].type.bind_processor(dialect)
        if processor is not None:
            processors.append((at, processor, None if name == "id" else {}))
    if not processors:
        return list(rows)
    out = []
    for row in rows:
        value = list(row)
        for at, convert, memo in processors:
            item = value[at]
            if item is None:
                continue
            if memo is None:
                value[at] = convert(item)
                continue
            done = memo.get(item, _MISSING)
            if done is _MISSING:
                done = memo[item] = convert(item)
            value[at] = done
        out.append(tuple(value))
    return out


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
