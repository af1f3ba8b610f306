"""Small hand-made programs for the coach tests (no solver: the schedule is about dates)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from redwood.domain.profile import Weekday, make_profile
from redwood.domain.program import (
    Block,
    BlockType,
    PlannedSession,
    Prescription,
    Program,
    SessionKind,
    Week,
    WeekKind,
)
from redwood.domain.vocab import Region

KINDS = {
    "BL": (SessionKind.BACK_LEGS, (Region.LEGS, Region.BACK), "Back & Legs"),
    "PU": (SessionKind.PUSH_UPPER, (Region.PUSH, Region.ARMS, Region.CORE), "Push & Upper"),
}


def session(
    day: str,
    kind: str = "BL",
    label: str = "A",
    exercises: Sequence[tuple[str, int, int, int, int]] = (("barbell-back-squat", 3, 5, 8, 2),),
) -> PlannedSession:
    """A session on `day` with straight blocks of (exercise, sets, reps_min, reps_max, rir)."""
    session_kind, regions, title = KINDS[kind]
    blocks = tuple(
        Block(BlockType.STRAIGHT, (Prescription(ex, sets, lo, hi, rir, 150, role="main"),))
        for ex, sets, lo, hi, rir in exercises
    )
    return PlannedSession(Weekday(day), f"{title} {label}", session_kind, regions, 55, blocks)


def program(week_days: Iterable[Sequence[PlannedSession]], deloads: Iterable[int] = ()) -> Program:
    """A program whose week n (1-based) holds the n-th list of sessions."""
    dl = set(deloads)
    weeks = tuple(
        Week(i, 1, WeekKind.DELOAD if i in dl else WeekKind.BUILD, tuple(sessions))
        for i, sessions in enumerate(week_days, start=1)
    )
    profile = make_profile(
        goal="hypertrophy", level="intermediate", weekdays=["mon", "thu"], minutes=60
    )
    return Program(profile, weeks)


def mon_thu(weeks: int = 2) -> Program:
    """The seed's shape: back & legs Monday and Thursday."""
    return program([[session("mon", label="A"), session("thu", label="B")]] * weeks)
