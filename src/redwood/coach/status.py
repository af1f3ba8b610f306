"""Each muscle's readiness and the session that suits the athlete best next.

`redwood status` shows the recovery model (domain/fatigue.py): per muscle, how much
of its recent hard work is still unrecovered, when it was last trained and when it is
ready. When the athlete trains off the plan, the next session is the first one of this
week not yet done whose muscles are all recovered (TRAINING.md 5: 48 h, 72 h after heavy
lower-body barbell work); otherwise the plan's own next session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from redwood.coach.schedule import Done, Scheduled, Slot, earliest_day, slots_of
from redwood.domain.exercise import Exercise
from redwood.domain.fatigue import MuscleState, too_soon
from redwood.domain.program import PlannedSession
from redwood.domain.vocab import Muscle


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The session to do next, when, and why."""

    title: str
    on: date
    reason: str
    slot: Slot | None = None


def session_muscles(
    session: PlannedSession, lookup: Callable[[str], Exercise | None]
) -> list[Muscle]:
    """The primary muscles a planned session trains, in order of first appearance."""
    seen: list[Muscle] = []
    for prescription in session.prescriptions():
        exercise = lookup(prescription.exercise)
        for muscle in () if exercise is None else exercise.primary:
            if muscle not in seen:
                seen.append(muscle)
    return seen


def _ready_on(
    slot: Slot, states: Mapping[Muscle, MuscleState], lookup: Callable[[str], Exercise | None]
) -> datetime | None:
    """The latest `ready_at` among the slot's muscles still recovering, or None."""
    muscles = session_muscles(slot.session, lookup)
    times = [s.ready_at for s in states.values() if s.muscle in muscles and s.ready_at]
    return max(times, default=None)


def suggest_next(
    scheduled: Scheduled,
    starts_on: date,
    done: Sequence[Done],
    states: Mapping[Muscle, MuscleState],
    at: datetime,
    lookup: Callable[[str], Exercise | None],
) -> Suggestion | None:
    """The next session: today's when the plan has one, else the best-recovered one to come."""
    if scheduled.slot is not None and not scheduled.already_done:
        slot = scheduled.slot
        late = too_soon(states, session_muscles(slot.session, lookup), at)
        why = scheduled.reason
        if late:
            names = ", ".join(str(s.muscle).replace("_", " ") for s in late)
            why += f" Still recovering: {names}."
        return Suggestion(slot.session.title, scheduled.on, why, slot)
    if scheduled.week is None:
        return None
    pending = [
        s
        for s in slots_of(scheduled.week, starts_on)
        if not any(d.planned == s.key or (d.planned is None and d.on == s.nominal) for d in done)
    ]
    best: tuple[date, Slot] | None = None
    for slot in pending:
        day = max(earliest_day(slot, scheduled.on + timedelta(days=1), done), slot.nominal)
        ready = _ready_on(slot, states, lookup)
        if ready is not None and ready.date() > day:
            day = ready.date()
        if best is None or day < best[0]:
            best = (day, slot)
    if best is None:
        return None
    day, slot = best
    why = (
        f"{slot.session.title} on {day:%a %d %b}: the first day its muscles are recovered "
        "and 48 h have passed since they were last trained."
    )
    return Suggestion(slot.session.title, day, why, slot)


def state_rows(states: Mapping[Muscle, MuscleState]) -> list[dict[str, Any]]:
    """Muscle states for tables and JSON, least ready first (untrained ones left out)."""
    trained = [s for s in states.values() if s.last_trained is not None]
    trained.sort(key=lambda s: (s.readiness, str(s.muscle)))
    return [
        {
            "muscle": str(s.muscle),
            "readiness": s.readiness,
            "fatigue_sets": float(s.fatigue),
            "last_trained": None if s.last_trained is None else s.last_trained.isoformat(),
            "ready_at": None if s.ready_at is None else s.ready_at.isoformat(),
            "window_hours": s.window_hours,
        }
        for s in trained
    ]
