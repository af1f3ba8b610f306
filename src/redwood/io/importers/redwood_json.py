"""Redwood's own backup (`redwood export json`, schema `redwood.backup/1`), read and checked.

The backup is one JSON document: the athlete's settings and profile, custom exercises, saved
name mappings, programs, performed sessions with their sets (ids kept, so restoring twice
adds nothing), check-ins and body weights. Bookkeeping is not part of it (row numbers,
created/updated instants, edit versions): a restore starts the data's new life, which is what
lets a backup restored into an empty database export to the very same file.

Numbers are read as exact decimals (never floats). Every field is checked here with pydantic
models, so a damaged or hand-edited file is refused with one line naming where it broke:
"backup.json: line 12: ..." for JSON syntax, "backup.json: sessions[3].sets[0].reps: ..." for
a value.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from redwood.io.importers.records import ImportFileError
from redwood.io.importers.source import Origin, Upload, origin_name

NAME = "redwood"
TITLE = "Redwood backup"
SCHEMA = "redwood.backup/1"

Text = Annotated[str, Field(max_length=100_000)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AthleteDoc(_Model):
    """Who the backup belongs to and how they train: unit, zone, kit, coach settings."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    unit: Literal["kg", "lb"]
    timezone: Annotated[str, Field(min_length=1, max_length=64)]
    profile: dict[str, Any] | None = None
    plates: dict[str, Any] | None = None
    dumbbells: dict[str, Any] | None = None
    equipment: dict[str, Any] | None = None
    coach_settings: dict[str, Any] | None = None


class MappingDoc(_Model):
    """A saved answer: this name from another app means that exercise."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    exercise: Annotated[str, Field(min_length=1, max_length=100)]


class ProgramDoc(_Model):
    """A stored program document and its state."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    active: bool = False
    starts_on: date | None = None
    seed: int | None = None
    profile: dict[str, Any] | None = None
    document: dict[str, Any]


class PlannedRef(_Model):
    """The planned session a performed one followed: program (index in `programs`), week
    index and position in that week."""

    program: Count
    week: Annotated[int, Field(ge=1)]
    position: Count


class SetDoc(_Model):
    """One set, with its client-made id."""

    id: UUID
    exercise: Annotated[str, Field(min_length=1, max_length=100)]
    set_type: Literal["warmup", "working", "drop", "failure"] = "working"
    position: Count
    reps: Count | None = None
    load_kg: Decimal | None = None
    rpe: Decimal | None = None
    rir: Decimal | None = None
    seconds: Count | None = None
    distance_m: Decimal | None = None
    rest_seconds: Count | None = None
    note: Text | None = None
    performed_at: AwareDatetime
    deleted_at: AwareDatetime | None = None


class SessionDoc(_Model):
    """A performed session and its sets."""

    id: UUID
    date: date
    title: Annotated[str, Field(max_length=200)] = ""
    source: Annotated[str, Field(max_length=40)] = "manual"
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    notes: Text | None = None
    import_key: Annotated[str, Field(max_length=255)] | None = None
    planned: PlannedRef | None = None
    sets: list[SetDoc] = []


class CheckinDoc(_Model):
    """A readiness check-in."""

    date: date
    sleep_hours: Decimal | None = None
    soreness: Annotated[int, Field(ge=1, le=5)] | None = None
    energy: Annotated[int, Field(ge=1, le=5)] | None = None
    pain: bool = False
    pain_where: list[str] = []
    note: Text | None = None


class BodyweightDoc(_Model):
    """A body-weight reading of a day."""

    date: date
    kg: Decimal
    source: Annotated[str, Field(max_length=40)] = "manual"
    note: Text | None = None


class BackupDoc(_Model):
    """The whole backup."""

    schema_: Literal["redwood.backup/1"] = Field(alias="schema")
    athlete: AthleteDoc
    custom_exercises: list[dict[str, Any]] = []
    exercise_mappings: list[MappingDoc] = []
    programs: list[ProgramDoc] = []
    sessions: list[SessionDoc] = []
    checkins: list[CheckinDoc] = []
    bodyweights: list[BodyweightDoc] = []


def _where(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text.replace("schema_", "schema") or "document"


def _nul_at(value: Any, location: tuple[int | str, ...] = ()) -> tuple[int | str, ...] | None:
    """Where a text holding a NUL character is (PostgreSQL stores no NUL), or None."""
    if isinstance(value, str):
        return location if "\x00" in value else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return location
        found = _nul_at(item, (*location, key))
        if found is not None:
            return found
    return None


def parse_backup(text: str | bytes, name: str = "backup.json") -> BackupDoc:
    """The checked backup, or `ImportFileError` naming the line or the field at fault."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{name}: line {exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})"
        ) from None
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ImportFileError(f"{name}: not a Redwood backup ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise ImportFileError(f"{name}: line 1: a Redwood backup is a JSON object")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise ImportFileError(
            f"{name}: schema is {schema!r}: this Redwood reads {SCHEMA!r} backups "
            "(made by 'redwood export json')"
        )
    nul = _nul_at(data)
    if nul is not None:
        raise ImportFileError(f"{name}: {_where(nul)}: must not contain NUL characters")
    try:
        return BackupDoc.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _where(tuple(first["loc"]))
        count = exc.error_count()
        more = f" (and {count - 1} more problems)" if count > 1 else ""
        raise ImportFileError(f"{name}: {where}: {first['msg']}{more}") from None


def read_backup(origin: Origin) -> BackupDoc:
    """Read and check a backup file (a path or an upload)."""
    name = origin_name(origin)
    try:
        if isinstance(origin, Upload):
            origin.stream.seek(0)
            raw = origin.stream.read()
        else:
            raw = Path(origin).read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{name}: no such file") from None
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    if not raw.strip():
        raise ImportFileError(f"{name}: the file is empty: nothing to import")
    return parse_backup(raw, name)


def is_backup(first_line: str) -> bool:
    """True when a file's first line opens a JSON object (a backup, to be checked)."""
    return first_line.lstrip("\ufeff \t").startswith("{")
