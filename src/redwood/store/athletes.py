"""Athletes (users): accounts on a server, or the single local athlete of the laptop CLI.

Records never carry the password hash; `password_hash()` hands it to the auth service alone.
Emails are stored trimmed and lower-cased so sign-in does not depend on how they were typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from redwood.store.base import Repository, insert_or
from redwood.store.errors import DuplicateRecordError, RecordNotFoundError
from redwood.store.models import ROLES, UNITS, AthleteRow

LOCAL_ATHLETE_NAME = "Local athlete"

UPDATABLE = frozenset(
    {
        "name",
        "email",
        "role",
        "unit",
        "timezone",
        "plates",
        "dumbbells",
        "equipment",
        "profile",
        "coach_settings",
        "password_hash",
    }
)


@dataclass(frozen=True, slots=True)
class AthleteRecord:
    """An athlete as the rest of Redwood sees them (no password hash).

    `plates`, `dumbbells` and `equipment` (per location) are the athlete's kit as JSON
    documents, None meaning "the defaults"; `profile` is the planner's profile;
    `coach_settings` the coach's (rules per exercise, weekly cap, stack step), None = defaults.
    """

    id: int
    name: str
    email: str | None
    role: str
    unit: str
    timezone: str
    is_local: bool
    has_password: bool
    plates: Mapping[str, Any] | None
    dumbbells: Mapping[str, Any] | None
    equipment: Mapping[str, Any] | None
    profile: Mapping[str, Any] | None
    created_at: datetime
    updated_at: datetime
    coach_settings: Mapping[str, Any] | None = None

    @property
    def zone(self) -> ZoneInfo:
        """The athlete's IANA time zone, for turning instants into local training days."""
        return ZoneInfo(self.timezone)


def _record(row: AthleteRow) -> AthleteRecord:
    return AthleteRecord(
        id=row.id,
        name=row.name,
        email=row.email,
        role=row.role,
        unit=row.unit,
        timezone=row.timezone,
        is_local=row.is_local,
        has_password=row.password_hash is not None,
        plates=row.plates,
        dumbbells=row.dumbbells,
        equipment=row.equipment,
        profile=row.profile,
        created_at=row.created_at,
        updated_at=row.updated_at,
        coach_settings=row.coach_settings,
    )


def normalize_email(email: str | None) -> str | None:
    """Trimmed and lower-cased; an empty string means no email."""
    if email is None:
        return None
    cleaned = email.strip().lower()
    return cleaned or None


def check_timezone(name: str) -> str:
    """Refuse anything that is not an IANA zone name such as `Europe/Paris`."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"timezone: unknown IANA time zone {name!r}") from None
    return name


def _check(field: str, value: Any) -> Any:
    if field == "role" and value not in ROLES:
        raise ValueError(f"role: must be one of {', '.join(ROLES)}")
    if field == "unit" and value not in UNITS:
        raise ValueError(f"unit: must be one of {', '.join(UNITS)}")
    if field == "timezone":
        return check_timezone(value)
    if field == "email":
        return normalize_email(value)
    if field == "name" and (not isinstance(value, str) or not value.strip()):
        raise ValueError("name: must not be empty")
    if field == "name":
        return value.strip()
    if field == "coach_settings" and value is not None and not isinstance(value, Mapping):
        raise ValueError("coach_settings: must be a JSON object or None")
    if field == "coach_settings" and value is not None:
        return dict(value)
    return value


class Athletes(Repository):
    """Create, find and update athletes; deleting one removes all their data (cascade)."""

    def get(self, athlete_id: int) -> AthleteRecord | None:
        """The athlete with this id, or None."""
        row = self.session.get(AthleteRow, athlete_id)
        return None if row is None else _record(row)

    def by_email(self, email: str) -> AthleteRecord | None:
        """The athlete registered with this email (any case), or None."""
        row = self._by_email(normalize_email(email))
        return None if row is None else _record(row)

    def password_hash(self, athlete_id: int) -> str | None:
        """The stored password hash, for the auth service only."""
        row = self.session.get(AthleteRow, athlete_id)
        return None if row is None else row.password_hash

    def create(
        self,
        name: str,
        *,
        email: str | None = None,
        password_hash: str | None = None,
        role: str = "athlete",
        unit: str = "kg",
        timezone: str = "UTC",
    ) -> AthleteRecord:
        """Register an athlete; refuses an email that is already registered."""
        row = AthleteRow(
            name=_check("name", name),
            email=normalize_email(email),
            password_hash=password_hash,
            role=_check("role", role),
            unit=_check("unit", unit),
            timezone=check_timezone(timezone),
            is_local=False,
        )

        def clash() -> AthleteRow | None:
            if row.email is not None and self._by_email(row.email) is not None:
                raise DuplicateRecordError(f"email: {row.email} is already registered")
            return None

        return _record(insert_or(self.session, row, clash))

    def update(self, athlete_id: int, **changes: Any) -> AthleteRecord:
        """Change settings (name, unit, timezone, kit, profile, ...); unknown keys are refused."""
        unknown = set(changes) - UPDATABLE
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))} on an athlete")
        row = self.session.get(AthleteRow, athlete_id)
        if row is None:
            raise RecordNotFoundError(f"no athlete {athlete_id}")
        if "email" in changes:
            other = self._by_email(normalize_email(changes["email"]))
            if other is not None and other.id != athlete_id:
                raise DuplicateRecordError(f"email: {other.email} is already registered")
        for field, value in changes.items():
            setattr(row, field, _check(field, value))
        row.updated_at = self.now()
        self.session.flush()
        return _record(row)

    def delete(self, athlete_id: int) -> bool:
        """Delete the athlete and, by cascade, every row that belongs to them."""
        result = self.session.execute(delete(AthleteRow).where(AthleteRow.id == athlete_id))
        self.session.expire_all()
        return bool(getattr(result, "rowcount", 0))

    def _by_email(self, email: str | None) -> AthleteRow | None:
        if email is None:
            return None
        return self.session.scalars(select(AthleteRow).where(AthleteRow.email == email)).first()


def _local_row(session: Session) -> AthleteRow | None:
    return session.scalars(select(AthleteRow).where(AthleteRow.is_local.is_(True))).first()


def ensure_local_athlete(
    session: Session, *, name: str = LOCAL_ATHLETE_NAME, timezone: str = "UTC"
) -> AthleteRecord:
    """The single local athlete of an SQLite install, created on first use.

    A partial unique index allows only one local athlete, so two processes starting at once
    still end up with the same one.
    """
    row = _local_row(session)
    if row is None:
        fresh = AthleteRow(
            name=_check("name", name), timezone=check_timezone(timezone), is_local=True
        )
        row = insert_or(session, fresh, lambda: _local_row(session))
    return _record(row)
