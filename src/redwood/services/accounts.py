"""Accounts on a server: register, sign in for an opaque bearer token, sign out, find the
athlete behind a token, and delete an account with everything in it.

Passwords are hashed with argon2id (argon2-cffi's RFC 9106 low-memory profile) and rehashed
on sign-in when the parameters change. A token is `secrets.token_urlsafe(32)`, shown once;
only its SHA-256 hash is stored (a stolen database signs no one in), it expires after 30
days, and sign-out revokes it. A failed sign-in says "email or password is wrong" whether the
email exists or not, and takes as long either way (an unknown email is checked against a
dummy hash). Failures are counted per email in the database (`login_attempts`), not in
process memory, because the app runs as several stateless workers: after 10 failures in
15 minutes that email is refused with `RateLimitedError` until the oldest failure ages out.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from redwood.services.database import ensure_schema, unit_of_work
from redwood.services.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    RateLimitedError,
    ServiceError,
)
from redwood.store import Athletes, DuplicateRecordError
from redwood.store.athletes import check_timezone, normalize_email
from redwood.store.credentials import AuthTokens, LoginAttempts

TOKEN_LIFETIME = timedelta(days=30)
TOUCH_EVERY = timedelta(minutes=1)
"""`last_used_at` is written at most once a minute per token, not on every request."""
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_FAILURES = 10
"""Ten wrong passwords in 15 minutes are allowed; the next attempt is refused (429)."""
PASSWORD_MIN, PASSWORD_MAX = 8, 200
EMAIL_MAX = 320
NAME_MAX = 200
WRONG = "email or password is wrong"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

HASHER = PasswordHasher()
"""argon2id with argon2-cffi's defaults; tests swap in a cheaper one."""


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash to verify against when the email is unknown, so timing does not tell."""
    return hasher.hash(secrets.token_urlsafe(16))


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def check_email(email: str) -> str:
    """The email trimmed and lower-cased; refused unless it looks like name@domain.tld."""
    cleaned = normalize_email(email) or ""
    if len(cleaned) > EMAIL_MAX or not EMAIL.match(cleaned):
        raise ServiceError("email: expected an email address such as ana@example.com", "email")
    return cleaned


def check_password(password: str) -> str:
    """The password, if it is 8-200 characters long (any characters)."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise ServiceError(
            f"password: must be {PASSWORD_MIN}-{PASSWORD_MAX} characters long", "password"
        )
    return password


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > NAME_MAX:
        raise ServiceError(f"name: must be 1-{NAME_MAX} characters", "name")
    return cleaned


def _account(record: Any) -> dict[str, Any]:
    return {
        "id": record.id,
        "email": record.email,
        "name": record.name,
        "role": record.role,
        "unit": record.unit,
        "timezone": record.timezone,
        "created_at": record.created_at.isoformat(),
    }


def register(
    email: str,
    password: str,
    name: str,
    *,
    timezone: str = "UTC",
    unit: str = "kg",
    url: str | None = None,
) -> dict[str, Any]:
    """Create an account; its public fields. A registered email is a `ConflictError`."""
    address, secret, shown = check_email(email), check_password(password), _check_name(name)
    if unit not in {"kg", "lb"}:
        raise ServiceError("unit: use kg or lb", "unit")
    try:
        zone = check_timezone(timezone.strip())
    except ValueError as exc:
        raise ServiceError(str(exc), "timezone") from None
    hashed = HASHER.hash(secret)
    ensure_schema(url)
    try:
        with unit_of_work(url) as session:
            record = Athletes(session).create(
                shown, email=address, password_hash=hashed, unit=unit, timezone=zone
            )
            return _account(record)
    except DuplicateRecordError:
        raise ConflictError("email: this email is already registered", "email") from None


def _verify(hashed: str | None, password: str) -> bool:
    try:
        return HASHER.verify(hashed or _dummy_hash(HASHER), password) and hashed is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def login(
    email: str,
    password: str,
    *,
    label: str | None = None,
    url: str | None = None,
    now: datetime | None = None,
) -> str:
    """A new bearer token for the email and password. Wrong ones raise
    `AuthenticationError` (the same message for an unknown email and a wrong password); an
    email with too many recent failures raises `RateLimitedError` before any check."""
    at = _now(now)
    address = normalize_email(email) or ""
    if len(address) > EMAIL_MAX or len(password) > PASSWORD_MAX:
        raise AuthenticationError(WRONG)
    ensure_schema(url)
    token = secrets.token_urlsafe(32)
    with unit_of_work(url) as session:
        attempts = LoginAttempts(session)
        count, oldest = attempts.failures(address, at - LOGIN_WINDOW)
        if count >= LOGIN_FAILURES:
            wait = (oldest or at) + LOGIN_WINDOW - at
            retry = max(1, int(wait.total_seconds()) + 1)
            raise RateLimitedError(
                f"too many failed sign-ins for this email: try again in {retry} seconds",
                retry,
                "email",
            )
        athletes = Athletes(session)
        found = athletes.by_email(address)
        hashed = None if found is None else athletes.password_hash(found.id)
        ok = _verify(hashed, password)
        if not ok or found is None or hashed is None:
            attempts.prune(at - LOGIN_WINDOW)
            attempts.record_failure(address, at)
        else:
            attempts.clear(address)
            if HASHER.check_needs_rehash(hashed):
                athletes.update(found.id, password_hash=HASHER.hash(password))
            AuthTokens(session).issue(
                found.id, token_hash(token), expires_at=at + TOKEN_LIFETIME, label=label
            )
    if not ok:
        raise AuthenticationError(WRONG)
    return token


def authenticate(token: str, *, url: str | None = None, now: datetime | None = None) -> int | None:
    """The athlete id behind a live token, or None (unknown, expired or revoked)."""
    if not token or len(token) > 200:
        return None
    at = _now(now)
    with unit_of_work(url) as session:
        tokens = AuthTokens(session)
        found = tokens.live(token_hash(token), at)
        if found is None:
            return None
        if found.last_used_at is None or at - found.last_used_at >= TOUCH_EVERY:
            tokens.touch(found.id, at)
        return found.athlete_id


def logout(token: str, *, url: str | None = None, now: datetime | None = None) -> bool:
    """Revoke the token; False when it was not a live token."""
    with unit_of_work(url) as session:
        return AuthTokens(session).revoke(token_hash(token), _now(now))


def account(athlete_id: int, *, url: str | None = None) -> dict[str, Any]:
    """The account's public fields (id, email, name, role, unit, time zone)."""
    with unit_of_work(url) as session:
        found = Athletes(session).get(athlete_id)
        if found is None:
            raise NotFoundError("account: this account no longer exists", "account")
        return _account(found)


def delete_account(athlete_id: int, *, url: str | None = None) -> None:
    """Delete the athlete and, through the foreign keys' cascades, everything of theirs:
    programs, sessions, sets, readings, the undo journal and every token."""
    with unit_of_work(url) as session:
        if not Athletes(session).delete(athlete_id):
            raise NotFoundError("account: this account no longer exists", "account")
