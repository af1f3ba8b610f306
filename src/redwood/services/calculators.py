"""The training calculators: e1RM, plates per side, today's load, as plain data.

Each function reads what a person typed ("100kg", "225 lb", "--rpe 8"), calls the pure
domain, and answers in the unit the person used, so `redwood calc` and the web app
print the same numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from redwood.domain.e1rm import FORMULA_SOURCES, all_estimates, estimate_e1rm, load_for
from redwood.domain.effort import resolve_rir
from redwood.domain.loadtables import rts_percent
from redwood.domain.mass import Mass, Unit, parse_mass, written_unit
from redwood.domain.plates import (
    DEFAULT_KG_PLATES,
    DEFAULT_LB_PLATES,
    PlateLoading,
    PlateSet,
    Rounding,
    plates_per_side,
    round_to_plates,
)
from redwood.services.errors import ServiceError


def read_mass(text: str, field: str, default_unit: Unit = Unit.KG) -> tuple[Mass, Unit]:
    """A typed mass and the unit it was written in (a bare number takes `default_unit`)."""
    try:
        mass = parse_mass(text, default_unit)
    except ValueError as exc:
        raise ServiceError(f"{field}: {exc}", field) from None
    return mass, written_unit(text) or default_unit


def _amount(mass: Mass, unit: Unit) -> float:
    """A mass in `unit` rounded to 0.01 for JSON."""
    return float(round(mass.to(unit), 2))


def _effort(rpe: Decimal | None, rir: Decimal | None) -> Decimal | None:
    try:
        return resolve_rir(rpe=rpe, rir=rir)
    except ValueError as exc:
        raise ServiceError(str(exc), "rpe" if rpe is not None else "rir") from None


def e1rm(
    load_text: str,
    reps: int,
    *,
    rpe: Decimal | None = None,
    rir: Decimal | None = None,
    formula: str | None = None,
) -> dict[str, Any]:
    """Estimated 1RM from one set: one formula, or all side by side (TRAINING.md 3)."""
    load, unit = read_mass(load_text, "load")
    reserve = _effort(rpe, rir)
    chosen = [estimate_e1rm(load, reps, rir=reserve, formula=formula)] if formula else []
    estimates = chosen or all_estimates(load, reps, rir=reserve)
    default = estimate_e1rm(load, reps, rir=reserve).formula
    return {
        "load": _amount(load, unit),
        "unit": str(unit),
        "reps": reps,
        "rir": None if reserve is None else float(reserve),
        "default_formula": default,
        "estimates": [
            {
                "formula": est.formula,
                "source": FORMULA_SOURCES[est.formula],
                "e1rm": _amount(est.e1rm, unit),
                "e1rm_kg": float(round(est.e1rm.kg, 3)),
                "text": est.e1rm.format(unit),
                "effective_reps": float(est.effective_reps),
                "trusted": est.trusted,
                "note": est.note,
                "default": est.formula == default,
            }
            for est in estimates
        ],
    }


def plate_set(bar_text: str | None, plates_text: str | None, unit: Unit) -> PlateSet:
    """The athlete's bar and plates; numbers without a unit are read in `unit`."""
    standard = PlateSet.standard(unit)
    bar = read_mass(bar_text, "bar", unit)[0] if bar_text else standard.bar
    if plates_text:
        items = [item.strip() for item in plates_text.split(",") if item.strip()]
        if not items:
            raise ServiceError("plates: list plate weights such as 25,20,15,10,5,2.5", "plates")
        plates = {read_mass(item, "plates", unit)[0] for item in items}
    else:
        sizes = DEFAULT_KG_PLATES if unit is Unit.KG else DEFAULT_LB_PLATES
        plates = {Mass.of(size, unit) for size in sizes}
    try:
        return PlateSet.create(bar, plates)
    except ValueError as exc:
        raise ServiceError(f"plates: {exc}", "plates") from None


def _loading_data(loading: PlateLoading, unit: Unit) -> dict[str, Any]:
    return {
        "per_side": [_amount(plate, unit) for plate in loading.per_side],
        "per_side_text": " + ".join(
            p.format(unit, 2).removesuffix(f" {unit}") for p in loading.per_side
        )
        or "nothing (empty bar)",
        "total": _amount(loading.total, unit),
        "exact": loading.exact,
    }


def plates(
    target_text: str, *, bar_text: str | None = None, plates_text: str | None = None
) -> dict[str, Any]:
    """Plates per side for a barbell load, from the athlete's plate set."""
    target, unit = read_mass(target_text, "target")
    kit = plate_set(bar_text, plates_text, unit)
    try:
        loading = plates_per_side(target, kit)
    except ValueError as exc:
        raise ServiceError(str(exc), "target") from None
    return {
        "target": _amount(target, unit),
        "unit": str(unit),
        "bar": _amount(kit.bar, unit),
        **_loading_data(loading, unit),
    }


def load(
    e1rm_text: str,
    reps: int,
    *,
    rir: Decimal | None = None,
    rpe: Decimal | None = None,
    bar_text: str | None = None,
    plates_text: str | None = None,
) -> dict[str, Any]:
    """The load for `reps` at a target RIR (RTS chart), rounded down to the plates.

    Rounding goes down so the set still leaves the intended reps in reserve.
    """
    max_mass, unit = read_mass(e1rm_text, "e1rm")
    reserve = _effort(rpe, rir)
    if reserve is None:
        raise ServiceError("give the target effort with --rir or --rpe", "rir")
    exact = load_for(max_mass, reps, reserve)
    kit = plate_set(bar_text, plates_text, unit)
    try:
        rounded = round_to_plates(exact, kit, Rounding.DOWN)
        loading = plates_per_side(rounded, kit)
    except ValueError as exc:
        raise ServiceError(str(exc), "e1rm") from None
    return {
        "e1rm": _amount(max_mass, unit),
        "unit": str(unit),
        "reps": reps,
        "rir": float(reserve),
        "percent_1rm": float(round(rts_percent(reps + reserve), 1)),
        "exact_load": _amount(exact, unit),
        "load": _amount(rounded, unit),
        "text": rounded.format(unit, 2),
        "bar": _amount(kit.bar, unit),
        **_loading_data(loading, unit),
        "source": "RTS chart (Tuchscherer): load = e1RM x %1RM(reps + RIR)",
    }
