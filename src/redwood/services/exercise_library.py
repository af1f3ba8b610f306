"""The exercise library an athlete browses: the catalogue and their own exercises together.

`browse` lists or searches with the filters of `redwood exercises list` (pattern, region,
primary muscle, equipment the athlete has, setting, level); the athlete's own exercises
(custom ones, e.g. from an import) are listed first, then the catalogue in its order; a
search ranks both by the catalogue's word-prefix score (close spellings when no name has
every word). `detail` is one exercise with all its metadata and its substitutes and
progression steps by name, as `redwood exercises show` gives it, found by id, name or alias
(or a name the athlete mapped). Another athlete's own exercises are never seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from redwood.catalog import Catalogue, ExerciseFilter
from redwood.domain.exercise import Exercise
from redwood.services import catalogue as catalogue_service
from redwood.services.errors import ServiceError
from redwood.services.logsupport import Work, athlete_work, resolve_exercise

MAX_LIMIT = 500
SEARCH_DEPTH = 200
"""Catalogue hits a search ranks before the filters apply (as `redwood exercises search`)."""


def _own(work: Work) -> list[Exercise]:
    from redwood.store import Exercises

    return Exercises(work.session, work.athlete.id).custom()


def _own_hits(
    query: str, own: Iterable[Exercise], criteria: ExerciseFilter
) -> list[dict[str, Any]]:
    """The athlete's exercises matching the query, scored as the catalogue scores its own.

    Each is searched alone (its links dropped), so two of them sharing a name, or one naming
    a catalogue exercise as a substitute, cannot upset the catalogue's checks."""
    found = []
    for exercise in own:
        if not criteria.matches(exercise):
            continue
        alone = Catalogue([replace(exercise, substitutes=(), harder=None, easier=None)])
        for hit in alone.search(query, limit=1):
            found.append({**exercise.to_dict(), "score": hit.score, "matched": hit.matched})
    return found


def browse(
    query: str | None = None,
    criteria: ExerciseFilter | None = None,
    *,
    limit: int = 50,
    url: str | None = None,
) -> dict[str, Any]:
    """Exercises passing the filters (and matching the query's words, best first):
    `{"items": [catalogue entries, with "score" and "matched" for a search], "total"}`."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ServiceError(f"limit: must be 1-{MAX_LIMIT} (got {limit})", "limit")
    criteria = criteria or ExerciseFilter()
    words = (query or "").strip()
    with athlete_work(url) as work:
        own = _own(work)
    if words:
        hits = _own_hits(words, own, criteria)
        hits += catalogue_service.search_exercises(words, criteria, limit=SEARCH_DEPTH)
        items = sorted(hits, key=lambda hit: (-hit["score"], hit["name"]))
    else:
        chosen = [e for e in own if criteria.matches(e)]
        items = [e.to_dict() for e in chosen] + catalogue_service.list_exercises(criteria)
    return {"items": items[:limit], "total": len(items)}


def detail(name: str, *, url: str | None = None) -> dict[str, Any]:
    """One exercise by id, name or alias, with substitutes and steps spelled out by name."""
    with athlete_work(url) as work:
        exercise = resolve_exercise(work, name)
        if not exercise.custom:
            return catalogue_service.show_exercise(exercise.id)
        own = {e.id: e for e in _own(work)}
    catalogue = catalogue_service.catalogue()

    def named(ref: str | None) -> Exercise | None:
        return None if ref is None else own.get(ref) or catalogue.get(ref)

    shown = exercise.to_dict()
    subs = [found for ref in exercise.substitutes if (found := named(ref)) is not None]
    shown["substitute_names"] = [{"id": sub.id, "name": sub.name} for sub in subs]
    for key, ref in (("harder", exercise.harder), ("easier", exercise.easier)):
        step = named(ref)
        shown[f"{key}_name"] = step.name if step else None
    return shown
