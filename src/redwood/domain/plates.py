"""Loads the athlete can actually lift: barbell plates, dumbbell racks and machine stacks.

The coach prescribes loads from e1RM and percent tables (unrounded); this module turns them
into what the athlete's equipment allows (DESIGN.md, "Conventions": plate and dumbbell
rounding is a domain function of the athlete's equipment).

Plate math is an exact search, not greedy: greedy fails when a set lacks a plate size or
holds only a few pairs (with 25, 20 and 15 kg plates, greedy puts 25 + 25 on a 60 kg side
and is stuck; 25 + 20 + 15 makes it). Among exact loadings it takes the fewest plates; among those,
the one needing fewest repeats of one size (so it also works on a home set with one pair of
each plate), then heavier plates first.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from redwood.domain.mass import Mass, Unit, likely_unit

DEFAULT_KG_PLATES: tuple[Decimal, ...] = tuple(
    Decimal(p) for p in ("25", "20", "15", "10", "5", "2.5", "1.25")
)
"""A common kilogram plate set, in kg, heaviest first."""
DEFAULT_LB_PLATES: tuple[Decimal, ...] = tuple(
    Decimal(p) for p in ("45", "35", "25", "10", "5", "2.5")
)
"""A common pound plate set, in lb, heaviest first."""
DEFAULT_KG_BAR = Decimal(20)
DEFAULT_LB_BAR = Decimal(45)


class PlateError(ValueError):
    """A load the equipment cannot make, or equipment described wrongly (plates, dumbbells,
    stacks); the message is one line for the athlete."""


class Rounding(StrEnum):
    """Which way to round a load to the equipment. NEAREST breaks ties downward."""

    NEAREST = "nearest"
    DOWN = "down"
    UP = "up"


@dataclass(frozen=True, slots=True)
class PlateSet:
    """A bar and the plates for it, heaviest first.

    `pairs[i]` is how many pairs of `plates[i]` exist (None: as many as needed); an empty
    `pairs` means every size is unlimited.
    """

    bar: Mass
    plates: tuple[Mass, ...]
    pairs: tuple[int | None, ...] = ()

    def __post_init__(self) -> None:
        if self.bar.kg < 0:
            raise PlateError(f"the bar must not weigh less than 0 kg (got {self.bar})")
        if any(plate.kg <= 0 for plate in self.plates):
            raise PlateError("every plate must weigh more than 0 kg")
        if any(a <= b for a, b in itertools.pairwise(self.plates)):
            raise PlateError("plates must be listed heaviest first, each size once")
        if not self.pairs:
            object.__setattr__(self, "pairs", (None,) * len(self.plates))
        elif len(self.pairs) != len(self.plates):
            raise PlateError("pairs must give one count (or None) for each plate size")
        if any(n is not None and (isinstance(n, bool) or n < 0) for n in self.pairs):
            raise PlateError("pairs of a plate must be a whole number of 0 or more")

    @classmethod
    def create(
        cls, bar: Mass, plates: Iterable[Mass], pairs: Mapping[Mass, int] | None = None
    ) -> PlateSet:
        """A plate set from plates in any order and an optional {plate: pairs} map."""
        ordered = tuple(sorted(plates, reverse=True))
        if len(set(ordered)) != len(ordered):
            raise PlateError("each plate size must be listed once")
        counts = dict(pairs or {})
        unknown = [plate for plate in counts if plate not in ordered]
        if unknown:
            raise PlateError(f"pairs name a plate that is not in the set: {unknown[0]}")
        return cls(bar, ordered, tuple(counts.get(plate) for plate in ordered))

    @classmethod
    def standard(cls, unit: Unit = Unit.KG) -> PlateSet:
        """20 kg bar with 25-1.25 kg plates, or 45 lb bar with 45-2.5 lb plates, unlimited."""
        if unit is Unit.KG:
            return cls(Mass(DEFAULT_KG_BAR), tuple(Mass(p) for p in DEFAULT_KG_PLATES))
        return cls(
            Mass.of(DEFAULT_LB_BAR, Unit.LB), tuple(Mass.of(p, Unit.LB) for p in DEFAULT_LB_PLATES)
        )


@dataclass(frozen=True, slots=True)
class PlateLoading:
    """Plates for one side of the bar, heaviest first; `total` includes bar and both sides.

    `exact` is False when the target could not be made and `total` is the nearest load at or
    below it.
    """

    per_side: tuple[Mass, ...]
    total: Mass
    exact: bool


def _unit_of_plates(plate_set: PlateSet) -> Unit:
    """The unit the plates are marked in, so messages speak the athlete's unit."""
    return likely_unit(plate_set.bar, *plate_set.plates)


def _show(mass: Mass, unit: Unit) -> str:
    return mass.format(unit, 2)


_Key = tuple[int, int, tuple[int, ...]]
"""Search rank of a loading: (plates, repeats, negated counts heaviest first); lower wins."""


def _places(value: Decimal) -> int:
    """Decimal places of a finite Decimal (0 for whole numbers)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _useful_counts(sizes: list[int], pairs: tuple[int | None, ...]) -> list[int | None]:
    """The most of each plate a fewest-plates loading can hold (None: no bound).

    If a copies of plate i weigh the same as b < a copies of a heavier plate j that is not
    limited (a = lcm / size i), swapping them gives the same load with fewer plates, so a
    best loading never holds a or more of plate i. Pair limits bound counts too.
    """
    useful: list[int | None] = []
    for i, size in enumerate(sizes):
        bound = pairs[i]
        for j in range(i):
            if pairs[j] is None:
                swap = math.lcm(size, sizes[j]) // size - 1
                bound = swap if bound is None else min(bound, swap)
        useful.append(bound)
    return useful


def _side_loadings(plate_set: PlateSet, limit: Decimal) -> dict[Decimal, tuple[int, ...]]:
    """Every per-side sum up to `limit` kg the plates can make, with its best plate counts.

    A dynamic programme over plate sizes on exact integer multiples of the finest decimal
    place; the rank is additive over sizes, so keeping the best prefix per sum is exact.
    Counts that can never be best are skipped (see `_useful_counts`), which keeps small
    change plates cheap.
    """
    if limit < 0:
        return {}
    places = max([0, *(_places(plate.kg) for plate in plate_set.plates)])
    scale = 10**places
    sizes = [int(plate.kg * scale) for plate in plate_set.plates]
    cap = int((limit * scale).to_integral_value(rounding=ROUND_FLOOR))
    useful = _useful_counts(sizes, plate_set.pairs)
    best: dict[int, _Key] = {0: (0, 0, ())}
    for size, available in zip(sizes, useful, strict=True):
        grown: dict[int, _Key] = {}
        for total, (count, repeats, counts) in best.items():
            most = (cap - total) // size
            if available is not None:
                most = min(most, available)
            for k in range(most + 1):
                key = (count + k, repeats + max(k - 1, 0), (*counts, -k))
                reached = total + k * size
                held = grown.get(reached)
                if held is None or key < held:
                    grown[reached] = key
        best = grown
    return {Decimal(total) / scale: tuple(-k for k in key[2]) for total, key in best.items()}


def _loading(
    plate_set: PlateSet, side: Decimal, counts: tuple[int, ...], exact: bool
) -> PlateLoading:
    per_side = tuple(
        plate for plate, k in zip(plate_set.plates, counts, strict=True) for _ in range(k)
    )
    return PlateLoading(per_side, plate_set.bar + Mass(side) * 2, exact)


def plates_per_side(target: Mass, plate_set: PlateSet) -> PlateLoading:
    """The plates for each side that make `target`, or the nearest load below it.

    Exact when possible (fewest plates; see the module note for ties). Otherwise the
    heaviest load at or below the target, with `exact=False`. A target below the bar
    raises `PlateError`.
    """
    if target < plate_set.bar:
        unit = _unit_of_plates(plate_set)
        raise PlateError(
            f"{_show(target, unit)} is less than the {_show(plate_set.bar, unit)} bar: "
            "use a lighter bar or dumbbells"
        )
    side = (target - plate_set.bar).kg / 2
    options = _side_loadings(plate_set, side)
    reached = max(options)
    return _loading(plate_set, reached, options[reached], reached == side)


def _pick(target: Mass, below: Mass | None, above: Mass | None, mode: Rounding) -> Mass | None:
    """The load `mode` chooses from the nearest options at or below and at or above."""
    if mode is Rounding.DOWN:
        return below
    if mode is Rounding.UP:
        return above
    if below is None or above is None:
        return below if below is not None else above
    return below if target - below <= above - target else above


def round_to_plates(target: Mass, plate_set: PlateSet, mode: Rounding = Rounding.NEAREST) -> Mass:
    """`target` rounded to a total the bar and plates can make.

    Below the bar, NEAREST and UP give the bar and DOWN raises; above the heaviest load a
    limited plate set makes, DOWN and NEAREST give that load and UP raises.
    """
    side = (target - plate_set.bar).kg / 2
    heaviest_plate = plate_set.plates[0].kg if plate_set.plates else Decimal(0)
    options = _side_loadings(plate_set, max(side, Decimal(0)) + heaviest_plate)
    totals = sorted(plate_set.bar + Mass(s) * 2 for s in options)
    below = max((t for t in totals if t <= target), default=None)
    above = min((t for t in totals if t >= target), default=None)
    chosen = _pick(target, below, above, mode)
    if chosen is not None:
        return chosen
    unit = _unit_of_plates(plate_set)
    if below is None:
        raise PlateError(
            f"no load at or below {_show(target, unit)}: "
            f"the bar alone weighs {_show(plate_set.bar, unit)}"
        )
    raise PlateError(
        f"{_show(target, unit)} is more than these plates can load: "
        f"the most is {_show(below, unit)}"
    )


@dataclass(frozen=True, slots=True)
class DumbbellSet:
    """The single dumbbells on the rack (one weight per hand), lightest first."""

    weights: tuple[Mass, ...]

    def __post_init__(self) -> None:
        if not self.weights:
            raise PlateError("a dumbbell rack needs at least one dumbbell")
        ordered = tuple(sorted(set(self.weights)))
        if ordered[0].kg <= 0:
            raise PlateError("every dumbbell must weigh more than 0 kg")
        object.__setattr__(self, "weights", ordered)

    @classmethod
    def fixed_steps(cls, start: Mass, stop: Mass, step: Mass) -> DumbbellSet:
        """A rack from `start` to `stop` (inclusive) in `step`s, e.g. 2.5-50 kg by 2.5."""
        if step.kg <= 0 or start.kg <= 0 or stop < start:
            raise PlateError("a dumbbell rack runs from a positive start up to its stop by a step")
        count = int(((stop - start).kg / step.kg).to_integral_value(rounding=ROUND_FLOOR))
        return cls(tuple(start + step * i for i in range(count + 1)))

    @classmethod
    def standard(cls, unit: Unit = Unit.KG) -> DumbbellSet:
        """A common gym rack: 2.5-50 kg by 2.5 kg, or 5-100 lb by 5 lb."""
        if unit is Unit.KG:
            two_and_half = Mass(Decimal("2.5"))
            return cls.fixed_steps(two_and_half, Mass(Decimal(50)), two_and_half)
        five = Mass.of(5, Unit.LB)
        return cls.fixed_steps(five, Mass.of(100, Unit.LB), five)


KETTLEBELL_KG = (4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 32, 36, 40, 44, 48)
"""Common kettlebell sizes in kg: 2 kg steps to 28 kg, then 4 kg [manufacturers' ranges]."""
KETTLEBELL_LB = (10, 15, 20, 25, 30, 35, 40, 45, 50, 53, 60, 62, 70, 80, 88, 97, 106)
"""Common kettlebell sizes in lb, as pound-market bells are sold [manufacturers' ranges]."""


def kettlebells(unit: Unit = Unit.KG) -> DumbbellSet:
    """The common kettlebell sizes of a unit: a kettlebell move steps to the next bell."""
    sizes = KETTLEBELL_KG if unit is Unit.KG else KETTLEBELL_LB
    return DumbbellSet(tuple(Mass.of(size, unit) for size in sizes))


DEFAULT_KG_DUMBBELLS = DumbbellSet.standard(Unit.KG)
DEFAULT_LB_DUMBBELLS = DumbbellSet.standard(Unit.LB)


def round_dumbbell(
    target_per_hand: Mass, dumbbells: DumbbellSet, mode: Rounding = Rounding.NEAREST
) -> Mass:
    """`target_per_hand` rounded to a dumbbell on the rack.

    Past either end of the rack the end dumbbell is used, except where `mode` forbids it
    (DOWN below the lightest, UP above the heaviest), which raises `PlateError`.
    """
    below = max((w for w in dumbbells.weights if w <= target_per_hand), default=None)
    above = min((w for w in dumbbells.weights if w >= target_per_hand), default=None)
    chosen = _pick(target_per_hand, below, above, mode)
    if chosen is not None:
        return chosen
    unit = likely_unit(*dumbbells.weights)
    if mode is Rounding.DOWN:
        raise PlateError(
            f"no dumbbell at or below {_show(target_per_hand, unit)}: "
            f"the lightest is {_show(dumbbells.weights[0], unit)}"
        )
    raise PlateError(
        f"no dumbbell at or above {_show(target_per_hand, unit)}: "
        f"the heaviest is {_show(dumbbells.weights[-1], unit)}"
    )


def next_dumbbell(current: Mass, dumbbells: DumbbellSet) -> Mass | None:
    """The next pair up the rack: the load step for dumbbells (ACSM 2009; NSCA; TRAINING.md 4).

    None when `current` is the heaviest dumbbell or more.
    """
    return min((w for w in dumbbells.weights if w > current), default=None)


def round_stack(
    target: Mass,
    step: Mass,
    minimum: Mass,
    mode: Rounding = Rounding.NEAREST,
    *,
    maximum: Mass | None = None,
) -> Mass:
    """`target` rounded to a weight stack: `minimum` plus whole `step`s, up to `maximum`.

    Below the minimum, NEAREST and UP give the minimum and DOWN raises; above the maximum,
    NEAREST and DOWN give the maximum and UP raises.
    """
    if step.kg <= 0 or minimum.kg < 0:
        raise PlateError("a weight stack needs a step above 0 kg and a minimum of 0 kg or more")
    if maximum is not None and maximum < minimum:
        raise PlateError("a weight stack's maximum must not be below its minimum")
    steps = (target - minimum).kg / step.kg
    low = minimum + step * int(steps.to_integral_value(rounding=ROUND_FLOOR))
    high = minimum + step * int(steps.to_integral_value(rounding=ROUND_CEILING))
    top = None
    if maximum is not None:
        top = minimum + step * int(
            ((maximum - minimum).kg / step.kg).to_integral_value(ROUND_FLOOR)
        )
    below = None if target < minimum else (low if top is None else min(low, top))
    above = minimum if target < minimum else (None if top is not None and high > top else high)
    chosen = _pick(target, below, above, mode)
    if chosen is not None:
        return chosen
    unit = likely_unit(step, minimum)
    if below is None:
        raise PlateError(
            f"no stack weight at or below {_show(target, unit)}: "
            f"the minimum is {_show(minimum, unit)}"
        )
    raise PlateError(
        f"no stack weight at or above {_show(target, unit)}: the most is {_show(below, unit)}"
    )
