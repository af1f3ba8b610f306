"""Today: the scheduled session turned into loads, or a rest day with something to do.

Ties the schedule, the per-exercise prescriptions, readiness and the recovery model into
the one document `redwood today`, the session runner, the web page and the API show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redwood.coach.context import Context
from redwood.coach.document import SessionPlan, Today, kg
from redwood.coach.prescribe import Outcome, Planned, prescribe
from redwood.coach.schedule import Scheduled
from redwood.domain.fatigue import MuscleState, too_soon
from redwood.domain.mass import Unit
from redwood.domain.program import PlannedSession
from redwood.domain.stalls import Stall
from redwood.domain.vocab import Muscle, Pattern
from redwood.domain.warmup import active_recovery, cooldown, general_warmup

BASE_WARMUP_MINUTES = 5
"""The planner's time model allows 5 minutes of general warm-up (domain/timing.py)."""
MAX_WARMUP_MINUTES = 8


@dataclass(frozen=True, slots=True)
class DayFacts:
    """What today's document needs beyond the prescription context."""

    scheduled: Scheduled
    program_id: int | None
    planned_session_id: int | None
    session_minutes: int
    states: Mapping[Muscle, MuscleState]
    at: datetime
    days_since_training: int | None
    readiness_notes: tuple[str, ...] = ()


def planned_items(session: PlannedSession) -> list[Planned]:
    """Every prescription of a session with its block number, in order."""
    return [
        Planned(p, number, str(block.type), block.pair_rest_seconds)
        for number, block in enumerate(session.blocks, start=1)
        for p in block.exercises
    ]


def stall_dict(stall: Stall, unit: Unit) -> dict[str, Any]:
    """A stall diagnosis for the document."""
    return {
        "exercise": stall.exercise,
        "exposures": stall.exposures,
        "best_e1rm_kg": kg(stall.best_e1rm),
        "fix": str(stall.fix),
        "reason": stall.reason,
        "load_kg": kg(stall.load),
        "reps_min": stall.reps_min,
        "reps_max": stall.reps_max,
        "swap_to": stall.swap_to,
        "swap_load_kg": kg(stall.swap_load),
        "sets_factor": None if stall.sets_factor is None else float(stall.sets_factor),
    }


def _muscles(outcomes: Iterable[Outcome], ctx: Context) -> list[Muscle]:
    seen: list[Muscle] = []
    for outcome in outcomes:
        if outcome.line is None:
            continue
        exercise = ctx.catalogue.get(outcome.line.exercise)
        for muscle in () if exercise is None else exercise.primary:
            if muscle not in seen:
                seen.append(muscle)
    return seen


def _patterns(outcomes: Iterable[Outcome], ctx: Context) -> list[Pattern]:
    found: list[Pattern] = []
    for outcome in outcomes:
        exercise = None if outcome.line is None else ctx.catalogue.get(outcome.line.exercise)
        if exercise is not None and exercise.pattern not in found:
            found.append(exercise.pattern)
    return found


def _too_soon_warnings(
    states: Mapping[Muscle, MuscleState], muscles: Sequence[Muscle], at: datetime
) -> list[str]:
    out = []
    for state in too_soon(states, muscles, at):
        name = str(state.muscle).replace("_", " ")
        when = "" if state.ready_at is None else f", ready about {state.ready_at:%a %H:%M}"
        out.append(
            f"{name.capitalize()} were trained hard under {state.window_hours} h ago "
            f"(readiness {state.readiness} of 100{when}): keep today's sets for them easy "
            "or move the session."
        )
    return out


def rest_day(ctx_unit: Unit, facts: DayFacts) -> Today:
    """A rest day: the schedule's reason and an active-recovery suggestion."""
    scheduled = facts.scheduled
    return Today(
        on=scheduled.on,
        unit=ctx_unit,
        program_id=facts.program_id,
        session=None,
        reason=scheduled.reason,
        warnings=tuple(
            f"Missed this week: {slot.session.title} ({slot.nominal:%a %d %b})."
            for slot in scheduled.missed
        ),
        active_recovery=active_recovery(facts.days_since_training or 1),
        extra={
            "next": None
            if scheduled.next_slot is None or scheduled.next_on is None
            else {"title": scheduled.next_slot.session.title, "date": scheduled.next_on.isoformat()}
        },
    )


def build_today(ctx: Context, facts: DayFacts) -> Today:
    """The document for a training day (use `rest_day` when the schedule has no slot)."""
    scheduled = facts.scheduled
    slot = scheduled.slot
    if slot is None:
        return rest_day(ctx.kit.unit, facts)
    outcomes = [prescribe(ctx, item) for item in planned_items(slot.session)]
    lines = tuple(o.line for o in outcomes if o.line is not None)
    adjustments = list(facts.readiness_notes)
    warnings: list[str] = []
    for outcome in outcomes:
        adjustments.extend(outcome.adjustments)
        warnings.extend(outcome.warnings)
    muscles = _muscles(outcomes, ctx)
    if not scheduled.already_done:
        warnings.extend(_too_soon_warnings(facts.states, muscles, facts.at))
    spare = max(0, facts.session_minutes - slot.session.estimated_minutes)
    minutes = min(MAX_WARMUP_MINUTES, BASE_WARMUP_MINUTES + spare)
    plan = SessionPlan(
        title=slot.session.title,
        planned_session_id=facts.planned_session_id,
        week=slot.week.index,
        week_kind=str(slot.week.kind),
        estimated_minutes=slot.session.estimated_minutes + (minutes - BASE_WARMUP_MINUTES),
        warmup=general_warmup(_patterns(outcomes, ctx), minutes),
        exercises=lines,
        cooldown=cooldown(muscles),
        moved_from=scheduled.moved_from,
    )
    stalls = tuple(stall_dict(o.stall, ctx.kit.unit) for o in outcomes if o.stall is not None)
    return Today(
        on=scheduled.on,
        unit=ctx.kit.unit,
        program_id=facts.program_id,
        session=plan,
        reason=scheduled.reason,
        adjustments=tuple(adjustments),
        stalls=stalls,
        warnings=tuple(warnings),
        already_done=scheduled.already_done,
    )
