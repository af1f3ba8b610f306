"""Load ladders: the loads an athlete can set up for one exercise, and its progression step.

Progression adds "the smallest load step" (TRAINING.md 4), and what that step is depends
on the equipment (ACSM 2009 progression position stand; NSCA, Baechle & Earle):

- barbell, trap bar, Smith machine and EZ bar: 5 kg / 10 lb for the lower body (the legs
  region, or a squat, hinge or lunge), 2.5 kg / 5 lb for the upper body, rounded to the
  athlete's plates (`PlateSet`, both sides loaded alike);
- dumbbells and kettlebells: the next pair on the rack (per hand);
- selectorised machines (cable, lat pulldown, seated row, leg curl, leg extension): the
  stack step, 5 kg / 10 lb unless the athlete says otherwise (notes/coach-design.md);
- plate-loaded machines (leg press, hack squat): 10 kg / 20 lb, a pair of 5 kg / 10 lb
  plates (notes/coach-design.md); landmine, sled and backpack loads step like a barbell of
  the same region. These FREE ladders load any even pair of the smallest plates;
- bodyweight and band moves: no load ladder (NONE); they progress by reps (TRAINING.md 4).

A ladder never raises when rounding: a load past either end of the equipment becomes the
lightest or heaviest load it can make, so callers compare the result when it matters.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum

from redwood.domain.exercise import Exercise
from redwood.domain.mass import Mass, Unit, likely_unit
from redwood.domain.plates import (
    DumbbellSet,
    PlateError,
    PlateSet,
    Rounding,
    next_dumbbell,
    plates_per_side,
    round_dumbbell,
    round_stack,
    round_to_plates,
)
from redwood.domain.vocab import Equipment, Pattern, Region


class LoadStepError(ValueError):
    """A ladder described wrongly; `field` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class LadderKind(StrEnum):
    """How an exercise is loaded."""

    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    STACK = "stack"
    FREE = "free"
    NONE = "none"


def _by_unit(kg: str, lb: str) -> dict[Unit, Mass]:
    return {Unit.KG: Mass.of(kg, Unit.KG), Unit.LB: Mass.of(lb, Unit.LB)}


LOWER_BODY_STEP = _by_unit("5", "10")
"""Barbell lower-body step: 5 kg / 10 lb (ACSM 2009; NSCA; TRAINING.md 4)."""
UPPER_BODY_STEP = _by_unit("2.5", "5")
"""Barbell upper-body step: 2.5 kg / 5 lb (ACSM 2009; NSCA; TRAINING.md 4)."""
STACK_STEP = _by_unit("5", "10")
"""Default machine stack step: one 5 kg / 10 lb stack plate (notes/coach-design.md)."""
PLATE_LOADED_STEP = _by_unit("10", "20")
"""Leg press and hack squat: a pair of 5 kg / 10 lb plates (notes/coach-design.md)."""

_BARBELLS = frozenset(
    {Equipment.BARBELL, Equipment.TRAP_BAR, Equipment.SMITH_MACHINE, Equipment.EZ_BAR}
)
_RACKS = frozenset({Equipment.DUMBBELLS, Equipment.KETTLEBELL})
_STACKS = frozenset(
    {
        Equipment.CABLE,
        Equipment.LAT_PULLDOWN,
        Equipment.SEATED_ROW,
        Equipment.LEG_CURL,
        Equipment.LEG_EXTENSION,
    }
)
_PLATE_LOADED = frozenset({Equipment.LEG_PRESS, Equipment.HACK_SQUAT})
_FREE_LOADED = frozenset({Equipment.LANDMINE, Equipment.SLED, Equipment.BACKPACK})
_LOWER_PATTERNS = frozenset({Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE})


@dataclass(frozen=True, slots=True)
class LoadLadder:
    """The loads one exercise can be set up at, and its progression step.

    `plates` serve BARBELL (and FREE, whose finest change is a pair of the smallest plate),
    `dumbbells` DUMBBELL (per hand), `stack_min` STACK (the lightest pin, one step when
    not given). NONE ladders hold no load: rounding returns the load unchanged.
    """

    kind: LadderKind
    step: Mass
    plates: PlateSet | None = None
    dumbbells: DumbbellSet | None = None
    stack_min: Mass | None = None

    def __post_init__(self) -> None:
        if self.kind is not LadderKind.NONE and self.step.kg <= 0:
            raise LoadStepError("step", f"must be more than 0 kg (got {self.step})")
        if self.step.kg < 0:
            raise LoadStepError("step", f"must not be negative (got {self.step})")
        if self.kind is LadderKind.BARBELL and self.plates is None:
            raise LoadStepError("plates", "a barbell ladder needs a plate set")
        if self.kind is LadderKind.DUMBBELL and self.dumbbells is None:
            raise LoadStepError("dumbbells", "a dumbbell ladder needs a rack")
        if self.stack_min is not None and self.stack_min.kg < 0:
            raise LoadStepError("stack_min", f"must not be negative (got {self.stack_min})")

    @property
    def unit(self) -> Unit:
        """The unit the equipment is marked in (`likely_unit`), kilograms when nothing says."""
        masses = [self.step] if self.step.kg > 0 else []
        if self.plates is not None:
            masses += [self.plates.bar, *self.plates.plates]
        if self.dumbbells is not None:
            masses += list(self.dumbbells.weights)
        return likely_unit(*masses) if masses else Unit.KG

    def _grid(self) -> Mass:
        """FREE: a pair of the smallest plate (or the step without plates)."""
        if self.plates is not None and self.plates.plates:
            return self.plates.plates[-1] * 2
        return self.step

    def _round(self, load: Mass, mode: Rounding) -> Mass:
        """Round by the equipment's own function; raises `PlateError` past an end."""
        if self.kind is LadderKind.BARBELL and self.plates is not None:
            return round_to_plates(load, self.plates, mode)
        if self.kind is LadderKind.DUMBBELL and self.dumbbells is not None:
            return round_dumbbell(load, self.dumbbells, mode)
        if self.kind is LadderKind.STACK:
            lightest = self.step if self.stack_min is None else self.stack_min
            return round_stack(load, self.step, lightest, mode)
        if self.kind is LadderKind.FREE:
            return round_stack(load, self._grid(), Mass.zero(), mode)
        return load

    def round(self, load: Mass, mode: Rounding = Rounding.NEAREST) -> Mass:
        """`load` rounded to one the athlete can set up, `mode` deciding the direction.

        Never raises: below the lightest load (the empty bar, the lightest dumbbell, the
        first pin) it gives the lightest, above the heaviest a limited set can make it
        gives the heaviest. NONE ladders return `load` unchanged.
        """
        try:
            return self._round(load, mode)
        except PlateError:
            other = Rounding.UP if mode is Rounding.DOWN else Rounding.DOWN
            return self._round(load, other)

    def up(self, load: Mass) -> Mass | None:
        """The next loadable step up from `load`: always heavier and loadable, or None.

        Dumbbells: the next pair on the rack. Otherwise `load` + step rounded down, or the
        next load the equipment makes above `load` when the plates cannot make that step.
        None on a NONE ladder and at the top of a limited plate set or rack.
        """
        if self.kind is LadderKind.NONE:
            return None
        if self.kind is LadderKind.DUMBBELL and self.dumbbells is not None:
            return next_dumbbell(load, self.dumbbells)
        target = load + self.step
        below = self.round(target, Rounding.DOWN)
        if below > load:
            return below
        try:
            above = self._round(target, Rounding.UP)
        except PlateError:
            return None
        return above if above > load else None

    def down(self, load: Mass) -> Mass:
        """One step down from `load`, never below the empty bar or the lightest load.

        Dumbbells: the next lighter pair. NONE ladders return `load` unchanged.
        """
        if self.kind is LadderKind.NONE:
            return load
        if self.kind is LadderKind.DUMBBELL and self.dumbbells is not None:
            weights = self.dumbbells.weights
            return max((w for w in weights if w < load), default=weights[0])
        return self.round(load - self.step, Rounding.DOWN)

    def plates_per_side(self, load: Mass) -> tuple[Mass, ...] | None:
        """The plates on each side for `load`, heaviest first (BARBELL only).

        An empty tuple is the bar alone; None when the ladder is not a barbell or the
        plates cannot make `load` exactly.
        """
        if self.kind is not LadderKind.BARBELL or self.plates is None:
            return None
        if load < self.plates.bar:
            return None
        loading = plates_per_side(load, self.plates)
        return loading.per_side if loading.exact else None


def _lower_body(exercise: Exercise) -> bool:
    return exercise.region is Region.LEGS or exercise.pattern in _LOWER_PATTERNS


def _region_step(exercise: Exercise, unit: Unit) -> Mass:
    return (LOWER_BODY_STEP if _lower_body(exercise) else UPPER_BODY_STEP)[unit]


def _rack_step(dumbbells: DumbbellSet) -> Mass:
    """The smallest gap between neighbouring dumbbells (the only one's weight if alone)."""
    weights = dumbbells.weights
    gaps = [b - a for a, b in itertools.pairwise(weights)]
    return min(gaps, default=weights[0])


def ladder_for(
    exercise: Exercise,
    *,
    unit: Unit,
    plates: PlateSet | None = None,
    dumbbells: DumbbellSet | None = None,
    stack_step: Mass | None = None,
) -> LoadLadder:
    """The load ladder of `exercise` for an athlete who counts in `unit`.

    The first match wins: landmine, sled or backpack (FREE, the region's barbell step);
    a barbell, trap bar, Smith machine or EZ bar (BARBELL, 5 kg / 10 lb lower body, 2.5 kg
    / 5 lb upper body); dumbbells or kettlebells (DUMBBELL, the next pair); leg press or
    hack squat (FREE, 10 kg / 20 lb); a cable or selectorised machine (STACK, `stack_step`,
    default 5 kg / 10 lb); anything else, bodyweight and bands, NONE. Plates and
    dumbbells default to the standard sets of `unit` (`PlateSet.standard`,
    `DumbbellSet.standard`); pass the athlete's own kettlebells as `dumbbells`.
    """
    kit = set(exercise.equipment)
    plate_set = plates if plates is not None else PlateSet.standard(unit)
    if kit & _FREE_LOADED:
        return LoadLadder(LadderKind.FREE, _region_step(exercise, unit), plates=plate_set)
    if kit & _BARBELLS:
        return LoadLadder(LadderKind.BARBELL, _region_step(exercise, unit), plates=plate_set)
    if kit & _RACKS:
        rack = dumbbells if dumbbells is not None else DumbbellSet.standard(unit)
        return LoadLadder(LadderKind.DUMBBELL, _rack_step(rack), dumbbells=rack)
    if kit & _PLATE_LOADED:
        return LoadLadder(LadderKind.FREE, PLATE_LOADED_STEP[unit], plates=plate_set)
    if kit & _STACKS:
        step = stack_step if stack_step is not None else STACK_STEP[unit]
        return LoadLadder(LadderKind.STACK, step, stack_min=step)
    return LoadLadder(LadderKind.NONE, Mass.zero())
