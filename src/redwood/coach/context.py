"""What the coach knows when it prescribes a day: kit, settings, readiness and history.

Values only; the services layer gathers them from the store (the athlete's plates and
dumbbells, their per-exercise rule choices, the day's check-in, the log).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from redwood.catalog.catalogue import Catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.loadsteps import LoadLadder, ladder_for
from redwood.domain.mass import Mass, Unit, parse_mass
from redwood.domain.plates import DumbbellSet, PlateSet, kettlebells
from redwood.domain.profile import Profile
from redwood.domain.program import Week
from redwood.domain.progression import Exposure, RuleName, Target
from redwood.domain.recovery import ReadinessAdjustment
from redwood.domain.vocab import Equipment, Limitation

DEFAULT_WEEKLY_CAP = Decimal("0.05")
"""No lift's prescribed load rises more than 5 % in a week (TRAINING.md 4; seed 004)."""


class SettingsError(ValueError):
    """Coach settings that cannot be used; `field` names the setting."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


@dataclass(frozen=True, slots=True)
class Kit:
    """The athlete's unit and loading equipment."""

    unit: Unit = Unit.KG
    plates: PlateSet | None = None
    dumbbells: DumbbellSet | None = None
    stack_step: Mass | None = None

    def ladder(self, exercise: Exercise) -> LoadLadder:
        """The loads `exercise` can be set up at with this kit (kettlebell moves step
        through the common bell sizes)."""
        bells = Equipment.KETTLEBELL in exercise.equipment
        return ladder_for(
            exercise,
            unit=self.unit,
            plates=self.plates,
            dumbbells=kettlebells(self.unit) if bells else self.dumbbells,
            stack_step=self.stack_step,
        )


@dataclass(frozen=True, slots=True)
class CoachSettings:
    """Per-exercise progression rules and the weekly cap (a fraction: 0.05 = 5 %)."""

    rules: Mapping[str, RuleName] = field(default_factory=dict)
    weekly_cap: Decimal = DEFAULT_WEEKLY_CAP
    stack_step: Mass | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> CoachSettings:
        """Settings stored on the athlete (`athletes.coach_settings`); None = defaults."""
        if not data:
            return cls()
        rules: dict[str, RuleName] = {}
        for exercise, name in dict(data.get("rules") or {}).items():
            try:
                rules[str(exercise)] = RuleName(str(name))
            except ValueError:
                known = ", ".join(rule.value for rule in RuleName)
                raise SettingsError("rules", f"unknown rule {name!r}: use {known}") from None
        cap = Decimal(str(data.get("weekly_cap", DEFAULT_WEEKLY_CAP)))
        if not (cap.is_finite() and 0 < cap <= Decimal("0.5")):
            raise SettingsError("weekly_cap", "must be above 0 and at most 0.5 (50 %)")
        step = data.get("stack_step_kg")
        stack = None if step in (None, "") else parse_mass(f"{step}kg")
        return cls(rules, cap, stack)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rules": {ex: str(rule) for ex, rule in sorted(self.rules.items())},
            "weekly_cap": str(self.weekly_cap),
        }
        if self.stack_step is not None:
            data["stack_step_kg"] = str(self.stack_step.kg)
        return data


@dataclass(frozen=True, slots=True)
class DayReadiness:
    """The day's check-in as the coach applies it."""

    adjustment: ReadinessAdjustment
    checked_on: date

    def apply(self, target: Target) -> Target:
        """Fewer sets and more reps in reserve, as the adjustment says (never under 1 set)."""
        sets = self.adjustment.adjust_sets(target.sets)
        return replace(target, sets=sets, rir=target.rir + self.adjustment.rir_delta)


@dataclass(frozen=True, slots=True)
class Context:
    """Everything one day's prescription depends on."""

    on: date
    profile: Profile
    week: Week
    catalogue: Catalogue
    equipment: frozenset[Equipment]
    kit: Kit
    settings: CoachSettings
    history: Mapping[str, tuple[Exposure, ...]]
    readiness: DayReadiness | None = None
    pain_where: frozenset[Limitation] = frozenset()
    form_flags: frozenset[str] = frozenset()
    poor_recovery: bool = False
