"""Shared builders for the domain tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from redwood.domain.exercise import Exercise
from redwood.domain.vocab import (
    Equipment,
    Level,
    Mechanic,
    Muscle,
    Pattern,
    Region,
    Setting,
)

ExerciseFactory = Callable[..., Exercise]


def build_exercise(**overrides: Any) -> Exercise:
    """A barbell back squat unless overridden."""
    fields: dict[str, Any] = {
        "id": "barbell-back-squat",
        "name": "Barbell Back Squat",
        "pattern": Pattern.SQUAT,
        "region": Region.LEGS,
        "mechanic": Mechanic.COMPOUND,
        "primary": (Muscle.QUADS, Muscle.GLUTES),
        "secondary": (Muscle.ADDUCTORS, Muscle.ERECTORS),
        "equipment": (Equipment.BARBELL, Equipment.SQUAT_RACK),
        "settings": (Setting.GYM,),
        "level": Level.INTERMEDIATE,
        "unilateral": False,
        "spinal_load": 3,
        "systemic_fatigue": 4,
        "stresses": (),
        "cues": (),
        "mistakes": (),
        "substitutes": (),
    }
    fields.update(overrides)
    return Exercise(**fields)


@pytest.fixture
def make_exercise() -> ExerciseFactory:
    return build_exercise
