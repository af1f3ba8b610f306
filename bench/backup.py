"""Benchmark: `redwood db backup` and `redwood db restore` of 100,000 sets on both backends.

Prints ONE JSON line: for SQLite and PostgreSQL the seconds to back up a database holding
one athlete's 100,000 sets (in 5,000 sessions, with the shipped catalogue), the size of the
file, and the seconds to restore it into an empty database of the same kind (including the
upgrade to the newest schema and the catalogue sync), the rows moved, and the machine's load
average. `*_seconds` are wall-clock seconds, inflated by other load on the machine;
`*_cpu_seconds` are the CPU seconds of this process alone (on PostgreSQL the server's own
work is not in them).

The data is written before any clock starts, with the store's own models through SQLAlchemy
Core (deterministic: seeded). PostgreSQL gets two schemas of its own on the server, dropped
afterwards.

    .venv/bin/python bench/backup.py [--sets 100000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SETS_PER_SESSION = 20
LIFTS = ("barbell-back-squat", "barbell-front-squat", "barbell-box-squat", "barbell-pause-squat")


def fill(url: str, sets: int, seed: int = 2026) -> None:
    """The newest schema, the shipped catalogue, one athlete and `sets` sets."""
    from redwood.services.database import upgrade_database
    from redwood.store.engine import make_engine
    from redwood.store.models import AthleteRow, PerformedSessionRow, SetRow

    upgrade_database(url, quiet=True)
    rng = random.Random(seed)
    engine = make_engine(url)
    start = datetime(2020, 1, 6, 17, 30, tzinfo=UTC)
    try:
        with engine.begin() as connection:
            connection.execute(
                AthleteRow.__table__.insert(), {"id": 1, "name": "Bench", "is_local": True}
            )
            for first in range(0, sets, SETS_PER_SESSION * 250):
                sessions, rows = [], []
                for index in range(first, min(sets, first + SETS_PER_SESSION * 250)):
                    number = index // SETS_PER_SESSION
                    session_id = uuid.UUID(int=rng.getrandbits(128), version=4)
                    if index % SETS_PER_SESSION == 0:
                        day = start + timedelta(days=number)
                        current = session_id
                        sessions.append(
                            {
                                "id": current,
                                "athlete_id": 1,
                                "local_date": date.fromordinal(day.toordinal()),
                                "started_at": day,
                                "title": "Legs & back",
                            }
                        )
                    rows.append(
                        {
                            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                            "session_id": current,
                            "athlete_id": 1,
                            "exercise_id": LIFTS[index % len(LIFTS)],
                            "position": index % SETS_PER_SESSION,
                            "set_type": "working",
                            "reps": rng.randint(3, 10),
                            "load_kg": Decimal(rng.randint(80, 400)) / 2,
                            "rpe": Decimal(rng.choice((70, 75, 80, 85, 90))) / 10,
                            "performed_at": start + timedelta(days=number, seconds=index),
                        }
                    )
                connection.execute(PerformedSessionRow.__table__.insert(), sessions)
                connection.execute(SetRow.__table__.insert(), rows)
    finally:
        engine.dispose()


def measure(source: str, target: str, workdir: Path, sets: int) -> dict[str, object]:
    """Fill `source`, back it up, restore the file into `target`: the figures."""
    from redwood.services.backups import back_up_database, restore_database

    fill(source, sets)
    file = workdir / f"{secrets.token_hex(4)}.rwbak"
    cpu = time.process_time()
    backed = back_up_database(file, source)
    backup_cpu = time.process_time() - cpu
    cpu = time.process_time()
    restored = restore_database(file, target)
    restore_cpu = time.process_time() - cpu
    return {
        "backup_seconds": backed.seconds,
        "backup_cpu_seconds": round(backup_cpu, 2),
        "restore_seconds": restored.seconds,
        "restore_cpu_seconds": round(restore_cpu, 2),
        "file_mb": round(file.stat().st_size / 1e6, 2),
        "rows": restored.rows,
        "sets": dict(restored.tables)["sets"],
    }


@contextmanager
def postgres_schemas(admin_url: str, count: int) -> Iterator[list[str]]:
    """`count` schemas of this run's own on the server: their URLs; dropped afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from redwood.store.engine import parse_url

    admin = create_engine(parse_url(admin_url), isolation_level="AUTOCOMMIT")
    names = [f"rw_bench_backup_{secrets.token_hex(4)}" for _ in range(count)]
    try:
        with admin.connect() as connection:
            for name in names:
                connection.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        yield [
            make_url(admin_url)
            .update_query_dict({"options": f"-csearch_path={name}"})
            .render_as_string(hide_password=False)
            for name in names
        ]
    finally:
        from redwood.services.database import dispose_engines

        dispose_engines()
        with admin.connect() as connection:
            for name in names:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument(
        "--postgres", default=os.environ.get("REDWOOD_TEST_POSTGRES_URL", POSTGRES_URL)
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rw-bench-backup-") as temporary:
        workdir = Path(temporary)
        figures: dict[str, object] = {"sets": args.sets}
        figures["sqlite"] = measure(
            f"sqlite:///{workdir / 'source.db'}",
            f"sqlite:///{workdir / 'target.db'}",
            workdir,
            args.sets,
        )
        with postgres_schemas(args.postgres, 2) as (source, target):
            figures["postgresql"] = measure(source, target, workdir, args.sets)
    figures["load_average"] = [round(value, 2) for value in os.getloadavg()]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
