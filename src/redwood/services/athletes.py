"""The local athlete and their settings: unit, time zone, kit and coach settings.

The kit is stored on the athlete as JSON (`athletes.plates`, `athletes.dumbbells`) in the
athlete's own unit, so a pound gym stays in pounds:
`{"unit": "kg", "bar": "20", "plates": ["25", "20", ...]}` and
`{"unit": "kg", "weights": ["2.5", "5", ...]}`. None means the standard set of the unit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from redwood.coach.context import CoachSettings, Kit, SettingsError
from redwood.domain.mass import Mass, MassError, Unit
from redwood.domain.plates import DumbbellSet, PlateError, PlateSet
from redwood.domain.progression import RuleName
from redwood.services import catalogue as catalogue_service
from redwood.services.calculators import plate_set, read_mass
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.identity import acting_athlete_id
from redwood.store import AthleteRecord, Athletes, ensure_local_athlete

RANGE = re.compile(r"^\s*([\d.]+)\s*-\s*([\d.]+)\s*(?:/|by)\s*([\d.]+)\s*(kg|lb|lbs)?\s*$")


def system_timezone() -> str:
    """The machine's IANA time zone (TZ, /etc/timezone, /etc/localtime), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if not name:
            continue
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return "UTC"


def local_athlete(session: Session) -> AthleteRecord:
    """The athlete the use case acts for: the signed-in one inside `identity.acting_as`
    (a deleted account is refused, never replaced), else the single local athlete, created
    on first use in the machine's time zone. Every use case finds its athlete here."""
    acting = acting_athlete_id()
    if acting is not None:
        found = Athletes(session).get(acting)
        if found is None:
            raise NotFoundError("account: this account no longer exists", "account")
        return found
    return ensure_local_athlete(session, timezone=system_timezone())


def local_today(athlete: AthleteRecord, now: datetime | None = None) -> date:
    """The athlete's local date now: training days are local dates (DESIGN.md)."""
    return (now or datetime.now(UTC)).astimezone(athlete.zone).date()


def _unit(athlete: AthleteRecord) -> Unit:
    return Unit(athlete.unit) if athlete.unit in {u.value for u in Unit} else Unit.KG


def _masses(values: Any, unit: Unit, field: str) -> list[Mass]:
    try:
        return [Mass.of(Decimal(str(v)), unit) for v in values]
    except (InvalidOperation, MassError, TypeError) as exc:
        raise ServiceError(f"{field}: stored kit cannot be read ({exc})", field) from None


def plates_of(data: Mapping[str, Any] | None, unit: Unit) -> PlateSet:
    """The stored plate set, or the standard one of the athlete's unit."""
    if not data:
        return PlateSet.standard(unit)
    kit_unit = Unit(str(data.get("unit", unit)))
    bar = _masses([data.get("bar", "20" if kit_unit is Unit.KG else "45")], kit_unit, "plates")
    plates = _masses(data.get("plates") or [], kit_unit, "plates")
    return PlateSet.create(bar[0], set(plates))


def dumbbells_of(data: Mapping[str, Any] | None, unit: Unit) -> DumbbellSet:
    """The stored dumbbell rack, or the standard one of the athlete's unit."""
    if not data:
        return DumbbellSet.standard(unit)
    kit_unit = Unit(str(data.get("unit", unit)))
    return DumbbellSet(tuple(_masses(data.get("weights") or [], kit_unit, "dumbbells")))


def kit_of(athlete: AthleteRecord) -> Kit:
    """The athlete's loading kit as a domain value."""
    unit = _unit(athlete)
    try:
        settings = CoachSettings.from_json(athlete.coach_settings)
    except SettingsError as exc:
        raise ServiceError(f"coach settings: {exc}", exc.field) from None
    return Kit(
        unit=unit,
        plates=plates_of(athlete.plates, unit),
        dumbbells=dumbbells_of(athlete.dumbbells, unit),
        stack_step=settings.stack_step,
    )


def _plain(mass: Mass, unit: Unit) -> str:
    return f"{mass.to(unit).normalize():f}"


def settings_view(athlete: AthleteRecord) -> dict[str, Any]:
    """Everything `redwood settings show` prints."""
    kit = kit_of(athlete)
    unit = kit.unit
    coach = CoachSettings.from_json(athlete.coach_settings)
    assert kit.plates is not None
    assert kit.dumbbells is not None
    return {
        "name": athlete.name,
        "unit": str(unit),
        "timezone": athlete.timezone,
        "bar": _plain(kit.plates.bar, unit),
        "plates": [_plain(p, unit) for p in kit.plates.plates],
        "dumbbells": [_plain(d, unit) for d in kit.dumbbells.weights],
        "stack_step": None if kit.stack_step is None else kit.stack_step.format(unit),
        "weekly_cap_percent": float(coach.weekly_cap * 100),
        "rules": coach.to_json()["rules"],
    }


def _update(url: str | None, **changes: Any) -> dict[str, Any]:
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        if changes:
            athlete = Athletes(session).update(athlete.id, **changes)
        return settings_view(athlete)


def show_settings(url: str | None = None) -> dict[str, Any]:
    """The local athlete's settings."""
    return _update(url)


def set_unit(text: str, url: str | None = None) -> dict[str, Any]:
    """Show loads in kg or lb (stored loads stay in kg)."""
    value = text.strip().lower().removesuffix("s")
    if value not in {"kg", "lb"}:
        raise ServiceError(f"unit: use kg or lb (got {text!r})", "unit")
    return _update(url, unit=value)


def set_timezone(text: str, url: str | None = None) -> dict[str, Any]:
    """The athlete's IANA time zone, which decides what 'today' is."""
    try:
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ServiceError(
            f"timezone: {text!r} is not an IANA time zone such as Europe/Berlin", "timezone"
        ) from None
    return _update(url, timezone=text.strip())


def set_plates(
    bar: str | None, plates: str | None, unit_text: str, url: str | None = None
) -> dict[str, Any]:
    """The athlete's bar and plates (numbers without a unit are in `unit_text`)."""
    unit = Unit(unit_text)
    kit = plate_set(bar, plates, unit)
    data = {
        "unit": str(unit),
        "bar": _plain(kit.bar, unit),
        "plates": [_plain(p, unit) for p in kit.plates],
    }
    return _update(url, plates=data)


def set_dumbbells(text: str, unit_text: str, url: str | None = None) -> dict[str, Any]:
    """The dumbbell rack: a list (`5,7.5,10`) or a range (`2.5-50/2.5`, `5-100 by 5 lb`)."""
    unit = Unit(unit_text)
    match = RANGE.match(text)
    try:
        if match:
            low, high, step, written = match.groups()
            if written:
                unit = Unit.LB if written.startswith("lb") else Unit.KG
            rack = DumbbellSet.fixed_steps(
                Mass.of(low, unit), Mass.of(high, unit), Mass.of(step, unit)
            )
        else:
            items = [item for item in re.split(r"[,\s]+", text) if item]
            rack = DumbbellSet(tuple(read_mass(item, "dumbbells", unit)[0] for item in items))
    except (PlateError, MassError, InvalidOperation) as exc:
        raise ServiceError(f"dumbbells: {exc}", "dumbbells") from None
    if len(rack.weights) > 200:
        raise ServiceError("dumbbells: at most 200 different dumbbells", "dumbbells")
    data = {"unit": str(unit), "weights": [_plain(w, unit) for w in rack.weights]}
    return _update(url, dumbbells=data)


def _coach(url: str | None, change: Mapping[str, Any]) -> dict[str, Any]:
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        data = dict(athlete.coach_settings or {})
        data.update(change)
        try:
            CoachSettings.from_json(data)
        except SettingsError as exc:
            raise ServiceError(str(exc), exc.field) from None
        athlete = Athletes(session).update(athlete.id, coach_settings=data)
        return settings_view(athlete)


def set_stack_step(text: str, url: str | None = None) -> dict[str, Any]:
    """The weight-stack step of the athlete's machines (default 5 kg / 10 lb)."""
    mass, _ = read_mass(text, "stack_step")
    if not Decimal("0.5") <= mass.kg <= 25:
        raise ServiceError("stack_step: must be 0.5-25 kg", "stack_step")
    return _coach(url, {"stack_step_kg": f"{mass.kg.normalize():f}"})


def set_weekly_cap(text: str, url: str | None = None) -> dict[str, Any]:
    """The most a lift's prescribed load may rise in a week, in percent (default 5)."""
    try:
        percent = Decimal(text.strip().removesuffix("%"))
    except InvalidOperation:
        raise ServiceError(f"cap: expected a percentage such as 5 (got {text!r})", "cap") from None
    if not (percent.is_finite() and 0 < percent <= 50):
        raise ServiceError("cap: must be above 0 and at most 50 %", "cap")
    return _coach(url, {"weekly_cap": f"{(percent / 100).normalize():f}"})


def set_rule(exercise_name: str, rule: str, url: str | None = None) -> dict[str, Any]:
    """Choose the progression rule of one exercise; `default` goes back to the coach's choice."""
    exercise = catalogue_service.find_exercise(exercise_name)
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        data = dict(athlete.coach_settings or {})
        rules = dict(data.get("rules") or {})
        if rule.strip().lower() == "default":
            rules.pop(exercise.id, None)
        else:
            try:
                rules[exercise.id] = str(RuleName(rule.strip().lower()))
            except ValueError:
                known = ", ".join(r.value for r in RuleName)
                raise ServiceError(f"rule: use one of {known}, or default", "rule") from None
        data["rules"] = rules
        athlete = Athletes(session).update(athlete.id, coach_settings=data)
        return settings_view(athlete)


def today_of_local_athlete(url: str | None = None) -> date:
    """Today's date where the local athlete lives."""
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        return local_today(local_athlete(session))


# ---- equipment per place (issue 5, pages): the kit the planner starts from at each setting ----

EQUIPMENT_KEY = "equipment"
"""Key of the per-setting kit in `athletes.coach_settings` ({setting: [equipment, ...]})."""


def _kit_per_setting(stored: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """Each setting's kit: the athlete's list where stored, else the planner's default."""
    from redwood.domain.profile import DEFAULT_EQUIPMENT
    from redwood.domain.vocab import Equipment, Setting

    saved = (stored or {}).get(EQUIPMENT_KEY)
    saved = saved if isinstance(saved, Mapping) else {}
    kit: dict[str, list[str]] = {}
    for setting in Setting:
        items = saved.get(str(setting))
        known = {str(item) for item in Equipment}
        if isinstance(items, list) and all(str(item) in known for item in items):
            kit[str(setting)] = sorted({str(item) for item in items} | {"none"})
        else:
            kit[str(setting)] = sorted(str(item) for item in DEFAULT_EQUIPMENT[setting])
    return kit


def equipment_by_setting(url: str | None = None) -> dict[str, list[str]]:
    """The kit at the gym, at home and outdoors: what onboarding ticks by default."""
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        return _kit_per_setting(local_athlete(session).coach_settings)


def set_equipment(setting: str, items: list[str], url: str | None = None) -> dict[str, list[str]]:
    """Store the kit at one setting (bodyweight, `none`, is always included); every kit."""
    from redwood.domain.vocab import Equipment, Setting

    where = setting.strip().lower()
    if where not in {str(s) for s in Setting}:
        choices = ", ".join(str(s) for s in Setting)
        raise ServiceError(f"setting: use one of {choices} (got {setting!r})", "setting")
    known = {str(item) for item in Equipment}
    chosen = {item.strip().lower() for item in items if item.strip()}
    unknown = sorted(chosen - known)
    if unknown:
        raise ServiceError(f"equipment: unknown {unknown[0]!r}", "equipment")
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        data = dict(athlete.coach_settings or {})
        kit = dict(data.get(EQUIPMENT_KEY) or {})
        kit[where] = sorted(chosen | {"none"})
        data[EQUIPMENT_KEY] = kit
        athlete = Athletes(session).update(athlete.id, coach_settings=data)
        return _kit_per_setting(athlete.coach_settings)
