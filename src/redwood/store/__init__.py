"""Storage: SQLAlchemy models, repositories and Alembic migrations.

Only this package imports SQLAlchemy models; repositories hand out frozen dataclasses
(domain values or the records defined beside each repository). Services open a session
(one transaction per write), build the repositories they need, and commit.
"""

from redwood.store.athletes import AthleteRecord, Athletes, ensure_local_athlete
from redwood.store.bodyweights import BodyweightRecord, Bodyweights
from redwood.store.checkins import CheckinRecord, Checkins
from redwood.store.engine import DatabaseUrlError, make_engine, make_session_factory, mask_url
from redwood.store.errors import (
    DuplicateRecordError,
    RecordInUseError,
    RecordNotFoundError,
    StaleVersionError,
    StoreError,
)
from redwood.store.exercises import CatalogueSync, ExerciseMapping, Exercises, sync_catalogue
from redwood.store.logbook import Logbook, SetWrite
from redwood.store.programs import PlannedSessionRecord, ProgramRecord, Programs

__all__ = [
    "AthleteRecord",
    "Athletes",
    "BodyweightRecord",
    "Bodyweights",
    "CatalogueSync",
    "CheckinRecord",
    "Checkins",
    "DatabaseUrlError",
    "DuplicateRecordError",
    "ExerciseMapping",
    "Exercises",
    "Logbook",
    "PlannedSessionRecord",
    "ProgramRecord",
    "Programs",
    "RecordInUseError",
    "RecordNotFoundError",
    "SetWrite",
    "StaleVersionError",
    "StoreError",
    "ensure_local_athlete",
    "make_engine",
    "make_session_factory",
    "mask_url",
    "sync_catalogue",
]
