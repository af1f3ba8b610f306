"""The time model of notes/planner-design.md, reimplemented from its text (rule 4)."""

from __future__ import annotations

from typing import Any

from redwood.domain.exercise import Exercise
from redwood.domain.vocab import Measure, Mechanic

WARMUP_BASE = 300
WARMUP_PER_LOADED_COMPOUND = 120
WARMUP_FIRST_EXERCISE = 120
STRAIGHT_CHANGEOVER = 60
SUPERSET_CHANGEOVER = 120


def work_seconds(exercise: Exercise, reps_min: int, reps_max: int) -> int:
    """Seconds of work in one set: 4 s a rep at the range's rounded-up middle, or the time."""
    reps = exercise.measure is Measure.REPS
    work = -(-(reps_min + reps_max) // 2) * 4 if reps else reps_max
    return work * 2 if exercise.unilateral else work


def _work(item: dict[str, Any], lookup: dict[str, Exercise]) -> int:
    return work_seconds(lookup[item["exercise"]], item["reps_min"], item["reps_max"])


def block_seconds(block: dict[str, Any], lookup: dict[str, Exercise]) -> int:
    """A straight block: n*w + (n-1)*r + 60; a superset: (n-1)*round + wA + g + wB + 120."""
    items = block["exercises"]
    if block["type"] == "straight":
        item = items[0]
        sets, rest = item["sets"], item["rest_seconds"]
        return sets * _work(item, lookup) + (sets - 1) * rest + STRAIGHT_CHANGEOVER
    first, second = items[0], items[1]
    sets = first["sets"]
    pair_gap = block["pair_rest_seconds"]
    w_a, w_b = _work(first, lookup), _work(second, lookup)
    round_seconds = max(
        w_a + first["rest_seconds"], w_b + second["rest_seconds"], w_a + pair_gap + w_b
    )
    return (sets - 1) * round_seconds + w_a + pair_gap + w_b + SUPERSET_CHANGEOVER


def _loaded_compound(exercise: Exercise) -> bool:
    return exercise.mechanic is Mechanic.COMPOUND and exercise.spinal_load >= 2


def warmup_seconds(session: dict[str, Any], lookup: dict[str, Exercise]) -> int:
    """300 s, +120 s per spine-loaded compound, +120 s for the first move if not counted."""
    ids = [item["exercise"] for block in session["blocks"] for item in block["exercises"]]
    loaded = {ex_id for ex_id in ids if _loaded_compound(lookup[ex_id])}
    seconds = WARMUP_BASE + WARMUP_PER_LOADED_COMPOUND * len(loaded)
    if ids and ids[0] not in loaded:
        seconds += WARMUP_FIRST_EXERCISE
    return seconds


def session_seconds(session: dict[str, Any], lookup: dict[str, Exercise]) -> int:
    return warmup_seconds(session, lookup) + sum(
        block_seconds(block, lookup) for block in session["blocks"]
    )


def estimated_minutes(session: dict[str, Any], lookup: dict[str, Exercise]) -> int:
    """ceil(session seconds / 60)."""
    return -(-session_seconds(session, lookup) // 60)
