"""Reps, sets, RIR and rest defaults by goal, level and role (TRAINING.md section 2)."""

from __future__ import annotations

import pytest

from redwood.domain.dosage import Dosage, Role, dosage_for, role_of
from redwood.domain.vocab import Goal, Level, Mechanic

COMPOUND = Mechanic.COMPOUND
ISOLATION = Mechanic.ISOLATION
INTER = Level.INTERMEDIATE


@pytest.mark.parametrize(
    ("goal", "mechanic", "main", "expected"),
    [
        (Goal.STRENGTH, COMPOUND, True, (3, 6, 3, 5, 2, 180)),
        (Goal.STRENGTH, COMPOUND, False, (6, 10, 3, 5, 2, 120)),
        (Goal.STRENGTH, ISOLATION, False, (6, 10, 3, 5, 2, 120)),
        (Goal.STRENGTH, ISOLATION, True, (6, 10, 3, 5, 2, 120)),
        (Goal.HYPERTROPHY, COMPOUND, True, (6, 12, 2, 4, 2, 150)),
        (Goal.HYPERTROPHY, COMPOUND, False, (6, 12, 2, 4, 2, 150)),
        (Goal.HYPERTROPHY, ISOLATION, False, (10, 15, 2, 4, 1, 90)),
        (Goal.ENDURANCE, COMPOUND, False, (12, 20, 2, 4, 2, 60)),
        (Goal.ENDURANCE, ISOLATION, False, (12, 20, 2, 4, 2, 45)),
        (Goal.GENERAL, COMPOUND, True, (8, 12, 1, 3, 3, 90)),
        (Goal.GENERAL, ISOLATION, False, (8, 12, 1, 3, 3, 60)),
    ],
)
def test_table_rows(goal: Goal, mechanic: Mechanic, main: bool, expected: tuple[int, ...]) -> None:
    dosage = dosage_for(goal, INTER, mechanic, main_lift=main)
    shown = (
        dosage.reps_min,
        dosage.reps_max,
        dosage.sets_min,
        dosage.sets_max,
        dosage.rir,
        dosage.rest_seconds,
    )
    assert shown == expected
    assert "ACSM 2009" in dosage.source


def test_advanced_matches_intermediate() -> None:
    for goal in Goal:
        for mechanic in Mechanic:
            assert dosage_for(goal, Level.ADVANCED, mechanic, main_lift=True) == dosage_for(
                goal, INTER, mechanic, main_lift=True
            )


@pytest.mark.parametrize(
    ("goal", "mechanic", "main", "expected"),
    [
        (Goal.STRENGTH, COMPOUND, True, (3, 6, 3, 4, 3)),
        (Goal.HYPERTROPHY, COMPOUND, False, (8, 12, 2, 3, 3)),
        (Goal.HYPERTROPHY, ISOLATION, False, (10, 15, 2, 3, 2)),
        (Goal.ENDURANCE, ISOLATION, False, (12, 20, 2, 3, 2)),
        (Goal.GENERAL, COMPOUND, False, (8, 12, 1, 2, 3)),
    ],
)
def test_beginners_do_fewer_sets_further_from_failure(
    goal: Goal, mechanic: Mechanic, main: bool, expected: tuple[int, ...]
) -> None:
    dosage = dosage_for(goal, Level.BEGINNER, mechanic, main_lift=main)
    assert (dosage.reps_min, dosage.reps_max, dosage.sets_min, dosage.sets_max, dosage.rir) == (
        expected
    )
    assert dosage.rir in (2, 3)
    assert "beginner" in dosage.source


def test_dumbbell_beginners_work_at_12_to_15() -> None:
    dosage = dosage_for(Goal.GENERAL, Level.BEGINNER, COMPOUND, main_lift=False, dumbbells=True)
    assert (dosage.reps_min, dosage.reps_max) == (12, 15)
    assert "seed 004" in dosage.source
    main = dosage_for(Goal.STRENGTH, Level.BEGINNER, COMPOUND, main_lift=True, dumbbells=True)
    assert (main.reps_min, main.reps_max) == (3, 6)
    trained = dosage_for(Goal.GENERAL, INTER, COMPOUND, main_lift=False, dumbbells=True)
    assert (trained.reps_min, trained.reps_max) == (8, 12)


def test_every_combination_is_coherent() -> None:
    for goal in Goal:
        for level in Level:
            for mechanic in Mechanic:
                for main in (True, False):
                    dosage = dosage_for(goal, level, mechanic, main_lift=main)
                    assert isinstance(dosage, Dosage)
                    assert 1 <= dosage.reps_min <= dosage.reps_max <= 20
                    assert 1 <= dosage.sets_min <= dosage.sets_max <= 5
                    assert 0 <= dosage.rir <= 4
                    assert 30 <= dosage.rest_seconds <= 300


def test_roles() -> None:
    assert role_of(COMPOUND, main_lift=True) is Role.MAIN
    assert role_of(COMPOUND, main_lift=False) is Role.COMPOUND
    assert role_of(ISOLATION, main_lift=True) is Role.ISOLATION
