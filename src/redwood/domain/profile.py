"""The athlete's profile: everything the program generator solves for (issue 3, item 1).

A `Profile` is a validated, frozen value. `make_profile` is the one way to build one from
loose input (CLI flags, a questionnaire, an API body, a stored JSON): it fills defaults
(weekdays spread through the week, equipment per setting) and refuses contradictions with
one clear line naming the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from redwood.domain.mass import Mass
from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Setting


class Weekday(StrEnum):
    """Days of the week in the program contract's spelling."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday 0 ... Sunday 6."""
        return list(Weekday).index(self)


class Priority(StrEnum):
    """Which region the program favours."""

    LEGS = "legs"
    BACK = "back"
    BALANCED = "balanced"


class OrderPreference(StrEnum):
    """How a back-and-legs session orders its regions: legs first, back first or alternating.

    The three orders the seed `000` describes; `auto` lets the priority decide.
    """

    AUTO = "auto"
    LEGS_FIRST = "legs_first"
    BACK_FIRST = "back_first"
    ALTERNATING = "alternating"


class SupersetPreference(StrEnum):
    """Whether the generator may pair non-competing moves."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"


MIN_DAYS, MAX_DAYS = 2, 6
MIN_MINUTES, MAX_MINUTES = 20, 120
MIN_WEEKS, MAX_WEEKS, DEFAULT_WEEKS = 4, 16, 8

DEFAULT_WEEKDAYS: dict[int, tuple[Weekday, ...]] = {
    2: (Weekday.MON, Weekday.THU),
    3: (Weekday.MON, Weekday.WED, Weekday.FRI),
    4: (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI),
    5: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.FRI, Weekday.SAT),
    6: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT),
}
"""Training days spread so the same muscles get 48 h or more (Monday and Thursday: seed `004`)."""

DEFAULT_EQUIPMENT: dict[Setting, frozenset[Equipment]] = {
    Setting.GYM: frozenset(Equipment) - {Equipment.BACKPACK, Equipment.TOWEL, Equipment.STAIRS},
    Setting.HOME: frozenset(
        {Equipment.DUMBBELLS, Equipment.BANDS, Equipment.PULLUP_BAR, Equipment.NONE}
    ),
    Setting.OUTDOOR: frozenset(
        {Equipment.NONE, Equipment.BENCH, Equipment.STAIRS, Equipment.PULLUP_BAR}
    ),
}
"""What each setting has unless the athlete says otherwise: a full gym; dumbbells, bands and
a pull-up bar at home; a park's benches, stairs and bars outdoors."""


class ProfileError(ValueError):
    """A profile that cannot be planned for; the message names the field."""


@dataclass(frozen=True, slots=True)
class Profile:
    """One athlete's planning inputs, validated and with defaults filled in.

    `weekdays` always has `days_per_week` entries in week order. `setting_by_day` holds
    only overrides (gym Monday, home Thursday); `equipment` holds the kit at each setting
    the athlete trains in.
    """

    goal: Goal
    level: Level
    days_per_week: int
    weekdays: tuple[Weekday, ...]
    session_minutes: int
    setting: Setting
    equipment: Mapping[Setting, frozenset[Equipment]]
    setting_by_day: Mapping[Weekday, Setting] = field(default_factory=dict)
    priority: Priority = Priority.BALANCED
    order: OrderPreference = OrderPreference.AUTO
    supersets: SupersetPreference = SupersetPreference.AUTO
    limitations: frozenset[Limitation] = frozenset()
    bodyweight: Mass | None = None
    weeks: int = DEFAULT_WEEKS
    favourites: tuple[str, ...] = ()
    excluded: frozenset[str] = frozenset()

    def setting_on(self, day: Weekday) -> Setting:
        """Where the athlete trains on `day`."""
        return self.setting_by_day.get(day, self.setting)

    def equipment_on(self, day: Weekday) -> frozenset[Equipment]:
        """The kit available on `day` (bodyweight, `none`, is always available)."""
        setting = self.setting_on(day)
        return self.equipment.get(setting, DEFAULT_EQUIPMENT[setting]) | {Equipment.NONE}

    def to_dict(self) -> dict[str, Any]:
        """The profile in the program contract's spelling (DESIGN.md), plus extra keys."""
        return {
            "goal": str(self.goal),
            "level": str(self.level),
            "days_per_week": self.days_per_week,
            "weekdays": [str(day) for day in self.weekdays],
            "session_minutes": self.session_minutes,
            "setting": str(self.setting),
            "equipment": sorted(str(e) for e in self.equipment.get(self.setting, frozenset())),
            "priority": str(self.priority),
            "limitations": sorted(str(lim) for lim in self.limitations),
            "weeks": self.weeks,
            "order": str(self.order),
            "supersets": str(self.supersets),
            "setting_by_day": {str(d): str(s) for d, s in sorted(self.setting_by_day.items())},
            "equipment_by_setting": {
                str(s): sorted(str(e) for e in kit) for s, kit in sorted(self.equipment.items())
            },
            "bodyweight_kg": None if self.bodyweight is None else float(self.bodyweight.kg),
            "favourites": list(self.favourites),
            "excluded": sorted(self.excluded),
        }


def _enum(kind: type[StrEnum], value: Any, name: str) -> Any:
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(str(member) for member in kind)
        raise ProfileError(f"{name}: unknown value {value!r} (use one of {choices})") from None


def _enum_set(kind: type[StrEnum], values: Iterable[Any], name: str) -> frozenset[Any]:
    return frozenset(_enum(kind, value, name) for value in values)


def _whole(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise ProfileError(f"{name} must be a whole number (got {value!r})") from None
    if not low <= value <= high:
        raise ProfileError(f"{name} must be {low}-{high} (got {value})")
    return int(value)


def _weekdays(days: int | None, weekdays: Iterable[Any] | None) -> tuple[int, tuple[Weekday, ...]]:
    if weekdays is not None:
        chosen = sorted(_enum_set(Weekday, weekdays, "weekdays"), key=lambda d: d.number)
        if not MIN_DAYS <= len(chosen) <= MAX_DAYS:
            raise ProfileError(
                f"weekdays must name {MIN_DAYS}-{MAX_DAYS} different days (got {len(chosen)})"
            )
        if days is not None and _whole(days, "days", 0, 7) != len(chosen):
            raise ProfileError(f"days says {days} but weekdays names {len(chosen)} days")
        return len(chosen), tuple(chosen)
    if days is None:
        raise ProfileError(f"days: say how many days a week you train ({MIN_DAYS}-{MAX_DAYS})")
    count = _whole(days, "days", MIN_DAYS, MAX_DAYS)
    return count, DEFAULT_WEEKDAYS[count]


def make_profile(
    *,
    goal: Any,
    level: Any,
    days: int | None = None,
    weekdays: Iterable[Any] | None = None,
    minutes: Any,
    setting: Any = Setting.GYM,
    equipment: Iterable[Any] | None = None,
    equipment_by_setting: Mapping[Any, Iterable[Any]] | None = None,
    setting_by_day: Mapping[Any, Any] | None = None,
    priority: Any = Priority.BALANCED,
    order: Any = OrderPreference.AUTO,
    supersets: Any = SupersetPreference.AUTO,
    limitations: Iterable[Any] = (),
    bodyweight: Mass | None = None,
    weeks: Any = DEFAULT_WEEKS,
    favourites: Iterable[str] = (),
    excluded: Iterable[str] = (),
) -> Profile:
    """Validate loose input into a `Profile`, filling defaults; `ProfileError` on the first fault.

    `equipment` is the kit at the main `setting`; `equipment_by_setting` gives the kit at
    other settings used by `setting_by_day` (each defaults to `DEFAULT_EQUIPMENT`).
    """
    count, days_chosen = _weekdays(days, weekdays)
    main_setting = _enum(Setting, setting, "setting")
    overrides = {
        _enum(Weekday, day, "setting_by_day"): _enum(Setting, where, "setting_by_day")
        for day, where in (setting_by_day or {}).items()
    }
    stray = sorted(str(day) for day in overrides if day not in days_chosen)
    if stray:
        raise ProfileError(f"setting_by_day names {', '.join(stray)}, which is not a training day")
    kit: dict[Setting, frozenset[Equipment]] = {}
    for where, items in (equipment_by_setting or {}).items():
        kit[_enum(Setting, where, "equipment_by_setting")] = _enum_set(
            Equipment, items, "equipment"
        )
    if equipment is not None:
        kit[main_setting] = _enum_set(Equipment, equipment, "equipment")
    for where in {main_setting, *overrides.values()}:
        kit.setdefault(where, DEFAULT_EQUIPMENT[where])
    if bodyweight is not None and bodyweight.kg <= 0:
        raise ProfileError("bodyweight must be more than 0")
    favourite_ids = tuple(dict.fromkeys(str(f).strip() for f in favourites if str(f).strip()))
    excluded_ids = frozenset(str(x).strip() for x in excluded if str(x).strip())
    clash = sorted(set(favourite_ids) & excluded_ids)
    if clash:
        raise ProfileError(f"{clash[0]} is both a favourite and excluded")
    return Profile(
        goal=_enum(Goal, goal, "goal"),
        level=_enum(Level, level, "level"),
        days_per_week=count,
        weekdays=days_chosen,
        session_minutes=_whole(minutes, "minutes", MIN_MINUTES, MAX_MINUTES),
        setting=main_setting,
        equipment=kit,
        setting_by_day=overrides,
        priority=_enum(Priority, priority, "priority"),
        order=_enum(OrderPreference, order, "order"),
        supersets=_enum(SupersetPreference, supersets, "supersets"),
        limitations=_enum_set(Limitation, limitations, "limitations"),
        bodyweight=bodyweight,
        weeks=_whole(weeks, "weeks", MIN_WEEKS, MAX_WEEKS),
        favourites=favourite_ids,
        excluded=excluded_ids,
    )


def gap_hours(first: Weekday, second: Weekday) -> int:
    """Hours from one training day to the next one in a repeating week (same time of day)."""
    days = (second.number - first.number) % 7 or 7
    return days * 24
