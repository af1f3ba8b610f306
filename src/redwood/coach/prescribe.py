"""One exercise of today's session: from the program's dose and the log to real loads.

In order, for each planned exercise (TRAINING.md 3-5):

1. pain at a joint the move stresses swaps in the first substitute that does not stress it
   (or drops the move when none fits the kit);
2. with no history, a calibration protocol: start light at RIR 3-4, work up, keep the
   load that leaves 2-3 reps in reserve;
3. a deload week keeps the exercise and the program's halved sets, at about 15 % less
   load than the last working load (Bell 2023; Rogerson 2024: -10-20 %);
4. otherwise the exercise's progression rule decides (double progression, 2-for-2, linear
   load, +1 rep then a harder variation), under the weekly cap; when the rep range or RIR
   changed since last time, the load comes from the athlete's e1RM through the RTS chart;
5. a stall (no e1RM gain over 3 exposures) applies its one matched fix;
6. form breaking down last time holds the load and adds a rep in reserve;
7. readiness lowers sets and raises RIR; heavy compounds get a warm-up ramp.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from redwood.coach.context import Context
from redwood.coach.document import ExerciseLine, SetLine
from redwood.coach.history import last_working_load
from redwood.domain.e1rm import E1rmError, load_for
from redwood.domain.exercise import Exercise
from redwood.domain.loadsteps import LadderKind, LoadLadder
from redwood.domain.mass import Mass
from redwood.domain.plates import PlateError, Rounding
from redwood.domain.program import Prescription, WeekKind
from redwood.domain.progression import (
    Action,
    Decision,
    Exposure,
    RuleInput,
    RuleName,
    Target,
    decide,
    default_rule,
    weekly_ceiling,
)
from redwood.domain.stalls import Stall, StallFix, diagnose, exposure_e1rm
from redwood.domain.vocab import Level
from redwood.domain.warmup import is_heavy_compound, ramp

DELOAD_LOAD_FACTOR = Decimal("0.85")
"""Deload load: about 15 % off the last working load (TRAINING.md 4: -10-20 %)."""
CALIBRATION_RIR = 4
"""Calibration starts light, at RIR 3-4 (TRAINING.md 3: RIR is reliable up to about 4)."""


@dataclass(frozen=True, slots=True)
class Planned:
    """One prescription with where it sits in the session."""

    prescription: Prescription
    block: int
    block_type: str
    pair_rest_seconds: int | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """An exercise line, or None when pain removed it; notes for the day's lists."""

    line: ExerciseLine | None
    adjustments: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    stall: Stall | None = None


def _ladder(ctx: Context, exercise: Exercise) -> LoadLadder:
    return ctx.kit.ladder(exercise)


def _show(ctx: Context, load: Mass) -> str:
    return load.format(ctx.kit.unit)


def _painless_swap(ctx: Context, exercise: Exercise) -> tuple[Exercise | None, str | None]:
    """The exercise, or its best substitute when it stresses a painful area."""
    sore = ctx.pain_where & set(exercise.stresses)
    if not sore:
        return exercise, None
    areas = ", ".join(sorted(str(a).replace("_", " ") for a in sore))
    listed = ctx.catalogue.substitutes_for(exercise)
    kin = [
        other
        for other in ctx.catalogue
        if other.pattern is exercise.pattern and other not in listed and other is not exercise
    ]
    for sub in (*listed, *kin):
        if (
            sub.doable_with(ctx.equipment)
            and sub.suits_level(ctx.profile.level)
            and not ctx.pain_where & set(sub.stresses)
        ):
            return sub, (
                f"Pain at the {areas}: {exercise.name} swapped for {sub.name}, "
                f"which does not load it."
            )
    return None, (
        f"Pain at the {areas}: {exercise.name} left out today; none of its substitutes "
        "spares that area with your kit."
    )


def _e1rm(history: Sequence[Exposure]) -> Mass | None:
    for exposure in reversed(history):
        estimate = exposure_e1rm(exposure)
        if estimate is not None:
            return estimate
    return None


def _range_changed(history: Sequence[Exposure], target: Target) -> bool:
    last = history[-1]
    if last.target_reps_min is not None:
        return (last.target_reps_min, last.target_reps_max, last.target_rir) != (
            target.reps_min,
            target.reps_max,
            target.rir,
        )
    reps = [s.reps for s in last.sets if s.reps]
    return bool(reps) and not any(target.reps_min - 1 <= r <= target.reps_max + 2 for r in reps)


def _from_e1rm(
    ctx: Context, history: Sequence[Exposure], target: Target, ladder: LoadLadder, rule: RuleName
) -> Decision | None:
    e1rm = _e1rm(history)
    if e1rm is None or ladder.kind is LadderKind.NONE:
        return None
    try:
        raw = load_for(e1rm, target.reps_min, target.rir)
        load = ladder.round(raw, Rounding.DOWN)
    except (E1rmError, PlateError):
        return None
    ceiling = weekly_ceiling(history, ctx.on, ctx.settings.weekly_cap)
    capped = ceiling is not None and load > ceiling
    if capped and ceiling is not None:
        load = ladder.round(ceiling, Rounding.DOWN)
    reason = (
        f"New target of {target.reps_min}-{target.reps_max} reps at RIR {target.rir}: "
        f"{_show(ctx, load)} from your estimated 1RM of {_show(ctx, e1rm)} (RTS chart)."
    )
    if capped:
        reason += " Held under the weekly cap."
    return Decision(rule, Action.HOLD, load, target.reps_min, target.reps_max, reason, capped)


def _calibration_sets(
    exercise: Exercise, target: Target, ladder: LoadLadder
) -> tuple[SetLine, ...]:
    start = ladder.plates.bar if ladder.kind is LadderKind.BARBELL and ladder.plates else None
    climb = [SetLine("calibration", target.reps_max, target.reps_max, CALIBRATION_RIR, start)]
    climb.append(SetLine("calibration", target.reps_min, target.reps_max, 3, None))
    work = [
        SetLine("working", target.reps_min, target.reps_max, target.rir, None)
        for _ in range(target.sets)
    ]
    return tuple(climb + work) if not exercise.is_bodyweight else tuple(work)


def _calibration_reason(
    exercise: Exercise, target: Target, ladder: LoadLadder, *, beginner: bool
) -> str:
    if exercise.is_bodyweight or ladder.kind is LadderKind.NONE:
        return (
            f"First time: do {target.reps_min}-{target.reps_max} clean reps per set and log "
            "how many were left in reserve."
        )
    per_hand = " per hand" if ladder.kind is LadderKind.DUMBBELL else ""
    if ladder.kind is LadderKind.DUMBBELL and beginner:
        return (
            "No history yet: pick dumbbells you can control for 12-15 clean reps, "
            f"stopping with {target.rir}-{target.rir + 1} reps in reserve, and log them."
        )
    return (
        f"No history yet: start light{per_hand} at 3-4 reps in reserve, add load set by set, "
        f"and keep the load that leaves {target.rir}-{target.rir + 1} in reserve "
        f"for {target.reps_min}-{target.reps_max} reps. Log it and the coach takes over."
    )


def _deload(ctx: Context, history: Sequence[Exposure], target: Target, rule: RuleName) -> Decision:
    last = last_working_load(history)
    ladder_note = "Deload week: same exercise, about half the sets and more reps in reserve"
    if last is None:
        reason = f"{ladder_note} (Bell 2023)."
        return Decision(rule, Action.HOLD, None, target.reps_min, target.reps_max, reason)
    load = last * DELOAD_LOAD_FACTOR
    reason = f"{ladder_note}, at about 15 % less load than last time (Bell 2023)."
    return Decision(rule, Action.REDUCE, load, target.reps_min, target.reps_max, reason)


def _apply_stall(
    ctx: Context, stall: Stall, decision: Decision, target: Target
) -> tuple[Decision, Target]:
    if stall.fix is StallFix.RESET and stall.load is not None:
        return replace(decision, action=Action.REDUCE, load=stall.load, reason=stall.reason), target
    if stall.fix is StallFix.REP_RANGE and stall.reps_min and stall.reps_max:
        moved = replace(target, reps_min=stall.reps_min, reps_max=stall.reps_max)
        return replace(
            decision, reps_min=stall.reps_min, reps_max=stall.reps_max, reason=stall.reason
        ), moved
    if stall.fix is StallFix.CUT_VOLUME and stall.sets_factor is not None:
        sets = max(1, math.ceil(target.sets * stall.sets_factor))
        return replace(decision, reason=stall.reason), replace(target, sets=sets)
    return replace(decision, reason=f"{decision.reason} {stall.reason}"), target


def _decide(
    ctx: Context,
    exercise: Exercise,
    target: Target,
    ladder: LoadLadder,
    history: tuple[Exposure, ...],
) -> tuple[Decision, Target, Stall | None]:
    rule = ctx.settings.rules.get(exercise.id) or default_rule(
        exercise, ctx.profile.goal, ctx.profile.level
    )
    if ctx.week.kind is WeekKind.DELOAD:
        return _deload(ctx, history, target, rule), target, None
    data = RuleInput(history, target, ladder, ctx.on, harder=exercise.harder)
    decision = decide(rule, data, weekly_cap=ctx.settings.weekly_cap)
    if _range_changed(history, target):
        decision = _from_e1rm(ctx, history, target, ladder, rule) or decision
    stall = diagnose(
        exercise.id,
        history,
        ladder=ladder,
        target=target,
        poor_recovery=ctx.poor_recovery,
        variations={sub: ctx.history[sub] for sub in exercise.substitutes if sub in ctx.history},
    )
    if stall is not None:
        decision, target = _apply_stall(ctx, stall, decision, target)
    if exercise.id in ctx.form_flags and decision.action is Action.INCREASE_LOAD:
        last = last_working_load(history)
        decision = replace(
            decision,
            action=Action.HOLD,
            load=last,
            reason="Form broke down last time: same load again, one more rep in reserve.",
        )
        target = replace(target, rir=target.rir + 1)
    return decision, target, stall


def _working_sets(
    decision: Decision, target: Target, ladder: LoadLadder, held: Mass | None
) -> list[SetLine]:
    """The working sets at the decided load: a load the athlete already lifted (`held`)
    stays as it was, whatever their kit list says; a new load is rounded to the kit."""
    load = decision.load
    plates = None
    if load is not None and ladder.kind is not LadderKind.NONE:
        if load != held:
            load = ladder.round(load, Rounding.DOWN if decision.capped else Rounding.NEAREST)
        plates = ladder.plates_per_side(load)
    lo, hi = decision.reps_min, decision.reps_max
    return [SetLine("working", lo, hi, target.rir, load, plates) for _ in range(target.sets)]


def _ramp_sets(load: Mass | None, target: Target, ladder: LoadLadder) -> list[SetLine]:
    if load is None:
        return []
    return [
        SetLine("warmup", step.reps, step.reps, None, step.load, ladder.plates_per_side(step.load))
        for step in ramp(load, ladder, reps=target.reps_min)
    ]


def prescribe(ctx: Context, planned: Planned) -> Outcome:
    """Today's line for one planned exercise (see the module docstring for the order)."""
    p = planned.prescription
    original = ctx.catalogue.get(p.exercise)
    if original is None:
        return Outcome(None, warnings=(f"{p.exercise}: not in the catalogue, left out.",))
    exercise, swap_note = _painless_swap(ctx, original)
    notes = () if swap_note is None else (swap_note,)
    if exercise is None:
        return Outcome(None, adjustments=notes)
    target = Target(p.sets, p.reps_min, p.reps_max, p.rir)
    if ctx.readiness is not None:
        target = ctx.readiness.apply(target)
    ladder = _ladder(ctx, exercise)
    history = ctx.history.get(exercise.id, ())
    stall = None
    if not history:
        rule = ctx.settings.rules.get(exercise.id) or default_rule(
            exercise, ctx.profile.goal, ctx.profile.level
        )
        sets = _calibration_sets(exercise, target, ladder)
        decision = Decision(
            rule,
            Action.CALIBRATE,
            None,
            target.reps_min,
            target.reps_max,
            _calibration_reason(
                exercise, target, ladder, beginner=ctx.profile.level is Level.BEGINNER
            ),
        )
    else:
        decision, target, stall = _decide(ctx, exercise, target, ladder, history)
        work = _working_sets(decision, target, ladder, last_working_load(history))
        heavy = is_heavy_compound(exercise) and ctx.week.kind is not WeekKind.DELOAD
        warm = _ramp_sets(work[0].load if work else None, target, ladder) if heavy else []
        sets = tuple(warm + work)
    line = ExerciseLine(
        exercise=exercise.id,
        name=exercise.name,
        block=planned.block,
        block_type=planned.block_type,
        rest_seconds=p.rest_seconds,
        pair_rest_seconds=planned.pair_rest_seconds,
        rule=str(decision.rule),
        action=str(decision.action),
        reason=decision.reason,
        sets=sets,
        e1rm=_e1rm(history),
        calibration=not history,
        swapped_from=None if exercise is original else original.id,
        cues=exercise.cues[:3],
        substitutes=exercise.substitutes[:4],
        loaded=ladder.kind is not LadderKind.NONE,
    )
    return Outcome(line, adjustments=notes, stall=stall)
