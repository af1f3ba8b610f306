"""The fault and soak run (bench/soak.py): a short run ends with every acknowledged set stored
once, and the read-back that judges it does see a lost set and a set nobody sent."""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy.engine import make_url

from redwood.domain.mass import Mass
from redwood.domain.notation import SetSpec
from redwood.services import logbook
from redwood.services.database import upgrade_database
from tests.conftest import POSTGRES_URL

ADMIN = POSTGRES_URL.replace("+psycopg", "")

ROOT = Path(__file__).resolve().parents[2]
SOAK = ROOT / "bench" / "soak.py"
KEYS = {"sent", "acknowledged", "stored", "duplicated", "lost", "p99_ms"}


def _soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("soak_bench", SOAK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.postgres
def test_a_short_soak_run_loses_and_duplicates_nothing() -> None:
    run = subprocess.run(
        [sys.executable, str(SOAK), "--seconds", "20", "--postgres", POSTGRES_URL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=330,
        check=False,
    )
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1, run.stdout + run.stderr[-3000:]
    figures = json.loads(lines[0])
    assert set(figures) >= KEYS
    assert figures["duplicated"] == 0
    assert figures["lost"] == 0
    assert figures["orphans"] == 0
    assert figures["journal_duplicated"] == 0
    assert figures["acknowledged"] > 0
    assert figures["stored"] >= figures["acknowledged"]
    assert figures["kills"] >= 1
    assert figures["dropped_answers"] + figures["cut_requests"] >= 1
    assert figures["total_seconds"] < 300
    assert run.returncode == 0, run.stderr[-3000:]


def _soak_schemas(pid: int) -> list[str]:
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (f"rw_soak_{pid}_%",)
        ).fetchall()
    return [row[0] for row in rows]


def _sets_in(schema: str) -> int:
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as admin:
        try:
            row = admin.execute(f'SELECT count(*) FROM "{schema}".sets').fetchone()
        except psycopg.errors.UndefinedTable:
            return 0
    return int(row[0]) if row else 0


def _processes_on(schema: str) -> list[int]:
    """The server process and its workers: the processes whose environment names the schema."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if schema.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _running(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.postgres
def test_ctrl_c_in_the_middle_stops_the_server_and_drops_the_schema() -> None:
    run = subprocess.Popen(
        [sys.executable, str(SOAK), "--seconds", "120", "--postgres", POSTGRES_URL],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 150
        logging = False
        while time.monotonic() < deadline and run.poll() is None and not logging:
            schemas = _soak_schemas(run.pid)
            logging = bool(schemas) and _sets_in(schemas[0]) > 0
            time.sleep(0.5)
        assert logging, "the soak run never started logging sets"
        servers = _processes_on(schemas[0])
        run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 130
    assert out == ""
    assert err.strip().splitlines() == [
        "soak: interrupted: the server is stopped and the schema dropped"
    ]
    assert _soak_schemas(run.pid) == []
    assert servers  # seen while the run was logging
    assert not any(_running(pid) for pid in servers)


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_the_read_back_counts_a_lost_set_and_a_set_nobody_sent(db_url: str) -> None:
    upgrade_database(db_url, quiet=True)
    kept, stranger, missing = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    today = datetime.now(UTC).date()
    spec = SetSpec(reps=5, load=Mass(Decimal(100)))
    logbook.add_sets(today, "back squat", [spec], today=today, ids=[kept], url=db_url)
    logbook.add_sets(today, "back squat", [spec], today=today, ids=[stranger], url=db_url)
    schema = str(make_url(db_url).query["options"]).split("=", 1)[1]
    sent = {str(kept), str(missing)}

    counts = _soak().read_back(POSTGRES_URL, schema, sent, acknowledged=sent)

    assert counts == {
        "stored": 1,
        "duplicated": 1,
        "lost": 1,
        "orphans": 0,
        "journal_duplicated": 0,
        "empty_sessions": 0,
    }
