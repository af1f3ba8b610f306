"""Small programs built by hand for the validator tests, and the ways to vary them.

The base program is valid: a beginner hypertrophy athlete, Monday and Thursday, 60 minutes
at the gym, 4 weeks (3 build + deload). Its weekly volume sits inside the 6-10 band:
quads 6, hamstrings 6, glutes 7, back 6 (the domain's `weekly_group_volume`: per exercise a
group counts its best muscle's credit once, so lats + upper back are one back set).
`estimated_minutes` comes from the spec's time model written out here again, so the
validator's own time model is checked against an independent one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from math import ceil
from typing import Any

from redwood.catalog import Catalogue, load_catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.periodisation import block_lengths
from redwood.domain.profile import Profile, Weekday, make_profile
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
from redwood.domain.vocab import Measure, Region

CATALOGUE = load_catalogue()
MON, TUE, WED, THU, FRI = Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI


def ex(exercise_id: str, catalogue: Catalogue = CATALOGUE) -> Exercise:
    """The catalogue exercise (the test fails loudly on a typo)."""
    found = catalogue.get(exercise_id)
    assert found is not None, exercise_id
    return found


def rx(
    exercise: str, sets: int = 3, reps: tuple[int, int] = (8, 12), rir: int = 2, rest: int = 120
) -> Prescription:
    """One prescription."""
    return Prescription(exercise, sets, reps[0], reps[1], rir, rest)


def straight(
    exercise: str, sets: int = 3, reps: tuple[int, int] = (8, 12), rir: int = 2, rest: int = 120
) -> Block:
    """Straight sets of one exercise."""
    return Block(BlockType.STRAIGHT, (rx(exercise, sets, reps, rir, rest),))


def superset(*items: Prescription, gap: int | None = 30) -> Block:
    """Exercises alternated with `gap` seconds between them."""
    return Block(BlockType.SUPERSET, tuple(items), gap)


def _work(item: Prescription, catalogue: Catalogue) -> int:
    exercise = catalogue.get(item.exercise)
    if exercise is None:
        return 0
    if exercise.measure is Measure.REPS:
        work = ceil((item.reps_min + item.reps_max) / 2) * 4
    else:
        work = item.reps_max
    return work * 2 if exercise.unilateral else work


def _straight_seconds(item: Prescription, catalogue: Catalogue) -> int:
    n = item.sets
    return n * _work(item, catalogue) + (n - 1) * item.rest_seconds + 60 if n > 0 else 0


def spec_minutes(blocks: Sequence[Block], catalogue: Catalogue = CATALOGUE) -> int:
    """The spec's time model, written from notes/planner-design.md."""
    total = 300
    items = [item for block in blocks for item in block.exercises]
    loaded = {
        item.exercise
        for item in items
        if (e := catalogue.get(item.exercise)) and e.is_compound and e.spinal_load >= 2
    }
    total += 120 * len(loaded) + (120 if items and items[0].exercise not in loaded else 0)
    for block in blocks:
        if block.type is BlockType.STRAIGHT or len(block.exercises) < 2:
            total += sum(_straight_seconds(item, catalogue) for item in block.exercises)
            continue
        a, b, *extra = block.exercises
        wa, wb, gap = _work(a, catalogue), _work(b, catalogue), block.pair_rest_seconds or 0
        n = max(a.sets, b.sets)
        round_ = max(wa + a.rest_seconds, wb + b.rest_seconds, wa + gap + wb)
        total += (n - 1) * round_ + wa + gap + wb + 120
        total += sum(_straight_seconds(item, catalogue) for item in extra)
    return ceil(total / 60)


def session(
    weekday: Weekday,
    title: str,
    blocks: Sequence[Block],
    kind: SessionKind = SessionKind.BACK_LEGS,
    regions: tuple[Region, ...] = (Region.LEGS, Region.BACK),
    catalogue: Catalogue = CATALOGUE,
) -> PlannedSession:
    """A session with its minutes by the spec's time model."""
    return PlannedSession(
        weekday, title, kind, regions, spec_minutes(blocks, catalogue), tuple(blocks)
    )


A_BLOCKS = (
    straight("barbell-back-squat", 4, (8, 12), 2, 150),
    straight("lat-pulldown", 2, (8, 12), 2, 120),
    straight("lying-leg-curl", 3, (10, 15), 1, 90),
    straight("reverse-pec-deck", 2, (10, 15), 1, 90),
)
B_BLOCKS = (
    straight("barbell-romanian-deadlift", 3, (8, 12), 2, 150),
    straight("wide-grip-seated-cable-row", 2, (8, 12), 2, 120),
    superset(
        rx("leg-extension", 2, (10, 15), 1, 90),
        rx("bent-over-dumbbell-reverse-fly", 2, (10, 15), 1, 90),
    ),
)
PUSH_BLOCKS = (
    straight("dumbbell-bench-press", 3, (8, 12), 2, 120),
    straight("seated-dumbbell-shoulder-press", 3, (8, 12), 2, 120),
    straight("cable-rope-pushdown", 2, (10, 15), 1, 90),
)


def base_profile(**overrides: Any) -> Profile:
    """Beginner, hypertrophy, Monday and Thursday, 60 minutes at the gym, 4 weeks."""
    fields: dict[str, Any] = {
        "goal": "hypertrophy",
        "level": "beginner",
        "weekdays": ["mon", "thu"],
        "minutes": 60,
        "setting": "gym",
        "weeks": 4,
    }
    fields.update(overrides)
    return make_profile(**fields)


def typical_profile(**overrides: Any) -> Profile:
    """Intermediate, hypertrophy, 3 days of 60 minutes at the gym (the issue's example)."""
    fields: dict[str, Any] = {
        "goal": "hypertrophy",
        "level": "intermediate",
        "days": 3,
        "minutes": 60,
        "setting": "gym",
    }
    fields.update(overrides)
    return make_profile(**fields)


def deload_of(build: PlannedSession, catalogue: Catalogue = CATALOGUE) -> PlannedSession:
    """The build session at about half the sets (at least 1) and RIR +2 (at most 5)."""
    blocks = tuple(
        replace(
            block,
            exercises=tuple(
                replace(item, sets=max(1, (item.sets + 1) // 2), rir=min(item.rir + 2, 5))
                for item in block.exercises
            ),
        )
        for block in build.blocks
    )
    return replace(build, blocks=blocks, estimated_minutes=spec_minutes(blocks, catalogue))


def build_program(
    profile: Profile,
    sessions: Sequence[PlannedSession],
    *,
    blocks: Sequence[int] | None = None,
    warnings: Sequence[str] = (),
    rationale: Sequence[str] = (),
    catalogue: Catalogue = CATALOGUE,
) -> Program:
    """Build weeks of `sessions` with a deload closing each block (`blocks`: their lengths)."""
    weeks: list[Week] = []
    lengths = blocks or block_lengths(profile.weeks, profile.level)
    for number, length in enumerate(lengths, start=1):
        for i in range(length):
            deload = i == length - 1
            week_sessions = tuple(deload_of(s, catalogue) if deload else s for s in sessions)
            kind = WeekKind.DELOAD if deload else WeekKind.BUILD
            weeks.append(Week(len(weeks) + 1, number, kind, week_sessions))
    return Program(profile, tuple(weeks), tuple(warnings), tuple(rationale))


def program(
    a_blocks: Sequence[Block] = A_BLOCKS,
    b_blocks: Sequence[Block] = B_BLOCKS,
    days: tuple[Weekday, Weekday] = (MON, THU),
    *,
    warnings: Sequence[str] = (),
    rationale: Sequence[str] = (),
    catalogue: Catalogue = CATALOGUE,
    **profile: Any,
) -> Program:
    """The base program, with any part swapped: blocks, days, profile fields, notes."""
    profile.setdefault("weekdays", [str(d) for d in days])
    sessions = [
        session(days[0], "Back & Legs A", a_blocks, catalogue=catalogue),
        session(days[1], "Back & Legs B", b_blocks, catalogue=catalogue),
    ]
    return build_program(
        base_profile(**profile),
        sessions,
        warnings=warnings,
        rationale=rationale,
        catalogue=catalogue,
    )


def map_sessions(
    plan: Program,
    change: Callable[[PlannedSession], PlannedSession],
    weeks: Callable[[Week], bool] = lambda week: True,
) -> Program:
    """`plan` with `change` applied to every session of the weeks `weeks` selects."""
    return replace(
        plan,
        weeks=tuple(
            replace(w, sessions=tuple(change(s) for s in w.sessions)) if weeks(w) else w
            for w in plan.weeks
        ),
    )


def swap_block(
    blocks: Sequence[Block], index: int, block: Block | None = None
) -> tuple[Block, ...]:
    """`blocks` with block `index` replaced (or dropped when `block` is None)."""
    out = list(blocks)
    if block is None:
        del out[index]
    else:
        out[index] = block
    return tuple(out)


def with_prescription(
    plan: Program, title: str, block: int, weeks: Callable[[Week], bool], **fields: Any
) -> Program:
    """`plan` with the first prescription of one block of the titled session changed."""

    def change(s: PlannedSession) -> PlannedSession:
        if s.title != title:
            return s
        target = s.blocks[block]
        item = replace(target.exercises[0], **fields)
        blocks = swap_block(s.blocks, block, replace(target, exercises=(item,)))
        return replace(s, blocks=blocks, estimated_minutes=spec_minutes(blocks))

    return map_sessions(plan, change, weeks)
