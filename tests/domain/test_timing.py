"""The time model of notes/planner-design.md, checked against seconds worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from redwood.domain.exercise import Exercise
from redwood.domain.profile import Weekday
from redwood.domain.program import Block, BlockType, PlannedSession, Prescription, SessionKind
from redwood.domain.timing import (
    DEFAULT_PAIR_REST_SECONDS,
    GENERAL_WARMUP_SECONDS,
    RAMP_UP_SECONDS,
    SECONDS_PER_REP,
    STRAIGHT_TRANSITION_SECONDS,
    SUPERSET_MAX_GAP_SECONDS,
    SUPERSET_TRANSITION_SECONDS,
    block_seconds,
    estimated_minutes,
    session_seconds,
    set_work_seconds,
    straight_seconds,
    superset_seconds,
    warmup_seconds,
)
from redwood.domain.vocab import Measure, Mechanic, Muscle, Pattern, Region

from .conftest import build_exercise

SQUAT = build_exercise()  # compound, spinal load 3
ROW = build_exercise(
    id="barbell-bent-over-row",
    pattern=Pattern.HORIZONTAL_PULL,
    region=Region.BACK,
    primary=(Muscle.UPPER_BACK, Muscle.LATS),
    secondary=(Muscle.BICEPS,),
    spinal_load=2,
)
LEG_PRESS = build_exercise(id="leg-press", spinal_load=1)
CURL = build_exercise(
    id="lying-leg-curl",
    pattern=Pattern.KNEE_FLEXION,
    mechanic=Mechanic.ISOLATION,
    primary=(Muscle.HAMSTRINGS,),
    secondary=(),
    spinal_load=0,
)
LUNGE = build_exercise(id="dumbbell-lunge", pattern=Pattern.LUNGE, unilateral=True, spinal_load=1)
PLANK = build_exercise(
    id="plank", mechanic=Mechanic.ISOLATION, measure=Measure.SECONDS, spinal_load=0
)
CARRY = build_exercise(id="suitcase-carry", measure=Measure.METRES, unilateral=True, spinal_load=1)
EXERCISES = {ex.id: ex for ex in (SQUAT, ROW, LEG_PRESS, CURL, LUNGE, PLANK, CARRY)}


def lookup(exercise_id: str) -> Exercise:
    return EXERCISES[exercise_id]


def rx(exercise: str, sets: int, reps: tuple[int, int], rest: int) -> Prescription:
    return Prescription(exercise, sets, reps[0], reps[1], 2, rest)


def straight(exercise: str, sets: int, reps: tuple[int, int], rest: int) -> Block:
    return Block(BlockType.STRAIGHT, (rx(exercise, sets, reps, rest),))


def session(*blocks: Block) -> PlannedSession:
    return PlannedSession(
        weekday=Weekday.MON,
        title="Back & Legs A",
        kind=SessionKind.BACK_LEGS,
        regions=(Region.LEGS, Region.BACK),
        estimated_minutes=0,
        blocks=blocks,
    )


def test_constants_are_the_specs() -> None:
    assert SECONDS_PER_REP == 4
    assert STRAIGHT_TRANSITION_SECONDS == 60
    assert SUPERSET_TRANSITION_SECONDS == 120
    assert SUPERSET_MAX_GAP_SECONDS == 45
    assert DEFAULT_PAIR_REST_SECONDS <= SUPERSET_MAX_GAP_SECONDS
    assert (GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS) == (300, 120)


@pytest.mark.parametrize(
    ("exercise", "reps", "seconds"),
    [
        (SQUAT, (5, 8), 28),  # ceil(6.5) = 7 reps x 4 s
        (SQUAT, (8, 12), 40),  # 10 reps
        (CURL, (10, 15), 52),  # ceil(12.5) = 13 reps
        (SQUAT, (3, 3), 12),
        (LUNGE, (8, 12), 80),  # one side, then the other
        (PLANK, (20, 40), 40),  # seconds: reps_max
        (CARRY, (20, 40), 80),  # metres at a second each, both sides
    ],
    ids=["5-8", "8-12", "10-15", "3-3", "unilateral", "seconds", "metres-unilateral"],
)
def test_work_per_set(exercise: Exercise, reps: tuple[int, int], seconds: int) -> None:
    assert set_work_seconds(exercise, *reps) == seconds


@pytest.mark.parametrize(
    ("block", "seconds"),
    [
        # 3 x 28 + 2 x 180 + 60
        (straight("barbell-back-squat", 3, (5, 8), 180), 504),
        # 4 x 52 + 3 x 90 + 60
        (straight("lying-leg-curl", 4, (10, 15), 90), 538),
        # one set: no rest, 40 + 60
        (straight("barbell-back-squat", 1, (8, 12), 150), 100),
        # rest-bound round: max(40 + 90, 52 + 60, 40 + 30 + 52) = 130; 2 x 130 + 122 + 120
        (
            Block(
                BlockType.SUPERSET,
                (rx("leg-press", 3, (8, 12), 90), rx("lying-leg-curl", 3, (10, 15), 60)),
                30,
            ),
            502,
        ),
        # gap-bound round: max(40 + 30, 52 + 30, 40 + 45 + 52) = 137; 137 + 137 + 120
        (
            Block(
                BlockType.SUPERSET,
                (rx("leg-press", 2, (8, 12), 30), rx("lying-leg-curl", 2, (10, 15), 30)),
                45,
            ),
            394,
        ),
    ],
    ids=["straight", "straight-4", "one-set", "superset-rest-bound", "superset-gap-bound"],
)
def test_block_seconds(block: Block, seconds: int) -> None:
    assert block_seconds(block, lookup) == seconds


def test_straight_and_superset_helpers_agree_with_blocks() -> None:
    assert straight_seconds(3, 28, 180) == 504
    assert straight_seconds(0, 28, 180) == 0
    assert superset_seconds(3, 40, 90, 52, 60, 30) == 502
    assert superset_seconds(0, 40, 90, 52, 60, 30) == 0


@pytest.mark.parametrize(
    ("blocks", "seconds"),
    [
        # squat first (spine-loading compound, counted once) + row: 300 + 120 + 120
        ((("barbell-back-squat",), ("barbell-bent-over-row",), ("lying-leg-curl",)), 540),
        # leg press first (spinal load 1): first-exercise ramp-up, + row: 300 + 120 + 120
        ((("leg-press",), ("barbell-bent-over-row",)), 540),
        # isolation only: 300 + 120 for the first exercise
        ((("lying-leg-curl",), ("plank",)), 420),
        # the same lift twice is warmed up once
        ((("barbell-back-squat",), ("barbell-back-squat",)), 420),
        # a superset opening is still the first exercise
        ((("leg-press", "lying-leg-curl"),), 420),
        ((), 300),
    ],
    ids=["squat-row", "press-row", "isolation", "repeat", "superset-first", "empty"],
)
def test_warmup(blocks: tuple[tuple[str, ...], ...], seconds: int) -> None:
    built = []
    for ids in blocks:
        kind = BlockType.SUPERSET if len(ids) == 2 else BlockType.STRAIGHT
        gap = 30 if len(ids) == 2 else None
        built.append(Block(kind, tuple(rx(i, 2, (8, 12), 60) for i in ids), gap))
    assert warmup_seconds(session(*built), lookup) == seconds


@pytest.mark.parametrize(
    ("curl_rest", "seconds", "minutes"),
    [
        # warm-up 420 + squat 504 + curl 3 x 52 + 2 x 90 + 60 = 396: 1320 s, exactly 22 min
        (90, 1320, 22),
        # one more second of rest twice: 1322 s rounds up to 23 min
        (91, 1322, 23),
    ],
)
def test_session_seconds_and_minutes(curl_rest: int, seconds: int, minutes: int) -> None:
    planned = session(
        straight("barbell-back-squat", 3, (5, 8), 180),
        straight("lying-leg-curl", 3, (10, 15), curl_rest),
    )
    assert session_seconds(planned, lookup) == seconds
    assert estimated_minutes(planned, lookup) == minutes


def test_a_superset_saves_time_over_straight_sets() -> None:
    pair = Block(
        BlockType.SUPERSET,
        (rx("leg-press", 3, (8, 12), 120), rx("barbell-bent-over-row", 3, (8, 12), 120)),
        DEFAULT_PAIR_REST_SECONDS,
    )
    apart: list[Any] = [
        straight("leg-press", 3, (8, 12), 120),
        straight("barbell-bent-over-row", 3, (8, 12), 120),
    ]
    # straight: 2 x (3 x 40 + 2 x 120 + 60) = 840; pair: 2 x 160 + 110 + 120 = 550
    assert sum(block_seconds(b, lookup) for b in apart) == 840
    assert block_seconds(pair, lookup) == 550
