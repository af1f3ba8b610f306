"""Analytics benchmark (issue 7, "Measure"): progress, the review and the chart data of a
ten-year log, on SQLite and on PostgreSQL.

Loads one athlete with 100,000 sets (ten years of four sessions a week: two session plans,
eight exercises each, warm-ups before the heavy lifts, loads that rise in four-week waves
with a deload week, bodyweight pull-ups), weekly bodyweights, check-ins and an active
program, through the store's batch writes (which keep the record book of migration 0008
as they go, so the load time includes it), into a SQLite file and into a PostgreSQL schema
of its own (dropped at the end, whatever happens). Then it times, warm, the median of
several calls of each use case: `progress` (its default 12 weeks, and 52), `review` (4
weeks, as data), the e1RM chart's data over the whole log for the squat, the volume
chart's data (quads, 12 weeks), and the two SVGs: wall-clock milliseconds, and this
process's CPU milliseconds beside them (SQLite's work included, PostgreSQL's not), with the
machine's load average, since other work on the machine stretches the wall clock. Prints
one JSON line; the aim is each default under 200 ms.
Run it from the repo root: `.venv/bin/python bench/analytics.py`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TOTAL_SETS = 100_000
WEEKS = 520
WEEKDAYS = (0, 1, 3, 4)
RUNS = 7
AIM_MS = 200
PLANS = (
    (
        "barbell-back-squat",
        "barbell-romanian-deadlift",
        "leg-press",
        "lying-leg-curl",
        "barbell-bent-over-row",
        "lat-pulldown",
        "standing-calf-raise-machine",
        "pull-up",
    ),
    (
        "conventional-deadlift",
        "barbell-front-squat",
        "barbell-bulgarian-split-squat",
        "leg-extension",
        "chin-up",
        "seated-cable-row",
        "barbell-shrug",
        "cable-face-pull",
    ),
)
"""The two session plans, alternating (ids from the catalogue)."""
START_E1RM = Decimal(60)
PEAK_E1RM = Decimal(200)
RPE_STEPS = (Decimal(7), Decimal("7.5"), Decimal(8), Decimal("8.5"), Decimal(9))
REPS_BY_WEEK = (8, 6, 5, 8)
RTS = {5: Decimal("86.3"), 6: Decimal("83.7"), 7: Decimal("81.1"), 8: Decimal("78.6")}
RTS |= {9: Decimal("76.2"), 10: Decimal("73.9"), 11: Decimal("70.7"), 12: Decimal("68.0")}
"""%1RM at reps + RIR (TRAINING.md 3), to make plausible loads; the app computes its own."""


def _round(kg: Decimal, step: Decimal = Decimal("2.5")) -> Decimal:
    return (kg / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _strength(lift: int, week: int) -> Decimal:
    """A lift's e1RM in a week: a saturating curve, each lift its own share of the peak."""
    share = Decimal(1) - Decimal(lift % 8) / 20
    growth = Decimal(1 - math.exp(-week / 150))
    return (START_E1RM + (PEAK_E1RM - START_E1RM) * growth) * share


def _sets_of(lift: int, exercise: str, week: int, rng: Any) -> list[tuple[str, int, Any, Any]]:
    """(set type, reps, load kg or None, RPE) for one exercise in one session."""
    reps = REPS_BY_WEEK[week % 4]
    rpe = RPE_STEPS[rng.randrange(len(RPE_STEPS))]
    if exercise in {"pull-up", "chin-up"}:
        top = 6 + min(8, week // 40)
        return [("working", max(1, top - n), None, rpe) for n in range(6)]
    e1rm = _strength(lift, week) * (Decimal("0.85") if week % 4 == 3 else 1)
    rir = 10 - rpe
    load = _round(e1rm * RTS[min(12, reps + int(rir))] / 100)
    warmups = [("warmup", 8, _round(load / 2), None), ("warmup", 3, _round(load * 7 / 10), None)]
    work = [("working", reps, load, rpe) for _ in range(4)]
    return warmups + work


def seed(url: str, end: date, total: int = TOTAL_SETS) -> dict[str, Any]:
    """Load the athlete (the local one of `url`) with `total` sets over WEEKS weeks."""
    import random

    from redwood.domain.logbook import PerformedSession, SetEntry
    from redwood.domain.vocab import SetType
    from redwood.services import planning
    from redwood.services.athletes import local_athlete
    from redwood.services.database import unit_of_work, upgrade_database
    from redwood.store import Bodyweights, Checkins, Logbook
    from redwood.store.batches import BatchSet

    upgrade_database(url, quiet=True)
    rng = random.Random(7)
    first_monday = end - timedelta(days=end.weekday()) - timedelta(weeks=WEEKS - 1)
    days = [first_monday + timedelta(weeks=w, days=d) for w in range(WEEKS) for d in WEEKDAYS]
    days = [day for day in days if day <= end]
    extra = total - 48 * len(days)
    made = 0
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        athlete_id = athlete.id
    for chunk in range(0, len(days), 200):
        sessions, sets = [], []
        for index, day in enumerate(days[chunk : chunk + 200], chunk):
            week = (day - first_monday).days // 7
            start = datetime.combine(day, clock(17), tzinfo=UTC)
            performed = PerformedSession(uuid.uuid4(), day, "Back & Legs", "bench", start)
            sessions.append(performed)
            rows = []
            for lift, exercise in enumerate(PLANS[index % 2]):
                rows.extend((exercise, *s) for s in _sets_of(lift + index % 2, exercise, week, rng))
            if index < extra:
                rows.append(rows[-1])
            for position, (exercise, kind, reps, load, rpe) in enumerate(rows):
                at = start + timedelta(seconds=150 * position)
                entry = SetEntry(
                    uuid.uuid4(), exercise, at, SetType(kind), reps=reps, load_kg=load, rpe=rpe
                )
                sets.append(BatchSet(performed.id, position, entry))
        with unit_of_work(url) as session:
            batches = Logbook(session, athlete_id).batches()
            batches.add_sessions(sessions)
            made += batches.add_sets(sets, [s.id for s in sessions])
    with unit_of_work(url) as session:
        weights = Bodyweights(session, athlete_id)
        checkins = Checkins(session, athlete_id)
        for week in range(WEEKS):
            monday = first_monday + timedelta(weeks=week)
            weights.add(monday, Decimal(75) + Decimal(week) / 52)
            if week >= WEEKS - 52:
                checkins.add(monday, sleep_hours=Decimal(7), soreness=2 + week % 3, energy=3)
    options = planning.PlanOptions(
        goal="hypertrophy",
        level="intermediate",
        weekdays="mon,tue,thu,fri",
        minutes=75,
        setting="gym",
        weeks=8,
    )
    program = planning.save_program(planning.plan(options), url=url)
    planning.activate_program(program, starts_on=days[-1] - timedelta(weeks=5), url=url)
    with unit_of_work(url) as session:
        session.connection().exec_driver_sql("ANALYZE")
    return {"sets": made, "sessions": len(days)}


def _median_ms(call: Callable[[], Any], runs: int = RUNS) -> tuple[float, float]:
    """(median wall-clock ms, median ms of this process's CPU) of `runs` warm calls; the
    CPU figure holds SQLite's work (it runs in this process) but not PostgreSQL's."""
    call()
    walls, cpus = [], []
    for _ in range(runs):
        began, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    return round(statistics.median(walls) * 1000, 1), round(statistics.median(cpus) * 1000, 1)


def measure(url: str, end: date) -> dict[str, float]:
    """Median milliseconds of each use case on a loaded database (and of CPU here)."""
    from redwood.services import progress, review

    squat = PLANS[0][0]
    calls: dict[str, Callable[[], Any]] = {
        "progress": lambda: progress.progress(end=end, url=url),
        "progress_52_weeks": lambda: progress.progress(52, end=end, url=url),
        "review": lambda: review.review(end=end, url=url),
        "chart_e1rm_data": lambda: progress.e1rm_series(squat, end=end, url=url),
        "chart_volume_data": lambda: progress.volume_series("quads", end=end, url=url),
        "chart_e1rm_svg": lambda: progress.e1rm_chart(squat, end=end, url=url),
        "chart_volume_svg": lambda: progress.volume_chart("quads", end=end, url=url),
    }
    figures: dict[str, float] = {}
    for name, call in calls.items():
        figures[f"{name}_ms"], figures[f"{name}_cpu_ms"] = _median_ms(call)
    return figures


def _postgres(admin_url: str) -> tuple[str, Callable[[], None]]:
    """A schema of its own on the server: its URL, and how to drop it."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"rw_bench_analytics_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})

    def drop() -> None:
        from redwood.services.database import dispose_engines

        dispose_engines()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()

    return url.render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--sets", type=int, default=TOTAL_SETS)
    parser.add_argument("--keep", type=Path, help="Keep the SQLite file in this folder.")
    args = parser.parse_args()
    end = date.today() - timedelta(days=1)
    figures: dict[str, Any] = {"sets": args.sets, "weeks": WEEKS, "aim_ms": AIM_MS}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        sqlite_url = f"sqlite:///{folder / 'analytics-bench.db'}"
        began = time.perf_counter()
        figures["sqlite_loaded"] = seed(sqlite_url, end, args.sets)
        figures["sqlite_load_s"] = round(time.perf_counter() - began, 1)
        figures["sqlite"] = measure(sqlite_url, end)
        pg_url, drop = _postgres(args.postgres_url)
        try:
            began = time.perf_counter()
            figures["postgresql_loaded"] = seed(pg_url, end, args.sets)
            figures["postgresql_load_s"] = round(time.perf_counter() - began, 1)
            figures["postgresql"] = measure(pg_url, end)
        finally:
            drop()
    timed = [
        value
        for key in ("sqlite", "postgresql")
        for name, value in figures[key].items()
        if not name.endswith("_cpu_ms") and not name.startswith("progress_52")
    ]
    figures["all_under_aim"] = all(value < AIM_MS for value in timed)
    figures["load_average"] = [round(n, 1) for n in os.getloadavg()]
    sys.stdout.write(json.dumps(figures) + "\n")


if __name__ == "__main__":
    main()
