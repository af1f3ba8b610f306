"""Use cases over the exercise catalogue: list, show, search and the at-a-glance summary.

Results are plain JSON-ready dicts (the catalogue contract of DESIGN.md) so the CLI's
table and its `--format json` output, and later the API, show the same data.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from redwood.catalog import Catalogue, ExerciseFilter, load_catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.vocab import Equipment, Setting
from redwood.services.errors import NotFoundError

HOME_KIT = frozenset({Equipment.DUMBBELLS, Equipment.BANDS, Equipment.PULLUP_BAR, Equipment.NONE})
"""The minimal home set-up: dumbbells, bands, a pull-up bar, or nothing."""


def catalogue() -> Catalogue:
    """The shipped catalogue (loaded once per process)."""
    return load_catalogue()


def list_exercises(criteria: ExerciseFilter | None = None) -> list[dict[str, Any]]:
    """Every exercise matching the filter, in the catalogue contract."""
    chosen = catalogue().filter(criteria or ExerciseFilter())
    return [exercise.to_dict() for exercise in chosen]


def find_exercise(name: str) -> Exercise:
    """The exercise an id, name or alias refers to; refuses with suggestions otherwise."""
    cat = catalogue()
    found = cat.resolve(name)
    if found is not None:
        return found
    hints = cat.suggest(name, limit=3)
    if hints:
        names = ", ".join(f"{hit.exercise.id} ({hit.exercise.name})" for hit in hints)
        raise NotFoundError(f"unknown exercise {name!r}: did you mean {names}?", "exercise")
    raise NotFoundError(
        f"unknown exercise {name!r}: try 'redwood exercises search WORDS'", "exercise"
    )


def show_exercise(name: str) -> dict[str, Any]:
    """One exercise with its substitutes and progression steps spelled out by name."""
    cat = catalogue()
    exercise = find_exercise(name)
    detail = exercise.to_dict()
    detail["substitute_names"] = [
        {"id": sub.id, "name": sub.name} for sub in cat.substitutes_for(exercise)
    ]
    for key in ("harder", "easier"):
        ref = exercise.harder if key == "harder" else exercise.easier
        step = cat.get(ref) if ref else None
        detail[f"{key}_name"] = step.name if step else None
    return detail


def search_exercises(
    query: str, criteria: ExerciseFilter | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """Exercises matching the words of the query (then close spellings), best first."""
    criteria = criteria or ExerciseFilter()
    hits = [hit for hit in catalogue().search(query, limit=200) if criteria.matches(hit.exercise)]
    results = []
    for hit in hits[:limit]:
        entry = hit.exercise.to_dict()
        entry["score"] = hit.score
        entry["matched"] = hit.matched
        results.append(entry)
    return results


def catalogue_summary() -> dict[str, Any]:
    """Counts a new user reads at a glance: by region, pattern and where it can be done."""
    exercises = catalogue().exercises
    home_minimal = [
        e for e in exercises if Setting.HOME in e.settings and set(e.equipment) <= HOME_KIT
    ]
    return {
        "total": len(exercises),
        "by_region": dict(Counter(str(e.region) for e in exercises).most_common()),
        "by_pattern": dict(Counter(str(e.pattern) for e in exercises).most_common()),
        "by_setting": {
            str(setting): sum(1 for e in exercises if setting in e.settings) for setting in Setting
        },
        "home_minimal_kit": len(home_minimal),
    }
