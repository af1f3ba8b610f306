"""Small, valid exercise values and a program document for store and service tests."""

from __future__ import annotations

from typing import Any

from redwood.domain.exercise import Exercise, exercise_from_dict


def make_exercise(ex_id: str, name: str, **overrides: Any) -> Exercise:
    """A valid catalogue exercise; keyword arguments replace fields of the record."""
    record: dict[str, Any] = {
        "id": ex_id,
        "name": name,
        "aliases": [],
        "pattern": "squat",
        "region": "legs",
        "mechanic": "compound",
        "primary": ["quads"],
        "secondary": ["glutes"],
        "equipment": ["barbell", "squat_rack"],
        "settings": ["gym"],
        "level": "beginner",
        "unilateral": False,
        "spinal_load": 3,
        "systemic_fatigue": 4,
        "stresses": ["knee"],
        "cues": ["Brace before you descend", "Drive the floor away"],
        "mistakes": ["Knees caving in", "Cutting depth"],
        "substitutes": [],
    }
    record.update(overrides)
    return exercise_from_dict(record)


SQUAT = make_exercise("barbell-back-squat", "Barbell Back Squat", aliases=["Squat (Barbell)"])
RDL = make_exercise(
    "romanian-deadlift",
    "Romanian Deadlift",
    pattern="hinge",
    primary=["hamstrings"],
    secondary=["glutes", "erectors"],
    stresses=["lower_back"],
)
PULLDOWN = make_exercise(
    "lat-pulldown",
    "Lat Pulldown",
    pattern="vertical_pull",
    region="back",
    primary=["lats"],
    secondary=["biceps"],
    equipment=["lat_pulldown"],
    spinal_load=0,
    systemic_fatigue=2,
    stresses=["shoulder"],
)
CATALOGUE: tuple[Exercise, ...] = (SQUAT, RDL, PULLDOWN)


def program_document(weeks: int = 2) -> dict[str, Any]:
    """A minimal program in DESIGN.md's contract: two sessions a week."""
    return {
        "schema": "redwood.program/1",
        "profile": {"goal": "hypertrophy", "level": "intermediate", "days_per_week": 2},
        "weeks": [
            {
                "index": index,
                "block": 1,
                "kind": "deload" if index == weeks else "build",
                "sessions": [
                    {
                        "weekday": "mon",
                        "title": "Back & Legs A",
                        "blocks": [
                            {
                                "type": "straight",
                                "exercises": [
                                    {
                                        "exercise": "barbell-back-squat",
                                        "sets": 4,
                                        "reps_min": 5,
                                        "reps_max": 8,
                                        "rir": 2,
                                        "rest_seconds": 180,
                                    }
                                ],
                            }
                        ],
                    },
                    {"weekday": "thu", "title": "Back & Legs B", "blocks": []},
                ],
            }
            for index in range(1, weeks + 1)
        ],
        "warnings": [],
        "rationale": ["two days: A/B"],
    }
