"""Per-muscle fatigue and readiness over time: the recovery model (TRAINING.md 1 and 5).

Each exercise's hard sets in a session are a `Dose`. A dose gives every muscle it trains
fractional sets, 1.0 a set to primary movers and 0.5 to synergists (Pelland et al. 2025,
`volume.fractional_sets`), and that fatigue fades in a straight line to nothing over the
dose's recovery window: 48 h, or 72 h after failure-heavy or heavy lower-body barbell work
(`recovery.recovery_hours`; Thomas 2018, MSSE; Moran-Navarro 2017, EJAP; Korak 2015, IJES).
The straight line is a modelling choice [practitioner]: the studies give the window, not
the curve inside it.

Readiness runs 0-100: 100 * (1 - min(fatigue, FULL_FATIGUE) / FULL_FATIGUE), rounded.
FULL_FATIGUE is 8 fractional sets, inside the 4-12 sets per muscle per session that
Renaissance Periodization plans [practitioner].

"Trained hard" means a muscle got HARD_DOSE (2) fractional sets or more in one session
[practitioner]. Doses of one muscle that start within `SESSION_HOURS` of the first of them
count as one session, so two exercises giving the biceps 1.5 sets each add up to one hard
session whether the caller stamps doses with the session's end or with each set's time.
A session comes too soon for a muscle while that hard session's window is still open.

Every time is an argument: nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from redwood.domain.exercise import Exercise
from redwood.domain.recovery import MIN_HOURS_SAME_MUSCLE, hours_between, recovery_hours
from redwood.domain.vocab import Muscle
from redwood.domain.volume import fractional_sets

HARD_DOSE = Decimal(2)
"""Fractional sets in one session that count as training a muscle hard [practitioner]."""
FULL_FATIGUE = Decimal(8)
"""Fractional sets that leave readiness at 0 right after the session [practitioner: RP plans
4-12 sets per muscle per session]."""
SESSION_HOURS = 3
"""Doses of a muscle within 3 h of the first of them are one session [practitioner]."""

_FATIGUE_PLACES = Decimal("0.01")
_HUNDRED = Decimal(100)


class FatigueError(ValueError):
    """A dose or time the recovery model cannot use; `field` names the culprit."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _check_aware(value: datetime, field: str) -> None:
    if not isinstance(value, datetime):
        raise FatigueError(f"{field} must be a date and time (got {value!r})", field=field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise FatigueError(f"{field} needs a time zone (a naive time is ambiguous)", field=field)


@dataclass(frozen=True, slots=True)
class Dose:
    """One exercise's hard sets in one session, ending at `at` (an aware datetime).

    `to_failure` marks sets taken to failure, which widen the window to 72 h.
    """

    exercise: Exercise
    hard_sets: Decimal
    at: datetime
    to_failure: bool = False

    def __post_init__(self) -> None:
        sets = self.hard_sets
        if isinstance(sets, bool) or not isinstance(sets, Decimal | int):
            raise FatigueError(f"hard sets must be a number (got {sets!r})", field="hard_sets")
        count = Decimal(sets)
        if not count.is_finite() or count < 0:
            raise FatigueError(f"hard sets must be 0 or more (got {sets})", field="hard_sets")
        object.__setattr__(self, "hard_sets", count)
        _check_aware(self.at, "at")

    @property
    def window_hours(self) -> int:
        """Hours this dose takes to fade (48 or 72; `recovery.recovery_hours`)."""
        return recovery_hours(self.exercise, to_failure=self.to_failure)


@dataclass(frozen=True, slots=True)
class MuscleState:
    """One muscle at one moment.

    `fatigue` is the fractional sets still unrecovered (two decimals); `readiness` 0-100,
    100 = fully recovered; `ready_at` is when the open window of its last hard session
    ends (None when no such window is open); `window_hours` is that session's window (48
    or 72), else the window of its latest dose, else 48.
    """

    muscle: Muscle
    fatigue: Decimal
    readiness: int
    last_trained: datetime | None
    ready_at: datetime | None
    window_hours: int


@dataclass(frozen=True, slots=True)
class _Hit:
    """What one dose left on one muscle."""

    at: datetime
    sets: Decimal
    window: int


def _remaining(hit: _Hit, at: datetime) -> Decimal:
    """The part of `hit` not yet recovered at `at`: a straight line from all to nothing."""
    elapsed = hours_between(hit.at, at)
    if elapsed >= hit.window:
        return Decimal(0)
    return hit.sets * (hit.window - elapsed) / hit.window


def readiness_of(fatigue: Decimal) -> int:
    """100 * (1 - min(fatigue, FULL_FATIGUE) / FULL_FATIGUE), rounded half up [practitioner]."""
    capped = min(max(fatigue, Decimal(0)), FULL_FATIGUE)
    score = _HUNDRED - _HUNDRED * capped / FULL_FATIGUE
    return int(score.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _sessions(hits: list[_Hit]) -> list[list[_Hit]]:
    """`hits` (sorted by time) grouped into sessions of `SESSION_HOURS` from their first."""
    sessions: list[list[_Hit]] = []
    span = timedelta(hours=SESSION_HOURS)
    for hit in hits:
        if sessions and hit.at - sessions[-1][0].at <= span:
            sessions[-1].append(hit)
        else:
            sessions.append([hit])
    return sessions


def _state(muscle: Muscle, hits: list[_Hit], at: datetime) -> MuscleState:
    fatigue = sum((_remaining(hit, at) for hit in hits), Decimal(0))
    fatigue = fatigue.quantize(_FATIGUE_PLACES, rounding=ROUND_HALF_UP)
    window = hits[-1].window if hits else MIN_HOURS_SAME_MUSCLE
    ends: datetime | None = None
    for session in _sessions(hits):
        if sum((hit.sets for hit in session), Decimal(0)) < HARD_DOSE:
            continue
        end = max(hit.at + timedelta(hours=hit.window) for hit in session)
        if ends is None or end >= ends:
            ends = end
            window = max(hit.window for hit in session)
    return MuscleState(
        muscle=muscle,
        fatigue=fatigue,
        readiness=readiness_of(fatigue),
        last_trained=hits[-1].at if hits else None,
        ready_at=ends if ends is not None and ends > at else None,
        window_hours=window,
    )


def muscle_states(doses: Iterable[Dose], at: datetime) -> dict[Muscle, MuscleState]:
    """Every muscle's fatigue, readiness and last hard window at `at`, in `Muscle` order.

    Doses after `at` have not happened yet and are left out. Fatigue from each dose fades
    linearly over 48 or 72 h (Thomas 2018; Moran-Navarro 2017; Korak 2015); readiness is
    `readiness_of(fatigue)` [practitioner].
    """
    _check_aware(at, "at")
    hits: dict[Muscle, list[_Hit]] = {muscle: [] for muscle in Muscle}
    for dose in doses:
        if not isinstance(dose, Dose):
            raise FatigueError(f"expected a Dose (got {dose!r})", field="doses")
        if hours_between(dose.at, at) < 0:
            continue
        window = dose.window_hours
        for muscle, sets in fractional_sets(dose.exercise, dose.hard_sets).items():
            if sets > 0:
                hits[muscle].append(_Hit(dose.at, sets, window))
    for muscle_hits in hits.values():
        muscle_hits.sort(key=lambda hit: hit.at)
    return {muscle: _state(muscle, muscle_hits, at) for muscle, muscle_hits in hits.items()}


def too_soon(
    states: Mapping[Muscle, MuscleState], session_muscles: Iterable[Muscle], at: datetime
) -> list[MuscleState]:
    """Muscles of a session at `at` still inside the window of a hard session.

    A muscle trained hard (HARD_DOSE fractional sets or more in one session) needs 48 h,
    or 72 h after failure-heavy or heavy lower-body barbell work, before it is trained hard
    again (Thomas 2018; Moran-Navarro 2017; Korak 2015). Listed in `session_muscles`
    order, each once; muscles missing from `states` are skipped.
    """
    _check_aware(at, "at")
    found: list[MuscleState] = []
    seen: set[Muscle] = set()
    for muscle in session_muscles:
        if muscle in seen:
            continue
        seen.add(muscle)
        state = states.get(muscle)
        if state is not None and state.ready_at is not None and state.ready_at > at:
            found.append(state)
    return found


def state_reason(state: MuscleState, at: datetime) -> str:
    """One plain line on `state` at `at`, e.g. for a too-soon warning.

    Hours are whole and rounded up, so "ready in 5 h" is never early.
    """
    name = state.muscle.value.replace("_", " ")
    if state.ready_at is None or state.ready_at <= at:
        return f"{name}: readiness {state.readiness} of 100, recovered from its last hard session"
    left = hours_between(at, state.ready_at).to_integral_value(rounding=ROUND_CEILING)
    return (
        f"{name}: trained hard within the last {state.window_hours} h and needs about "
        f"{left:f} h more before it is trained hard again (readiness {state.readiness} of 100)"
    )
