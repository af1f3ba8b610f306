"""Crash safety: a server or an import killed with SIGKILL leaves the database consistent.

The server: `redwood serve` runs as a real process on SQLite and on PostgreSQL; a client
thread logs sets (`POST /api/v1/sets`, client-made UUIDs) as fast as it can; the server is
killed mid-stream and started again. Every set whose 201 arrived must be stored, no set may
exist without its session, and retrying the unacknowledged sets with the same UUIDs must
store each exactly once (200 for those the server had committed before dying).

A backup: `redwood db backup FILE` killed half way leaves the previous FILE as it was (the
new one is written under a temporary name, renamed into place only when complete), and the
next backup clears the abandoned temporary file.

The import: `redwood import strong FILE` on a big synthetic Strong export is killed while its
one transaction is writing; the database must hold no part of the file, and a rerun must
import it whole.

SQLite keeps acknowledged writes across a process kill because every connection runs in WAL
mode: a commit appends to the WAL through the operating system before the call returns, and
`synchronous = NORMAL` only skips the fsync that guards against power loss, not a process
death. The first test checks the engine really sets both.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from redwood.services.database import upgrade_database
from redwood.store.engine import make_engine

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-03-02"


def test_sqlite_connections_use_wal_with_normal_sync(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
            sync = connection.exec_driver_sql("PRAGMA synchronous").scalar_one()
    finally:
        engine.dispose()
    assert str(mode).lower() == "wal"
    assert sync in (1, 2, 3)  # NORMAL, FULL or EXTRA: never OFF (0)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "REDWOOD_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}


class Server:
    """`redwood serve` as a child process on a free port."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = log.open("ab")
        command = [sys.executable, "-m", "redwood", "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, env=_env(url), stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited: see {log}")
            try:
                if httpx.get(f"{self.base}/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError(f"the server never answered: see {log}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no flush, no goodbye."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._log.close()


@pytest.fixture
def servers(db_url: str, tmp_path: Path) -> Iterator[list[Server]]:
    """Servers started by the test, all killed at the end whatever happens."""
    upgrade_database(db_url, quiet=True)
    started: list[Server] = []
    yield started
    for server in started:
        server.kill()


def _token(base: str) -> str:
    account = {"email": "crash@example.com", "password": "a-long-passphrase", "name": "Crash"}
    registered = httpx.post(f"{base}/api/v1/auth/register", json=account, timeout=30)
    assert registered.status_code == 201, registered.text
    login = {"email": account["email"], "password": account["password"]}
    answer = httpx.post(f"{base}/api/v1/auth/login", json=login, timeout=30)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def _new_set(set_id: uuid.UUID, n: int) -> dict[str, object]:
    return {
        "id": str(set_id),
        "date": DAY,
        "exercise": "back squat",
        "reps": 5,
        "load_kg": str(100 + n % 40),
        "rpe": "8",
    }


@dataclass
class Logger:
    """A client logging sets as fast as it can until told to stop."""

    base: str
    token: str
    sent: list[uuid.UUID] = field(default_factory=list)
    acknowledged: set[uuid.UUID] = field(default_factory=set)
    failures: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.base, headers=headers, timeout=10) as client:
            n = 0
            while not self.stop.is_set():
                set_id = uuid.uuid4()
                self.sent.append(set_id)
                try:
                    answer = client.post("/api/v1/sets", json=_new_set(set_id, n))
                except httpx.TransportError:
                    self.failures += 1
                    time.sleep(0.02)
                    continue
                n += 1
                if answer.status_code == 201:
                    self.acknowledged.add(set_id)
                else:  # anything but a 201 before the kill is a bug
                    self.failures += 1000


def _stored(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            counts = {
                "sets": connection.execute(text("SELECT count(*) FROM sets")).scalar_one(),
                "distinct": connection.execute(
                    text("SELECT count(DISTINCT id) FROM sets")
                ).scalar_one(),
                "orphans": connection.execute(
                    text(
                        "SELECT count(*) FROM sets s LEFT JOIN performed_sessions p "
                        "ON p.id = s.session_id WHERE p.id IS NULL"
                    )
                ).scalar_one(),
                "sessions": connection.execute(
                    text("SELECT count(*) FROM performed_sessions")
                ).scalar_one(),
                "positions": connection.execute(
                    text("SELECT count(DISTINCT session_id || ':' || position) FROM sets")
                    if connection.dialect.name == "sqlite"
                    else text("SELECT count(DISTINCT (session_id, position)) FROM sets")
                ).scalar_one(),
            }
    finally:
        engine.dispose()
    return {key: int(value) for key, value in counts.items()}


def test_a_killed_server_keeps_every_acknowledged_set(
    db_url: str, servers: list[Server], tmp_path: Path
) -> None:
    first = Server(db_url, tmp_path / "server.log")
    servers.append(first)
    token = _token(first.base)
    logger = Logger(first.base, token)
    client = threading.Thread(target=logger.run)
    client.start()
    try:
        deadline = time.monotonic() + 60
        while len(logger.acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(logger.acknowledged) >= 40, "the server logged too few sets to test"
        assert logger.failures == 0
        first.kill()  # in the middle of the client's stream of requests
        time.sleep(0.3)
    finally:
        logger.stop.set()
        client.join(timeout=30)
    acknowledged = set(logger.acknowledged)
    sent = list(dict.fromkeys(logger.sent))
    unacknowledged = [set_id for set_id in sent if set_id not in acknowledged]
    assert unacknowledged, "the kill came between requests: no request was cut off"

    second = Server(db_url, tmp_path / "server.log")
    servers.append(second)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=second.base, headers=headers, timeout=30) as client_again:
        for set_id in acknowledged:
            assert client_again.get(f"/api/v1/sets/{set_id}").status_code == 200, set_id
        retried = {}
        for n, set_id in enumerate(unacknowledged):
            answer = client_again.post("/api/v1/sets", json=_new_set(set_id, n))
            assert answer.status_code in (200, 201), answer.text
            retried[set_id] = answer.status_code
        again = client_again.post("/api/v1/sets", json=_new_set(unacknowledged[0], 0))
        assert again.status_code == 200  # a second retry is never a second set
    counts = _stored(db_url)
    assert counts["sets"] == counts["distinct"] == len(sent)
    assert counts["orphans"] == 0
    assert counts["sessions"] == 1  # every set of the day in the one session, none doubled
    assert counts["positions"] == counts["sets"]
    committed_before_kill = sum(1 for status in retried.values() if status == 200)
    print(
        f"acknowledged {len(acknowledged)}, cut off {len(unacknowledged)} "
        f"(of which {committed_before_kill} were stored before the kill)"
    )


def _bench(name: str) -> ModuleType:
    """A script of bench/ as a module (its data generators)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wal_size(wal: Path) -> int:
    return wal.stat().st_size if wal.exists() else 0


def _sqlite_write_locked(path: Path) -> bool:
    """Whether another connection holds the database's write lock (a write transaction)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return True
    else:
        probe.execute("ROLLBACK")
        return False
    finally:
        probe.close()


def _writing(url: str, marker: str, wal: Path | None, wal_before: int) -> bool:
    """Whether the importer is inside its transaction and has written (PostgreSQL: its
    backend holds a transaction id, which it only has until it commits; SQLite: it holds the
    write lock and the write-ahead log grew by 1 MB of pages not yet committed)."""
    if wal is not None:
        grown = _wal_size(wal) > wal_before + 1_000_000
        return grown and _sqlite_write_locked(Path(str(wal)[: -len("-wal")]))
    admin = make_engine(make_url(url).difference_update_query(["options", "application_name"]))
    try:
        with admin.connect() as connection:
            found = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE application_name = :name AND backend_xid IS NOT NULL"
                ),
                {"name": marker},
            ).scalar_one()
    finally:
        admin.dispose()
    return bool(found)


def test_a_killed_import_leaves_nothing_and_a_rerun_imports_it_whole(
    db_url: str, tmp_path: Path
) -> None:
    upgrade_database(db_url, quiet=True)
    file = tmp_path / "strong.csv"
    _bench("import").synthetic_strong(file, 60_000)
    marker = f"rw-crash-{secrets.token_hex(4)}"
    url = db_url
    wal: Path | None = None
    if db_url.startswith("sqlite"):
        wal = Path(str(make_url(db_url).database) + "-wal")
    else:
        url = (
            make_url(db_url)
            .update_query_dict({"application_name": marker})
            .render_as_string(hide_password=False)
        )
    before = _stored(db_url)
    wal_before = _wal_size(wal) if wal is not None else 0
    command = [sys.executable, "-m", "redwood", "import", "strong", str(file), "--unit", "lb"]
    importer = subprocess.Popen(
        command, env=_env(url), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        while not _writing(db_url, marker, wal, wal_before):
            assert importer.poll() is None, importer.communicate()
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.02)
        os.kill(importer.pid, signal.SIGKILL)  # at once: the transaction is open and writing
    finally:
        if importer.poll() is None:
            importer.kill()
        importer.communicate(timeout=30)
    assert importer.returncode == -signal.SIGKILL
    assert _stored(db_url) == before
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM imports")).scalar_one() == 0
    finally:
        engine.dispose()
    rerun = subprocess.run(
        [*command, "--format", "json"], env=_env(db_url), capture_output=True, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    after = _stored(db_url)
    assert after["orphans"] == 0
    assert after["sets"] > 40_000
    assert after["sets"] == after["distinct"]
    again = subprocess.run(
        [*command, "--format", "json"], env=_env(db_url), capture_output=True, check=False
    )
    assert again.returncode == 0, again.stderr
    assert _stored(db_url) == after


@pytest.mark.empty_database
def test_a_killed_backup_leaves_the_previous_file_whole(db_url: str, tmp_path: Path) -> None:
    _bench("backup").fill(db_url, 40_000)
    file = tmp_path / "nightly.rwbak"
    command = [sys.executable, "-m", "redwood", "db", "backup", str(file), "--db", db_url]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    previous = file.read_bytes()
    backup = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    partial = tmp_path / f".{file.name}.partial-{backup.pid}"
    try:
        deadline = time.monotonic() + 120
        while not (partial.exists() and partial.stat().st_size > 100_000):
            assert backup.poll() is None, backup.communicate()
            assert time.monotonic() < deadline, "the backup never started writing"
            time.sleep(0.01)
        os.kill(backup.pid, signal.SIGKILL)
    finally:
        if backup.poll() is None:
            backup.kill()
        backup.communicate(timeout=30)
    assert backup.returncode == -signal.SIGKILL
    assert file.read_bytes() == previous
    assert partial.exists()  # a killed process cannot clean up after itself...
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    assert not partial.exists()  # ...the next backup does
    assert file.read_bytes() != previous  # a new header time, the same rows
