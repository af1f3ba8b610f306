"""Shared fixtures: a fresh, isolated database per test on SQLite and on PostgreSQL.

`db_url` is parametrized over both backends. SQLite gets a file in the test's `tmp_path`.
PostgreSQL (`REDWOOD_TEST_POSTGRES_URL`, default the local server's `test` database) gets a
schema created for the test, named after this run and this xdist worker
(`rw_<run hex>_<worker>_<n>`), selected through the connection's `search_path`
(`options=-csearch_path=...` in the URL, so subprocesses given the URL land there too) and
dropped CASCADE afterwards. Concurrent runs and workers never see each other's rows.

Each database starts at the newest revision with the shipped catalogue, copied from a
template made once per test process (tests/database_templates.py); a test marked
`empty_database` gets an empty one instead (for migration and upgrade tests).

PostgreSQL tests never skip: an unreachable server fails them with a message saying how to
start it.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from redwood.services.database import dispose_engines
from redwood.settings import get_settings
from redwood.store import migrate
from redwood.store.engine import make_engine, make_session_factory, mask_url, parse_url
from tests import database_templates

POSTGRES_URL = os.environ.get(
    "REDWOOD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
RUN_ID = secrets.token_hex(4)
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_schemas = itertools.count(1)
HEAD = migrate.head()


def _schema_name() -> str:
    return f"rw_{RUN_ID}_{WORKER}_{next(_schemas)}"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An autocommit engine on the test server for creating and dropping schemas."""
    engine = create_engine(parse_url(POSTGRES_URL), isolation_level="AUTOCOMMIT", pool_size=1)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        pytest.fail(
            f"PostgreSQL at {mask_url(POSTGRES_URL)} is unreachable ({reason}); start it with "
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` or set "
            "REDWOOD_TEST_POSTGRES_URL",
            pytrace=False,
        )
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This test process's SQLite template at the newest revision (tests/database_templates.py)."""
    return database_templates.sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_template(postgres_admin: Engine) -> Iterator[database_templates.Recording]:
    """What upgrading an empty PostgreSQL schema sends to the server, recorded once."""
    schema = _schema_name()
    with postgres_admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield database_templates.record_postgres_upgrade(_schema_url(schema))
    finally:
        with postgres_admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _schema_url(schema: str) -> str:
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database that only this test uses: at the newest revision with the shipped
    catalogue, or empty for a test marked `empty_database`."""
    empty = request.node.get_closest_marker("empty_database") is not None
    if request.param == "sqlite":
        path = tmp_path / "redwood.db"
        if not empty:
            database_templates.copy_sqlite(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        dispose_engines()
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = _schema_name()
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = _schema_url(schema)
    try:
        if not empty:
            database_templates.replay(request.getfixturevalue("postgres_template"), url)
        yield url
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.exec_driver_sql("SET lock_timeout = '20s'")
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on the test's database, migrated to the newest revision."""
    engine = make_engine(db_url)
    if migrate.current(engine) != HEAD:
        migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the migrated database; whatever the test leaves uncommitted is dropped."""
    with make_session_factory(engine)() as session:
        yield session


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Monkeypatch for REDWOOD_* variables with the settings cache cleared around the test."""
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()
