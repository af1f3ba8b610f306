"""Weekly hard sets per muscle group against the athlete's band (TRAINING.md 1).

A hard set gives its exercise's primary movers 1.0 set and its synergists 0.5 (Pelland et
al. 2025), counted once per volume group (lats and upper back are "back":
`domain.volume.group_sets`); warm-ups never count. Weeks run Monday to Sunday on the
athlete's local dates. The band is the weekly band of the athlete's goal and level
(`domain.volume.weekly_band`: 10-20 for hypertrophy, 5-10 for strength, ...), capped at
the group's MRV.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from redwood.domain.exercise import Exercise
from redwood.domain.vocab import Goal, Level, Muscle
from redwood.domain.volume import (
    BandPosition,
    SetBand,
    VolumeError,
    VolumeGroup,
    group_of,
    group_sets,
    weekly_band,
)


class CountRow(Protocol):
    """How many hard sets of one exercise were done on one day."""

    @property
    def on(self) -> date: ...
    @property
    def exercise_id(self) -> str: ...
    @property
    def sets(self) -> int: ...


@dataclass(frozen=True, slots=True)
class WeekSets:
    """One group's fractional hard sets in one week (its Monday)."""

    week: date
    group: VolumeGroup
    sets: Decimal


@dataclass(frozen=True, slots=True)
class GroupVolume:
    """One group's weekly sets over a window: the average, the band and where it sits."""

    group: VolumeGroup
    average: Decimal
    weeks: int
    band: SetBand | None

    @property
    def position(self) -> BandPosition | None:
        return None if self.band is None else self.band.where(self.average)


def monday_of(day: date) -> date:
    """The Monday that starts `day`'s week."""
    return day - timedelta(days=day.weekday())


def weeks_between(start: date, end: date) -> list[date]:
    """The Mondays of every week that overlaps [start, end]."""
    first = monday_of(start)
    return [first + timedelta(weeks=w) for w in range((end - first).days // 7 + 1)]


def read_group(text: str) -> VolumeGroup:
    """A muscle or group name as typed ("quads", "lats" -> back, "Upper back")."""
    word = text.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return VolumeGroup(word)
    except ValueError:
        pass
    try:
        group = group_of(Muscle(word))
    except ValueError:
        group = None
    if group is None:
        names = ", ".join(g.value for g in VolumeGroup)
        raise VolumeError(f"muscle: no weekly volume for {text!r}: use one of {names}")
    return group


def weekly_sets(
    counts: Iterable[CountRow],
    lookup: Callable[[str], Exercise | None],
    weeks: Sequence[date],
) -> list[WeekSets]:
    """Fractional hard sets per group for each week of `weeks` (Mondays), zero-filled for
    every group trained in any of them; oldest week first, groups in vocabulary order."""
    totals: dict[tuple[date, VolumeGroup], Decimal] = defaultdict(Decimal)
    for row in counts:
        exercise = lookup(row.exercise_id)
        if exercise is None:
            continue
        for group, sets in group_sets(exercise, row.sets).items():
            totals[(monday_of(row.on), group)] += sets
    trained = {group for (_, group), sets in totals.items() if sets > 0}
    ordered = [g for g in VolumeGroup if g in trained]
    return [WeekSets(w, g, totals.get((w, g), Decimal(0))) for w in weeks for g in ordered]


def band_for(goal: Goal | None, level: Level | None, group: VolumeGroup) -> SetBand | None:
    """The athlete's weekly band for `group`, or None when their goal is unknown."""
    if goal is None or level is None:
        return None
    return weekly_band(goal, level, group)


def group_volumes(
    weeks: Sequence[WeekSets], goal: Goal | None, level: Level | None
) -> list[GroupVolume]:
    """Each group's average weekly sets over the weeks given, against its band."""
    per_group: dict[VolumeGroup, list[Decimal]] = defaultdict(list)
    for item in weeks:
        per_group[item.group].append(item.sets)
    out = []
    for group, values in per_group.items():
        average = (sum(values, Decimal(0)) / len(values)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        out.append(GroupVolume(group, average, len(values), band_for(goal, level, group)))
    return out
