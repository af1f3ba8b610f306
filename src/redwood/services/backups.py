"""Database backups: `redwood db backup FILE` and `redwood db restore FILE`.

A backup copies every table of the database (at whatever schema revision it is) into one
gzip'd file from a single consistent snapshot, while the app keeps serving; a restore puts
such a file into an SQLite or PostgreSQL database (either kind, whichever wrote it) in one
transaction and upgrades it to the newest schema. `store/backup.py` and
`store/backup_file.py` say how; this module times them, syncs the shipped catalogue into a
restored database (as `redwood db upgrade` does) and turns every refusal into a
`ServiceError` of one line: a bad or damaged file, a database that holds data (without
`force`), a backup from a newer Redwood, an unreachable server.

This is the operator's whole-database copy; the athlete's own JSON export
(`redwood export json`, restored by `redwood import`) is a different thing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from redwood.services.database import DatabaseError, database_url
from redwood.services.errors import ServiceError
from redwood.store import migrate
from redwood.store.backup import BackupError, BackupSummary, back_up, restore
from redwood.store.backup_file import BackupFileError
from redwood.store.engine import DatabaseUrlError, mask_url
from redwood.store.exercises import sync_catalogue


class BadBackupFileError(ServiceError):
    """The backup file is missing, not a backup, damaged or from a newer Redwood."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What `back_up_database` or `restore_database` did (`url` masked)."""

    url: str
    path: Path
    revision: str
    tables: tuple[tuple[str, int], ...]
    seconds: float
    restored_to: str | None = None

    @property
    def rows(self) -> int:
        """Rows in every table together."""
        return sum(count for _, count in self.tables)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__


@contextmanager
def _plainly(url: str, path: Path) -> Iterator[None]:
    """Every failure as one line naming what was wrong (field `file` or `database_url`)."""
    masked = mask_url(url)
    try:
        yield
    except BackupFileError as exc:
        raise BadBackupFileError(str(exc), "file") from None
    except BackupError as exc:
        raise ServiceError(str(exc), "database_url") from None
    except DatabaseUrlError as exc:
        raise DatabaseError(str(exc), "database_url") from None
    except DBAPIError as exc:
        cause = exc.orig if exc.orig is not None else exc
        raise DatabaseError(f"cannot use the database at {masked}: {_first_line(cause)}") from None
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot use the database at {masked}: {_first_line(exc)}") from None
    except migrate.MigrationError as exc:
        raise DatabaseError(f"restore failed on {masked}: {_first_line(exc)}") from None
    except OSError as exc:
        where = exc.filename or path
        raise BadBackupFileError(
            f"cannot write or read {where}: {exc.strerror or _first_line(exc)}", "file"
        ) from None


def back_up_database(path: Path, url: str | None = None) -> BackupReport:
    """Back up the database (default: the configured one) into `path`, online."""
    target = url or database_url()
    if path.is_dir():
        raise BadBackupFileError(f"{path} is a directory: give a file name", "file")
    started = time.perf_counter()
    with _plainly(target, path):
        summary = back_up(target, path)
    return _report(target, path, summary, time.perf_counter() - started)


def _sync_shipped_catalogue(connection: Connection) -> None:
    from redwood.catalog import load_catalogue  # lazy: only restores need the whole file

    with Session(bind=connection) as session:
        sync_catalogue(session, load_catalogue().exercises)
        session.flush()


def restore_database(
    path: Path, url: str | None = None, *, force: bool = False, sync_catalogue: bool = True
) -> BackupReport:
    """Replace the database's contents with the backup at `path` (refused when the database
    holds data, unless `force`), then bring it to the newest schema and catalogue."""
    target = url or database_url()
    started = time.perf_counter()
    finish = _sync_shipped_catalogue if sync_catalogue else None
    with _plainly(target, path):
        summary, revision = restore(target, path, force=force, finish=finish)
    return _report(target, path, summary, time.perf_counter() - started, restored_to=revision)


def _report(
    url: str, path: Path, summary: BackupSummary, seconds: float, restored_to: str | None = None
) -> BackupReport:
    return BackupReport(
        url=mask_url(url),
        path=path,
        revision=summary.revision,
        tables=summary.tables,
        seconds=round(seconds, 3),
        restored_to=restored_to,
    )
