"""The shipped catalogue against its contract (DESIGN.md) and the foundations issue's numbers."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from redwood.catalog import load_catalogue
from redwood.domain.exercise import normalize_name
from redwood.domain.vocab import Equipment, Region, Setting

CATALOGUE = load_catalogue()
EXERCISES = CATALOGUE.exercises
HOME_MINIMAL = {Equipment.DUMBBELLS, Equipment.BANDS, Equipment.PULLUP_BAR, Equipment.NONE}
HOME_KIT = HOME_MINIMAL | {
    Equipment.KETTLEBELL,
    Equipment.BENCH,
    Equipment.BOX,
    Equipment.BACKPACK,
    Equipment.TOWEL,
    Equipment.SUSPENSION_TRAINER,
    Equipment.STAIRS,
}
OUTDOOR_KIT = {
    Equipment.NONE,
    Equipment.STAIRS,
    Equipment.BENCH,
    Equipment.BOX,
    Equipment.PULLUP_BAR,
    Equipment.BANDS,
    Equipment.BACKPACK,
    Equipment.SLED,
    Equipment.KETTLEBELL,
    Equipment.SUSPENSION_TRAINER,
    Equipment.TOWEL,
}
SHARED = Path(__file__).resolve().parents[3] / "shared"


def test_catalogue_has_the_promised_breadth() -> None:
    regions = Counter(e.region for e in EXERCISES)
    assert len(EXERCISES) >= 200
    assert regions[Region.LEGS] >= 40
    assert regions[Region.BACK] >= 35
    home = [e for e in EXERCISES if Setting.HOME in e.settings and set(e.equipment) <= HOME_MINIMAL]
    assert len(home) >= 25
    assert sum(1 for e in EXERCISES if Setting.OUTDOOR in e.settings) >= 10


@pytest.mark.parametrize(
    "pattern",
    [
        "squat",
        "hinge",
        "lunge",
        "knee_extension",
        "knee_flexion",
        "hip_extension",
        "calf_raise",
        "vertical_pull",
        "horizontal_pull",
        "rear_delt",
        "shrug",
        "back_extension",
    ],
)
def test_every_back_and_leg_pattern_is_covered_deeply(pattern: str) -> None:
    in_pattern = [e for e in EXERCISES if e.pattern == pattern]
    assert len(in_pattern) >= 4
    assert any(e.level == "beginner" for e in in_pattern)


@pytest.mark.parametrize(
    "name",
    [
        "backpack squat",
        "towel hamstring slide",
        "band row",
        "doorway pull-up",
        "stair calf raise",
        "park-bench step-up",
        "hill sprint",
        "sled push",
        "farmer's carry",
        "water-jug row",
    ],
)
def test_home_and_outdoor_moves_from_the_seeds_exist(name: str) -> None:
    hits = CATALOGUE.search(name, limit=1)
    assert hits, name
    assert hits[0].score >= 0.7, (name, hits[0])


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_entry_follows_the_contract(exercise) -> None:  # type: ignore[no-untyped-def]
    data = exercise.to_dict()
    required = {
        "id", "name", "aliases", "pattern", "region", "mechanic", "primary", "secondary",
        "equipment", "settings", "level", "unilateral", "spinal_load", "systemic_fatigue",
        "stresses", "cues", "mistakes", "substitutes",
    }  # fmt: skip
    assert required <= set(data)
    assert 2 <= len(exercise.cues) <= 4
    assert 2 <= len(exercise.mistakes) <= 3
    assert 1 <= len(exercise.substitutes) <= 6
    assert len(set(exercise.substitutes)) == len(exercise.substitutes)
    assert all(text.strip() and len(text) < 240 for text in exercise.cues + exercise.mistakes)
    if exercise.spinal_load >= 2:
        assert "lower_back" in exercise.stresses
    if Setting.HOME in exercise.settings:
        assert set(exercise.equipment) <= HOME_KIT
    if Setting.OUTDOOR in exercise.settings:
        assert set(exercise.equipment) <= OUTDOOR_KIT
    if Equipment.NONE in exercise.equipment:
        assert exercise.equipment == (Equipment.NONE,)


def test_substitutes_and_steps_resolve_and_are_close() -> None:
    for exercise in EXERCISES:
        for ref in (*exercise.substitutes, exercise.harder, exercise.easier):
            if ref is not None:
                assert ref in CATALOGUE
                assert ref != exercise.id
        best = CATALOGUE.get(exercise.substitutes[0])
        assert best is not None
        assert best.region == exercise.region or best.pattern == exercise.pattern


def test_no_alias_names_two_exercises() -> None:
    owners: dict[str, str] = {}
    for exercise in EXERCISES:
        for name in exercise.names():
            folded = normalize_name(name)
            assert owners.setdefault(folded, exercise.id) == exercise.id, name


def test_progression_steps_point_both_ways_consistently() -> None:
    for exercise in EXERCISES:
        if exercise.harder:
            harder = CATALOGUE.get(exercise.harder)
            assert harder is not None
            assert harder.pattern == exercise.pattern


@pytest.mark.parametrize(
    ("foreign", "expected"),
    [
        ("Squat (Barbell)", "barbell-back-squat"),
        ("Deadlift (Barbell)", "conventional-deadlift"),
        ("Lat Pulldown (Cable)", "lat-pulldown"),
        ("Pull Up", "pull-up"),
        ("Bent Over Row (Barbell)", "barbell-bent-over-row"),
        ("Romanian Deadlift (Barbell)", "barbell-romanian-deadlift"),
        ("Leg Press", "leg-press"),
    ],
)
def test_names_from_other_apps_resolve(foreign: str, expected: str) -> None:
    found = CATALOGUE.resolve(foreign)
    assert found is not None, foreign
    assert found.id == expected


def _word_runs(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_cues_and_mistakes_are_our_own_words() -> None:
    reference = SHARED / "data" / "free-exercise-db" / "exercises.json"
    if not reference.exists():
        pytest.skip("the reference data set is not beside the project")
    theirs: set[tuple[str, ...]] = set()
    for entry in json.loads(reference.read_text(encoding="utf-8")):
        for line in entry.get("instructions", []):
            theirs |= _word_runs(line, 8)
    for exercise in EXERCISES:
        for text in exercise.cues + exercise.mistakes:
            shared = _word_runs(text, 8) & theirs
            assert not shared, (exercise.id, text, shared)
