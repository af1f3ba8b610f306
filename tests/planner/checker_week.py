"""Rules across the sessions of a week: weekdays, recovery (8) and weekly volume (9)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from redwood.domain.exercise import Exercise
from redwood.domain.vocab import Equipment, Mechanic, Pattern, Region
from tests.planner.checker_common import (
    GROUPS,
    Ctx,
    band,
    group_credit,
    pair_gap,
    session_entries,
)

SAME_MUSCLE_HOURS = 48
HEAVY_LOWER_HOURS = 72
HARD_SETS = 2


def check_week(ctx: Ctx, wi: int, week: dict[str, Any]) -> list[str]:
    """Every violation of the week-level rules in one week."""
    return [
        *_weekdays(ctx, wi, week),
        *_recovery(ctx, wi, week),
        *_volume(ctx, wi, week),
    ]


def _weekdays(ctx: Ctx, wi: int, week: dict[str, Any]) -> list[str]:
    """One session on each of the athlete's weekdays, but a day a warning says is dropped."""
    days = [s["weekday"] for s in week["sessions"]]
    dropped = [w for w in ctx.warnings() if "dropped" in w]
    wanted = [
        day
        for day in ctx.profile["weekdays"]
        if not any(f"({str(day).capitalize()})" in w for w in dropped)
    ]
    if sorted(days) != sorted(wanted) or len(set(days)) != len(days):
        return [f"weeks[{wi}].sessions: on {', '.join(days)}, the athlete trains {wanted}"]
    return []


def is_heavy_lower_barbell(exercise: Exercise) -> bool:
    """A compound barbell or trap-bar lift of the legs region or a squat/hinge/lunge."""
    bars = {Equipment.BARBELL, Equipment.TRAP_BAR} & set(exercise.equipment)
    lower = exercise.region is Region.LEGS or exercise.pattern in (
        Pattern.SQUAT,
        Pattern.HINGE,
        Pattern.LUNGE,
    )
    return bool(bars) and lower and exercise.mechanic is Mechanic.COMPOUND


def _hard_primaries(ctx: Ctx, session: dict[str, Any]) -> set[str]:
    return {
        str(m)
        for e in session_entries(ctx, session, "")
        if e.sets >= HARD_SETS
        for m in e.exercise.primary
    }


def _heavy_lower(ctx: Ctx, session: dict[str, Any]) -> bool:
    return any(is_heavy_lower_barbell(e.exercise) for e in session_entries(ctx, session, ""))


def _recovery(ctx: Ctx, wi: int, week: dict[str, Any]) -> list[str]:
    """Rule 8: 48 h between sessions sharing a hard primary muscle; 72 h heavy lower days."""
    problems = []
    warned_72 = any(re.search(r"\b72\b", w) for w in ctx.warnings())
    indexed = list(enumerate(week["sessions"]))
    for (i, first), (j, second) in combinations(indexed, 2):
        hours = pair_gap(first["weekday"], second["weekday"])
        if first["weekday"] == second["weekday"]:
            hours = 0
        where = f"weeks[{wi}].sessions[{i}] and [{j}]"
        shared = sorted(_hard_primaries(ctx, first) & _hard_primaries(ctx, second))
        if shared and hours < SAME_MUSCLE_HOURS:
            problems.append(
                f"{where}: {', '.join(shared)} trained hard {hours} h apart "
                f"({first['weekday']}, {second['weekday']})"
            )
        heavy = _heavy_lower(ctx, first) and _heavy_lower(ctx, second)
        if heavy and hours < HEAVY_LOWER_HOURS and not warned_72:
            problems.append(
                f"{where}: heavy lower-body barbell days {hours} h apart and no warning says so"
            )
    return problems


def weekly_volume(ctx: Ctx, week: dict[str, Any]) -> dict[str, float]:
    """Fractional hard sets per group (primary 1.0, secondary 0.5) over a week."""
    totals = dict.fromkeys(GROUPS, 0.0)
    for session in week["sessions"]:
        for entry in session_entries(ctx, session, ""):
            for group in GROUPS:
                totals[group] += entry.sets * group_credit(entry.exercise, group)
    return totals


def warned_group(ctx: Ctx, group: str) -> bool:
    """A warning names the group (as a word) with a figure."""
    pattern = re.compile(rf"\b{group}\b", re.IGNORECASE)
    return any(pattern.search(w) and re.search(r"\d", w) for w in ctx.warnings())


def _volume(ctx: Ctx, wi: int, week: dict[str, Any]) -> list[str]:
    """Rule 9: build weeks inside the band (low side unless warned); never above the top."""
    profile = ctx.profile
    problems = []
    for group, sets in weekly_volume(ctx, week).items():
        low, high = band(profile["goal"], profile["level"], group)
        if sets > high + 1e-9:
            problems.append(f"weeks[{wi}]: {group} {sets:g} sets, above the band top {high}")
        short = week["kind"] == "build" and sets < low - 1e-9
        if short and not warned_group(ctx, group):
            problems.append(
                f"weeks[{wi}]: {group} {sets:g} sets, below the band low {low}, and no "
                "warning names it"
            )
    return problems


@dataclass(frozen=True, slots=True)
class VolumeTarget:
    """One group's weekly target over a program's build weeks."""

    group: str
    low: int
    high: int
    lowest: float
    highest: float
    warned: bool

    @property
    def met(self) -> bool:
        return self.low - 1e-9 <= self.lowest and self.highest <= self.high + 1e-9


def volume_targets(ctx: Ctx) -> list[VolumeTarget]:
    """The four planned groups' targets and the build-week extremes they reached."""
    profile = ctx.profile
    weeks = [weekly_volume(ctx, w) for w in ctx.doc["weeks"] if w["kind"] == "build"]
    targets = []
    for group in GROUPS:
        low, high = band(profile["goal"], profile["level"], group)
        values = [w[group] for w in weeks] or [0.0]
        targets.append(
            VolumeTarget(group, low, high, min(values), max(values), warned_group(ctx, group))
        )
    return targets
