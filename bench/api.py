"""REST API benchmark (issue 5, "Measure"): `redwood serve` on PostgreSQL under load.

Makes a database of its own on the local server (dropped at the end, whatever happens),
starts `redwood serve --workers 2` on 127.0.0.1 and a free port, signs up two athletes
with an active program, seeds one of them with 100,000 sets over two years (through the
store's batch writes, in this process) and the other with about 100, then runs a bounded
load from a second process: 50 concurrent clients log sets (POST /sets), fetch today
(GET /today) and page through the history (GET /sets?limit=50, a few pages deep by
`next_cursor`, plus a page of the small athlete's log). Each kind runs closed-loop for a
fixed time, one kind after the other (today last: requests cancelled at the end of a phase
still load the server for a while). Requests still out 2 s after a phase ends are cancelled
and counted as unfinished, so the load never runs over 60 s. Prints one JSON line, with the
machine's load average when the load started and when it ended (other work on the machine
stretches every latency). Run it from the repo root:
`.venv/bin/python bench/api.py` (`--admin-url` names the server's database to start from).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CLIENTS = 50
PHASE_SECONDS = 14.0
WARMUP_SECONDS = 2.0
GRACE_SECONDS = 2.0
LOAD_LIMIT_SECONDS = 60.0
BIG_SETS = 100_000
SMALL_SETS = 100
DAYS = 730
EXERCISES = 20
PAGES_DEEP = 4
PASSWORD = "a long bench passphrase"
SERVE = [sys.executable, "-m", "redwood", "serve", "--host", "127.0.0.1", "--workers", "2"]
PLAN = {"goal": "hypertrophy", "level": "intermediate", "days": 4, "minutes": 60}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(statement)


def _wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"redwood serve exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("redwood serve did not answer /api/v1/health within 60 s")


def _athlete(base: str, email: str) -> tuple[int, str, list[str]]:
    """Register, sign in and activate a program: (athlete id, token, program exercises)."""
    with httpx.Client(base_url=f"{base}/api/v1", timeout=120) as http:
        account = http.post(
            "/auth/register",
            json={"email": email, "password": PASSWORD, "name": "Bench", "timezone": "UTC"},
        )
        account.raise_for_status()
        login = http.post("/auth/login", json={"email": email, "password": PASSWORD})
        login.raise_for_status()
        token = str(login.json()["token"])
        plan = http.post(
            "/plan",
            json={**PLAN, "setting": "gym", "activate": True},
            headers={"Authorization": f"Bearer {token}"},
        )
        plan.raise_for_status()
        text = json.dumps(plan.json()["weeks"])
    return int(account.json()["id"]), token, sorted(set(_exercise_ids(text)))


def _exercise_ids(text: str) -> list[str]:
    from redwood.catalog import load_catalogue

    known = [e.id for e in load_catalogue().exercises]
    return [e for e in known if f'"{e}"' in text]


def _seed(url: str, athlete_id: int, exercises: list[str], total: int, days: int) -> None:
    """`total` sets on `days` days ending yesterday, one session a day, `exercises` in turn."""
    from redwood.domain.logbook import PerformedSession, SetEntry
    from redwood.services.database import unit_of_work
    from redwood.store import Logbook
    from redwood.store.batches import BatchSet

    rng = random.Random(athlete_id)
    first = date.today() - timedelta(days=days)
    per_day = -(-total // days)
    made = 0
    for chunk_start in range(0, days, 60):
        sessions, sets = [], []
        for day in range(chunk_start, min(days, chunk_start + 60)):
            on = first + timedelta(days=day)
            noon = datetime.combine(on, clock(12), tzinfo=UTC)
            performed = PerformedSession(uuid.uuid4(), on, "Bench", "bench", started_at=noon)
            sessions.append(performed)
            for position in range(min(per_day, total - made)):
                exercise = exercises[(day + position // 5) % len(exercises)]
                entry = SetEntry(
                    uuid.uuid4(),
                    exercise,
                    noon + timedelta(seconds=90 * position),
                    reps=rng.randint(5, 12),
                    load_kg=Decimal(rng.randrange(40, 160)) + Decimal("2.5") * rng.randint(0, 1),
                    rpe=Decimal(rng.randint(14, 20)) / 2,
                )
                sets.append(BatchSet(performed.id, position, entry))
                made += 1
        with unit_of_work(url) as session:
            batches = Logbook(session, athlete_id).batches()
            batches.add_sessions(sessions)
            batches.add_sets(sets, [s.id for s in sessions])
    with unit_of_work(url) as session:
        session.connection().exec_driver_sql("ANALYZE")


def _pad(exercises: list[str]) -> list[str]:
    from redwood.catalog import load_catalogue

    chosen = exercises[:EXERCISES]
    for exercise in load_catalogue().exercises:
        if len(chosen) >= EXERCISES:
            break
        if exercise.id not in chosen:
            chosen.append(exercise.id)
    return chosen


# The second process: the load -----------------------------------------------------------------


def _figures(latencies: list[float], seconds: float) -> dict[str, float]:
    ordered = sorted(latencies)
    if not ordered:
        return {"rps": 0.0, "p50_ms": 0.0, "p99_ms": 0.0, "count": 0}

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)

    return {
        "rps": round(len(ordered) / seconds, 1),
        "p50_ms": at(0.50),
        "p99_ms": at(0.99),
        "count": len(ordered),
    }


async def _load(config: dict[str, Any]) -> dict[str, Any]:
    big = {"Authorization": f"Bearer {config['big_token']}"}
    small = {"Authorization": f"Bearer {config['small_token']}"}
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    errors: dict[str, int] = {}
    unfinished = [0]
    async with httpx.AsyncClient(
        base_url=f"{config['base']}/api/v1", limits=limits, timeout=30
    ) as http:

        async def call(kind: str, method: str, path: str, **kw: Any) -> tuple[float, Any]:
            start = time.perf_counter()
            try:
                answer = await http.request(method, path, **kw)
                ok = answer.status_code < 300
            except httpx.HTTPError:
                answer, ok = None, False
            took = time.perf_counter() - start
            if not ok:
                errors[kind] = errors.get(kind, 0) + 1
                return took, None
            return took, answer.json() if answer is not None else None

        async def log_set(out: dict[str, list[float]]) -> None:
            body = {"id": str(uuid.uuid4()), "exercise": config["exercise"], "reps": 8}
            body["load_kg"] = 100
            took, _ = await call("log_set", "POST", "/sets", json=body, headers=big)
            out["log_set"].append(took)

        async def today(out: dict[str, list[float]]) -> None:
            out["today"].append((await call("today", "GET", "/today", headers=big))[0])

        async def history(out: dict[str, list[float]]) -> None:
            params: dict[str, Any] = {"limit": 50}
            for _ in range(PAGES_DEEP):
                took, page = await call("history", "GET", "/sets", params=params, headers=big)
                out["history"].append(took)
                if not page or not page.get("next_cursor"):
                    break
                params = {"limit": 50, "cursor": page["next_cursor"]}
            took, _ = await call("history_small", "GET", "/sets?limit=50", headers=small)
            out["history_small"].append(took)

        async def run(
            step: Callable[[dict[str, list[float]]], Awaitable[None]], span: float
        ) -> tuple[dict[str, list[float]], float]:
            out: dict[str, list[float]] = {
                k: [] for k in ("log_set", "today", "history", "history_small")
            }
            stop = time.perf_counter() + span

            async def client() -> None:
                while time.perf_counter() < stop:
                    await step(out)

            start = time.perf_counter()
            tasks = [asyncio.create_task(client()) for _ in range(CLIENTS)]
            _, late = await asyncio.wait(tasks, timeout=span + GRACE_SECONDS)
            for task in late:  # requests still out past the bound: cancelled, counted
                task.cancel()
            unfinished[0] += len(late)
            return out, time.perf_counter() - start

        async def mixed(out: dict[str, list[float]]) -> None:
            await random.choice((log_set, today, history))(out)

        await run(mixed, WARMUP_SECONDS)
        errors.clear()
        unfinished[0] = 0
        result: dict[str, Any] = {}
        for name, step in (("log_set", log_set), ("history", history), ("today", today)):
            out, seconds = await run(step, PHASE_SECONDS)
            result[name] = _figures(out[name], seconds)
            if name == "history":
                result["history_small_p50_ms"] = _figures(out["history_small"], seconds)["p50_ms"]
    result["errors"] = errors
    result["unfinished"] = unfinished[0]
    return result


def client_main() -> None:
    """The load process: config JSON on stdin, figures JSON on stdout."""
    config = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(_load(config))))


# The first process: database, server, seed ----------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main()
        return
    from redwood.services.database import dispose_engines, upgrade_database

    name = f"redwood_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = args.admin_url.rsplit("/", 1)[0] + f"/{name}"
    _admin(args.admin_url, f'CREATE DATABASE "{name}"')
    server: subprocess.Popen[bytes] | None = None
    figures: dict[str, Any] = {"bench": "api", "clients": CLIENTS, "workers": 2}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            upgrade_database(url, quiet=True)
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            env = dict(os.environ, REDWOOD_DATABASE_URL=url, XDG_DATA_HOME=tmp)
            log = Path(tmp) / "serve.log"
            with log.open("wb") as sink:
                server = subprocess.Popen(
                    [*SERVE, "--port", str(port)],
                    env=env,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            _wait_healthy(base, server, log)
            big_id, big_token, exercises = _athlete(base, "big@example.com")
            small_id, small_token, _ = _athlete(base, "small@example.com")
            exercises = _pad(exercises)
            start = time.perf_counter()
            _seed(url, big_id, exercises, BIG_SETS, DAYS)
            figures["seed_seconds"] = round(time.perf_counter() - start, 1)
            _seed(url, small_id, exercises, SMALL_SETS, 20)
            dispose_engines()
            config = {"base": base, "big_token": big_token, "small_token": small_token}
            config["exercise"] = exercises[0]
            figures["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
            load = subprocess.run(
                [sys.executable, __file__, "--client"],
                input=json.dumps(config).encode(),
                capture_output=True,
                timeout=LOAD_LIMIT_SECONDS + 30,
                check=False,
            )
            if load.returncode != 0:
                raise RuntimeError(f"load process failed: {load.stderr.decode()[-2000:]}")
            figures.update(json.loads(load.stdout))
            figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
            figures["requests"] = sum(figures[k]["count"] for k in ("log_set", "today", "history"))
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        dispose_engines()
        _admin(args.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
