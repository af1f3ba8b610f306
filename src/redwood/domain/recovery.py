"""Recovery between sessions and the day's readiness (TRAINING.md 5).

- The same muscle trained hard again: at least 48 h; 72 h after failure-heavy or heavy
  lower-body barbell work (Thomas 2018, MSSE; Moran-Navarro 2017, EJAP; Korak 2015, IJES).
- Short sleep costs strength (Craven 2022, Sports Med): poor sleep or high soreness reduce
  the day's sets or raise RIR, and the session may end early.

Every time is an argument: this module never reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from redwood.domain.exercise import Exercise
from redwood.domain.vocab import Equipment, Mechanic, Pattern, Region

MIN_HOURS_SAME_MUSCLE = 48
"""Hours before the same muscle is trained hard again (Thomas 2018; Korak 2015)."""
HEAVY_LOWER_HOURS = 72
"""Hours after failure-heavy or heavy lower-body barbell work (Moran-Navarro 2017)."""

SHORT_SLEEP_HOURS = Decimal(7)
"""Under 7 h is short: the adult minimum (Hirshkowitz 2015) that Craven 2022 measures from."""
HIGH_SORENESS = 4
"""Soreness of 4-5 on a 1-5 scale counts as high [practitioner scale]."""
LOW_ENERGY = 2
"""Energy of 1-2 on a 1-5 scale counts as low [practitioner scale]."""

SCALE_MIN = 1
SCALE_MAX = 5

_BARBELLS = frozenset({Equipment.BARBELL, Equipment.TRAP_BAR})
_LOWER_PATTERNS = frozenset({Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE})


class RecoveryError(ValueError):
    """Readiness answers or times that cannot be used; one line for the athlete."""


def is_heavy_lower_barbell(exercise: Exercise) -> bool:
    """A compound barbell (or trap-bar) squat, hinge, lunge, or other legs-region lift."""
    loaded = bool(_BARBELLS & set(exercise.equipment))
    lower = exercise.region is Region.LEGS or exercise.pattern in _LOWER_PATTERNS
    return loaded and lower and exercise.mechanic is Mechanic.COMPOUND


def recovery_hours(exercise: Exercise, *, to_failure: bool) -> int:
    """Hours before the muscles of `exercise` are trained hard again.

    72 h when the sets went to failure or the lift is heavy lower-body barbell work, else
    48 h (Thomas 2018; Moran-Navarro 2017; Korak 2015).
    """
    if to_failure or is_heavy_lower_barbell(exercise):
        return HEAVY_LOWER_HOURS
    return MIN_HOURS_SAME_MUSCLE


def ready_again_at(done_at: datetime, hours: int) -> datetime:
    """When a muscle trained at `done_at` is ready again after `hours`."""
    if hours < 0:
        raise RecoveryError(f"recovery hours must be 0 or more (got {hours})")
    return done_at + timedelta(hours=hours)


def hours_between(a: datetime, b: datetime) -> Decimal:
    """Hours from `a` to `b`, exact to the microsecond (negative when `b` is earlier)."""
    if (a.tzinfo is None) != (b.tzinfo is None):
        raise RecoveryError("cannot compare a time with a time zone to one without")
    microseconds = (b - a) // timedelta(microseconds=1)
    return Decimal(microseconds) / Decimal(3_600_000_000)


def is_recovered(done_at: datetime, at: datetime, hours: int) -> bool:
    """True when at least `hours` have passed between `done_at` and `at`."""
    return hours_between(done_at, at) >= hours


@dataclass(frozen=True, slots=True)
class ReadinessAdjustment:
    """How to change today's session: multiply sets by `sets_factor`, add `rir_delta` to
    every target RIR, and whether to advise ending early; `reasons` are one line each."""

    sets_factor: Decimal
    rir_delta: int
    end_early_advice: bool
    reasons: tuple[str, ...]


def _scale(value: int | None, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise RecoveryError(f"{what} must be a whole number from 1 to 5 (got {value})")
    return value


def readiness_adjustment(
    sleep_hours: Decimal | None, soreness: int | None, energy: int | None, pain: bool
) -> ReadinessAdjustment:
    """Adjust today's session for sleep, soreness (1-5), energy (1-5) and pain.

    Short sleep costs strength (Craven 2022), and poor sleep or high soreness reduce the
    day's sets or raise RIR (TRAINING.md 5). Redwood's rule [practitioner]:

    - one warning sign (under 7 h sleep, soreness 4-5, energy 1-2): RIR +1, sets kept;
    - two or more, or pain: a deload-style day, about half the sets and RIR +2
      (the deload dose, Bell 2023; Rogerson 2024), and the advice that the session may
      end early. Pain also means skipping any move that hurts.

    Unanswered questions (None) count as fine.
    """
    if sleep_hours is not None:
        sleep_hours = Decimal(sleep_hours)
        if not (sleep_hours.is_finite() and 0 <= sleep_hours <= 24):
            raise RecoveryError(f"sleep must be 0-24 hours (got {sleep_hours})")
    sore = _scale(soreness, "soreness")
    vigour = _scale(energy, "energy")
    reasons = []
    if sleep_hours is not None and sleep_hours < SHORT_SLEEP_HOURS:
        reasons.append(
            f"slept {sleep_hours} h, under 7 h: short sleep costs strength (Craven 2022)"
        )
    if sore is not None and sore >= HIGH_SORENESS:
        reasons.append(f"soreness {sore} of 5: high soreness calls for less work today")
    if vigour is not None and vigour <= LOW_ENERGY:
        reasons.append(f"energy {vigour} of 5: keep more reps in reserve today")
    signs = len(reasons)
    if pain:
        reasons.append("pain reported: skip any move that hurts, and stop if the pain persists")
    if pain or signs >= 2:
        return ReadinessAdjustment(Decimal("0.5"), 2, True, tuple(reasons))
    if signs == 1:
        return ReadinessAdjustment(Decimal(1), 1, False, tuple(reasons))
    return ReadinessAdjustment(Decimal(1), 0, False, ())
