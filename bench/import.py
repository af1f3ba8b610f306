"""Benchmark: a synthetic 200,000-row Strong S1 export imported into SQLite and PostgreSQL.

Prints ONE JSON line: for each backend the seconds of the import (and the CPU seconds of the
importing process, which other load on the machine does not inflate), rows per second, the
peak memory of the importing process (resident set, from getrusage), the sets and sessions
added, what a second import of the same file added (it must be 0) with its seconds, and the
seconds `redwood import undo` takes to remove the whole import again. Aim: under 10 s and
under 300 MB peak for each backend. The machine's load average is printed too, and the
seconds of the import spent keeping the record book (each exercise's bests, recomputed
when the import commits; part of the import's seconds).

Each import runs in a fresh process so its peak memory is its own; the database schema is
created before the clock starts. The file is written by `synthetic_strong` (deterministic:
seeded), with what real Strong files have: warm-ups, rest-timer rows, RPE, notes, loads in
pounds with float noise, and no unit in the header (so the unit is inferred, as in real use).

    .venv/bin/python bench/import.py [--rows 200000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds"
HEADER += ",Notes,Workout Notes,RPE"
LIFTS = (
    ("Squat (Barbell)", 225),
    ("Deadlift (Barbell)", 315),
    ("Bent Over Row (Barbell)", 135),
    ("Lat Pulldown (Cable)", 120),
    ("Romanian Deadlift (Barbell)", 185),
    ("Leg Press", 405),
    ("Pull Up", 0),
    ("Seated Leg Curl (Machine)", 90),
)


def synthetic_strong(path: Path, rows: int, seed: int = 2026) -> None:
    """Write a Strong S1 file of exactly `rows` data rows (see the module docstring)."""
    rng = random.Random(seed)
    written = 0
    day = datetime(2018, 1, 1, 18, 0, 0)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER.split(","))
        while written < rows:
            title = rng.choice(("Legs & Back A", "Legs & Back B", "Pull, Hinge"))
            start = day.strftime("%Y-%m-%d %H:%M:%S")
            duration = f"{rng.randint(0, 1)}h {rng.randint(0, 59)}m"
            notes = rng.choice(("", "", "Felt strong\nslept well"))
            for name, top in rng.sample(LIFTS, 5):
                warm = round(top * 0.6 / 5) * 5
                sets = [("W", warm)] + [(str(n), top) for n in range(1, rng.randint(3, 5))]
                for order, weight in sets:
                    load = f"{weight}.00000000000003" if rng.random() < 0.05 else str(weight)
                    rpe = rng.choice(("", "0", "7", "7.5", "8", "9"))
                    note = "paused reps" if rng.random() < 0.02 else ""
                    row = [start, title, duration, name, order, load, rng.randint(5, 10)]
                    writer.writerow([*row, "", "", note, notes, rpe])
                    written += 1
                    if written < rows and order != "W" and rng.random() < 0.4:
                        rest = rng.randint(60, 240)
                        timer = [start, title, duration, name, "Rest Timer", 0, 0, 0, rest]
                        writer.writerow([*timer, "", notes, ""])
                        written += 1
                    if written >= rows:
                        return
            day += timedelta(days=rng.choice((1, 2, 2, 3)))


def _record_book_clock() -> list[float] | None:
    """Time the record book's upkeep (`store/record_book.settle`, run as each transaction
    that wrote sets commits) so the figures say how much of an import it is; None when the
    store has no record book."""
    try:
        from redwood.store import record_book
    except ImportError:
        return None
    settle = getattr(record_book, "settle", None)
    if settle is None:
        return None
    spent: list[float] = []

    def timed(session: object) -> None:
        began = time.perf_counter()
        try:
            settle(session)
        finally:
            spent.append(time.perf_counter() - began)

    record_book.settle = timed
    return spent


def _child(url: str, file: str) -> None:
    """Import the file twice into `url` and print the figures of this process as JSON."""
    from redwood.services.database import ensure_schema
    from redwood.services.import_history import undo_import
    from redwood.services.imports import import_file

    ensure_schema(url)
    book = _record_book_clock()
    began, cpu = time.perf_counter(), time.process_time()
    first = import_file(file, app="strong", url=url)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    book_seconds = None if book is None else round(sum(book), 2)
    began = time.perf_counter()
    second = import_file(file, app="strong", url=url)
    again = time.perf_counter() - began
    began = time.perf_counter()
    undone = undo_import(first["import"], url=url)
    undo_seconds = time.perf_counter() - began
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    added = second["sessions"] + second["sets"] + second["bodyweights"]
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "record_book_seconds": book_seconds,
                "peak_mb": round(peak_kib / 1024, 1),
                "sessions": first["sessions"],
                "sets": first["sets"],
                "unit": first["unit"],
                "second_import_added": added,
                "second_import_seconds": round(again, 2),
                "undo_seconds": round(undo_seconds, 2),
                "undo_removed_sets": undone["sets"],
            }
        )
    )


def _run(url: str, file: Path, rows: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", url, str(file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    seconds = float(str(figures["seconds"]))
    figures["rows_per_second"] = round(rows / seconds) if seconds else None
    return figures


def _postgres(admin_url: str, file: Path, rows: int) -> dict[str, object]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"bench_import_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})
        return _run(url.render_as_string(hide_password=False), file, rows)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument(
        "--postgres", default=os.environ.get("REDWOOD_TEST_POSTGRES_URL", POSTGRES_URL)
    )
    parser.add_argument("--child", nargs=2, metavar=("URL", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "strong.csv"
        synthetic_strong(file, args.rows)
        result = {
            "bench": "import",
            "rows": args.rows,
            "file_mb": round(file.stat().st_size / 1e6, 1),
            "sqlite": _run(f"sqlite:///{Path(folder) / 'bench.db'}", file, args.rows),
            "postgresql": _postgres(args.postgres, file, args.rows),
            "load_average": round(os.getloadavg()[0], 2),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
