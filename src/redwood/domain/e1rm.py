"""Estimated one-rep max (e1RM) from a set of reps, by the formulas of TRAINING.md 3.

Every formula takes the load w (any unit: all are linear in w) and the *effective* reps r,
which are the reps done to failure, or reps + RIR when RIR is logged, and returns the
estimate. Rules shared by all (TRAINING.md 3; Reynolds et al. 2006, JSCR 20:584):

- r = 1 returns w: a single to failure *is* the max, whatever a curve says;
- estimates from up to 10 effective reps are trusted, 11-12 are shown but flagged,
  above 12 they are refused;
- the default estimator is the RTS chart when RIR (or RPE) is known, else Epley.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from redwood.domain.effort import RIR_RELIABLE_MAX, validate_rir
from redwood.domain.loadtables import rts_percent
from redwood.domain.mass import Mass, likely_unit

E1rmFormula = Callable[[Decimal, Decimal], Decimal]
"""(load w, effective reps r) -> estimated 1RM in the unit of w."""

MAX_REPS = 12
"""Effective reps above 12 are refused (Reynolds 2006; the RTS chart stops at 12)."""
TRUSTED_MAX_REPS = 10
"""Estimates from more than 10 effective reps are flagged untrusted (Reynolds 2006)."""


class E1rmError(ValueError):
    """A set an e1RM cannot be estimated from; the message is one line for the athlete."""


def _single_is_the_max(formula: E1rmFormula) -> E1rmFormula:
    """Make `formula` return w at r = 1 (TRAINING.md 3: "r = 1 returns w")."""

    @functools.wraps(formula)
    def estimate(w: Decimal, r: Decimal) -> Decimal:
        return w if r == 1 else formula(w, r)

    return estimate


@_single_is_the_max
def epley(w: Decimal, r: Decimal) -> Decimal:
    """Epley 1985: w (1 + r/30)."""
    return w * (1 + r / 30)


@_single_is_the_max
def brzycki(w: Decimal, r: Decimal) -> Decimal:
    """Brzycki 1993: w 36 / (37 - r)."""
    return w * 36 / (37 - r)


@_single_is_the_max
def lander(w: Decimal, r: Decimal) -> Decimal:
    """Lander 1985: 100 w / (101.3 - 2.67123 r)."""
    return 100 * w / (Decimal("101.3") - Decimal("2.67123") * r)


@_single_is_the_max
def lombardi(w: Decimal, r: Decimal) -> Decimal:
    """Lombardi 1989: w r^0.10."""
    return w * r ** Decimal("0.10")


@_single_is_the_max
def mayhew(w: Decimal, r: Decimal) -> Decimal:
    """Mayhew et al. 1992: 100 w / (52.2 + 41.9 e^(-0.055 r))."""
    return 100 * w / (Decimal("52.2") + Decimal("41.9") * (Decimal("-0.055") * r).exp())


@_single_is_the_max
def oconner(w: Decimal, r: Decimal) -> Decimal:
    """O'Conner et al. 1989: w (1 + 0.025 r)."""
    return w * (1 + Decimal("0.025") * r)


@_single_is_the_max
def wathan(w: Decimal, r: Decimal) -> Decimal:
    """Wathan 1994: 100 w / (48.8 + 53.8 e^(-0.075 r))."""
    return 100 * w / (Decimal("48.8") + Decimal("53.8") * (Decimal("-0.075") * r).exp())


@_single_is_the_max
def rts(w: Decimal, r: Decimal) -> Decimal:
    """RTS chart (Tuchscherer): w / %1RM(r), r = reps + RIR, interpolated at half reps."""
    return w * 100 / rts_percent(r)


FORMULAS: dict[str, E1rmFormula] = {
    "epley": epley,
    "brzycki": brzycki,
    "lander": lander,
    "lombardi": lombardi,
    "mayhew": mayhew,
    "oconner": oconner,
    "wathan": wathan,
    "rts": rts,
}
"""Every estimator by name, in the order a side-by-side view shows them."""

FORMULA_SOURCES: dict[str, str] = {
    "epley": "Epley 1985",
    "brzycki": "Brzycki 1993",
    "lander": "Lander 1985",
    "lombardi": "Lombardi 1989",
    "mayhew": "Mayhew et al. 1992",
    "oconner": "O'Conner et al. 1989",
    "wathan": "Wathan 1994",
    "rts": "RTS chart (Tuchscherer)",
}
"""The citation to show next to each estimate."""


@dataclass(frozen=True, slots=True)
class E1rmEstimate:
    """One estimate: which formula, the e1RM (unrounded), from how many effective reps.

    `trusted` is False from 11-12 effective reps (Reynolds 2006) or when the logged RIR is
    above 4 (Hackett 2017); `note` then says why in one line.
    """

    formula: str
    e1rm: Mass
    effective_reps: Decimal
    trusted: bool
    note: str | None


def formula_named(name: str) -> str:
    """The registry key for a formula name ("Epley", "O'Conner" -> "oconner")."""
    key = name.strip().lower().replace("'", "").replace("’", "").replace(" ", "")
    if key not in FORMULAS:
        raise E1rmError(f"unknown e1RM formula '{name}': use one of {', '.join(FORMULAS)}")
    return key


def _check_load(load: Mass, what: str) -> None:
    if load.kg <= 0:
        raise E1rmError(f"{what} must be more than 0 (got {load.format(likely_unit(load))})")


def _effective_reps(reps: int, rir: Decimal | None) -> Decimal:
    """reps + RIR after checking both; refuses more than 12 (Reynolds 2006)."""
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise E1rmError(f"reps must be a whole number of at least 1 (got {reps})")
    if rir is None:
        if reps > MAX_REPS:
            raise E1rmError(
                f"reps must be 1-12 for an e1RM estimate (got {reps}): "
                "estimates above 12 reps are unreliable (Reynolds 2006)"
            )
        return Decimal(reps)
    reserve = validate_rir(rir)
    effective = reps + reserve
    if effective > MAX_REPS:
        raise E1rmError(
            f"reps + RIR must be 1-12 for an e1RM estimate (got {reps} + {reserve} = "
            f"{effective}): estimates above 12 reps are unreliable (Reynolds 2006)"
        )
    return effective


def estimate_e1rm(
    load: Mass, reps: int, *, rir: Decimal | int | None = None, formula: str | None = None
) -> E1rmEstimate:
    """Estimate the 1RM from `reps` at `load`, leaving `rir` in reserve when logged.

    `formula` defaults to "rts" when RIR is known and "epley" when not (TRAINING.md 3).
    Every formula uses reps + RIR; "rts" without RIR assumes the set went to failure.
    """
    name = formula_named(formula) if formula is not None else ("epley" if rir is None else "rts")
    _check_load(load, "load")
    reserve = None if rir is None else validate_rir(rir)
    effective = _effective_reps(reps, reserve)
    notes = []
    if effective > TRUSTED_MAX_REPS:
        notes.append(
            f"estimate from {effective} effective reps: "
            "trust estimates from 10 reps or fewer (Reynolds 2006)"
        )
    if reserve is not None and reserve > RIR_RELIABLE_MAX:
        notes.append(f"RIR {reserve} is hard to judge: RIR above 4 is unreliable (Hackett 2017)")
    return E1rmEstimate(
        formula=name,
        e1rm=Mass(FORMULAS[name](load.kg, effective)),
        effective_reps=effective,
        trusted=not notes,
        note="; ".join(notes) or None,
    )


def all_estimates(load: Mass, reps: int, *, rir: Decimal | int | None = None) -> list[E1rmEstimate]:
    """Every formula's estimate for the same set, side by side, in `FORMULAS` order."""
    return [estimate_e1rm(load, reps, rir=rir, formula=name) for name in FORMULAS]


def load_for(e1rm: Mass, reps: int, rir: Decimal | int) -> Mass:
    """The load that allows `reps` with `rir` in reserve, from the RTS chart (unrounded).

    The inverse of the "rts" estimator: e1RM x %1RM(reps + RIR) / 100.
    """
    _check_load(e1rm, "e1RM")
    effective = _effective_reps(reps, validate_rir(rir))
    return e1rm * (rts_percent(effective) / 100)
