"""Protein, fluids, sleep and rest days: the guides of TRAINING.md 6.

These are population guides the coach shows as estimates, each carrying its source. The
module makes no claim beyond them (TRAINING.md 7): no "% more" figures, no hormone claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from redwood.domain.mass import Mass, likely_unit

PROTEIN_TARGET_G_PER_KG = Decimal("1.6")
PROTEIN_LOW_G_PER_KG = Decimal("1.4")
PROTEIN_HIGH_G_PER_KG = Decimal("2.2")
DEFICIT_PROTEIN_LOW_G_PER_KG = Decimal("2.3")
DEFICIT_PROTEIN_HIGH_G_PER_KG = Decimal("3.1")
PROTEIN_DOSE_G_PER_KG = Decimal("0.25")
PROTEIN_SOURCE = "Morton et al. 2018, BJSM; Jaeger et al. 2017, ISSN position stand"

FLUID_LOSS_LIMIT_PERCENT = Decimal(2)
"""Lose no more than 2% of body mass in a session (Sawka 2007)."""
LITRES_PER_KG_LOST = Decimal("1.5")
"""Afterwards drink about 1.5 L per kg lost (Sawka 2007)."""
FLUID_SOURCE = "Sawka et al. 2007, ACSM position stand"

SLEEP_SOURCE = "Hirshkowitz et al. 2015, Sleep Health"
ADULT_AGE = 18
OLDER_ADULT_AGE = 65

REST_DAYS_MIN = 1
REST_DAYS_MAX = 2
REST_DAY_ACTIVITIES = ("light cardio", "walking", "mobility")
REST_DAYS_SOURCE = "[practitioner]"


class NutritionError(ValueError):
    """A body mass, fluid loss or age the guides cannot use; one line for the athlete."""


def _check_bodyweight(bodyweight: Mass) -> None:
    if bodyweight.kg <= 0:
        shown = bodyweight.format(likely_unit(bodyweight))
        raise NutritionError(f"body weight must be more than 0 (got {shown})")


@dataclass(frozen=True, slots=True)
class ProteinGuide:
    """Daily protein in grams: a target, a range, and the dose per meal.

    `meals_hint` is the most meals that can each still hold a full 0.25 g/kg dose within
    the target (so "up to N meals"); the grams are unrounded.
    """

    target_g_per_day: Decimal
    low_g: Decimal
    high_g: Decimal
    per_meal_g: Decimal
    meals_hint: int
    source: str


def protein_guide(bodyweight: Mass, *, deficit: bool = False) -> ProteinGuide:
    """Protein for `bodyweight` (Morton 2018; Jaeger 2017).

    1.6 g/kg/day (range 1.4-2.2); in a calorie deficit 2.3-3.1 g/kg, with the low end,
    2.3, as the target. Spread in doses of 0.25 g/kg.
    """
    _check_bodyweight(bodyweight)
    kg = bodyweight.kg
    if deficit:
        target, low, high = (
            DEFICIT_PROTEIN_LOW_G_PER_KG,
            DEFICIT_PROTEIN_LOW_G_PER_KG,
            DEFICIT_PROTEIN_HIGH_G_PER_KG,
        )
    else:
        target, low, high = PROTEIN_TARGET_G_PER_KG, PROTEIN_LOW_G_PER_KG, PROTEIN_HIGH_G_PER_KG
    meals = int((target / PROTEIN_DOSE_G_PER_KG).to_integral_value(rounding=ROUND_FLOOR))
    return ProteinGuide(
        target_g_per_day=target * kg,
        low_g=low * kg,
        high_g=high * kg,
        per_meal_g=PROTEIN_DOSE_G_PER_KG * kg,
        meals_hint=meals,
        source=PROTEIN_SOURCE,
    )


@dataclass(frozen=True, slots=True)
class FluidGuide:
    """Fluid loss in a session against the 2% limit, and how much to drink afterwards.

    `lost_percent` and `replace_litres` are None when no loss was weighed; `max_loss` is
    2% of body mass either way.
    """

    lost_percent: Decimal | None
    over_limit: bool
    replace_litres: Decimal | None
    max_loss: Mass
    message: str
    source: str


def fluid_guide(bodyweight: Mass, lost: Mass | None) -> FluidGuide:
    """Fluids around a session for `bodyweight`, given the mass `lost` in it (Sawka 2007)."""
    _check_bodyweight(bodyweight)
    unit = likely_unit(bodyweight) if lost is None else likely_unit(bodyweight, lost)
    max_loss = bodyweight * (FLUID_LOSS_LIMIT_PERCENT / 100)
    if lost is None:
        return FluidGuide(
            None,
            False,
            None,
            max_loss,
            f"weigh yourself before and after training: lose no more than "
            f"{max_loss.format(unit, 2)} (2%)",
            FLUID_SOURCE,
        )
    if lost.kg < 0 or lost >= bodyweight:
        raise NutritionError(
            f"mass lost must be from 0 up to your body weight "
            f"(got {lost.format(unit, 2)} of {bodyweight.format(unit, 2)})"
        )
    percent = lost.kg / bodyweight.kg * 100
    litres = lost.kg * LITRES_PER_KG_LOST
    over = percent > FLUID_LOSS_LIMIT_PERCENT
    drink = f"drink about {litres.quantize(Decimal('0.1'))} L over the next hours"
    shown = percent.quantize(Decimal("0.1"))
    if over:
        message = f"you lost {shown}%, over 2%: {drink}, and drink more during training"
    else:
        message = f"you lost {shown}%, within 2%: {drink}"
    return FluidGuide(percent, over, litres, max_loss, message, FLUID_SOURCE)


@dataclass(frozen=True, slots=True)
class SleepGuide:
    """Recommended hours of sleep a night."""

    min_hours: int
    max_hours: int
    source: str


def sleep_guide(age: int | None) -> SleepGuide:
    """Sleep for an adult: 7-9 h at 18-64, 7-8 h from 65 (Hirshkowitz 2015).

    Without an age the 18-64 guide applies; under 18 is outside what Redwood encodes.
    """
    if age is None:
        return SleepGuide(7, 9, SLEEP_SOURCE)
    if isinstance(age, bool) or not isinstance(age, int) or age < 0 or age > 130:
        raise NutritionError(f"age must be a whole number of years (got {age})")
    if age < ADULT_AGE:
        raise NutritionError(f"the sleep guide covers adults 18 and over (got {age})")
    if age >= OLDER_ADULT_AGE:
        return SleepGuide(7, 8, SLEEP_SOURCE)
    return SleepGuide(7, 9, SLEEP_SOURCE)


@dataclass(frozen=True, slots=True)
class RestDayGuide:
    """Rest days a week and what to do on them [practitioner]."""

    min_days: int
    max_days: int
    activities: tuple[str, ...]
    source: str


def rest_day_guide() -> RestDayGuide:
    """1-2 rest days a week, with light cardio, walking or mobility [practitioner]."""
    return RestDayGuide(REST_DAYS_MIN, REST_DAYS_MAX, REST_DAY_ACTIVITIES, REST_DAYS_SOURCE)
