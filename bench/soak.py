"""Fault and soak run (issue 8, item 6): many athletes log sets while workers die and answers
go missing; afterwards every acknowledged set is stored exactly once.

What it does, all on 127.0.0.1 and bounded in time (default at most 5 minutes in all):

1. Makes a fresh PostgreSQL schema on the server of `--postgres` (default the local `test`
   database), migrates it and starts `redwood serve --workers 2` on it. The two workers
   are uvicorn's: its supervisor (uvicorn 0.54, `supervisors/multiprocess.py`,
   `keep_subprocess_alive`) checks its workers every half second and starts a new one in
   place of a dead one, so a SIGKILLed worker comes back the way it would in production.
2. Registers `--athletes` athletes (40), each signing in for its own bearer token.
3. Puts a small proxy in front of the server. It relays one request per connection and
   drops a share of the answers (`--drop`, 10 %): two in three of the dropped requests are
   answered by the server and the answer is thrown away; the others are cut off as soon
   as the request is forwarded, so the client's retry races the original.
4. For `--seconds` seconds each athlete logs sets one after the other (`POST /api/v1/sets`,
   a new client UUID per set, a short pause between sets) and retries each set with the
   same UUID until it is acknowledged (a 200 or 201 naming that id), with a bounded
   exponential backoff. Meanwhile the script SIGKILLs a worker that is serving, `--kills`
   times spread over the run (at least 5 s apart), without waiting for the restart before
   the next kill; the time from each kill until a new worker has loaded the app is recorded.
5. Reads the database: the sets stored under the ids sent, ids stored more than once,
   rows nobody sent, sets without their session, sets journalled twice by the undo log,
   and sessions left without any set (a retry racing the original of a day's first set
   once left the session it opened empty; services.logbook now removes it).
   Then drops the schema (also after an error or Ctrl+C) and prints ONE JSON line.

`duplicated` counts stored sets sharing a client UUID beyond one plus stored sets nobody
sent; `lost` counts acknowledged sets that are not stored. The run exits 1 unless both are
0 (and no set lost its session, was journalled twice or was refused with a 4xx, and no
session was left empty), and 2
when it cannot set up. `p99_ms` is the 99th percentile of the time from a set's first
attempt to its acknowledgement (retries included); `request_p99_ms` that of single
acknowledged requests. From the repository root:

    .venv/bin/python bench/soak.py [--seconds 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOST = "127.0.0.1"
WORKERS = 2
TOTAL_LIMIT_SECONDS = 300.0
"""The whole run, setup and teardown included, stays under five minutes."""
TEARDOWN_SECONDS = 25.0
"""Kept back at the end of the five minutes for stopping the server and reading back."""
DRAIN_SECONDS = 20.0
"""After the load, sets still being retried get this long to be acknowledged."""
KILL_EVERY_MIN_SECONDS = 5.0
"""Kills come at least this far apart: a worker restarting on a loaded machine takes seconds."""
ATTEMPT_TIMEOUT_SECONDS = 10.0
BACKOFF_FIRST, BACKOFF_MAX = 0.05, 2.0
PASSWORD = "a long soak passphrase"
EXERCISES = ("back squat", "bench press", "deadlift", "overhead press", "barbell row")
SERVE = [sys.executable, "-m", "redwood", "serve", "--host", HOST, "--workers", str(WORKERS)]
STARTED = re.compile(rb"Started server process \[(\d+)\]")


class SetupError(RuntimeError):
    """The run could not start (server, database or sign-up): exit 2 with one line."""


# ---- the database ---------------------------------------------------------------------------


def _plain(url: str) -> str:
    """A libpq URL (psycopg) from a SQLAlchemy one."""
    return re.sub(r"^postgres(ql)?(\+psycopg)?://", "postgresql://", url)


@contextmanager
def fresh_schema(admin_url: str) -> Iterator[tuple[str, str]]:
    """A new schema on the server: (its name, the URL of a database that lives in it);
    dropped with everything in it when the block ends, however it ends."""
    import psycopg

    name = f"rw_soak_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with psycopg.connect(_plain(admin_url), autocommit=True, connect_timeout=10) as admin:
            admin.execute(f'CREATE SCHEMA "{name}"')
    except psycopg.Error as exc:
        raise SetupError(f"cannot create a schema on {admin_url}: {exc}") from None
    separator = "&" if "?" in admin_url else "?"
    url = f"{admin_url}{separator}options=-csearch_path%3D{name}"
    try:
        yield name, url
    finally:
        with psycopg.connect(_plain(admin_url), autocommit=True, connect_timeout=10) as admin:
            admin.execute("SET lock_timeout = '20s'")
            admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def read_back(
    admin_url: str, schema: str, sent: set[str], acknowledged: set[str]
) -> dict[str, int]:
    """What the database holds of the run: stored, duplicated, lost and the sanity counts."""
    import psycopg

    with psycopg.connect(_plain(admin_url), autocommit=True) as connection:
        connection.execute(f'SET search_path TO "{schema}"')
        rows = connection.execute("SELECT id::text, count(*) FROM sets GROUP BY id").fetchall()
        orphans = connection.execute(
            "SELECT count(*) FROM sets s LEFT JOIN performed_sessions p ON p.id = s.session_id "
            "WHERE p.id IS NULL OR s.deleted_at IS NOT NULL"
        ).fetchone()
        empty = connection.execute(
            "SELECT count(*) FROM performed_sessions p "
            "WHERE NOT EXISTS (SELECT 1 FROM sets s WHERE s.session_id = p.id)"
        ).fetchone()
        actions = connection.execute(
            "SELECT payload FROM log_actions WHERE kind = 'add'"
        ).fetchall()
    per_id = {set_id: int(count) for set_id, count in rows}
    journalled: dict[str, int] = {}
    for (payload,) in actions:
        data = payload if isinstance(payload, dict) else json.loads(payload)
        for set_id in data.get("sets", []):
            journalled[set_id] = journalled.get(set_id, 0) + 1
    stored = sum(1 for set_id in per_id if set_id in sent)
    twice = sum(count - 1 for count in per_id.values())
    strangers = sum(count for set_id, count in per_id.items() if set_id not in sent)
    return {
        "stored": stored,
        "duplicated": twice + strangers,
        "lost": sum(1 for set_id in acknowledged if set_id not in per_id),
        "orphans": int(orphans[0]) if orphans else 0,
        "journal_duplicated": sum(count - 1 for count in journalled.values()),
        "empty_sessions": int(empty[0]) if empty else 0,
    }


# ---- the server and its workers -------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def worker_pids(server: subprocess.Popen[bytes]) -> list[int]:
    """The uvicorn workers of the serve process: its children started by multiprocessing's
    `spawn_main` (not its resource tracker)."""
    found: list[int] = []
    for task in Path(f"/proc/{server.pid}/task").glob("*"):
        with suppress(OSError):
            for pid in (task / "children").read_text().split():
                with suppress(OSError):
                    command = Path(f"/proc/{pid}/cmdline").read_bytes()
                    if b"spawn_main" in command:
                        found.append(int(pid))
    return sorted(found)


def started_workers(log: Path) -> list[int]:
    """Every worker that has loaded the app so far, from the serve log."""
    return [int(pid) for pid in STARTED.findall(log.read_bytes())]


def wait_ready(base: str, server: subprocess.Popen[bytes], log: Path, deadline: float) -> None:
    """Until both workers have loaded the app and the health route answers."""
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log.read_text(errors="replace")[-1500:]
            raise SetupError(f"redwood serve exited: {tail}")
        if len(started_workers(log)) >= WORKERS:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
        time.sleep(0.2)
    raise SetupError("redwood serve did not start its workers in time")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the serve process and everything in its process group (its workers and
    multiprocessing's resource tracker, which may outlive it by a moment otherwise)."""
    if server.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    deadline = time.monotonic() + 5
    while _group_alive(server.pid):
        if time.monotonic() > deadline:
            with suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            return
        time.sleep(0.05)


def _group_alive(group: int) -> bool:
    """Whether a process of the group still runs (a zombie waiting to be reaped does not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":
                return True
    return False


# ---- the proxy that loses answers -----------------------------------------------------------


@dataclass
class Tally:
    """What happened during the load."""

    sent: set[str] = field(default_factory=set)
    acknowledged: set[str] = field(default_factory=set)
    set_ms: list[float] = field(default_factory=list)
    request_ms: list[float] = field(default_factory=list)
    attempts: int = 0
    failed_attempts: int = 0
    refused: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    dropped_after: int = 0
    dropped_early: int = 0
    kills: int = 0
    killed_at: list[float] = field(default_factory=list)
    restart_ms: list[float] = field(default_factory=list)
    load_seconds: float = 0.0


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    """One HTTP/1.1 request with a Content-Length body, as bytes."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return head + body


async def _drain(reader: asyncio.StreamReader) -> None:
    with suppress(OSError, asyncio.IncompleteReadError):
        while await reader.read(65536):
            pass


def _close(writer: asyncio.StreamWriter) -> None:
    with suppress(OSError):
        writer.close()


class Proxy:
    """Relays each connection's one request to the server and its answer back, except for
    a share of requests whose answer it drops (after the server answered, or at once)."""

    def __init__(self, upstream_port: int, drop: float, tally: Tally, seed: int) -> None:
        self.upstream_port = upstream_port
        self.drop = drop
        self.tally = tally
        self.random = random.Random(seed)
        self.open: set[asyncio.Task[Any]] = set()

    async def close(self) -> None:
        """Stop relaying what is still open (answers drained after the run)."""
        for task in self.open:
            task.cancel()
        await asyncio.gather(*self.open, return_exceptions=True)

    async def handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.open.add(task)
            task.add_done_callback(self.open.discard)
        try:
            await self._relay(client_r, client_w)
        except asyncio.CancelledError:  # the run is over (or interrupted): end quietly
            _close(client_w)

    async def _relay(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            request = await _read_request(client_r)
            upstream_r, upstream_w = await asyncio.open_connection(HOST, self.upstream_port)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            _close(client_w)
            return
        dropped = self.random.random() < self.drop
        early = dropped and self.random.random() < 1 / 3
        try:
            upstream_w.write(request)
            await upstream_w.drain()
            if early:  # the client hears nothing; the server still does the work
                self.tally.dropped_early += 1
                _close(client_w)
                await _drain(upstream_r)
            elif dropped:  # the server answered; the answer is lost on the way back
                await _drain(upstream_r)
                self.tally.dropped_after += 1
                _close(client_w)
            else:
                while chunk := await upstream_r.read(65536):
                    client_w.write(chunk)
                    await client_w.drain()
        except OSError:
            pass
        finally:
            _close(upstream_w)
            _close(client_w)


# ---- the athletes ---------------------------------------------------------------------------


async def sign_up(http: httpx.AsyncClient, number: int, deadline: float) -> str:
    """Register athlete `number` and sign in: its bearer token."""
    email = f"soak{number}@example.com"
    account = {"email": email, "password": PASSWORD, "name": f"Soak {number}"}
    for path, body in (("/auth/register", {**account, "timezone": "UTC"}), ("/auth/login", None)):
        while True:
            answer = await http.post(path, json=body or {"email": email, "password": PASSWORD})
            wait = float(answer.headers.get("retry-after", "0") or 0)
            if answer.status_code == 429 and time.monotonic() + wait < deadline:
                await asyncio.sleep(wait)
                continue
            if answer.status_code >= 300:
                raise SetupError(f"{path} answered {answer.status_code}: {answer.text[:200]}")
            break
    return str(answer.json()["token"])


async def athlete(
    base: str,
    token: str,
    number: int,
    stop_at: float,
    give_up_at: float,
    think: float,
    tally: Tally,
) -> None:
    """Log sets one after the other until `stop_at`; each set is retried with its id until
    acknowledged (or until `give_up_at`, when it stays unacknowledged)."""
    rng = random.Random(number)
    headers = {"Authorization": f"Bearer {token}", "Connection": "close"}
    limits = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=ATTEMPT_TIMEOUT_SECONDS
    ) as http:
        while time.monotonic() < stop_at:
            set_id = str(uuid.uuid4())
            body = {
                "id": set_id,
                "exercise": rng.choice(EXERCISES),
                "reps": rng.randint(3, 12),
                "load_kg": rng.randrange(20, 200),
                "rpe": rng.choice((7, 7.5, 8, 8.5, 9)),
            }
            tally.sent.add(set_id)
            first = time.perf_counter()
            backoff = BACKOFF_FIRST
            while time.monotonic() < give_up_at:
                tally.attempts += 1
                start = time.perf_counter()
                try:
                    answer = await http.post("/api/v1/sets", json=body)
                except httpx.HTTPError:
                    answer = None
                if answer is not None:
                    key = str(answer.status_code)
                    tally.statuses[key] = tally.statuses.get(key, 0) + 1
                status = 0 if answer is None else answer.status_code
                if status in (200, 201) and answer is not None and _named(answer) == set_id:
                    now = time.perf_counter()
                    tally.request_ms.append((now - start) * 1000)
                    tally.set_ms.append((now - first) * 1000)
                    tally.acknowledged.add(set_id)
                    break
                if 400 <= status < 500 and status not in (408, 429):
                    tally.refused += 1  # a valid set refused: a bug, not a fault
                    break
                tally.failed_attempts += 1
                await asyncio.sleep(backoff * (0.5 + rng.random()))
                backoff = min(BACKOFF_MAX, backoff * 2)
            await asyncio.sleep(think * rng.random())


def _named(answer: httpx.Response) -> str | None:
    """The set id an answer names (None when it is not a set)."""
    try:
        data = answer.json()
    except ValueError:
        return None
    return str(data.get("id")) if isinstance(data, dict) else None


async def killer(
    server: subprocess.Popen[bytes], log: Path, every: float, stop_at: float, tally: Tally
) -> None:
    """SIGKILL a worker that has loaded the app every `every` seconds until `stop_at`. The
    kills do not wait for the supervisor's restarts: under load a restart takes seconds,
    and both workers may be down at once, which is one more fault to live through."""
    rng = random.Random(7)
    while time.monotonic() + every < stop_at:
        await asyncio.sleep(every)
        ready = set(started_workers(log))
        live = [pid for pid in worker_pids(server) if pid in ready]
        if not live:
            continue
        with suppress(ProcessLookupError):
            os.kill(rng.choice(live), signal.SIGKILL)
            tally.kills += 1
            tally.killed_at.append(time.perf_counter())


async def restarts(log: Path, until: float, tally: Tally, done: asyncio.Event) -> None:
    """Time each kill until the next worker the supervisor started has loaded the app."""
    seen = set(started_workers(log))
    waiting = 0
    while time.monotonic() < until and not (done.is_set() and waiting >= len(tally.killed_at)):
        fresh = [pid for pid in started_workers(log) if pid not in seen]
        for pid in fresh:
            seen.add(pid)
            if waiting < len(tally.killed_at):
                tally.restart_ms.append((time.perf_counter() - tally.killed_at[waiting]) * 1000)
                waiting += 1
        await asyncio.sleep(0.05)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


async def load(
    base: str,
    server: subprocess.Popen[bytes],
    log: Path,
    args: argparse.Namespace,
    seconds: float,
    deadline: float,
) -> Tally:
    """Sign the athletes up, then the timed run through the proxy with the worker kills."""
    tally = Tally()
    async with httpx.AsyncClient(base_url=f"{base}/api/v1", timeout=60) as direct:
        gate = asyncio.Semaphore(4)

        async def one(number: int) -> str:
            async with gate:
                return await sign_up(direct, number, deadline)

        tokens = await asyncio.gather(*(one(n) for n in range(args.athletes)))
    proxy = Proxy(int(base.rsplit(":", 1)[1]), args.drop, tally, seed=11)
    listener = await asyncio.start_server(proxy.handle, HOST, 0)
    proxy_base = f"http://{HOST}:{listener.sockets[0].getsockname()[1]}"
    start = time.monotonic()
    stop_at = min(start + seconds, deadline - DRAIN_SECONDS - TEARDOWN_SECONDS)
    give_up_at = stop_at + DRAIN_SECONDS
    every = max(KILL_EVERY_MIN_SECONDS, (stop_at - start) / (args.kills + 1))
    done = asyncio.Event()
    async with listener:
        chaos = asyncio.create_task(killer(server, log, every, stop_at, tally))
        timing = asyncio.create_task(restarts(log, give_up_at, tally, done))
        await asyncio.gather(
            *(
                athlete(proxy_base, token, n, stop_at, give_up_at, args.think, tally)
                for n, token in enumerate(tokens)
            )
        )
        done.set()
        await chaos
        await timing
        await proxy.close()
    tally.load_seconds = time.monotonic() - start
    return tally


def run(args: argparse.Namespace) -> dict[str, Any]:
    """The whole run; the figures."""
    began = time.monotonic()
    deadline = began + TOTAL_LIMIT_SECONDS
    seconds = float(args.seconds)
    from redwood.services.database import dispose_engines, upgrade_database

    with fresh_schema(args.postgres) as (schema, url), tempfile.TemporaryDirectory() as tmp:
        upgrade_database(url, quiet=True)
        dispose_engines()
        port = free_port()
        base = f"http://{HOST}:{port}"
        log = Path(tmp) / "serve.log"
        env = dict(os.environ, REDWOOD_DATABASE_URL=url, XDG_DATA_HOME=tmp)
        env["REDWOOD_REGISTRATIONS_PER_HOUR"] = str(args.athletes)  # all sign up from here
        with log.open("wb") as sink:
            server = subprocess.Popen(
                [*SERVE, "--port", str(port)],
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_ready(base, server, log, time.monotonic() + 60)
            tally = asyncio.run(load(base, server, log, args, seconds, deadline))
            restarts = len(started_workers(log)) - WORKERS
        finally:
            stop(server)
        counts = read_back(args.postgres, schema, tally.sent, tally.acknowledged)
    return {
        "bench": "soak",
        "sent": len(tally.sent),
        "acknowledged": len(tally.acknowledged),
        **counts,
        "p50_ms": _percentile(tally.set_ms, 0.50),
        "p99_ms": _percentile(tally.set_ms, 0.99),
        "request_p99_ms": _percentile(tally.request_ms, 0.99),
        "unacknowledged": len(tally.sent) - len(tally.acknowledged),
        "refused": tally.refused,
        "attempts": tally.attempts,
        "retries": tally.failed_attempts,
        "dropped_answers": tally.dropped_after,
        "cut_requests": tally.dropped_early,
        "statuses": dict(sorted(tally.statuses.items())),
        "kills": tally.kills,
        "restarts": restarts,
        "restart_ms_max": round(max(tally.restart_ms, default=0.0)),
        "athletes": args.athletes,
        "workers": WORKERS,
        "load_seconds": round(tally.load_seconds, 1),
        "sets_per_second": round(len(tally.acknowledged) / max(tally.load_seconds, 0.001), 1),
        "total_seconds": round(time.monotonic() - began, 1),
    }


def passed(figures: dict[str, Any]) -> bool:
    """Nothing lost, nothing twice, nothing orphaned, empty or refused, and something logged."""
    bad = ("duplicated", "lost", "orphans", "journal_duplicated", "empty_sessions", "refused")
    return figures["acknowledged"] > 0 and all(figures[key] == 0 for key in bad)


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError("expected a share between 0 and 1, e.g. 0.1")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("expected a whole number of at least 1")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=_positive, default=200, help="load time (capped: 5 minutes in all)"
    )
    parser.add_argument("--postgres", default=POSTGRES_URL, help="server and database to use")
    parser.add_argument("--athletes", type=_positive, default=40)
    parser.add_argument("--kills", type=_positive, default=8, help="worker kills in the run")
    parser.add_argument("--drop", type=_share, default=0.10, help="share of answers dropped")
    parser.add_argument("--think", type=float, default=0.3, help="most seconds between sets")
    args = parser.parse_args()
    # Ctrl+C (even when started in the background, where SIGINT comes in ignored) and
    # SIGTERM stop the run the same way: the server is stopped and the schema dropped.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        figures = run(args)
    except SetupError as exc:
        print(f"soak: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("soak: interrupted: the server is stopped and the schema dropped", file=sys.stderr)
        sys.exit(130)
    print(json.dumps(figures))
    sys.exit(0 if passed(figures) else 1)


if __name__ == "__main__":
    main()
