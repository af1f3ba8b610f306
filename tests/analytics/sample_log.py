"""A small log whose analytics were worked out by hand, shared by the store, service, CLI
and API tests of progress, the review, charts and backtests.

A kg athlete in UTC, 80 kg bodyweight, a 4-week program (Mon, Thu, Sat; the squat its
main lift; week 4 a deload) starting 2026-01-05, and these sessions (warm-ups never count):

| day | squat (Barbell Back Squat) | other |
|---|---|---|
| Mon 01-05 | warm-up 60x5; 100 kg 5,5,5 @8 | pull-up bw 8,8 |
| Thu 01-08 | 105 kg 5,5,4 @9 | Romanian deadlift 80 kg 8,8 rir2 |
| Mon 01-12 | 110 kg 3,3 @8 | pull-up bw 10,9 |
| Wed 01-14 | | pull-up bw 6 (off the plan) |
| Thu 01-15 | 100 kg 8 (no effort logged) | |

Squat e1RM, best set of each session (TRAINING.md 3: RTS chart at reps + RIR, else
Epley): 01-05 100 / 0.811 (5 + 2 = 7 reps) = 123.305; 01-08 105 / 0.837 (5 + 1) =
125.448; 01-12 110 / 0.863 (3 + 2) = 127.462; 01-15 100 x (1 + 8/30) = 126.667.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from redwood.services import logbook, planning, readings

TODAY = date(2026, 1, 16)
END = date(2026, 1, 15)
START = date(2026, 1, 5)
SQUAT = "barbell-back-squat"
LINES = (
    "2026-01-05 barbell-back-squat 60kg 5 w",
    "2026-01-05 barbell-back-squat 100kg 5,5,5 @8",
    "2026-01-05 pull-up bw 8,8",
    "2026-01-08 barbell-back-squat 105kg 5,5,4 @9",
    "2026-01-08 barbell-romanian-deadlift 80kg 8,8 rir2",
    "2026-01-12 barbell-back-squat 110kg 3,3 @8",
    "2026-01-12 pull-up bw 10,9",
    "2026-01-14 pull-up bw 6",
    "2026-01-15 barbell-back-squat 100kg 8",
)
E1RM = {
    "2026-01-05": 123.305,
    "2026-01-08": 125.448,
    "2026-01-12": 127.462,
    "2026-01-15": 126.667,
}
"""The squat's e1RM per session, kg to the gram (worked out in the module docstring)."""


def _exercise(name: str, role: str = "accessory") -> dict[str, Any]:
    return {
        "exercise": name, "sets": 3, "reps_min": 3, "reps_max": 6, "rir": 2,
        "rest_seconds": 180, "role": role,
    }  # fmt: skip


def _session(weekday: str) -> dict[str, Any]:
    return {
        "weekday": weekday,
        "title": f"Back & Legs {weekday}",
        "regions": ["legs", "back"],
        "estimated_minutes": 45,
        "blocks": [
            {"type": "straight", "exercises": [_exercise(SQUAT, "main")]},
            {"type": "straight", "exercises": [_exercise("pull-up")]},
        ],
    }


PROGRAM: dict[str, Any] = {
    "schema": "redwood.program/1",
    "profile": {
        "goal": "hypertrophy",
        "level": "intermediate",
        "days_per_week": 3,
        "weekdays": ["mon", "thu", "sat"],
        "session_minutes": 45,
        "setting": "gym",
        "weeks": 4,
    },
    "weeks": [
        {
            "index": i,
            "block": 1,
            "kind": kind,
            "sessions": [_session(d) for d in ("mon", "thu", "sat")],
        }
        for i, kind in ((1, "build"), (2, "build"), (3, "build"), (4, "deload"))
    ],
}


def load(url: str | None, lines: tuple[str, ...] = LINES, *, program: bool = True) -> None:
    """Log the sample (and the program, the bodyweight and two check-ins) into `url` (None:
    the configured database, as the CLI tests use)."""
    readings.add_bodyweight("80kg", date(2026, 1, 1), today=TODAY, url=url)
    if program:
        made = planning.save_document(
            PROGRAM, name="Sample", profile=PROGRAM["profile"], seed=0, activate=False, url=url
        )
        planning.activate_program(made, url=url, starts_on=START)
    for line in lines:
        logbook.add_line(line, today=TODAY, url=url)
    readings.add_checkin(date(2026, 1, 8), today=TODAY, sleep_hours=Decimal(5), soreness=2, url=url)
    readings.add_checkin(date(2026, 1, 12), today=TODAY, sleep_hours=Decimal(8), energy=4, url=url)
