"""Foundations benchmark: CLI start-up, catalogue load, plate search, a fresh SQLite migration.

Prints one JSON line of figures (seconds unless the key says otherwise). Run it with
`.venv/bin/python bench/foundations.py`; it writes only to a temporary directory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def _timed_runs(command: list[str], runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    from redwood.catalog.loader import catalogue_sources, parse_catalogue
    from redwood.domain.mass import Mass
    from redwood.domain.plates import PlateSet, plates_per_side
    from redwood.services.database import dispose_engines, upgrade_database

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_DATA_HOME=tmp, REDWOOD_DATABASE_URL=f"sqlite:///{tmp}/b.db")
        cli = [sys.executable, "-m", "redwood"]
        help_times = _timed_runs([*cli, "--help"], 5, env)
        e1rm_times = _timed_runs([*cli, "calc", "e1rm", "100kg", "5", "-f", "json"], 5, env)

        sources = catalogue_sources()
        load_times = []
        for _ in range(20):
            start = time.perf_counter()
            catalogue = parse_catalogue(sources)
            load_times.append(time.perf_counter() - start)

        plate_set = PlateSet.standard()
        start = time.perf_counter()
        targets = [Mass(Decimal(20) + Decimal("1.25") * i) for i in range(0, 400)]
        for target in targets:
            plates_per_side(target, plate_set)
        plates_each = (time.perf_counter() - start) / len(targets)

        start = time.perf_counter()
        upgrade_database(f"sqlite:///{Path(tmp) / 'fresh.db'}", quiet=True)
        migrate_seconds = time.perf_counter() - start
        dispose_engines()

    print(
        json.dumps(
            {
                "bench": "foundations",
                "exercises": len(catalogue),
                "cli_help_p50": round(statistics.median(help_times), 3),
                "cli_e1rm_p50": round(statistics.median(e1rm_times), 3),
                "catalogue_parse_p50": round(statistics.median(load_times), 4),
                "plates_per_side_mean_ms": round(plates_each * 1000, 3),
                "fresh_sqlite_migrate_and_sync": round(migrate_seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
