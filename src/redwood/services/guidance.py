"""Recovery guidance as data: protein, fluids, sleep and rest days (TRAINING.md section 6)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from redwood.coach.guide import daily_guide
from redwood.domain.mass import Mass
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


def today_guide(
    on: date | None = None,
    *,
    deficit: bool = False,
    age: int | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Today's protein, sleep, fluids and rest advice from the athlete's log and check-ins."""
    from redwood.services import coaching
    from redwood.services.athletes import kit_of, local_athlete, local_today
    from redwood.services.database import ensure_schema, unit_of_work
    from redwood.store import Bodyweights, Checkins, Logbook

    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        on = on or local_today(athlete)
        unit = kit_of(athlete).unit
        weighed = Bodyweights(session, athlete.id).latest(on)
        bodyweight = None if weighed is None else Mass(weighed.kg)
        checkins = Checkins(session, athlete.id).between(on - timedelta(days=6), on)
        nights = [(c.local_date, c.sleep_hours) for c in checkins if c.sleep_hours is not None]
        book = Logbook(session, athlete.id)
        trained = [
            s.local_date
            for s in book.sessions(on - timedelta(days=6), on)
            if any(row.is_hard for row in book.session_sets(s.id))
        ]
    try:
        plan = coaching.today_plan(on, url=url)
        training_today = plan.session is not None
        readiness = list(plan.adjustments)
    except ServiceError:
        training_today, readiness = on in trained, []
    lines = daily_guide(
        on,
        bodyweight=bodyweight,
        unit=unit,
        nights=nights,
        trained=trained,
        training_today=training_today,
        readiness=readiness,
        deficit=deficit,
        age=age,
    )
    return {
        "date": on.isoformat(),
        "training_day": training_today,
        "bodyweight": None if bodyweight is None else float(round(bodyweight.to(unit), 2)),
        "unit": str(unit),
        "lines": [{"topic": g.topic, "text": g.text, "source": g.source} for g in lines],
    }
