"""Stalls: no e1RM gain over 3 exposures, and the one fix that matches (TRAINING.md 4).

A stall is about the estimated one-rep max (e1RM, TRAINING.md 3), not the load: a lifter
who adds reps at the same load is still gaining. When the best e1RM has not been beaten
in the last 3 exposures [practitioner: StrongLifts, 5/3/1], `diagnose` gives one fix:

1. check-ins show poor recovery: cut volume, keep the loads (issue 4);
2. a reset was already tried and did not bring a gain: swap to a close variation the
   athlete has a history on, its load carried over through their own e1RMs on the two
   (issue 4), else change the rep range;
3. otherwise reset: 10% lighter, rounded down to the equipment, and build back up
   [practitioner: StrongLifts, 5/3/1].

A reset (the working load dropping 8% or more from one loaded exposure to the next)
starts a new segment: stalls are counted only since the last reset, against the best
e1RM since it, so rebuilding from the lighter load is not a stall. Any such drop reads as
a reset: deload weeks and other planned light days are the caller's business (the coach
leaves deload weeks out of the history it passes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from redwood.domain.e1rm import estimate_e1rm
from redwood.domain.exposure import Exposure, Target, unit_of, working_load
from redwood.domain.loadsteps import LoadLadder
from redwood.domain.mass import Mass
from redwood.domain.plates import Rounding

STALL_WINDOW = 3
"""Exposures without an e1RM gain that make a stall [practitioner: StrongLifts, 5/3/1]."""
RESET_FACTOR = Decimal("0.9")
"""A reset takes 10% off the working load [practitioner: StrongLifts, 5/3/1]."""
RESET_SEEN = Decimal("0.92")
"""A drop to 92% or less of the previous working load reads as a reset: the 10% reset
with room for the athlete's own rounding (notes/coach-design.md)."""
CUT_VOLUME_FACTOR = Decimal("0.67")
"""Poor recovery: about two thirds of the sets, between a poor check-in day's cut and a
deload's half (Bell 2023; Rogerson 2024, TRAINING.md 4) [practitioner]."""
LOW_RANGE_TOP = 6
"""A range topping out at 6 reps or fewer is low; up to 12 is middle; above is high."""
MID_RANGE_TOP = 12
NEXT_RANGE: Mapping[str, tuple[int, int]] = {"low": (6, 10), "middle": (10, 15), "high": (5, 8)}
"""The rep range to change to: low (3-6) -> 6-10, middle (6-12) -> 10-15, high -> 5-8
[practitioner] (notes/coach-design.md)."""


class StallError(ValueError):
    """A stall question that cannot be answered; `field` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class StallFix(StrEnum):
    """The one fix a stall diagnosis offers."""

    RESET = "reset"
    REP_RANGE = "rep_range"
    SWAP = "swap"
    CUT_VOLUME = "cut_volume"


@dataclass(frozen=True, slots=True)
class Stall:
    """A stalled exercise, how long it has stalled, its best e1RM and the matched fix.

    Only the fields of the chosen fix are set. `swap_load` is exact (unrounded): round it
    with the variation's own equipment.
    """

    exercise: str
    exposures: int
    best_e1rm: Mass
    fix: StallFix
    reason: str
    load: Mass | None = None
    reps_min: int | None = None
    reps_max: int | None = None
    swap_to: str | None = None
    swap_load: Mass | None = None
    sets_factor: Decimal | None = None


def exposure_e1rm(exposure: Exposure) -> Mass | None:
    """The best e1RM of the day's hard sets, None when no set gives a valid one.

    The RTS chart when RIR is logged, else Epley (TRAINING.md 3); sets with no load, no
    reps, or more than 12 reps + RIR (Reynolds 2006) are skipped.
    """
    best: Mass | None = None
    for s in exposure.sets:
        if s.load is None or s.load.kg <= 0 or s.reps < 1:
            continue
        try:
            estimate = estimate_e1rm(s.load, s.reps, rir=s.rir).e1rm
        except ValueError:
            continue
        if best is None or estimate > best:
            best = estimate
    return best


def _scored(history: Sequence[Exposure]) -> list[tuple[Exposure, Mass]]:
    """The exposures that give an e1RM, oldest first, with it."""
    ordered = sorted(history, key=lambda e: e.on)
    return [(e, m) for e in ordered if (m := exposure_e1rm(e)) is not None]


def _split(history: Sequence[Exposure]) -> tuple[list[Exposure], list[Exposure]]:
    """(before the last reset, since it), oldest first: the segment since starts at the
    latest loaded exposure whose working load is RESET_SEEN (92%) or less of the loaded
    exposure before it. No reset: nothing before, the whole history since."""
    ordered = sorted(history, key=lambda e: e.on)
    start, previous = 0, None
    for i, exposure in enumerate(ordered):
        load = working_load(exposure)
        if load is None or load.kg <= 0:
            continue
        if previous is not None and load <= previous * RESET_SEEN:
            start = i
        previous = load
    return ordered[:start], ordered[start:]


def since_reset(history: Sequence[Exposure]) -> tuple[Exposure, ...]:
    """The exposures since the last reset, the reset day first (oldest first); the whole
    history when the working load never dropped 8% or more from one exposure to the next."""
    return tuple(_split(history)[1])


def _misses(scored: Sequence[tuple[Exposure, Mass]]) -> int:
    """How many of the latest scored exposures did not beat the best e1RM before them."""
    best: Mass | None = None
    since = 0
    for _, e1rm in scored:
        if best is None or e1rm > best:
            best, since = e1rm, 0
        else:
            since += 1
    return since


def stalled(history: Sequence[Exposure], window: int = STALL_WINDOW) -> int:
    """How many of the latest exposures since the last reset did not beat the best e1RM
    before them (since that reset), when that is `window` or more; else 0.

    Exposures without a valid e1RM (bodyweight, timed, over 12 reps) are not counted.
    Any gain, however small, ends a stall; a reset starts counting afresh (`since_reset`).
    """
    if window < 1:
        raise StallError("window", f"must be 1 or more (got {window})")
    since = _misses(_scored(since_reset(history)))
    return since if since >= window else 0


def _best(scored: Sequence[tuple[Exposure, Mass]]) -> Mass | None:
    return max((m for _, m in scored), default=None)


def reset_tried(history: Sequence[Exposure], window: int = STALL_WINDOW) -> bool:
    """True when a reset was tried and did not work: the working load dropped 8% or more
    (RESET_SEEN), the exposures since have stalled on their own (no e1RM gain over
    `window` of them, counted inside the segment), and their best e1RM is still no better
    than the best before the drop. A reset that brought a new best and then stalled again
    was a reset that worked: the next fix is another reset."""
    before, since = _split(history)
    old, new = _best(_scored(before)), _best(_scored(since))
    if old is None or new is None or new > old:
        return False
    return stalled(since, window) > 0


def _range_after(target: Target) -> tuple[int, int]:
    if target.reps_max <= LOW_RANGE_TOP:
        return NEXT_RANGE["low"]
    return NEXT_RANGE["middle" if target.reps_max <= MID_RANGE_TOP else "high"]


def _percent(fraction: Decimal) -> str:
    percent = (fraction * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{percent}%"


def diagnose(
    exercise: str,
    history: Sequence[Exposure],
    *,
    ladder: LoadLadder,
    target: Target,
    poor_recovery: bool,
    variations: Mapping[str, Sequence[Exposure]],
) -> Stall | None:
    """The stall of `exercise` and its one matched fix, or None when it is not stalled.

    `variations` maps close variations (best first) to the athlete's history on each;
    `target` is the current prescription, whose rep range a REP_RANGE fix changes. The
    stall and `best_e1rm` count since the last reset; a SWAP carries the load over
    through the best e1RMs of the whole histories of the two lifts.
    """
    count = stalled(history)
    before, since = _split(history)
    best = _best(_scored(since))
    if not count or best is None:
        return None
    unit = unit_of(ladder, history)
    load = working_load(since[-1])
    show = load.format(unit, 2) if load is not None else "your current load"
    segment = " since the reset" if before else ""
    lead = (
        f"No gain in your estimated one-rep max (e1RM, best {best.format(unit, 1)}{segment}) "
        f"over the last {count} sessions"
    )
    stall = Stall(exercise, count, best, StallFix.RESET, "")
    if poor_recovery:
        reason = (
            f"{lead}, and your check-ins show poor recovery: do about two thirds of the sets "
            f"at the same loads and let recovery catch up."
        )
        return replace(stall, fix=StallFix.CUT_VOLUME, reason=reason, sets_factor=CUT_VOLUME_FACTOR)
    reset = None if load is None else ladder.round(load * RESET_FACTOR, Rounding.DOWN)
    lighter = reset is None or load is None or reset < load
    if reset_tried(history) or not lighter:
        after = "even after a reset" if lighter else f"and {show} is as light as it goes"
        for name, past in variations.items():
            theirs, mine = _best(_scored(past)), _best(_scored(history))
            if name == exercise or theirs is None or mine is None:
                continue
            ratio = theirs.kg / mine.kg
            swap_load = None if load is None else load * ratio
            at = "" if swap_load is None else f" at about {swap_load.format(unit, 1)}"
            reason = (
                f"{lead}, {after}: switch to {name}{at} ({_percent(ratio)} of {show}, the "
                f"ratio of your own e1RMs on the two lifts)."
            )
            return replace(
                stall, fix=StallFix.SWAP, reason=reason, swap_to=name, swap_load=swap_load
            )
        low, high = _range_after(target)
        reason = (
            f"{lead}, {after}: change the rep range from {target.reps_min}-"
            f"{target.reps_max} to {low}-{high} reps for a while."
        )
        return replace(stall, fix=StallFix.REP_RANGE, reason=reason, reps_min=low, reps_max=high)
    to = (
        "10% lighter"
        if reset is None
        else f"{reset.format(unit, 2)} (10% off {show}, rounded down)"
    )
    reason = f"{lead}: reset to {to} and build back up."
    return replace(stall, fix=StallFix.RESET, reason=reason, load=reset)
