"""Default reps, sets, effort and rest for an exercise, by goal and level (TRAINING.md 2).

The table rows, with the one value Redwood picks where the table gives a range:

| goal, role | reps | sets | RIR | rest | from |
|---|---|---|---|---|---|
| strength, main lift | 3-6 | 3-5 | 2 | 180 s | ACSM 2009; de Salles 2009: 3-5 min, low end |
| strength, accessory | 6-10 | 3-5 | 2 | 120 s | ACSM 2009: "2 min accessories" |
| hypertrophy, compound | 6-12 | 2-4 | 2 | 150 s | ACSM 2009; Schoenfeld 2016: 2-3 min, middle |
| hypertrophy, isolation | 10-15 | 2-4 | 1 | 90 s | "isolation up to 15-20"; 60-120 s, middle |
| endurance, compound | 12-20 | 2-4 | 2 | 60 s | ACSM 2009: 30-60 s, top for multi-joint |
| endurance, isolation | 12-20 | 2-4 | 2 | 45 s | ACSM 2009: 30-60 s, middle |
| general, compound | 8-12 | 1-3 | 3 | 90 s | ACSM 2009: 60-120 s, middle |
| general, isolation | 8-12 | 1-3 | 3 | 60 s | ACSM 2009: 60-120 s, low end |

Target RIR: hypertrophy sets end near failure at RIR 0-3 (ACSM 2009; Schoenfeld 2016):
Redwood targets 2 on compounds and 1 on isolation moves. Strength and endurance target 2
and general 3, all inside the hard-set band of 0-4 RIR (Robinson 2024; Refalo 2023).

Beginners: the lower part of the set range (its minimum and one more), RIR 3 on compounds
and 2 on isolation moves (RIR 2-3), and hypertrophy compounds at 8-12 reps, the novice row
(ACSM 2009). Beginners working with dumbbells pick a load they control for 12-15 reps
(seed `004_...txt`), except on strength main lifts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from redwood.domain.vocab import Goal, Level, Mechanic


class Role(StrEnum):
    """What an exercise is in the session, which picks the dosage row."""

    MAIN = "main"
    COMPOUND = "compound"
    ISOLATION = "isolation"


@dataclass(frozen=True, slots=True)
class Dosage:
    """A prescription for one exercise: rep range, set range, target RIR, rest, and source."""

    reps_min: int
    reps_max: int
    sets_min: int
    sets_max: int
    rir: int
    rest_seconds: int
    source: str


_STRENGTH = "ACSM 2009 (Ratamess et al.); de Salles 2009"
_HYPERTROPHY = "ACSM 2009; Schoenfeld et al. 2016"
_ENDURANCE = "ACSM 2009"
_GENERAL = "ACSM 2009"

_ROWS: dict[tuple[Goal, Role], Dosage] = {
    (Goal.STRENGTH, Role.MAIN): Dosage(3, 6, 3, 5, 2, 180, _STRENGTH),
    (Goal.STRENGTH, Role.COMPOUND): Dosage(6, 10, 3, 5, 2, 120, _STRENGTH),
    (Goal.STRENGTH, Role.ISOLATION): Dosage(6, 10, 3, 5, 2, 120, _STRENGTH),
    (Goal.HYPERTROPHY, Role.MAIN): Dosage(6, 12, 2, 4, 2, 150, _HYPERTROPHY),
    (Goal.HYPERTROPHY, Role.COMPOUND): Dosage(6, 12, 2, 4, 2, 150, _HYPERTROPHY),
    (Goal.HYPERTROPHY, Role.ISOLATION): Dosage(10, 15, 2, 4, 1, 90, _HYPERTROPHY),
    (Goal.ENDURANCE, Role.MAIN): Dosage(12, 20, 2, 4, 2, 60, _ENDURANCE),
    (Goal.ENDURANCE, Role.COMPOUND): Dosage(12, 20, 2, 4, 2, 60, _ENDURANCE),
    (Goal.ENDURANCE, Role.ISOLATION): Dosage(12, 20, 2, 4, 2, 45, _ENDURANCE),
    (Goal.GENERAL, Role.MAIN): Dosage(8, 12, 1, 3, 3, 90, _GENERAL),
    (Goal.GENERAL, Role.COMPOUND): Dosage(8, 12, 1, 3, 3, 90, _GENERAL),
    (Goal.GENERAL, Role.ISOLATION): Dosage(8, 12, 1, 3, 3, 60, _GENERAL),
}
"""The table in the module docstring, by (goal, role)."""

BEGINNER_RIR = {Role.MAIN: 3, Role.COMPOUND: 3, Role.ISOLATION: 2}
"""Beginners keep 2-3 reps in reserve: 3 on compounds, 2 on isolation moves."""

DUMBBELL_BEGINNER_REPS = (12, 15)
"""Dumbbell beginners pick a load they control for 12-15 reps (seed `004_...txt`)."""

NOVICE_REPS = (8, 12)
"""Novices train at 8-12 RM (ACSM 2009)."""


def role_of(mechanic: Mechanic, *, main_lift: bool) -> Role:
    """MAIN for a compound main lift; an isolation move is never a main lift."""
    if mechanic is Mechanic.ISOLATION:
        return Role.ISOLATION
    return Role.MAIN if main_lift else Role.COMPOUND


def dosage_for(
    goal: Goal, level: Level, mechanic: Mechanic, *, main_lift: bool, dumbbells: bool = False
) -> Dosage:
    """Default reps, sets, RIR and rest for one exercise (TRAINING.md 2; module table).

    `main_lift` marks the session's main lift (it matters for strength, where main lifts
    are 3-6 reps and accessories 6-10). `dumbbells` marks a dumbbell exercise, which for a
    beginner means 12-15 reps.
    """
    role = role_of(mechanic, main_lift=main_lift)
    dosage = _ROWS[(goal, role)]
    if level is not Level.BEGINNER:
        return dosage
    dosage = replace(
        dosage,
        sets_max=min(dosage.sets_max, dosage.sets_min + 1),
        rir=max(dosage.rir, BEGINNER_RIR[role]),
        source=f"{dosage.source}; beginner: fewer sets, RIR 2-3",
    )
    if goal is Goal.HYPERTROPHY and role is not Role.ISOLATION:
        dosage = replace(
            dosage,
            reps_min=NOVICE_REPS[0],
            reps_max=NOVICE_REPS[1],
            source=f"{dosage.source}, novice 8-12 RM (ACSM 2009)",
        )
    if dumbbells and not (goal is Goal.STRENGTH and role is Role.MAIN):
        dosage = replace(
            dosage,
            reps_min=DUMBBELL_BEGINNER_REPS[0],
            reps_max=DUMBBELL_BEGINNER_REPS[1],
            source=f"{dosage.source}, dumbbells 12-15 reps (seed 004)",
        )
    return dosage
