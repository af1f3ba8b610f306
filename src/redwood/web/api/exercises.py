"""The exercise library: search and filter the catalogue with the athlete's own exercises,
and read one exercise with everything known about it.

`GET /exercises` takes `q` (words of a name, any app's spelling) and the filters of
`redwood exercises list`: `pattern`, `region`, `muscle` (a primary mover), `equipment` (what
the athlete has, repeated: an exercise passes when it needs nothing else), `setting` and
`level` (moves at or below it). It answers `{"items", "total"}`: catalogue entries (the
DESIGN.md contract, `custom` true for the athlete's own), with `score` and `matched` when
searching. `GET /exercises/{id}` takes an id, name or alias and adds `substitute_names`,
`harder_name` and `easier_name`; an unknown one answers 404 with the closest names.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import AfterValidator

from redwood.catalog import ExerciseFilter
from redwood.domain.vocab import Equipment, Level, Muscle, Pattern, Region, Setting
from redwood.services import exercise_library
from redwood.services.identity import acting_as
from redwood.web.api.inputs import Database, SignedIn, clean_text

router = APIRouter(tags=["exercises"])

Words = Annotated[str | None, Query(max_length=200), AfterValidator(clean_text)]
Limit = Annotated[int, Query(ge=1, le=exercise_library.MAX_LIMIT)]
Kit = Annotated[
    list[Equipment] | None,
    Query(max_length=40, description="Equipment the athlete has (repeat the parameter)."),
]
ExerciseRef = Annotated[
    str,
    Path(min_length=1, max_length=200, description="An exercise id, name or alias."),
    AfterValidator(clean_text),
]


@router.get("/exercises", response_model=None)
def list_exercises(
    athlete_id: SignedIn,
    url: Database,
    q: Words = None,
    pattern: Pattern | None = None,
    region: Region | None = None,
    muscle: Muscle | None = None,
    equipment: Kit = None,
    setting: Setting | None = None,
    level: Level | None = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Exercises passing the filters, the athlete's own first; a search ranks by `score`."""
    criteria = ExerciseFilter(
        pattern=pattern,
        muscle=muscle,
        equipment=None if equipment is None else frozenset(equipment),
        setting=setting,
        region=region,
        level=level,
    )
    with acting_as(athlete_id):
        return exercise_library.browse(q, criteria, limit=limit, url=url)


@router.get("/exercises/{exercise_id}", response_model=None)
def show_exercise(exercise_id: ExerciseRef, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """One exercise: the contract's fields (cues, mistakes, ...) and its links by name."""
    with acting_as(athlete_id):
        return exercise_library.detail(exercise_id, url=url)
