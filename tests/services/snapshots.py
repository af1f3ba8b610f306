"""What an import or restore can add, counted: to prove that a refused one wrote nothing."""

from __future__ import annotations

from redwood.services.athletes import local_athlete
from redwood.services.database import ensure_schema, unit_of_work
from redwood.store import Bodyweights, Exercises, Logbook


def state(url: str) -> tuple[int, ...]:
    """Everything an import can add, counted (sessions, sets, weights, customs, mappings)."""
    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session).id
        log = Logbook(session, athlete)
        exercises = Exercises(session, athlete)
        return (
            len(log.sessions()),
            len(list(log.batches().all_sets(include_deleted=True))),
            len(Bodyweights(session, athlete).between()),
            len(exercises.custom()),
            len(exercises.mappings()),
        )
