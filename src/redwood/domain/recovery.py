"""Recovery between sessions and the day's readiness (TRAINING.md 5).

- The same muscle trained hard again: at least 48 h; 72 h after failure-heavy or heavy
  lower-body barbell work (Thomas 2018, MSSE; Moran-Navarro 2017, EJAP; Korak 2015, IJES).
- Short sleep costs strength (Craven 2022, Sports Med): poor sleep or high soreness reduce
  the day's sets or raise RIR, and the session may end early. The check-in thresholds are
  issue 4's: sleep under 6 h, soreness 4+ or pain are poor signs; sleep of 6-7 h or low
  energy are mild ones (`readiness_adjustment`).

Every time is an argument: this module never reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from redwood.domain.exercise import Exercise
from redwood.domain.vocab import Equipment, Mechanic, Pattern, Region

MIN_HOURS_SAME_MUSCLE = 48
"""Hours before the same muscle is trained hard again (Thomas 2018; Korak 2015)."""
HEAVY_LOWER_HOURS = 72
"""Hours after failure-heavy or heavy lower-body barbell work (Moran-Navarro 2017)."""

SHORT_SLEEP_HOURS = Decimal(7)
"""Under 7 h is short: the adult minimum (Hirshkowitz 2015) that Craven 2022 measures from."""
POOR_SLEEP_HOURS = Decimal(6)
"""Under 6 h is a poor night (issue 4); 6 to under 7 h is a mild sign (Craven 2022)."""
HIGH_SORENESS = 4
"""Soreness of 4-5 on a 1-5 scale counts as high [practitioner scale]."""
LOW_ENERGY = 2
"""Energy of 1-2 on a 1-5 scale counts as low [practitioner scale]."""

ONE_SIGN_FACTOR = Decimal("0.75")
"""Sets kept after one poor sign: about three quarters [practitioner, issue 4]."""
DELOAD_FACTOR = Decimal("0.5")
"""Sets kept after two poor signs: the deload dose, about half (Bell 2023; Rogerson 2024)."""

SCALE_MIN = 1
SCALE_MAX = 5

_BARBELLS = frozenset({Equipment.BARBELL, Equipment.TRAP_BAR})
_LOWER_PATTERNS = frozenset({Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE})


class RecoveryError(ValueError):
    """Readiness answers or times that cannot be used; one line for the athlete.

    `field` names the answer at fault when one is (sleep_hours, soreness, energy).
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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

    def adjust_sets(self, planned: int) -> int:
        """Working sets left of `planned` for one exercise after this adjustment.

        `planned` x `sets_factor`, rounded half up, never below one set; when sets are cut,
        an exercise with 3 or more planned sets loses at least one (issue 4).
        """
        if isinstance(planned, bool) or not isinstance(planned, int) or planned < 0:
            raise RecoveryError(f"planned sets must be a whole number of 0 or more (got {planned})")
        if planned == 0 or self.sets_factor >= 1:
            return planned
        kept = int((planned * self.sets_factor).to_integral_value(rounding=ROUND_HALF_UP))
        if planned >= 3:
            kept = min(kept, planned - 1)
        return max(kept, 1)


def _scale(value: int | None, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise RecoveryError(f"{what} must be a whole number from 1 to 5 (got {value})", field=what)
    return value


def _sleep(sleep_hours: Decimal | None) -> Decimal | None:
    if sleep_hours is None:
        return None
    if isinstance(sleep_hours, bool) or not isinstance(sleep_hours, Decimal | int | float):
        raise RecoveryError(
            f"sleep must be a number of hours (got {sleep_hours!r})", field="sleep_hours"
        )
    hours = Decimal(str(sleep_hours)) if isinstance(sleep_hours, float) else Decimal(sleep_hours)
    if not (hours.is_finite() and 0 <= hours <= 24):
        raise RecoveryError(f"sleep must be 0-24 hours (got {hours})", field="sleep_hours")
    return hours


def is_poor_checkin(sleep_hours: Decimal | None, soreness: int | None, pain: bool) -> bool:
    """A poor check-in (issue 4): sleep under 6 h, soreness 4-5 of 5, or pain."""
    short = sleep_hours is not None and Decimal(sleep_hours) < POOR_SLEEP_HOURS
    sore = soreness is not None and soreness >= HIGH_SORENESS
    return short or sore or pain


def readiness_adjustment(
    sleep_hours: Decimal | None, soreness: int | None, energy: int | None, pain: bool
) -> ReadinessAdjustment:
    """Adjust today's session for sleep, soreness (1-5), energy (1-5) and pain (issue 4).

    Short sleep costs strength (Craven 2022, Sports Med), and poor sleep or high soreness
    reduce the day's sets or raise RIR (TRAINING.md 5). The thresholds [practitioner]:

    - poor signs: sleep under 6 h, soreness 4-5, pain;
    - mild signs: sleep from 6 to under 7 h (the adult minimum, Hirshkowitz 2015), energy 1-2;
    - one poor sign: sets x 0.75 (`adjust_sets`: rounded, and at least one set fewer on
      exercises with 3 or more), RIR +1;
    - two or more poor signs, or pain with any other sign: sets x 0.5 and RIR +2, the
      deload dose (Bell 2023; Rogerson 2024), and the session may end early;
    - mild signs alone: RIR +1, sets kept.

    Pain also means the coach swaps moves that stress the painful area (from `pain_where`).
    Unanswered questions (None) count as fine. The last reason says what changes.
    """
    hours = _sleep(sleep_hours)
    sore = _scale(soreness, "soreness")
    vigour = _scale(energy, "energy")
    poor: list[str] = []
    mild: list[str] = []
    if hours is not None and hours < POOR_SLEEP_HOURS:
        poor.append(f"slept {hours} h, under 6 h: short sleep costs strength (Craven 2022)")
    elif hours is not None and hours < SHORT_SLEEP_HOURS:
        mild.append(
            f"slept {hours} h, short of the 7 h adults need (Hirshkowitz 2015): "
            "a short night can cost some strength (Craven 2022)"
        )
    if sore is not None and sore >= HIGH_SORENESS:
        poor.append(f"soreness {sore} of 5: high soreness calls for less work today")
    if vigour is not None and vigour <= LOW_ENERGY:
        mild.append(f"energy {vigour} of 5: low energy, so leave more in the tank")
    if pain:
        poor.append(
            "pain reported: moves that stress the painful area are swapped, "
            "and any set that hurts is stopped"
        )
    reasons = poor + mild
    if len(poor) >= 2 or (pain and len(reasons) >= 2):
        reasons.append(
            "so today: about half the sets, 2 more reps in reserve on each, "
            "and it is fine to end the session early"
        )
        return ReadinessAdjustment(DELOAD_FACTOR, 2, True, tuple(reasons))
    if poor:
        reasons.append(
            "so today: about three quarters of the sets and 1 more rep in reserve on each"
        )
        return ReadinessAdjustment(ONE_SIGN_FACTOR, 1, False, tuple(reasons))
    if mild:
        reasons.append("so today: 1 more rep in reserve on each set, with every set kept")
        return ReadinessAdjustment(Decimal(1), 1, False, tuple(reasons))
    return ReadinessAdjustment(Decimal(1), 0, False, ())
