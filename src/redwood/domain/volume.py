"""Training volume: hard sets per muscle, counted fractionally, and the bands to plan to.

Counting (TRAINING.md 1): a hard set gives its exercise's primary movers 1.0 set and its
synergists 0.5 (Pelland et al. 2025, Sports Med). Only hard sets count and warm-ups never
do (Robinson et al. 2024; Refalo et al. 2023): callers count hard sets with
`effort.is_hard_set` and pass the count here.

Groups: lats and upper back are planned together as "back", as the landmarks table does,
and a set counts ONCE per group, at the best credit of the group's muscles (`group_sets`):
Pelland 2025 credits a set to each muscle it trains, and muscles that move together as one
group are trained by that one set, so a row (lats and upper back both primary) is one back
set, not two. Summing the members' per-muscle sets would count each back set twice and
make every back exercise look twice as expensive against a weekly band. The erectors have
no landmark: the planner counts spine-loading sets instead (TRAINING.md 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from redwood.domain.exercise import Exercise
from redwood.domain.vocab import Goal, Level, Muscle

PRIMARY_SHARE = Decimal(1)
SECONDARY_SHARE = Decimal("0.5")
"""Fractional set shares for primary movers and synergists (Pelland et al. 2025)."""

BACK_MUSCLES: tuple[Muscle, ...] = (Muscle.LATS, Muscle.UPPER_BACK)
"""Counted together as the "back" group (landmarks table, TRAINING.md 1)."""

MINIMUM_EFFECTIVE_SETS = Decimal(4)
"""Minimum effective dose when time-poor: 4 sets/muscle/week at 6-15 RM (Iversen 2021)."""

SPINE_LOADING_MIN = 2
"""Exercises with `spinal_load` of 2 or more load the erectors (squats, hinges, bent-over
rows, good mornings: TRAINING.md 5) and count as spine-loading sets."""

PRACTITIONER_RP = "[practitioner] Renaissance Periodization"


class VolumeError(ValueError):
    """A set count or muscle group that cannot be planned; one line for the athlete."""


class VolumeGroup(StrEnum):
    """What the planner plans weekly volume for: each muscle, with lats and upper back
    merged into `back`, and no erectors (they have no landmark)."""

    BACK = "back"
    QUADS = "quads"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    CALVES = "calves"
    TRAPS = "traps"
    ADDUCTORS = "adductors"
    ABDUCTORS = "abductors"
    REAR_DELTS = "rear_delts"
    ABS = "abs"
    OBLIQUES = "obliques"
    CHEST = "chest"
    FRONT_DELTS = "front_delts"
    SIDE_DELTS = "side_delts"
    TRICEPS = "triceps"
    BICEPS = "biceps"
    FOREARMS = "forearms"


MUSCLE_GROUP: dict[Muscle, VolumeGroup] = {
    muscle: VolumeGroup.BACK if muscle in BACK_MUSCLES else VolumeGroup(muscle.value)
    for muscle in Muscle
    if muscle is not Muscle.ERECTORS
}
"""The group each muscle's sets count toward; erectors are absent on purpose."""


class BandPosition(StrEnum):
    """Where a set count sits against a band."""

    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


@dataclass(frozen=True, slots=True)
class SetBand:
    """A range of hard sets, inclusive, with where the numbers come from."""

    low: Decimal
    high: Decimal
    source: str

    def where(self, sets: Decimal | int) -> BandPosition:
        """Below, within or above the band."""
        if sets < self.low:
            return BandPosition.BELOW
        if sets > self.high:
            return BandPosition.ABOVE
        return BandPosition.WITHIN


@dataclass(frozen=True, slots=True)
class Landmarks:
    """Direct sets/week for an intermediate [practitioner, Renaissance Periodization]:
    maintenance (MV), minimum effective (MEV), maximum adaptive (MAV) and maximum
    recoverable (MRV) volume."""

    mv: Decimal
    mev: Decimal
    mav_low: Decimal
    mav_high: Decimal
    mrv: Decimal
    source: str = PRACTITIONER_RP


def _landmarks(mv: int, mev: int, mav_low: int, mav_high: int, mrv: int) -> Landmarks:
    return Landmarks(Decimal(mv), Decimal(mev), Decimal(mav_low), Decimal(mav_high), Decimal(mrv))


LANDMARKS: dict[VolumeGroup, Landmarks] = {
    VolumeGroup.BACK: _landmarks(6, 10, 14, 22, 25),
    VolumeGroup.QUADS: _landmarks(6, 8, 12, 18, 20),
    VolumeGroup.HAMSTRINGS: _landmarks(4, 6, 10, 16, 20),
    VolumeGroup.GLUTES: _landmarks(0, 0, 4, 12, 16),
    VolumeGroup.CALVES: _landmarks(6, 8, 12, 16, 20),
    VolumeGroup.TRAPS: _landmarks(0, 0, 12, 20, 26),
}
"""Volume landmarks table of TRAINING.md 1 [practitioner]; other groups have none."""

SESSION_SETS = SetBand(Decimal(4), Decimal(12), f"{PRACTITIONER_RP}: 4-12 sets per session")
"""Hard sets per muscle in one session [practitioner, Renaissance Periodization]."""


def group_of(muscle: Muscle) -> VolumeGroup | None:
    """The volume group `muscle` counts toward; None for the erectors."""
    return MUSCLE_GROUP.get(muscle)


def _set_count(hard_sets: int | Decimal) -> Decimal:
    if isinstance(hard_sets, bool) or not isinstance(hard_sets, int | Decimal):
        raise VolumeError(f"hard sets must be a number (got {hard_sets!r})")
    count = Decimal(hard_sets)
    if not count.is_finite() or count < 0:
        raise VolumeError(f"hard sets must be 0 or more (got {hard_sets})")
    return count


def fractional_sets(exercise: Exercise, hard_sets: int | Decimal) -> dict[Muscle, Decimal]:
    """Sets each muscle gets from `hard_sets` of `exercise` (Pelland et al. 2025).

    Primary movers 1.0 per set, synergists 0.5. Pass hard sets only: warm-ups never count.
    """
    count = _set_count(hard_sets)
    volume = dict.fromkeys(exercise.primary, count * PRIMARY_SHARE)
    for muscle in exercise.secondary:
        volume.setdefault(muscle, count * SECONDARY_SHARE)
    return volume


def add_volume(a: Mapping[Muscle, Decimal], b: Mapping[Muscle, Decimal]) -> dict[Muscle, Decimal]:
    """Per-muscle sum of two volumes; a muscle missing from one side counts 0 there."""
    total = dict(a)
    for muscle, sets in b.items():
        total[muscle] = total.get(muscle, Decimal(0)) + sets
    return total


def weekly_volume(entries: Iterable[tuple[Exercise, int | Decimal]]) -> dict[Muscle, Decimal]:
    """Fractional sets per muscle over (exercise, hard sets) pairs, e.g. one week's log."""
    total: dict[Muscle, Decimal] = {}
    for exercise, hard_sets in entries:
        total = add_volume(total, fractional_sets(exercise, hard_sets))
    return total


def group_sets(exercise: Exercise, hard_sets: int | Decimal) -> dict[VolumeGroup, Decimal]:
    """Sets each volume group gets from `hard_sets` of `exercise`: one count per group.

    A group gets the best credit of its muscles: 1.0 per set when any of them is a primary
    mover, else 0.5 when any is a synergist (Pelland et al. 2025 count a set per muscle; a
    group of muscles that move together, lats + upper back = back, is one muscle here, so
    a set counts once for it). Rows with lats and upper back both primary give back 1.0 a
    set, not 2.0. Erectors are dropped (no landmark); groups the exercise does not train
    are absent. Pass hard sets only: warm-ups never count.
    """
    volume: dict[VolumeGroup, Decimal] = {}
    for muscle, sets in fractional_sets(exercise, hard_sets).items():
        group = group_of(muscle)
        if group is not None and sets >= volume.get(group, Decimal(0)):
            volume[group] = sets
    return volume


def weekly_group_volume(
    entries: Iterable[tuple[Exercise, int | Decimal]],
) -> dict[VolumeGroup, Decimal]:
    """Sets per volume group over (exercise, hard sets) pairs: `group_sets` summed.

    The count weekly bands (`weekly_band`) are checked against: per exercise each group
    gets its best muscle's credit once (Pelland et al. 2025; see `group_sets`).
    """
    total: dict[VolumeGroup, Decimal] = {}
    for exercise, hard_sets in entries:
        for group, sets in group_sets(exercise, hard_sets).items():
            total[group] = total.get(group, Decimal(0)) + sets
    return total


def spine_loading_sets(entries: Iterable[tuple[Exercise, int | Decimal]]) -> Decimal:
    """Hard sets of exercises that load the erectors (`spinal_load` >= 2), TRAINING.md 5.

    The erectors have no volume landmark; this count is what the planner watches instead.
    """
    return sum(
        (
            _set_count(sets)
            for exercise, sets in entries
            if exercise.spinal_load >= SPINE_LOADING_MIN
        ),
        Decimal(0),
    )


def _band(goal: Goal, level: Level) -> SetBand:
    """The weekly band of TRAINING.md 1 for a goal and level, before any group cap."""
    beginner = level is Level.BEGINNER
    if goal is Goal.HYPERTROPHY:
        if beginner:
            return SetBand(
                Decimal(6), Decimal(10), "Schoenfeld 2017; Baz-Valle 2022: beginner start"
            )
        return SetBand(
            Decimal(10), Decimal(20), "Schoenfeld, Ogborn & Krieger 2017; Baz-Valle 2022"
        )
    if goal is Goal.STRENGTH:
        return SetBand(Decimal(5), Decimal(10), "Pelland 2025: 5-10 on the main lifts")
    if goal is Goal.ENDURANCE:
        source = (
            "derived: the hypertrophy row (Schoenfeld 2017; Baz-Valle 2022), as ACSM 2009 "
            "gives endurance sets per exercise, not per week"
        )
        if beginner:
            return SetBand(Decimal(6), Decimal(10), source)
        return SetBand(Decimal(10), Decimal(20), source)
    return SetBand(
        MINIMUM_EFFECTIVE_SETS,
        Decimal(10),
        "derived: the minimum effective dose (Iversen 2021) up to the beginner hypertrophy "
        "top (Schoenfeld 2017)",
    )


def weekly_band(goal: Goal, level: Level, group: VolumeGroup | Muscle) -> SetBand:
    """Weekly hard sets to plan for `group` (TRAINING.md 1).

    - hypertrophy: 10-20, beginners start at 6-10 (Schoenfeld 2017; Baz-Valle 2022);
    - strength: 5-10 on the main lifts, all levels (Pelland 2025);
    - endurance (derived): the hypertrophy row, since ACSM 2009 gives no weekly count;
    - general (derived): the minimum effective dose of 4 (Iversen 2021) up to 10.

    The top is capped at the group's MRV where the landmarks table has one (glutes: 16),
    so a plan never asks for more than is recoverable [practitioner]. A `Muscle` is read
    as its group (lats -> back); the erectors raise `VolumeError`.
    """
    planned = group_of(group) if isinstance(group, Muscle) else group
    if planned is None:
        raise VolumeError(
            f"no weekly band for '{group}': count spine-loading sets for the erectors instead"
        )
    band = _band(goal, level)
    marks = LANDMARKS.get(planned)
    if marks is not None and marks.mrv < band.high:
        capped = max(marks.mrv, band.low)
        return SetBand(
            band.low, capped, f"{band.source}; top capped at MRV {marks.mrv} [practitioner]"
        )
    return band


def landmarks_for(group: VolumeGroup) -> Landmarks | None:
    """The RP landmarks for `group`, or None where the table has none."""
    return LANDMARKS.get(group)
