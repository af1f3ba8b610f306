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

Registration is limited per client address in the same way (the address uvicorn gives,
which behind a proxy is the proxy's client when FORWARDED_ALLOW_IPS names it):
`REDWOOD_REGISTRATIONS_PER_HOUR` accounts (default 5, 0 = no limit) per hour, then 429.
A password must be 8-200 characters, must not contain the email's local part (3 characters
or more) and must not be one of the commonly used passwords below; each refusal names the
field `password` and says why.

Tokens can be listed (`list_tokens`: id, device, when made and last used, which one is the
caller's; never the secret, which is not stored) and revoked one by one (`revoke_token`:
only the athlete's own; anything else is "not found"). A token remembers the device it was
made for: the label the client gave and a short reading of its User-Agent ("Firefox on
Android").
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
from redwood.settings import get_settings
from redwood.store import Athletes, DuplicateRecordError
from redwood.store.athletes import check_timezone, normalize_email
from redwood.store.credentials import AuthTokens, LoginAttempts, Registrations, TokenRecord

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
REGISTRATION_WINDOW = timedelta(hours=1)
LOCAL_PART_MIN = 3
"""A local part this long or longer may not appear in the password ("an" may; "ana" not)."""
LABEL_MAX = 100
COMMON_PASSWORDS = frozenset(
    """
    password password1 password12 password123 passw0rd p@ssword p@ssw0rd 12345678 123456789
    1234567890 0123456789 87654321 11111111 00000000 12341234 12121212 11223344 qwertyui
    qwertyuiop qwerty123 qwerty12 1q2w3e4r 1qaz2wsx asdfghjk asdfasdf zxcvbnm1 abcd1234
    abc12345 iloveyou iloveyou1 sunshine princess football baseball basketball superman
    batman123 trustno1 letmein1 letmein! welcome1 welcome123 whatever dragon12 monkey123
    starwars michael1 charlie1 jennifer computer internet liverpool chelsea1 arsenal1
    changeme changeme1 administrator admin123 admin1234 secret12 freedom1 mustang1 shadow12
    master12 killer12 hello123 gymrat12 deadlift squat123 benchpress powerlifting
    bodybuilding strength strong123 redwood1 redwood123
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
"""Passwords that appear near the top of every leaked-password count, and a few that a gym
app invites; refused whatever their case."""
BROWSERS = (
    ("edg/", "Edge"),
    ("opr/", "Opera"),
    ("firefox/", "Firefox"),
    ("chromium/", "Chromium"),
    ("chrome/", "Chrome"),
    ("safari/", "Safari"),
    ("curl/", "curl"),
    ("python-httpx/", "Python httpx"),
    ("python-requests/", "Python requests"),
    ("testclient", "test client"),
)
SYSTEMS = (
    ("android", "Android"),
    ("iphone", "iPhone"),
    ("ipad", "iPad"),
    ("windows", "Windows"),
    ("mac os x", "macOS"),
    ("cros", "ChromeOS"),
    ("linux", "Linux"),
)

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


def check_password(password: str, email: str | None = None) -> str:
    """The password, if it is 8-200 characters long (any characters), does not hold the
    email's local part, and is not one of `COMMON_PASSWORDS` (in any case)."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise ServiceError(
            f"password: must be {PASSWORD_MIN}-{PASSWORD_MAX} characters long", "password"
        )
    folded = password.casefold()
    local = (email or "").split("@", 1)[0].strip().casefold()
    if len(local) >= LOCAL_PART_MIN and local in folded:
        raise ServiceError(
            "password: must not contain your email address's name (the part before @)",
            "password",
        )
    if folded in COMMON_PASSWORDS:
        raise ServiceError(
            "password: this is one of the most common passwords, which are tried first: "
            "choose another (a few unrelated words make a strong one)",
            "password",
        )
    return password


def describe_device(label: str | None, user_agent: str | None) -> str | None:
    """What a token is used on: the client's label and a reading of its User-Agent
    ("phone · Firefox on Android"), at most `LABEL_MAX` characters; None when neither."""
    agent = (user_agent or "").strip()
    folded = agent.casefold()
    browser = next((name for key, name in BROWSERS if key in folded), None)
    system = next((name for key, name in SYSTEMS if key in folded), None)
    if browser and system:
        device = f"{browser} on {system}"
    else:
        device = browser or system or ("".join(ch for ch in agent if ch.isprintable())[:60])
    parts = [part for part in ((label or "").strip(), device) if part]
    return " · ".join(parts)[:LABEL_MAX] or None


def _registration_limit(session: Any, address: str | None, at: datetime) -> None:
    """Refuse (429) a registration from an address that made its hourly share of accounts."""
    limit = get_settings().registrations_per_hour
    if address is None or limit <= 0:
        return
    registrations = Registrations(session)
    registrations.prune(at - REGISTRATION_WINDOW)
    count, oldest = registrations.count(address, at - REGISTRATION_WINDOW)
    if count >= limit:
        wait = (oldest or at) + REGISTRATION_WINDOW - at
        retry = max(1, int(wait.total_seconds()) + 1)
        raise RateLimitedError(
            f"too many accounts made from this address: try again in {retry} seconds",
            retry,
            "email",
        )
    registrations.record(address, at)


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
    client: str | None = None,
    url: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Create an account; its public fields. A registered email is a `ConflictError`; a
    `client` address that made too many accounts this hour a `RateLimitedError`."""
    address = check_email(email)
    secret, shown = check_password(password, address), _check_name(name)
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
            _registration_limit(session, client, _now(now))
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
    user_agent: str | None = None,
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
                found.id,
                token_hash(token),
                expires_at=at + TOKEN_LIFETIME,
                label=describe_device(label, user_agent),
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


def _token_view(record: TokenRecord, current: bool) -> dict[str, Any]:
    return {
        "id": record.id,
        "label": record.label,
        "created_at": record.created_at.isoformat(),
        "last_used_at": None if record.last_used_at is None else record.last_used_at.isoformat(),
        "expires_at": None if record.expires_at is None else record.expires_at.isoformat(),
        "current": current,
    }


def list_tokens(
    athlete_id: int, current_token: str, *, url: str | None = None, now: datetime | None = None
) -> list[dict[str, Any]]:
    """The athlete's live tokens (signed-in devices), newest first: `{"id", "label",
    "created_at", "last_used_at", "expires_at", "current"}`; `current` marks the one
    `current_token` is. The secret itself is never stored, so never shown."""
    mine = token_hash(current_token)
    with unit_of_work(url) as session:
        tokens = AuthTokens(session)
        found = tokens.live(mine, _now(now))
        current_id = found.id if found is not None else None
        return [
            _token_view(record, record.id == current_id)
            for record in tokens.live_of_athlete(athlete_id, _now(now))
        ]


def revoke_token(
    athlete_id: int, token_id: int, *, url: str | None = None, now: datetime | None = None
) -> None:
    """Sign one of the athlete's devices out. A token that is not theirs, or not live, is
    `NotFoundError`, exactly like one that never existed."""
    with unit_of_work(url) as session:
        if not AuthTokens(session).revoke_id(athlete_id, token_id, _now(now)):
            raise NotFoundError(f"token: no signed-in device {token_id}", "token")


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
