"""Schema migrations, driven from code: the Alembic scripts ship inside the package.

There is no `alembic.ini`: the Alembic `Config` is built here with `script_location` set to
`redwood/store/migrations`, and the connection is handed to `env.py` through
`config.attributes["connection"]`, so the URL always comes from the caller (settings, a test
fixture), never from a file in the working directory.

On SQLite, foreign-key enforcement is switched off while migrations run (Alembic's batch mode
rebuilds tables by copy-and-rename, which enforcement would break) and the whole database is
checked with `PRAGMA foreign_key_check` before the migration transaction commits.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL, Connection

from redwood.store.engine import make_engine, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

Target = Engine | URL | str
"""Where to migrate: an engine (left open) or a URL (an engine is made and disposed)."""


class MigrationError(RuntimeError):
    """A migration left the database inconsistent (it was rolled back)."""


def alembic_config(
    connection: Connection | None = None, url: str | None = None, *, quiet: bool = False
) -> Config:
    """An Alembic `Config` pointing at the packaged scripts, with no ini file."""
    config = Config(stdout=io.StringIO()) if quiet else Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@contextmanager
def _engine(target: Target) -> Iterator[Engine]:
    if isinstance(target, Engine):
        yield target
        return
    engine = make_engine(target)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside one transaction for running migrations (see module docstring)."""
    with engine.connect() as connection:
        raw: Any = None
        if engine.dialect.name == "sqlite":
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(
                            f"migration broke {len(broken)} foreign key(s), "
                            f"first in table {broken[0][0]}; nothing was changed"
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def upgrade(target: Target, revision: str = "head", *, quiet: bool = True) -> None:
    """Migrate the database up to `revision` (default: the newest), in one transaction."""
    with _engine(target) as engine, migration_connection(engine) as connection:
        command.upgrade(alembic_config(connection, quiet=quiet), revision)


def downgrade(target: Target, revision: str, *, quiet: bool = True) -> None:
    """Migrate the database down to `revision` (`base` empties it), in one transaction."""
    with _engine(target) as engine, migration_connection(engine) as connection:
        command.downgrade(alembic_config(connection, quiet=quiet), revision)


def current(target: Target) -> str | None:
    """The revision the database is at, or None for an empty (or missing SQLite) database."""
    with _engine(target) as engine:
        if engine.dialect.name == "sqlite":
            path = sqlite_path(engine.url)
            if path is not None and not path.exists():
                return None
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()


def head() -> str:
    """The newest revision shipped with this version of Redwood."""
    script = ScriptDirectory.from_config(alembic_config())
    newest = script.get_current_head()
    if newest is None:  # pragma: no cover - the package always ships revisions
        raise MigrationError("no migrations found in the package")
    return newest


def revisions() -> list[str]:
    """Every shipped revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
