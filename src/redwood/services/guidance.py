"""Recovery guidance as data: protein, fluids, sleep and rest days (TRAINING.md section 6)."""

from __future__ import annotations

from typing import Any

from redwood.domain.nutrition import fluid_guide, protein_guide, rest_day_guide, sleep_guide
from redwood.services.calculators import read_mass
from redwood.services.errors import ServiceError


def nutrition(
    bodyweight_text: str,
    *,
    lost_text: str | None = None,
    deficit: bool = False,
    age: int | None = None,
) -> dict[str, Any]:
    """Daily protein, per-meal dose, fluids after a session, sleep and rest-day advice."""
    bodyweight, unit = read_mass(bodyweight_text, "bodyweight")
    lost = read_mass(lost_text, "lost", unit)[0] if lost_text else None
    try:
        protein = protein_guide(bodyweight, deficit=deficit)
        fluids = fluid_guide(bodyweight, lost)
        sleep = sleep_guide(age)
    except ValueError as exc:
        raise ServiceError(str(exc), "bodyweight") from None
    rest = rest_day_guide()
    return {
        "bodyweight": float(round(bodyweight.to(unit), 2)),
        "unit": str(unit),
        "protein": {
            "target_g_per_day": float(protein.target_g_per_day),
            "low_g": float(protein.low_g),
            "high_g": float(protein.high_g),
            "per_meal_g": float(protein.per_meal_g),
            "meals": protein.meals_hint,
            "deficit": deficit,
            "source": protein.source,
        },
        "fluids": {
            "lost": None if lost is None else float(round(lost.to(unit), 2)),
            "lost_percent": None if fluids.lost_percent is None else float(fluids.lost_percent),
            "over_limit": fluids.over_limit,
            "max_loss": float(round(fluids.max_loss.to(unit), 2)),
            "replace_litres": None
            if fluids.replace_litres is None
            else float(fluids.replace_litres),
            "message": fluids.message,
            "source": fluids.source,
        },
        "sleep": {
            "min_hours": sleep.min_hours,
            "max_hours": sleep.max_hours,
            "age": age,
            "source": sleep.source,
        },
        "rest_days": {
            "min_per_week": rest.min_days,
            "max_per_week": rest.max_days,
            "activities": list(rest.activities),
            "source": rest.source,
        },
    }
