"""PostgreSQL engines: UTC sessions whatever the server's zone, the URL's own options kept,
a pool that keeps its connections under load, and a dead pooled connection replaced."""

from __future__ import annotations

import time
from datetime import UTC

import pytest
from sqlalchemy import Engine, text

from redwood.store import engine as engine_module
from redwood.store.engine import make_engine

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url(db_url: str) -> str:
    """The URL of a PostgreSQL schema only this test uses."""
    return db_url


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_sessions_run_in_utc_and_keep_the_urls_search_path(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        with engine.connect() as connection:
            zone = connection.scalar(text("SHOW TimeZone"))
            path = connection.scalar(text("SHOW search_path"))
            now = connection.scalar(text("SELECT now()"))
    finally:
        engine.dispose()
    assert zone == "UTC"
    assert path is not None
    assert path.startswith("rw_")
    assert now.tzinfo is UTC  # no conversion needed when a timestamp is read back


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_time_zone_in_the_url_wins(pg_url: str) -> None:
    url = pg_url.replace("options=", "options=-cTimeZone%3DEurope/Lisbon%20")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SHOW TimeZone")) == "Europe/Lisbon"
            assert str(connection.scalar(text("SHOW search_path"))).startswith("rw_")
    finally:
        engine.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_the_pool_keeps_ten_connections_between_bursts(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        held = [engine.connect() for _ in range(12)]
        pids = {c.scalar(text("SELECT pg_backend_pid()")) for c in held}
        for connection in held:
            connection.close()
        again = [engine.connect() for _ in range(10)]
        reused = {c.scalar(text("SELECT pg_backend_pid()")) for c in again}
        for connection in again:
            connection.close()
    finally:
        engine.dispose()
    assert len(pids) == 12
    assert reused <= pids  # ten kept in the pool: the next burst opens none


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_connection_killed_on_the_server_is_replaced_after_it_idled(
    pg_url: str, postgres_admin: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "PING_IDLE_SECONDS", 0.2)
    engine = make_engine(pg_url)
    try:
        with engine.connect() as connection:
            first = connection.scalar(text("SELECT pg_backend_pid()"))
        with postgres_admin.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        time.sleep(0.3)
        with engine.connect() as connection:
            second = connection.scalar(text("SELECT pg_backend_pid()"))
    finally:
        engine.dispose()
    assert second != first


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_only_a_connection_that_idled_is_pinged(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(pg_url)
    pings: list[object] = []
    original = engine.dialect.do_ping

    def counting(dbapi_connection: object) -> bool:
        pings.append(dbapi_connection)
        return bool(original(dbapi_connection))

    monkeypatch.setattr(engine.dialect, "do_ping", counting)
    try:
        for _ in range(3):  # given back just now: handed out as it is
            with engine.connect() as connection:
                connection.scalar(text("SELECT 1"))
        monkeypatch.setattr(engine_module, "PING_IDLE_SECONDS", 0.1)
        time.sleep(0.2)
        with engine.connect() as connection:
            connection.scalar(text("SELECT 1"))
    finally:
        engine.dispose()
    assert len(pings) == 1
