"""A hand-built program (domain dataclasses) for tests of files, services and the CLI.

It follows the contract, not necessarily every training rule: tests of the rules use the
generator's output.
"""

from __future__ import annotations

from redwood.domain.profile import Weekday, make_profile
from redwood.domain.program import (
    Block,
    BlockType,
    PlannedSession,
    Prescription,
    Program,
    SessionKind,
    Week,
    WeekFocus,
    WeekKind,
)
from redwood.domain.vocab import Region


def _straight(exercise: str, sets: int, reps: tuple[int, int], rir: int, rest: int) -> Block:
    item = Prescription(exercise, sets, reps[0], reps[1], rir, rest, role="main")
    return Block(BlockType.STRAIGHT, (item,))


def _session(day: Weekday, title: str, sets: int, rir: int) -> PlannedSession:
    pair = (
        Prescription("lying-leg-curl", sets, 10, 15, rir, 60),
        Prescription("cable-face-pull", sets, 12, 15, rir, 60),
    )
    return PlannedSession(
        weekday=day,
        title=title,
        kind=SessionKind.BACK_LEGS,
        regions=(Region.LEGS, Region.BACK),
        estimated_minutes=48,
        blocks=(
            _straight("barbell-back-squat", sets, (5, 8), rir, 180),
            _straight("lat-pulldown", sets, (8, 12), rir, 120),
            Block(BlockType.SUPERSET, pair, pair_rest_seconds=30),
        ),
    )


def sample_program(weeks: int = 4) -> Program:
    """Two back-and-legs sessions a week for `weeks` weeks, the last a deload."""
    profile = make_profile(
        goal="hypertrophy", level="intermediate", days=2, minutes=60, setting="gym", weeks=weeks
    )
    out = []
    for index in range(1, weeks + 1):
        deload = index == weeks
        sets, rir = (2, 4) if deload else (3, 2)
        out.append(
            Week(
                index=index,
                block=1,
                kind=WeekKind.DELOAD if deload else WeekKind.BUILD,
                focus=WeekFocus.HYPERTROPHY,
                sessions=(
                    _session(Weekday.MON, "Back & Legs A", sets, rir),
                    _session(Weekday.THU, "Back & Legs B", sets, rir),
                ),
            )
        )
    return Program(
        profile=profile,
        weeks=tuple(out),
        warnings=("quads: 8 sets a week, below the 10 the band asks: a test warning",),
        rationale=("2 days: two back-and-legs sessions (A/B), Monday and Thursday",),
        seed=7,
    )
