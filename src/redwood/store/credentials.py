"""Bearer tokens and failed sign-ins: what the accounts service keeps to let people in.

A token is stored only as its SHA-256 hash, so a copy of the database signs no one in. The
repository works on hashes and never sees the token itself. `live` finds a token that is
neither revoked nor expired; `touch` records its use; `revoke_id` signs one of an athlete's
devices out. Failed sign-ins are rows of (email, instant) that every app process sees, so the
rate limit holds across workers.

Registrations per client address share the `login_attempts` table (no schema change): each
account made is a row whose key is `REGISTRATION_KEY` followed by the address. No email can
collide with such a key, since it holds a space and an email address may not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update

from redwood.store.base import Repository
from redwood.store.models import AuthTokenRow, LoginAttemptRow


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """A stored token (by hash): whose it is and when it was made, used, expires, revoked."""

    id: int
    athlete_id: int
    label: str | None
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


def _token(row: AuthTokenRow) -> TokenRecord:
    return TokenRecord(
        id=row.id,
        athlete_id=row.athlete_id,
        label=row.label,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


REGISTRATION_KEY = "registration from "
"""The key prefix of a registration row in `login_attempts` (never a valid email)."""


class AuthTokens(Repository):
    """Issue, find, touch and revoke bearer tokens by their hash."""

    def issue(
        self, athlete_id: int, token_hash: str, *, expires_at: datetime, label: str | None = None
    ) -> TokenRecord:
        """Store a new token's hash for the athlete."""
        row = AuthTokenRow(
            athlete_id=athlete_id,
            token_hash=token_hash,
            label=None if label is None else label[:100],
            expires_at=expires_at,
        )
        self.session.add(row)
        self.session.flush()
        return _token(row)

    def live(self, token_hash: str, now: datetime) -> TokenRecord | None:
        """The token with this hash if it is neither revoked nor expired at `now`."""
        row = self.session.scalars(
            select(AuthTokenRow).where(
                AuthTokenRow.token_hash == token_hash,
                AuthTokenRow.revoked_at.is_(None),
                or_(AuthTokenRow.expires_at.is_(None), AuthTokenRow.expires_at > now),
            )
        ).first()
        return None if row is None else _token(row)

    def touch(self, token_id: int, now: datetime) -> None:
        """Record that the token was used at `now`."""
        self.session.execute(
            update(AuthTokenRow)
            .where(AuthTokenRow.id == token_id)
            .values(last_used_at=now)
            .execution_options(synchronize_session=False)
        )

    def revoke(self, token_hash: str, now: datetime) -> bool:
        """Revoke the token with this hash; False when there was no live one."""
        result = self.session.execute(
            update(AuthTokenRow)
            .where(AuthTokenRow.token_hash == token_hash, AuthTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def revoke_id(self, athlete_id: int, token_id: int, now: datetime) -> bool:
        """Revoke the athlete's live token `token_id`; False when they have no such live
        token (another athlete's token is never touched)."""
        result = self.session.execute(
            update(AuthTokenRow)
            .where(
                AuthTokenRow.id == token_id,
                AuthTokenRow.athlete_id == athlete_id,
                AuthTokenRow.revoked_at.is_(None),
                or_(AuthTokenRow.expires_at.is_(None), AuthTokenRow.expires_at > now),
            )
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def live_of_athlete(self, athlete_id: int, now: datetime) -> list[TokenRecord]:
        """The athlete's tokens that still sign in at `now`, newest first."""
        rows = self.session.scalars(
            select(AuthTokenRow)
            .where(
                AuthTokenRow.athlete_id == athlete_id,
                AuthTokenRow.revoked_at.is_(None),
                or_(AuthTokenRow.expires_at.is_(None), AuthTokenRow.expires_at > now),
            )
            .order_by(AuthTokenRow.id.desc())
        )
        return [_token(row) for row in rows]

    def of_athlete(self, athlete_id: int) -> list[TokenRecord]:
        """Every token of the athlete, newest first (revoked and expired ones too)."""
        rows = self.session.scalars(
            select(AuthTokenRow)
            .where(AuthTokenRow.athlete_id == athlete_id)
            .order_by(AuthTokenRow.id.desc())
        )
        return [_token(row) for row in rows]


class LoginAttempts(Repository):
    """Failed sign-ins per email, for the rate limit."""

    def failures(self, email: str, since: datetime) -> tuple[int, datetime | None]:
        """How many failures the email had at or after `since`, and the oldest of them."""
        count, oldest = self.session.execute(
            select(func.count(LoginAttemptRow.id), func.min(LoginAttemptRow.attempted_at)).where(
                LoginAttemptRow.email == email, LoginAttemptRow.attempted_at >= since
            )
        ).one()
        return int(count), oldest

    def record_failure(self, email: str, at: datetime) -> None:
        """Count one more failure for the email."""
        self.session.add(LoginAttemptRow(email=email, attempted_at=at))
        self.session.flush()

    def clear(self, email: str) -> None:
        """Forget the email's failures (after a successful sign-in)."""
        self.session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.email == email))

    def prune(self, before: datetime) -> int:
        """Drop failures older than `before` (they no longer count); how many went.
        Registration rows keep their own, longer window (`Registrations.prune`)."""
        result = self.session.execute(
            delete(LoginAttemptRow).where(
                LoginAttemptRow.attempted_at < before,
                LoginAttemptRow.email.not_like(f"{REGISTRATION_KEY}%"),
            )
        )
        return int(getattr(result, "rowcount", 0))


class Registrations(Repository):
    """Accounts made per client address, for the registration rate limit (rows of
    `login_attempts` keyed `REGISTRATION_KEY + address`)."""

    @staticmethod
    def key(address: str) -> str:
        """The row key of a client address (cut to the column's length)."""
        return (REGISTRATION_KEY + address)[:320]

    def count(self, address: str, since: datetime) -> tuple[int, datetime | None]:
        """How many accounts the address made at or after `since`, and when the oldest was."""
        return LoginAttempts(self.session).failures(self.key(address), since)

    def record(self, address: str, at: datetime) -> None:
        """Count one more account made from the address."""
        self.session.add(LoginAttemptRow(email=self.key(address), attempted_at=at))
        self.session.flush()

    def prune(self, before: datetime) -> int:
        """Drop registration rows older than `before`; how many went."""
        result = self.session.execute(
            delete(LoginAttemptRow).where(
                LoginAttemptRow.attempted_at < before,
                LoginAttemptRow.email.like(f"{REGISTRATION_KEY}%"),
            )
        )
        return int(getattr(result, "rowcount", 0))
