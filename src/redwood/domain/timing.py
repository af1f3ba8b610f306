"""How long a session takes: the exact time model of the planner spec (notes/planner-design.md).

The generator shows the result as `estimated_minutes`, the validator and the independent
checker recompute it, so every number here is a named constant and every rule one line:

- **Work per set.** A rep takes `SECONDS_PER_REP` = 4 s (a controlled tempo of about 2 s
  down and 2 s up [practitioner]) and a set is planned at the middle of its rep range,
  rounded up: `ceil((reps_min + reps_max) / 2) * 4` s. Sets measured in `seconds` (holds)
  or `metres` (carries, sleds, sprints) last `reps_max` s: a hold is its time, and a
  metre is taken at about a second, a loaded walking pace. A `unilateral` move is done
  once per side, so its work doubles.
- **Straight sets.** `n` sets with work `w` and rest `r`: `n*w + (n-1)*r` plus
  `STRAIGHT_TRANSITION_SECONDS` = 60 s to move to the station, load it and take the
  first position [practitioner].
- **Supersets.** A and B are alternated with at most `SUPERSET_MAX_GAP_SECONDS` = 45 s
  between the two moves (TRAINING.md 5), and *each move keeps its own rest* before its
  next set, so a round lasts `max(wA + rA, wB + rB, wA + g + wB)` for the gap `g`; the
  last round has no trailing rest: `(n-1)*round + wA + g + wB`, plus
  `SUPERSET_TRANSITION_SECONDS` = 120 s (two stations to set up). The saving is real:
  paired sets do the same work in less time (Robbins et al. 2010, JSCR; Weakley et
  al. 2017, EJAP), at the cost of more fatigue at 24 h.
- **Warm-up.** `GENERAL_WARMUP_SECONDS` = 300 s of general warm-up, plus
  `RAMP_UP_SECONDS` = 120 s of ramp-up sets for every compound with `spinal_load >= 2`
  (the lifts that load the spine heavily need lighter sets first), plus 120 s for the
  session's first exercise when it is not already counted [practitioner].
- `session_seconds = warm-up + sum(blocks)`; `estimated_minutes = ceil(session_seconds / 60)`.

`lookup` turns an exercise id into its `Exercise` (usually `catalogue.get` made strict).
"""

from __future__ import annotations

from collections.abc import Callable

from redwood.domain.exercise import Exercise
from redwood.domain.program import Block, BlockType, PlannedSession
from redwood.domain.vocab import Measure

SECONDS_PER_REP = 4
"""Tempo: about 2 s down and 2 s up per rep [practitioner]."""
STRAIGHT_TRANSITION_SECONDS = 60
"""Moving to one station, loading it and getting set [practitioner]."""
SUPERSET_TRANSITION_SECONDS = 120
"""Setting up the two stations of a superset [practitioner]."""
SUPERSET_MAX_GAP_SECONDS = 45
"""Most time between the two moves of a pair (TRAINING.md 5: under 45 s)."""
DEFAULT_PAIR_REST_SECONDS = 30
"""The gap the generator plans between the two moves of a pair (DESIGN.md example)."""
GENERAL_WARMUP_SECONDS = 300
"""General warm-up before any session [practitioner]."""
RAMP_UP_SECONDS = 120
"""Ramp-up sets for a spine-loading compound, or for the first exercise [practitioner]."""
RAMP_UP_MIN_SPINAL_LOAD = 2
"""Compounds from this spinal load up get their own ramp-up sets."""

Lookup = Callable[[str], Exercise]


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def set_work_seconds(ex: Exercise, reps_min: int, reps_max: int) -> int:
    """Seconds of work in one set of `ex` prescribed at `reps_min`-`reps_max`.

    Reps: the middle of the range, rounded up, at 4 s a rep. Seconds and metres:
    `reps_max` seconds. Doubled for a unilateral move (one side, then the other).
    """
    if ex.measure is Measure.REPS:
        work = _ceil_div(reps_min + reps_max, 2) * SECONDS_PER_REP
    else:
        work = reps_max
    return work * 2 if ex.unilateral else work


def straight_seconds(sets: int, work: int, rest: int) -> int:
    """Seconds for `sets` straight sets of `work` seconds with `rest` between them."""
    if sets <= 0:
        return 0
    return sets * work + (sets - 1) * rest + STRAIGHT_TRANSITION_SECONDS


def superset_seconds(
    sets: int, work_a: int, rest_a: int, work_b: int, rest_b: int, gap: int
) -> int:
    """Seconds for `sets` rounds of A then B with `gap` between them, each keeping its rest."""
    if sets <= 0:
        return 0
    round_seconds = max(work_a + rest_a, work_b + rest_b, work_a + gap + work_b)
    last = work_a + gap + work_b
    return (sets - 1) * round_seconds + last + SUPERSET_TRANSITION_SECONDS


def block_seconds(block: Block, lookup: Lookup) -> int:
    """Seconds a block takes: straight sets, or a superset of two exercises.

    A superset's rounds are counted at the larger of its two set counts (the rules ask
    for equal sets, so they normally agree); a missing `pair_rest_seconds` counts as 0.
    """
    items = block.exercises
    if block.type is BlockType.STRAIGHT or len(items) < 2:
        return sum(
            straight_seconds(
                p.sets, set_work_seconds(lookup(p.exercise), p.reps_min, p.reps_max), p.rest_seconds
            )
            for p in items
        )
    a, b = items[0], items[1]
    total = superset_seconds(
        max(a.sets, b.sets),
        set_work_seconds(lookup(a.exercise), a.reps_min, a.reps_max),
        a.rest_seconds,
        set_work_seconds(lookup(b.exercise), b.reps_min, b.reps_max),
        b.rest_seconds,
        block.pair_rest_seconds or 0,
    )
    for extra in items[2:]:
        ex = lookup(extra.exercise)
        work = set_work_seconds(ex, extra.reps_min, extra.reps_max)
        total += straight_seconds(extra.sets, work, extra.rest_seconds)
    return total


def needs_ramp_up(ex: Exercise) -> bool:
    """A compound with spinal load 2 or more gets its own ramp-up sets."""
    return ex.is_compound and ex.spinal_load >= RAMP_UP_MIN_SPINAL_LOAD


def warmup_seconds(session: PlannedSession, lookup: Lookup) -> int:
    """300 s, plus 120 s per distinct spine-loading compound, plus 120 s for the first
    exercise when it is not one of those."""
    ids = [p.exercise for p in session.prescriptions()]
    total = GENERAL_WARMUP_SECONDS
    ramped = {ex_id for ex_id in dict.fromkeys(ids) if needs_ramp_up(lookup(ex_id))}
    total += RAMP_UP_SECONDS * len(ramped)
    if ids and ids[0] not in ramped:
        total += RAMP_UP_SECONDS
    return total


def session_seconds(session: PlannedSession, lookup: Lookup) -> int:
    """Warm-up plus every block."""
    return warmup_seconds(session, lookup) + sum(block_seconds(b, lookup) for b in session.blocks)


def estimated_minutes(session: PlannedSession, lookup: Lookup) -> int:
    """`ceil(session_seconds / 60)`: what the program shows and the budget is checked on."""
    return _ceil_div(session_seconds(session, lookup), 60)
