"""The athlete's settings: unit, time zone, bar and plates, dumbbells, stack step, weekly
cap and progression rules (what `redwood settings` changes), through `services.athletes`.

PATCH takes any subset. Each setter is its own transaction, so the values are checked
before the first one is stored: shapes and ranges here (time zones against the IANA
database, the stack step as a mass of 0.5-25 kg), the plate set, rule names and exercise
names through the functions the setters use. The dumbbell rack, whose range syntax only its
setter reads, is stored first; a refused rack leaves everything unchanged.

`equipment` is the kit per place (`{"gym": [...], "home": [...], "outdoor": [...]}`, what the
settings page's "Equipment per place" stores and onboarding ticks): each place given is
replaced, checked against the equipment vocabulary first, with bodyweight (`none`) always
included. Both answers carry it beside the other settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from redwood.domain.mass import Unit
from redwood.domain.progression import RuleName
from redwood.domain.vocab import Equipment
from redwood.services import athletes
from redwood.services import catalogue as catalogue_service
from redwood.services.calculators import plate_set, read_mass
from redwood.services.errors import ServiceError
from redwood.services.identity import acting_as
from redwood.web.api.inputs import Database, Name, SignedIn, Word

router = APIRouter(tags=["settings"])

Mass = Annotated[Decimal, Field(gt=0, le=1000, allow_inf_nan=False)]
UnitName = Literal["kg", "lb"]
STACK_MIN, STACK_MAX = Decimal("0.5"), Decimal(25)
Place = Literal["gym", "home", "outdoor"]


class Plates(BaseModel):
    """The bar and the plate sizes of one pair each (numbers in `unit`)."""

    model_config = ConfigDict(extra="forbid")

    bar: Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)] | None = None
    plates: list[Mass] | None = Field(None, min_length=1, max_length=40)
    unit: UnitName | None = Field(None, description="Default: the athlete's unit.")


class Dumbbells(BaseModel):
    """A dumbbell rack: a list of weights or a range such as `2.5-40/2.5`."""

    model_config = ConfigDict(extra="forbid")

    weights: list[Mass] | None = Field(None, min_length=1, max_length=200)
    range: Word | None = Field(None, description="low-high/step, e.g. 2.5-40/2.5.")
    unit: UnitName | None = Field(None, description="Default: the athlete's unit.")


class SettingsChange(BaseModel):
    """The settings to change; anything left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    unit: UnitName | None = None
    timezone: Word | None = Field(None, description="IANA time zone, e.g. Europe/Berlin.")
    plates: Plates | None = None
    dumbbells: Dumbbells | None = None
    stack_step: Word | None = Field(None, description="Weight-stack step, e.g. 5kg or 10lb.")
    cap: Annotated[Decimal, Field(gt=0, le=50, allow_inf_nan=False)] | None = Field(
        None, description="The most a lift's load may rise in a week, in percent."
    )
    rules: dict[Name, Word] | None = Field(
        None, max_length=50, description="Exercise -> progression rule, or 'default'."
    )
    equipment: dict[Place, Annotated[list[Word], Field(max_length=60)]] | None = Field(
        None, description="The kit per place, e.g. {'home': ['dumbbells', 'bench']}."
    )


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _check_rules(rules: dict[str, str]) -> None:
    known = {rule.value for rule in RuleName} | {"default"}
    for exercise, rule in rules.items():
        try:
            catalogue_service.find_exercise(exercise)
        except ServiceError as exc:
            raise ServiceError(f"rules: {exc.message}", "rules") from None
        if rule.strip().lower() not in known:
            raise ServiceError(f"rules: use one of {', '.join(sorted(known))}", "rules")


def _check_stack_step(text: str) -> None:
    mass, _ = read_mass(text, "stack_step")
    if not STACK_MIN <= mass.kg <= STACK_MAX:
        raise ServiceError("stack_step: must be 0.5-25 kg", "stack_step")


def _check_equipment(kit: Mapping[Place, list[str]]) -> None:
    known = {str(item) for item in Equipment}
    for place, items in kit.items():
        for n, item in enumerate(items):
            if item.strip().lower() not in known:
                raise ServiceError(
                    f"equipment.{place}.{n}: unknown equipment {item[:40]!r}",
                    f"equipment.{place}.{n}",
                )


def _with_kit(settings: dict[str, Any], url: str) -> dict[str, Any]:
    """The settings with the kit per place beside them."""
    return {**settings, "equipment": athletes.equipment_by_setting(url)}


def _steps(change: SettingsChange, url: str) -> list[Callable[[], Any]]:
    """The setter calls of a change, once every value the setters would refuse is checked."""
    steps: list[Callable[[], Any]] = []
    needs_unit = change.unit is None and (change.plates or change.dumbbells) is not None
    default_unit = str(athletes.show_settings(url)["unit"]) if needs_unit else change.unit or "kg"
    if change.dumbbells is not None:
        rack = change.dumbbells
        if (rack.weights is None) == (rack.range is None):
            raise ServiceError("dumbbells: give either weights or a range", "dumbbells")
        text = rack.range or ",".join(_plain(w) for w in rack.weights or [])
        rack_unit = rack.unit or default_unit
        steps.append(lambda: athletes.set_dumbbells(text, rack_unit, url))
    if change.timezone is not None:
        zone = change.timezone
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ServiceError(
                f"timezone: {zone!r} is not an IANA time zone such as Europe/Berlin", "timezone"
            ) from None
        steps.append(lambda: athletes.set_timezone(zone, url))
    if change.unit is not None:
        unit = change.unit
        steps.append(lambda: athletes.set_unit(unit, url))
    if change.plates is not None:
        kit = change.plates
        plate_unit = kit.unit or default_unit
        bar = None if kit.bar is None else _plain(kit.bar)
        sizes = None if kit.plates is None else ",".join(_plain(p) for p in kit.plates)
        plate_set(bar, sizes, Unit(plate_unit))
        steps.append(lambda: athletes.set_plates(bar, sizes, plate_unit, url))
    if change.stack_step is not None:
        step = change.stack_step
        _check_stack_step(step)
        steps.append(lambda: athletes.set_stack_step(step, url))
    if change.cap is not None:
        cap = _plain(change.cap)
        steps.append(lambda: athletes.set_weekly_cap(cap, url))
    if change.rules:
        _check_rules(change.rules)
        for exercise, rule in change.rules.items():
            steps.append(partial(athletes.set_rule, exercise, rule, url))
    if change.equipment:
        _check_equipment(change.equipment)
        for place, items in change.equipment.items():
            steps.append(partial(athletes.set_equipment, place, list(items), url))
    return steps


@router.get("/settings", response_model=None)
def show_settings(athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Unit, time zone, bar, plates, dumbbells, stack step, weekly cap, rules and the kit
    per place."""
    with acting_as(athlete_id):
        return _with_kit(athletes.show_settings(url), url)


@router.patch("/settings", response_model=None)
def change_settings(change: SettingsChange, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Change any of the settings; the settings as they are afterwards."""
    with acting_as(athlete_id):
        for step in _steps(change, url):
            step()
        return _with_kit(athletes.show_settings(url), url)
