"""Shared fixtures: a fresh, isolated database per test on SQLite and on PostgreSQL.

`db_url` is parametrized over both backends. SQLite gets a file in the test's `tmp_path`.
PostgreSQL (`REDWOOD_TEST_POSTGRES_URL`, default the local server's `test` database) gets a
schema created for the test, named after this run and this xdist worker
(`rw_<run hex>_<worker>_<n>`), selected through the connection's `search_path`
(`options=-csearch_path=...` in the URL, so subprocesses given the URL land there too) and
dropped CASCADE afterwards. Concurrent runs and workers never see each other's rows.

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

POSTGRES_URL = os.environ.get(
    "REDWOOD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
RUN_ID = secrets.token_hex(4)
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_schemas = itertools.count(1)


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


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database that only this test uses."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'redwood.db'}"
        dispose_engines()
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = _schema_name()
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.exec_driver_sql("SET lock_timeout = '20s'")
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on the test's database, migrated to the newest revision."""
    engine = make_engine(db_url)
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
