"""Engines and sessions for the two supported backends: SQLite (default) and PostgreSQL.

SQLite is the embedded single-user default: the file's directory is created, the journal is
WAL (readers never block the writer), foreign keys are enforced on every connection (SQLite
leaves them off otherwise), and a busy timeout makes a second writer wait instead of failing.
The pysqlite driver's own transaction handling is replaced by an explicit `BEGIN IMMEDIATE`,
so transactions, savepoints and transactional DDL behave as on PostgreSQL, and a transaction
takes the write lock when it starts: two writers then queue behind the busy timeout instead
of one failing with "database is locked" when both try to upgrade a read lock.

PostgreSQL runs through psycopg 3 (`postgresql+psycopg://`). A pooled connection idle for
more than a second is pinged when it is handed out, so a restarted server never hands out a
dead one; a connection given back less than a second ago is handed out as it is (under load
that is nearly every checkout, and a ping per unit of work was one round trip in eight of
logging a set). Were the server to restart within that second, the requests then running
fail anyway; the first one to meet a dead connection makes the pool drop every older one.

Sessions run in UTC (`-c TimeZone=UTC`, ahead of any `options` the URL brings): the store
only keeps instants, and psycopg hands out `datetime.timezone.utc` for a UTC session, so
reading a timestamp back is no time-zone conversion (a server in `Etc/UTC`, or any other
zone, cost three conversions a set row).

The pool holds up to as many connections as a server process has request threads (10 kept,
30 more under load): SQLAlchemy's default (5 kept, 10 more) closed its overflow connections
on every return under 50 clients, so PostgreSQL forked a backend for most units of work, and
request threads queued for a connection up to the 30 s pool timeout.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 30_000
POSTGRES_CONNECT_TIMEOUT_S = 10
POSTGRES_POOL_SIZE = 10
POSTGRES_MAX_OVERFLOW = 30
"""At most 40 connections a process: the web server's thread pool (anyio's default 40)."""
POSTGRES_SESSION_OPTIONS = "-c TimeZone=UTC"
PING_IDLE_SECONDS = 1.0
"""A pooled PostgreSQL connection idle longer than this is pinged before it is used."""
_RETURNED = "redwood_returned_at"


class DatabaseUrlError(ValueError):
    """A database URL Redwood cannot use; the message says what is expected."""


def _json_default(value: Any) -> Any:
    """Decimals keep their exact digits (as strings); dates become ISO strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__} in a JSON column")


def json_serializer(value: Any) -> str:
    """How JSON columns are written: UTF-8 text, key order kept, Decimals exact."""
    return json.dumps(value, default=_json_default, ensure_ascii=False)


def mask_url(url: str | URL) -> str:
    """The URL with any password replaced by `***`, safe to print or log."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", str(url))
    return parsed.render_as_string(hide_password=True)


def parse_url(url: str | URL) -> URL:
    """Parse and normalise a URL: `postgres://` and `postgresql://` mean psycopg 3.

    Raises `DatabaseUrlError` for anything that is not SQLite or PostgreSQL.
    """
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        raise DatabaseUrlError(
            f"not a database URL: {mask_url(url)!r} (use sqlite:/// or postgresql://)"
        ) from None
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend != "sqlite":
        raise DatabaseUrlError(
            f"unknown database kind {parsed.drivername!r} (use sqlite:/// or postgresql://)"
        )
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _on_sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    """Per-connection SQLite settings; the driver must not manage transactions itself."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    """Start a real transaction, holding the write lock, whenever SQLAlchemy begins one."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | URL, *, echo: bool = False) -> Engine:
    """An engine for `url`, configured for its backend (see the module docstring).

    Raises `DatabaseUrlError` for an unusable URL and `OSError` when an SQLite file's
    directory cannot be created. Nothing connects until the engine is first used.
    """
    parsed = parse_url(url)
    common: dict[str, Any] = {"echo": echo, "json_serializer": json_serializer}
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **common
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {"options": _session_options(parsed)}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
    engine = create_engine(
        parsed.difference_update_query(["options"]),
        pool_size=POSTGRES_POOL_SIZE,
        max_overflow=POSTGRES_MAX_OVERFLOW,
        connect_args=connect_args,
        **common,
    )
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Ping a connection on checkout when it was idle longer than `PING_IDLE_SECONDS`; a
    dead one is replaced by the pool (`DisconnectionError` makes it try a fresh one)."""

    def returned(_dbapi: Any, record: ConnectionPoolEntry, *_rest: Any) -> None:
        record.info[_RETURNED] = time.monotonic()

    def checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(_RETURNED, 0.0) < PING_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure to ping means the connection is gone
            raise DisconnectionError(f"pooled connection is dead: {exc}") from exc

    event.listen(engine, "connect", returned)
    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", checkout)


def _session_options(url: URL) -> str:
    """The `options` startup parameter: UTC sessions, then the URL's own options (which
    win where they set the same thing, e.g. a `search_path` or another time zone)."""
    given = url.query.get("options")
    extra = " ".join(given) if isinstance(given, tuple) else (given or "")
    return f"{POSTGRES_SESSION_OPTIONS} {extra}".strip()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose loaded values stay readable after commit (records are built from them)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)
