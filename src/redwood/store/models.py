"""The database schema as SQLAlchemy 2 typed declarative models.

These classes never leave `redwood.store`: repositories turn rows into frozen dataclasses
(domain values or store records) before handing them out. The migration files under
`migrations/versions/` are the source of truth for the deployed schema; a test compares
them with these models so the two never drift apart.

Conventions (DESIGN.md): loads in kilograms as `Numeric` (Decimal, never float),
instants as timezone-aware UTC (`UtcDateTime`), the athlete's IANA time zone on the
athlete, a training day as a local `Date`. Constraint names come from one naming
convention so they are identical on SQLite and PostgreSQL (migrations can address them).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Stable constraint names on every backend (Alembic batch mode on SQLite needs them)."""

SET_TYPES = ("warmup", "working", "drop", "failure")
ROLES = ("athlete", "coach")
UNITS = ("kg", "lb")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EXERCISE_SOURCES = ("catalogue", "custom")
LOG_ACTION_KINDS = ("add", "edit", "delete")
RECORD_KINDS = ("e1rm", "load", "rep", "volume", "most_reps")

LIVE_HARD_SETS = "deleted_at IS NULL AND set_type IN ('drop', 'failure', 'working')"
"""The sets analytics count: live (not deleted) hard sets; warm-ups never count (migration
0006's partial index `ix_sets_hard_lifts`; queries repeat this text so the planner uses it)."""

LOAD_KG = Numeric(8, 3)
"""Loads: up to 99,999.999 kg, three places so pound conversions stay exact to 0.01 lb."""
BODYWEIGHT_KG = Numeric(6, 2)
RPE_RIR = Numeric(3, 1)
DISTANCE_M = Numeric(10, 2)
RECORD_VALUE = Numeric(14, 3)
"""A best: kilograms (a session's volume can reach millions), or reps for `most_reps`."""


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def utcnow() -> datetime:
    """The current instant, timezone-aware UTC (the store's only clock)."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """`DateTime(timezone=True)` that only accepts aware datetimes and always returns UTC.

    SQLite keeps no offset, so values are normalised to UTC before they are written and
    marked UTC when read; PostgreSQL's `timestamptz` gets the same aware UTC values.
    A naive datetime is refused: it would be ambiguous once the athlete travels.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: give a timezone-aware time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata and its naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        datetime: UtcDateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        uuid.UUID: Uuid(),
    }


def _created() -> Mapped[datetime]:
    return mapped_column(UtcDateTime(), default=utcnow, server_default=func.current_timestamp())


def _updated() -> Mapped[datetime]:
    return mapped_column(
        UtcDateTime(), default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


def _athlete_fk(nullable: bool = False) -> Mapped[Any]:
    return mapped_column(Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=nullable)


def _import_fk() -> Mapped[Any]:
    """The import that made the row (NULL for rows logged by hand)."""
    return mapped_column(Integer, ForeignKey("imports.id", ondelete="SET NULL"), nullable=True)


class AthleteRow(Base):
    """A user: the single local athlete (no email) or an account on a server."""

    __tablename__ = "athletes"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(_in("unit", UNITS), name="unit"),
        Index(
            "uq_athletes_one_local",
            "is_local",
            unique=True,
            sqlite_where=text("is_local"),
            postgresql_where=text("is_local"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="athlete", server_default="athlete")
    unit: Mapped[str] = mapped_column(String(2), default="kg", server_default="kg")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    is_local: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    plates: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    dumbbells: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    equipment: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    profile: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    coach_settings: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class ExerciseRow(Base):
    """A catalogue exercise (athlete_id NULL) or an athlete's custom one, as a full record."""

    __tablename__ = "exercises"
    __table_args__ = (
        CheckConstraint(_in("source", EXERCISE_SOURCES), name="source"),
        CheckConstraint(
            "(source = 'catalogue' AND athlete_id IS NULL)"
            " OR (source = 'custom' AND athlete_id IS NOT NULL)",
            name="owner",
        ),
        Index("ix_exercises_athlete_id", "athlete_id"),
        Index("ix_exercises_folded_name", "folded_name"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    athlete_id: Mapped[int | None] = _athlete_fk(nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    folded_name: Mapped[str] = mapped_column(String(200))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(16))
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class ExerciseMappingRow(Base):
    """An athlete's saved answer to "which exercise is this foreign name?" (imports)."""

    __tablename__ = "exercise_mappings"
    __table_args__ = (UniqueConstraint("athlete_id", "folded_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    folded_name: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    exercise_id: Mapped[str] = mapped_column(
        String(100), ForeignKey("exercises.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = _created()


class ProgramRow(Base):
    """A program document (DESIGN.md contract) with the profile and seed that made it."""

    __tablename__ = "programs"
    __table_args__ = (
        Index("ix_programs_athlete_id", "athlete_id"),
        Index(
            "uq_programs_one_active",
            "athlete_id",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    name: Mapped[str] = mapped_column(String(200))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    profile: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    seed: Mapped[int | None] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    starts_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class PlannedSessionRow(Base):
    """One session of a program's week, exploded from the document for fast lookups."""

    __tablename__ = "planned_sessions"
    __table_args__ = (
        UniqueConstraint("program_id", "week_index", "position"),
        CheckConstraint("week_index >= 1", name="week_index"),
        CheckConstraint("position >= 0", name="position"),
        CheckConstraint(_in("weekday", WEEKDAYS), name="weekday"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(Integer, ForeignKey("programs.id", ondelete="CASCADE"))
    week_index: Mapped[int] = mapped_column(Integer)
    weekday: Mapped[str] = mapped_column(String(3))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PerformedSessionRow(Base):
    """A training session that happened, on the athlete's local date."""

    __tablename__ = "performed_sessions"
    __table_args__ = (
        UniqueConstraint("id", "athlete_id"),
        UniqueConstraint("athlete_id", "import_key"),
        Index("ix_performed_sessions_athlete_id_local_date", "athlete_id", "local_date"),
        Index("ix_performed_sessions_planned_session_id", "planned_session_id"),
        Index("ix_performed_sessions_import_id", "import_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    planned_session_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("planned_sessions.id", ondelete="SET NULL")
    )
    local_date: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    title: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(40), default="manual", server_default="manual")
    import_key: Mapped[str | None] = mapped_column(String(255))
    import_id: Mapped[int | None] = _import_fk()
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class SetRow(Base):
    """One logged set; its id is the client-made UUID that makes retries idempotent.

    The composite foreign key (session_id, athlete_id) makes it impossible to file a set
    under another athlete's session. `version` supports optimistic concurrency and
    `deleted_at` keeps a tombstone so a replayed create never resurrects a deleted set.
    """

    __tablename__ = "sets"
    __table_args__ = (
        ForeignKeyConstraint(
            ["session_id", "athlete_id"],
            ["performed_sessions.id", "performed_sessions.athlete_id"],
            ondelete="CASCADE",
        ),
        CheckConstraint(_in("set_type", SET_TYPES), name="set_type"),
        CheckConstraint("position >= 0", name="position"),
        CheckConstraint("reps >= 0", name="reps"),
        CheckConstraint("load_kg >= 0", name="load_kg"),
        CheckConstraint("rpe >= 1 AND rpe <= 10", name="rpe"),
        CheckConstraint("rir >= 0 AND rir <= 10", name="rir"),
        CheckConstraint("seconds >= 0", name="seconds"),
        CheckConstraint("distance_m >= 0", name="distance_m"),
        CheckConstraint("rest_seconds >= 0", name="rest_seconds"),
        CheckConstraint("version >= 1", name="version"),
        Index(
            "ix_sets_athlete_id_exercise_id_performed_at",
            "athlete_id",
            "exercise_id",
            "performed_at",
        ),
        Index("ix_sets_athlete_id_performed_at", "athlete_id", "performed_at", "id"),
        Index("ix_sets_session_id_position", "session_id", "position"),
        Index("ix_sets_import_id", "import_id"),
        Index(
            "ix_sets_hard_lifts",
            *("athlete_id", "exercise_id", "session_id", "reps", "rpe", "rir", "load_kg"),
            "performed_at",
            sqlite_where=text(LIVE_HARD_SETS),
            postgresql_where=text(LIVE_HARD_SETS),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    athlete_id: Mapped[int] = _athlete_fk()
    exercise_id: Mapped[str] = mapped_column(String(100), ForeignKey("exercises.id"))
    position: Mapped[int] = mapped_column(Integer)
    set_type: Mapped[str] = mapped_column(String(8), default="working")
    reps: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[Decimal | None] = mapped_column(LOAD_KG)
    rpe: Mapped[Decimal | None] = mapped_column(RPE_RIR)
    rir: Mapped[Decimal | None] = mapped_column(RPE_RIR)
    seconds: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[Decimal | None] = mapped_column(DISTANCE_M)
    rest_seconds: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    performed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    import_id: Mapped[int | None] = _import_fk()


class ExerciseRecordRow(Base):
    """A best of one exercise as it was set (migration 0008, `store/record_book.py`): the
    value of a kind (and rep count: 0 for the kinds without one) on the local date that
    first reached it, and for an e1RM the set (reps, load, effort) that gave it."""

    __tablename__ = "exercise_records"
    __table_args__ = (CheckConstraint(_in("kind", RECORD_KINDS), name="kind"),)

    athlete_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(9), primary_key=True)
    reps: Mapped[int] = mapped_column(Integer, primary_key=True)
    local_date: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[Decimal] = mapped_column(RECORD_VALUE)
    set_reps: Mapped[int | None] = mapped_column(Integer)
    set_load_kg: Mapped[Decimal | None] = mapped_column(LOAD_KG)
    set_rpe: Mapped[Decimal | None] = mapped_column(RPE_RIR)
    set_rir: Mapped[Decimal | None] = mapped_column(RPE_RIR)


class ImportRow(Base):
    """One import of a file (another app's export or a Redwood backup), kept as history.

    The counts say what it added; `payload` holds what undoing it needs besides the sessions
    and sets that carry its id (body weights it replaced, custom exercises, check-ins and
    programs it made). `undone_at` is set once it is undone, `replaced_by` when a later
    import of the same file took its place.
    """

    __tablename__ = "imports"
    __table_args__ = (
        Index("ix_imports_athlete_id_id", "athlete_id", "id"),
        Index("ix_imports_replaced_by", "replaced_by"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    created_at: Mapped[datetime] = _created()
    file_name: Mapped[str] = mapped_column(String(255))
    source_key: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(40))
    layout: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(16))
    sessions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sets: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    bodyweights: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    custom_created: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    replaced_by: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("imports.id", ondelete="SET NULL")
    )


class BodyweightRow(Base):
    """One bodyweight reading per athlete per local date."""

    __tablename__ = "bodyweights"
    __table_args__ = (
        UniqueConstraint("athlete_id", "measured_on"),
        CheckConstraint("kg > 0 AND kg < 1000", name="kg"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    measured_on: Mapped[date] = mapped_column(Date)
    kg: Mapped[Decimal] = mapped_column(BODYWEIGHT_KG)
    source: Mapped[str] = mapped_column(String(40), default="manual", server_default="manual")
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class CheckinRow(Base):
    """A readiness check-in: sleep, soreness, energy and pain on a local date."""

    __tablename__ = "checkins"
    __table_args__ = (
        Index("ix_checkins_athlete_id_local_date", "athlete_id", "local_date"),
        CheckConstraint("sleep_hours >= 0 AND sleep_hours <= 24", name="sleep_hours"),
        CheckConstraint("soreness >= 1 AND soreness <= 5", name="soreness"),
        CheckConstraint("energy >= 1 AND energy <= 5", name="energy"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    local_date: Mapped[date] = mapped_column(Date)
    sleep_hours: Mapped[Decimal | None] = mapped_column(RPE_RIR)
    soreness: Mapped[int | None] = mapped_column(SmallInteger)
    energy: Mapped[int | None] = mapped_column(SmallInteger)
    pain: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    pain_where: Mapped[list[Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()


class LogActionRow(Base):
    """One add, edit or delete of logged sets, for undo: what changed and whether it was undone.

    `payload` holds the set ids and, for edits, the previous value of every changed field.
    """

    __tablename__ = "log_actions"
    __table_args__ = (
        CheckConstraint(_in("kind", LOG_ACTION_KINDS), name="kind"),
        Index("ix_log_actions_athlete_id_id", "athlete_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    created_at: Mapped[datetime] = _created()
    kind: Mapped[str] = mapped_column(String(8))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AuthTokenRow(Base):
    """An opaque bearer token, stored only as a hash; listable and revocable."""

    __tablename__ = "auth_tokens"
    __table_args__ = (Index("ix_auth_tokens_athlete_id", "athlete_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = _created()
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class LoginAttemptRow(Base):
    """A failed sign-in for an email, kept for the login rate limit (never in process memory:
    several stateless app processes share it). Rows older than the window are pruned."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_attempted_at", "email", "attempted_at"),
        Index("ix_login_attempts_attempted_at", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoachInviteRow(Base):
    """A one-time code an athlete gives a coach, stored only as its SHA-256 hash.

    It expires at `expires_at`; once redeemed, `used_at` and `used_by` (the coach's account)
    are set and it cannot be redeemed again. Either account's deletion deletes the invite.
    """

    __tablename__ = "coach_invites"
    __table_args__ = (
        Index("ix_coach_invites_athlete_id", "athlete_id"),
        Index("ix_coach_invites_used_by", "used_by"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = _created()
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_by: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("athletes.id", ondelete="CASCADE")
    )


class CoachLinkRow(Base):
    """A coach's access to an athlete: live until the athlete revokes it (`revoked_at`).

    At most one live link per (athlete, coach); revoked links stay as history. Either
    account's deletion deletes the link.
    """

    __tablename__ = "coach_links"
    __table_args__ = (
        CheckConstraint("athlete_id <> coach_id", name="not_self"),
        Index("ix_coach_links_coach_id", "coach_id"),
        Index(
            "uq_coach_links_one_live",
            "athlete_id",
            "coach_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    coach_id: Mapped[int] = mapped_column(Integer, ForeignKey("athletes.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = _created()
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class HeldUploadRow(Base):
    """An upload held between an import's preview and its commit (migration 0007).

    Named by a random token of which only the SHA-256 is stored; it lasts until
    `expires_at` and goes with its athlete. In the database rather than on a disk because
    the preview and the commit may be served by different app processes on different hosts.
    """

    __tablename__ = "held_uploads"
    __table_args__ = (
        Index("ix_held_uploads_athlete_id", "athlete_id"),
        Index("ix_held_uploads_expires_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    options: Mapped[dict[str, Any]] = mapped_column(JSON)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _created()
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
