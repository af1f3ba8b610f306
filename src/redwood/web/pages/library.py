"""/exercises and /exercises/{id}: the exercise library, searched and filtered, and one
exercise with everything known about it.

The search is a GET form (works without JavaScript; bookmarkable): `q` (words of any
app's name), `pattern`, `region`, `setting`, `level` and `equipment` (the kit the athlete
has, repeated: an exercise passes when it needs nothing else). With htmx the results block
alone is fetched as the athlete types (`HX-Target: results`). Both pages call
`services.exercise_library`, the use cases behind `GET /api/v1/exercises` and
`GET /api/v1/exercises/{id}`, and embed their answers unchanged, so the athlete's own
exercises (from an import) are in the library too. A filter value outside its vocabulary
is refused beside its field (422); an unknown exercise is a 404 page naming the closest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from redwood.catalog import ExerciseFilter
from redwood.domain.vocab import Equipment, Level, Pattern, Region, Setting
from redwood.services import exercise_library
from redwood.web.api.inputs import Database
from redwood.web.pages.rendering import render
from redwood.web.pages.session import PageAthlete

router = APIRouter(include_in_schema=False)

LIMIT = 100
"""Results shown at once; the count says how many matched in all."""

FILTERS: dict[str, Any] = {
    "pattern": Pattern,
    "region": Region,
    "setting": Setting,
    "level": Level,
}
"""The single-choice filters and their vocabularies."""


def _values(kind: Any) -> tuple[str, ...]:
    return tuple(str(member) for member in kind)


@dataclass(frozen=True, slots=True)
class LibraryChoices:
    """What each filter offers."""

    pattern: tuple[str, ...] = _values(Pattern)
    region: tuple[str, ...] = _values(Region)
    setting: tuple[str, ...] = _values(Setting)
    level: tuple[str, ...] = _values(Level)
    equipment: tuple[str, ...] = tuple(e for e in _values(Equipment) if e != "none")


@dataclass(frozen=True, slots=True)
class LibraryView:
    """The search as typed, its results (`exercise_library.browse` unchanged) and errors."""

    query: dict[str, Any]
    results: dict[str, Any]
    choices: LibraryChoices = LibraryChoices()
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExerciseView:
    """One exercise (`exercise_library.detail` unchanged)."""

    exercise: dict[str, Any]


def _criteria(query: dict[str, Any]) -> tuple[ExerciseFilter, dict[str, str]]:
    """The filter the query asks for, and a message per value outside its vocabulary."""
    errors: dict[str, str] = {}
    chosen: dict[str, Any] = {}
    for name, kind in FILTERS.items():
        text = query[name]
        if not text:
            continue
        try:
            chosen[name] = kind(text)
        except ValueError:
            errors[name] = (
                f"{name}: unknown value {text[:40]!r} (use one of {', '.join(_values(kind))})"
            )
    kit: set[Equipment] = set()
    for text in query["equipment"]:
        try:
            kit.add(Equipment(text))
        except ValueError:
            errors["equipment"] = f"equipment: unknown value {text[:40]!r}"
    equipment = frozenset(kit | {Equipment.NONE}) if kit else None
    return ExerciseFilter(equipment=equipment, **chosen), errors


@router.get("/exercises")
def library_page(
    request: Request,
    visitor: PageAthlete,
    url: Database,
    q: str = "",
    pattern: str = "",
    region: str = "",
    setting: str = "",
    level: str = "",
    equipment: list[str] = Query(default=[]),  # noqa: B008 - FastAPI's way to repeat a parameter
) -> Response:
    """The library: search words and filters in, matching exercises out."""
    query: dict[str, Any] = {
        "q": q.strip()[:200],
        "pattern": pattern.strip().lower(),
        "region": region.strip().lower(),
        "setting": setting.strip().lower(),
        "level": level.strip().lower(),
        "equipment": [item.strip().lower() for item in equipment[:40] if item.strip()],
    }
    criteria, errors = _criteria(query)
    results: dict[str, Any] = {"items": [], "total": 0}
    if not errors:
        with visitor.acting():
            results = exercise_library.browse(query["q"] or None, criteria, limit=LIMIT, url=url)
    view = LibraryView(query, results, errors=errors)
    partial = "results" if request.headers.get("hx-target") == "results" else None
    status = 422 if errors else 200
    return render(request, "library.html", view, active="more", status=status, block=partial)


@router.get("/exercises/{exercise_id}")
def exercise_page(
    request: Request, exercise_id: str, visitor: PageAthlete, url: Database
) -> Response:
    """One exercise: muscles, kit, loading, cues, mistakes and its substitutes."""
    with visitor.acting():
        found = exercise_library.detail(exercise_id[:200], url=url)
    return render(request, "exercise.html", ExerciseView(found), active="more")
