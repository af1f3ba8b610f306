"""Databases at the newest schema in milliseconds: each test starts from a copy of a template.

Running every migration and syncing the catalogue costs 0.2-1 s per database, and most tests
want a fresh one; over the suite that was minutes. So each test process migrates ONE template
per backend with the real `upgrade_database` (the same code `make run` uses) and each test
gets a copy:

- SQLite: the template file is copied (the engine is disposed first, so the WAL is folded in).
- PostgreSQL: there is no "copy this schema", so the statements the real upgrade sent to the
  server are recorded (SQLAlchemy's `before_cursor_execute`) and replayed into the test's
  schema in one transaction. Reads (SELECT, SHOW) are left out: they change nothing. The
  statements are unqualified, so the schema in the connection's `search_path` receives them.

A test that needs an EMPTY database (migration and upgrade tests) carries the
`empty_database` mark and skips the copy.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from redwood.services.database import dispose_engines, upgrade_database
from redwood.store import migrate
from redwood.store.engine import make_engine

READS = ("select", "show", "pragma")


@dataclass
class Recording:
    """Statements (with their parameters) one upgrade sent to the server, in order."""

    statements: list[tuple[str, Any, bool]] = field(default_factory=list)

    def __call__(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if statement.lstrip().lower().startswith(READS):
            return
        self.statements.append((statement, parameters, many))


def sqlite_template(folder: Path) -> Path:
    """A SQLite file at the newest revision with the shipped catalogue."""
    path = folder / "template.db"
    upgrade_database(f"sqlite:///{path}", quiet=True)
    dispose_engines()
    for suffix in ("-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():  # pragma: no cover - disposed engines fold it in
            raise RuntimeError(f"the template {path} still has its {suffix} file")
    return path


def copy_sqlite(template: Path, target: Path) -> None:
    shutil.copyfile(template, target)


def record_postgres_upgrade(url: str) -> Recording:
    """Upgrade the (empty) schema `url` points at for real and record what was sent."""
    recording = Recording()
    event.listen(Engine, "before_cursor_execute", recording)
    try:
        upgrade_database(url, quiet=True)
    finally:
        event.remove(Engine, "before_cursor_execute", recording)
        dispose_engines()
    return recording


def replay(recording: Recording, url: str) -> None:
    """Send the recorded statements to the (empty) schema `url` points at, in one transaction."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for statement, parameters, many in recording.statements:
                if many or parameters:
                    connection.exec_driver_sql(statement, parameters)
                else:
                    connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def check_head(url: str) -> None:
    """Fail loudly if a copy is not at the newest revision (the recording went wrong)."""
    current = migrate.current(url)
    if current != migrate.head():
        raise RuntimeError(
            f"the template copy at {make_url(url).database} is at {current}, not {migrate.head()}"
        )
