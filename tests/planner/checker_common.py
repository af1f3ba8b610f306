"""Shared pieces of the independent checker: the profile as the document states it, lookups.

Everything here is rebuilt from notes/planner-design.md and TRAINING.md, reading only the
program JSON (DESIGN.md contract) and catalogue `Exercise` values. Nothing is taken from
the planner, `domain/timing.py` or `domain/volume.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from redwood.domain.exercise import Exercise
from redwood.domain.profile import DEFAULT_EQUIPMENT
from redwood.domain.vocab import Equipment, Setting

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LEVELS = ("beginner", "intermediate", "advanced")
GROUPS = ("quads", "hamstrings", "glutes", "back")
GROUP_MUSCLES: dict[str, frozenset[str]] = {
    "quads": frozenset({"quads"}),
    "hamstrings": frozenset({"hamstrings"}),
    "glutes": frozenset({"glutes"}),
    "back": frozenset({"lats", "upper_back"}),
}
# TRAINING.md section 1: MRV per group (direct sets a week) caps every band's top.
MRV = {"back": 25, "quads": 20, "hamstrings": 20, "glutes": 16}


def weekday_number(day: str) -> int:
    """Monday 0 ... Sunday 6."""
    return WEEKDAYS.index(day)


def gap(first: str, second: str) -> int:
    """Hours from one training day to the next in a week that repeats."""
    days = (weekday_number(second) - weekday_number(first)) % 7 or 7
    return days * 24


def pair_gap(first: str, second: str) -> int:
    """The shorter of the two gaps between two days of a repeating week."""
    return min(gap(first, second), gap(second, first))


def band(goal: str, level: str, group: str) -> tuple[int, int]:
    """Weekly fractional hard sets for a group (TRAINING.md 1), the top capped at MRV."""
    if goal in ("hypertrophy", "endurance"):
        low, high = (6, 10) if level == "beginner" else (10, 20)
    elif goal == "strength":
        low, high = 5, 10
    else:
        low, high = 4, 10
    return low, min(high, MRV[group])


def group_credit(exercise: Exercise, group: str) -> float:
    """Fractional sets one set of `exercise` gives a group: primary 1.0, secondary 0.5.

    A group of two muscles (back = lats + upper_back) takes the best credit of its muscles:
    one row set is one hard set for the back, not two.
    """
    muscles = GROUP_MUSCLES[group]
    if muscles & {str(m) for m in exercise.primary}:
        return 1.0
    if muscles & {str(m) for m in exercise.secondary}:
        return 0.5
    return 0.0


@dataclass(frozen=True, slots=True)
class Entry:
    """One exercise entry of a session with its location and catalogue value."""

    where: str
    block_index: int
    block_type: str
    data: dict[str, Any]
    exercise: Exercise

    @property
    def sets(self) -> int:
        return int(self.data["sets"])


@dataclass(frozen=True, slots=True)
class Ctx:
    """The document's profile, as the checker reads it, plus the catalogue lookup."""

    doc: dict[str, Any]
    lookup: dict[str, Exercise]

    @property
    def profile(self) -> dict[str, Any]:
        return dict(self.doc["profile"])

    def setting_on(self, day: str) -> str:
        overrides = self.profile.get("setting_by_day") or {}
        return str(overrides.get(day, self.profile["setting"]))

    def equipment_on(self, day: str) -> frozenset[str]:
        """The kit on `day`: that setting's kit (its default when unstated) plus `none`."""
        setting = self.setting_on(day)
        by_setting = dict(self.profile.get("equipment_by_setting") or {})
        if setting == self.profile["setting"] and "equipment_by_setting" not in self.profile:
            by_setting[setting] = self.profile["equipment"]
        if setting in by_setting:
            kit = {str(e) for e in by_setting[setting]}
        else:
            kit = {str(e) for e in DEFAULT_EQUIPMENT[Setting(setting)]}
        return frozenset(kit | {str(Equipment.NONE)})

    def warnings(self) -> list[str]:
        return [str(w) for w in self.doc.get("warnings") or []]

    def rationale(self) -> list[str]:
        return [str(r) for r in self.doc.get("rationale") or []]


def session_entries(ctx: Ctx, session: dict[str, Any], where: str) -> Iterator[Entry]:
    """Every exercise entry of a session in the order first done, skipping unknown ids."""
    for bi, block in enumerate(session["blocks"]):
        for ei, item in enumerate(block["exercises"]):
            exercise = ctx.lookup.get(item["exercise"])
            if exercise is not None:
                yield Entry(
                    f"{where}.blocks[{bi}].exercises[{ei}]", bi, block["type"], item, exercise
                )


def sessions(ctx: Ctx) -> Iterator[tuple[int, dict[str, Any], int, dict[str, Any], str]]:
    """(week index, week, session index, session, location) for every session."""
    for wi, week in enumerate(ctx.doc["weeks"]):
        for si, session in enumerate(week["sessions"]):
            yield wi, week, si, session, f"weeks[{wi}].sessions[{si}]"
