"""Loading the catalogue data files that ship inside the package.

The files are TOML (`data/*.toml`, one `[[exercise]]` table per exercise) so they stay
readable and diffable by hand; the standard library reads them (`tomllib`).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from redwood.catalog.catalogue import Catalogue, CatalogueError
from redwood.domain.exercise import Exercise, ExerciseError, exercise_from_dict

DATA_PACKAGE = "redwood.catalog"
DATA_DIR = "data"


def _records(text: str, source: str) -> list[dict[str, Any]]:
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: not valid TOML: {exc}") from None
    records = parsed.get("exercise", [])
    if not isinstance(records, list):
        raise CatalogueError(f"{source}: expected [[exercise]] tables")
    return records


def parse_catalogue(sources: dict[str, str]) -> Catalogue:
    """Build a catalogue from TOML texts keyed by file name (used by tests with small data)."""
    exercises: list[Exercise] = []
    for source in sorted(sources):
        for record in _records(sources[source], source):
            try:
                exercises.append(exercise_from_dict(record))
            except ExerciseError as exc:
                raise CatalogueError(f"{source}: {exc}") from None
    return Catalogue(exercises)


def catalogue_sources() -> dict[str, str]:
    """The shipped data files, by name."""
    folder = resources.files(DATA_PACKAGE).joinpath(DATA_DIR)
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The shipped catalogue, parsed and validated once per process."""
    return parse_catalogue(catalogue_sources())
