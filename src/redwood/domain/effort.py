"""Effort: RIR-based RPE, reps in reserve, and what counts as a hard set.

The scale is the RIR-based RPE of Zourdos et al. 2016 (JSCR 30:267) and Helms et al. 2016
(SCJ 38:42), TRAINING.md section 3: RPE 10 = 0 reps in reserve, 9 = 1, 8 = 2, 7 = 3, and
RPE 5-6 = 4-6 RIR. Half points are half reps.

The published scale gives RPE 5-6 as a band. Redwood needs a function, so it uses one
monotone mapping: RIR = 10 - RPE from RPE 6 up (RPE 6 = 4 RIR), and a straight line from
RPE 6 = 4 RIR down to RPE 5 = 6 RIR below that (RPE 5.5 = 5 RIR). Its inverse sends
RIR 4.5 to RPE 5.75 and RIR 5.5 to RPE 5.25: quarter points exist only in that band.
"""

from __future__ import annotations

from decimal import Decimal

from redwood.domain.vocab import SetType

RPE_MIN = Decimal(5)
"""The lowest RIR-based RPE (4-6 RIR); lighter efforts are not rated (Zourdos 2016)."""
RPE_MAX = Decimal(10)
RIR_MIN = Decimal(0)
RIR_MAX = Decimal(6)
"""The most reps in reserve the scale expresses: RPE 5 (Zourdos 2016)."""

RIR_RELIABLE_MAX = 4
"""Above 4 RIR, athletes misjudge their reserve: estimates are within about one rep at
0-5 RIR and unreliable above 4-5 (Hackett et al. 2017, JSCR). Redwood trusts 0-4."""

HARD_SET_MAX_RIR = Decimal(4)
"""A hard set ends at 0-4 RIR (Robinson et al. 2024, Sports Med; Refalo et al. 2023)."""

_LINEAR_TOP = Decimal(6)
"""RPE at which the RIR = 10 - RPE rule stops and the 5-6 band begins."""


class EffortError(ValueError):
    """An RPE or RIR outside the scale; the message is one line for the athlete."""


def _number(value: Decimal | int, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise EffortError(f"{what} must be a number (got {value!r})")
    number = Decimal(value)
    if not number.is_finite():
        raise EffortError(f"{what} must be a finite number (got {value})")
    return number


def _is_half_step(value: Decimal) -> bool:
    return (value * 2) == (value * 2).to_integral_value()


def validate_rpe(rpe: Decimal | int) -> Decimal:
    """`rpe` as a Decimal when it is 5-10 in half points; otherwise `EffortError`."""
    value = _number(rpe, "RPE")
    if not (RPE_MIN <= value <= RPE_MAX and _is_half_step(value)):
        raise EffortError(
            f"RPE must be 5-10 in half points (got {value}): "
            "the RIR-based scale runs from RPE 5 (4-6 reps left) to 10 (Zourdos 2016)"
        )
    return value


def validate_rir(rir: Decimal | int) -> Decimal:
    """`rir` as a Decimal when it is 0-6 in half reps; otherwise `EffortError`."""
    value = _number(rir, "RIR")
    if not (RIR_MIN <= value <= RIR_MAX and _is_half_step(value)):
        raise EffortError(
            f"RIR must be 0-6 in half reps (got {value}): "
            "the RIR-based scale ends at RPE 5 = 4-6 reps left (Zourdos 2016)"
        )
    return value


def rpe_to_rir(rpe: Decimal | int) -> Decimal:
    """Reps in reserve for an RIR-based RPE (Zourdos 2016; Helms 2016).

    RIR = 10 - RPE for RPE >= 6; RIR = 4 + 2 (6 - RPE) for 5 <= RPE < 6, the documented
    reading of "RPE 5-6 = 4-6 RIR". Strictly decreasing, so it has an exact inverse.
    """
    value = validate_rpe(rpe)
    if value >= _LINEAR_TOP:
        return RPE_MAX - value
    return Decimal(4) + 2 * (_LINEAR_TOP - value)


def rir_to_rpe(rir: Decimal | int) -> Decimal:
    """The RIR-based RPE for reps in reserve: the exact inverse of `rpe_to_rir`.

    RPE = 10 - RIR for RIR <= 4; RPE = 6 - (RIR - 4) / 2 above, so RIR 4.5 is RPE 5.75.
    """
    value = validate_rir(rir)
    if value <= Decimal(4):
        return RPE_MAX - value
    return _LINEAR_TOP - (value - Decimal(4)) / 2


def rir_is_reliable(rir: Decimal | int) -> bool:
    """True when an athlete's RIR call can be trusted to about one rep (Hackett 2017)."""
    return validate_rir(rir) <= RIR_RELIABLE_MAX


def resolve_rir(
    *, rpe: Decimal | int | None = None, rir: Decimal | int | None = None
) -> Decimal | None:
    """One RIR from a logged RPE, RIR, both, or neither (None: effort not logged).

    When both are given they must agree on the scale; otherwise `EffortError`.
    """
    if rpe is None:
        return None if rir is None else validate_rir(rir)
    from_rpe = rpe_to_rir(rpe)
    if rir is not None and validate_rir(rir) != from_rpe:
        raise EffortError(
            f"RPE {Decimal(rpe)} and RIR {Decimal(rir)} disagree: "
            f"RPE {Decimal(rpe)} means {from_rpe} reps in reserve; give one of them"
        )
    return from_rpe


def logged_rir(*, rpe: Decimal | None, rir: Decimal | None) -> Decimal | None:
    """The reps in reserve a logged set shows: its RIR when given (preferred), else from
    its RPE (Zourdos 2016); None when effort was not logged or is off the scale (such a
    set is read as one with no effort logged, never refused: it is already stored)."""
    try:
        if rir is not None:
            return resolve_rir(rir=rir)
        return resolve_rir(rpe=rpe)
    except EffortError:
        return None


def is_hard_set(set_type: SetType, rir: Decimal | int | None) -> bool:
    """True when a set counts toward volume (Robinson 2024; Refalo 2023; TRAINING.md 1).

    Warm-ups never count. A failure set always counts. Otherwise a set counts when it ends
    at 0-4 RIR, and a working, drop or failure set with no RIR logged counts (a logged
    working set is assumed to be hard unless the athlete says otherwise).
    """
    if set_type is SetType.WARMUP:
        return False
    if set_type is SetType.FAILURE or rir is None:
        return True
    return validate_rir(rir) <= HARD_SET_MAX_RIR
