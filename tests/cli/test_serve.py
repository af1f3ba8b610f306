"""`redwood serve`: uvicorn with the app factory, one worker on SQLite, a database that is
behind refused in one line, and a real server answering on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from redwood.cli.serve import worker_count
from redwood.services.database import downgrade_database, upgrade_database
from tests.cli.conftest import Result


def test_several_workers_only_on_postgresql() -> None:
    count, warning = worker_count("sqlite:////tmp/x.db", 4)
    assert count == 1
    assert warning is not None
    assert "1 worker" in warning
    assert worker_count("postgresql+psycopg://u@h/db", 4) == (4, None)
    assert worker_count("sqlite:////tmp/x.db", 1) == (1, None)


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_server_database_that_is_behind_is_refused_in_one_line(
    db_url: str, redwood: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade_database(db_url, quiet=True)
    downgrade_database("0002", db_url)
    monkeypatch.setenv("REDWOOD_DATABASE_URL", db_url)
    from redwood.settings import get_settings

    get_settings.cache_clear()
    result = redwood("serve", "--port", "1")
    assert result.code == 2
    assert "redwood db upgrade" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_bad_options_are_refused(redwood: Callable[..., Result]) -> None:
    assert redwood("serve", "--port", "70000").code == 2
    assert redwood("serve", "--workers", "0").code == 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_the_server_answers_on_sqlite_with_one_worker(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "REDWOOD_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}"}
    command = [sys.executable, "-c", "from redwood.cli.app import main; main()", "serve"]
    command += ["--port", str(port), "--workers", "3"]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        answer = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    break
                time.sleep(0.2)
        assert answer is not None, server.stderr.read() if server.stderr else ""
        assert answer.status_code == 200
        assert answer.json()["database"] == "ok"
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    assert "serving with 1 worker, not 3" in err
