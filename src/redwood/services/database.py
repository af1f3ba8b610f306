"""Database use cases: migrate to the newest schema, say where the database stands, and open
units of work for the other services.

`upgrade_database` is what `make run` and `redwood db upgrade` call: migrate to head, then
copy the shipped catalogue into the `exercises` table (sets reference exercises by key).
Every failure to reach or use the database becomes a `DatabaseError` whose message is one
line with the URL's password masked, so the CLI prints it and exits 2, never a traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from redwood.domain.exercise import Exercise
from redwood.services.errors import ServiceError
from redwood.settings import get_settings
from redwood.store import migrate
from redwood.store.engine import DatabaseUrlError, make_engine, make_session_factory, mask_url
from redwood.store.exercises import sync_catalogue


class DatabaseError(ServiceError):
    """The database cannot be reached or used; the message is one line for people."""


@dataclass(frozen=True, slots=True)
class UpgradeReport:
    """What `upgrade_database` did. `url` is masked; `catalogue_changed` counts catalogue
    rows inserted, updated or retired (0 on a repeat run)."""

    url: str
    from_revision: str | None
    to_revision: str
    catalogue_synced: int
    catalogue_changed: int = 0


@dataclass(frozen=True, slots=True)
class DowngradeReport:
    """What `downgrade_database` did (`to_revision` None means the database is empty)."""

    url: str
    from_revision: str | None
    to_revision: str | None


def database_url() -> str:
    """The configured database URL (`REDWOOD_DATABASE_URL`, default: SQLite in the data dir)."""
    return get_settings().database_url


def masked_url(url: str | None = None) -> str:
    """The URL (default: the configured one) with any password shown as `***`."""
    return mask_url(url or database_url())


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__


@contextmanager
def _plainly(url: str) -> Iterator[None]:
    """Turn driver, URL and migration failures into one-line `DatabaseError`s."""
    masked = mask_url(url)
    try:
        yield
    except DatabaseUrlError as exc:
        raise DatabaseError(str(exc), "database_url") from None
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseError(
            f"cannot use database URL {masked!r}: {_first_line(exc)}", "database_url"
        ) from None
    except DBAPIError as exc:
        cause = exc.orig if exc.orig is not None else exc
        raise DatabaseError(f"cannot use the database at {masked}: {_first_line(cause)}") from None
    except OSError as exc:
        reason = exc.strerror or _first_line(exc)
        raise DatabaseError(f"cannot open the database at {masked}: {reason}") from None
    except (CommandError, migrate.MigrationError) as exc:
        raise DatabaseError(f"migration failed on {masked}: {_first_line(exc)}") from None


def _shipped_catalogue() -> tuple[Exercise, ...]:
    from redwood.catalog import load_catalogue  # lazy: only upgrades need the whole file

    return tuple(load_catalogue().exercises)


def upgrade_database(
    url: str | None = None,
    quiet: bool = False,
    *,
    catalogue: Iterable[Exercise] | None = None,
) -> UpgradeReport:
    """Migrate to the newest revision, then sync the catalogue (the shipped one unless
    `catalogue` is given). Safe to run again: a current database changes nothing."""
    target = url or database_url()
    with _plainly(target):
        engine = make_engine(target)
        try:
            before = migrate.current(engine)
            migrate.upgrade(engine, quiet=quiet)
            after = migrate.current(engine) or migrate.head()
            exercises = _shipped_catalogue() if catalogue is None else tuple(catalogue)
            with make_session_factory(engine).begin() as session:
                sync = sync_catalogue(session, exercises)
        finally:
            engine.dispose()
    return UpgradeReport(
        url=mask_url(target),
        from_revision=before,
        to_revision=after,
        catalogue_synced=sync.total,
        catalogue_changed=sync.inserted + sync.updated + sync.retired,
    )


def downgrade_database(revision: str, url: str | None = None) -> DowngradeReport:
    """Migrate down to `revision` (`base` drops every table). Loses the data of what is
    removed: the CLI asks for --yes first."""
    target = url or database_url()
    _AT_HEAD.discard(target)
    with _plainly(target):
        engine = make_engine(target)
        try:
            before = migrate.current(engine)
            migrate.downgrade(engine, revision)
            after = migrate.current(engine)
        finally:
            engine.dispose()
    return DowngradeReport(url=mask_url(target), from_revision=before, to_revision=after)


def current_revision(url: str | None = None) -> tuple[str | None, str]:
    """(the database's revision or None when empty, the newest shipped revision)."""
    target = url or database_url()
    with _plainly(target):
        engine = make_engine(target)
        try:
            return migrate.current(engine), migrate.head()
        finally:
            engine.dispose()


_factories: dict[str, sessionmaker[Session]] = {}
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def engine_for(url: str | None = None) -> Engine:
    """The process-wide engine (and its pool) for a URL, made on first use."""
    target = url or database_url()
    with _lock:
        engine = _engines.get(target)
        if engine is None:
            with _plainly(target):
                engine = make_engine(target)
            _engines[target] = engine
            _factories[target] = make_session_factory(engine)
        return engine


def dispose_engines() -> None:
    """Close every pooled connection (tests, and processes that fork workers)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _factories.clear()
        _AT_HEAD.clear()


@contextmanager
def unit_of_work(url: str | None = None) -> Iterator[Session]:
    """One transaction for a use case: committed when the block ends, rolled back (leaving
    nothing behind) when it raises. Services build repositories on the yielded session."""
    target = url or database_url()
    engine_for(target)
    session = _factories[target]()
    try:
        with session.begin():
            yield session
    except (OperationalError, InterfaceError) as exc:
        cause = exc.orig if exc.orig is not None else exc
        raise DatabaseError(
            f"cannot use the database at {mask_url(target)}: {_first_line(cause)}"
        ) from None
    finally:
        session.close()


_AT_HEAD: set[str] = set()
"""Databases this process has seen at the newest revision: checked once, not per call
(a web request should not open a second connection just to read the revision)."""


def ensure_schema(url: str | None) -> None:
    """Create the SQLite database on first use; refuse a server database that is behind."""
    target = url or database_url()
    if target in _AT_HEAD:
        return
    current, head = current_revision(target)
    if current == head:
        _AT_HEAD.add(target)
        return
    if current is None or target.startswith("sqlite"):
        upgrade_database(target, quiet=True)
        _AT_HEAD.add(target)
        return
    raise DatabaseError(
        f"the database at {masked_url(target)} is at revision {current}, not "
        f"{head}: run 'redwood db upgrade' first"
    )
