"""The exercise catalogue: our own data files, their loader, lookup and search."""

from redwood.catalog.catalogue import Catalogue, CatalogueError, ExerciseFilter, SearchHit
from redwood.catalog.loader import load_catalogue, parse_catalogue

__all__ = [
    "Catalogue",
    "CatalogueError",
    "ExerciseFilter",
    "SearchHit",
    "load_catalogue",
    "parse_catalogue",
]
