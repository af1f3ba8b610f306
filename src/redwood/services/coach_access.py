"""Coach access: an athlete invites a coach with a one-time code; the coach then acts for
that athlete (program, log, today, status) until the athlete revokes the link.

Any account can coach: the same person may train and coach others, so there is no role to
switch. The athlete side (`create_invite`, `list_invites`, `withdraw_invite`,
`list_coaches`, `revoke_coach`) and the coach side (`accept_invite`, `list_athletes`,
`coached_athlete`, `leave_athlete`) both act for the account of `identity.acting_as`, found
through `local_athlete` like every use case. `coach_may_act_for` is the one access check
the web layer makes before it runs the athlete's own use cases inside
`acting_as(athlete_id)` for a coach.

Codes look like `RW-7KQ4-9XZM`: 8 characters of Crockford's base 32 (no I, L, O or U, so
nothing reads two ways; typed O, I and L are read as 0, 1 and 1, case and dashes do not
matter), 40 random bits from `secrets`. As with bearer tokens, only the SHA-256 hash is
stored and the code is shown once. A code is good for 7 days and one use. Guessing is
bounded twice over: an athlete has at most 10 open invites, and an account that names 10
unknown codes in 15 minutes is refused (429) until the oldest failure ages out. Those
failures are kept in `login_attempts` under the key `coach-code#<account id>` (it has no
`@`, so it can never be an email), shared by every app process like the sign-in limit.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from redwood.services.database import unit_of_work
from redwood.services.errors import (
    ConflictError,
    NotFoundError,
    RateLimitedError,
    ServiceError,
)
from redwood.services.logsupport import athlete_work
from redwood.store.coach_links import (
    CoachedAthleteRecord,
    CoachInvites,
    CoachLinks,
    InviteRecord,
)
from redwood.store.credentials import LoginAttempts

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: digits and letters without I, L, O and U."""
CODE_LENGTH = 8
PREFIX = "RW"
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
"""Crockford's decoding of the letters people type for digits."""
SEPARATORS = re.compile(r"[\s\-_.]+")
INVITE_LIFETIME = timedelta(days=7)
OPEN_INVITES = 10
"""At most this many unused, unexpired invites per athlete."""
GUESS_WINDOW = timedelta(minutes=15)
GUESS_FAILURES = 10
"""An account may name 10 unknown codes in 15 minutes; the next attempt is refused (429)."""
EXAMPLE = "RW-7KQ4-9XZM"


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def new_code() -> str:
    """A fresh invite code such as `RW-7KQ4-9XZM`: two groups of four characters, 40 random bits."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def read_code(text: str) -> str:
    """The 8 characters of a code as typed (any case, with or without `RW-` and dashes);
    refused with field `code` unless it can be one."""
    cleaned = SEPARATORS.sub("", text).upper()
    if len(cleaned) == CODE_LENGTH + len(PREFIX) and cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX) :]
    cleaned = cleaned.translate(READ_AS)
    if len(cleaned) != CODE_LENGTH or any(char not in ALPHABET for char in cleaned):
        raise ServiceError(
            f"code: expected an invite code such as {EXAMPLE} (8 letters and digits)", "code"
        )
    return cleaned


def code_hash(code: str) -> str:
    """The SHA-256 hex digest under which a code (as `read_code` gives it) is stored."""
    return hashlib.sha256(f"{PREFIX}-{code}".encode("ascii")).hexdigest()


def _invite(record: InviteRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "created_at": record.created_at.isoformat(),
        "expires_at": record.expires_at.isoformat(),
    }


def _athlete(record: CoachedAthleteRecord) -> dict[str, Any]:
    program = None
    if record.active_program_id is not None:
        program = {"id": record.active_program_id, "name": record.active_program_name}
    return {
        "id": record.athlete_id,
        "name": record.name,
        "unit": record.unit,
        "timezone": record.timezone,
        "since": record.linked_at.isoformat(),
        "last_session_on": None
        if record.last_session_on is None
        else record.last_session_on.isoformat(),
        "active_program": program,
    }


# ---- the athlete's side -------------------------------------------------------------------


def create_invite(*, url: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """A new one-time code for the acting athlete to give their coach: `{"id", "code",
    "created_at", "expires_at"}`. The code is shown only here; it is never stored."""
    at = _now(now)
    code = new_code()
    with athlete_work(url) as work:
        invites = CoachInvites(work.session)
        if len(invites.open_of(work.athlete.id, at)) >= OPEN_INVITES:
            raise ConflictError(
                f"invite: you already have {OPEN_INVITES} open invites: withdraw one or "
                "wait until one is used or expires",
                "invite",
            )
        made = invites.issue(
            work.athlete.id, code_hash(read_code(code)), expires_at=at + INVITE_LIFETIME
        )
        return {**_invite(made), "code": code}


def list_invites(*, url: str | None = None, now: datetime | None = None) -> list[dict[str, Any]]:
    """The acting athlete's open invites (neither used nor expired), newest first; the codes
    themselves cannot be shown again."""
    with athlete_work(url) as work:
        return [_invite(i) for i in CoachInvites(work.session).open_of(work.athlete.id, _now(now))]


def withdraw_invite(invite_id: int, *, url: str | None = None) -> None:
    """Cancel one of the acting athlete's unused invites, so its code no longer works."""
    with athlete_work(url) as work:
        if not CoachInvites(work.session).withdraw(work.athlete.id, invite_id):
            raise NotFoundError(f"invite: you have no open invite {invite_id}", "invite_id")


def list_coaches(*, url: str | None = None) -> list[dict[str, Any]]:
    """The acting athlete's coaches: `{"id", "name", "email", "since"}`, longest first."""
    with athlete_work(url) as work:
        return [
            {
                "id": coach.coach_id,
                "name": coach.name,
                "email": coach.email,
                "since": coach.linked_at.isoformat(),
            }
            for coach in CoachLinks(work.session).coaches_of(work.athlete.id)
        ]


def revoke_coach(coach_id: int, *, url: str | None = None, now: datetime | None = None) -> None:
    """End a coach's access to the acting athlete at once (their next request is refused)."""
    with athlete_work(url) as work:
        if not CoachLinks(work.session).revoke(work.athlete.id, coach_id, _now(now)):
            raise NotFoundError(f"coach: {coach_id} is not one of your coaches", "coach_id")


# ---- the coach's side ---------------------------------------------------------------------


def _too_many(attempts: LoginAttempts, key: str, at: datetime) -> None:
    count, oldest = attempts.failures(key, at - GUESS_WINDOW)
    if count >= GUESS_FAILURES:
        retry = max(1, int(((oldest or at) + GUESS_WINDOW - at).total_seconds()) + 1)
        raise RateLimitedError(
            f"code: too many unknown invite codes: try again in {retry} seconds", retry, "code"
        )


def accept_invite(
    code: str, *, url: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Redeem an invite code: the acting account becomes the inviting athlete's coach. The
    athlete as `list_athletes` shows them. Refused with field `code`: an unknown code (404,
    and counted towards the guessing limit), one's own code (422), a code used by someone
    else or expired (409). Redeeming one's own code again answers the athlete again."""
    at = _now(now)
    hashed = code_hash(read_code(code))
    unknown: NotFoundError | None = None
    with athlete_work(url) as work:
        coach_id = work.athlete.id
        key = f"coach-code#{coach_id}"
        attempts = LoginAttempts(work.session)
        _too_many(attempts, key, at)
        invites, links = CoachInvites(work.session), CoachLinks(work.session)
        invite = invites.by_hash(hashed)
        if invite is None:
            attempts.prune(at - GUESS_WINDOW)
            attempts.record_failure(key, at)
            unknown = NotFoundError(
                "code: no invite has this code: check it with the athlete", "code"
            )
        elif invite.athlete_id == coach_id:
            raise ServiceError("code: this is your own invite code: give it to your coach", "code")
        elif invite.used_by == coach_id and links.is_live(invite.athlete_id, coach_id):
            return _athlete(links.athletes_of(coach_id, invite.athlete_id)[0])
        elif invite.used_at is not None or not invites.redeem(invite.id, coach_id, at):
            expired = invite.used_at is None and invite.expires_at <= at
            reason = (
                f"expired on {invite.expires_at.date().isoformat()}"
                if expired
                else "was already used"
            )
            raise ConflictError(f"code: this invite code {reason}: ask for a new one", "code")
        else:
            links.link(invite.athlete_id, coach_id)
            return _athlete(links.athletes_of(coach_id, invite.athlete_id)[0])
    # Raised after the unit of work, so the failure it counted is committed.
    assert unknown is not None
    raise unknown


def list_athletes(*, url: str | None = None) -> list[dict[str, Any]]:
    """The athletes the acting account coaches, by name: `{"id", "name", "unit",
    "timezone", "since", "last_session_on", "active_program": {"id", "name"} | null}`."""
    with athlete_work(url) as work:
        return [_athlete(a) for a in CoachLinks(work.session).athletes_of(work.athlete.id)]


def coached_athlete(athlete_id: int, *, url: str | None = None) -> dict[str, Any]:
    """One athlete the acting account coaches, as in `list_athletes`; anyone else (or an
    athlete who revoked the link) is not found, exactly like an id that does not exist."""
    with athlete_work(url) as work:
        found = CoachLinks(work.session).athletes_of(work.athlete.id, athlete_id)
    if not found:
        raise not_coached(athlete_id)
    return _athlete(found[0])


def leave_athlete(athlete_id: int, *, url: str | None = None, now: datetime | None = None) -> None:
    """The acting coach stops coaching the athlete (the link is revoked, as by the athlete)."""
    with athlete_work(url) as work:
        if not CoachLinks(work.session).revoke(athlete_id, work.athlete.id, _now(now)):
            raise not_coached(athlete_id)


def not_coached(athlete_id: int) -> NotFoundError:
    """The refusal for an athlete the caller does not coach: the same as for no athlete."""
    return NotFoundError(f"athlete_id: you coach no athlete {athlete_id}", "athlete_id")


def coach_may_act_for(coach_id: int, athlete_id: int, *, url: str | None = None) -> bool:
    """Whether the account `coach_id` may act for `athlete_id` now: True only while a live
    link from that athlete to that coach exists (never for oneself)."""
    if coach_id == athlete_id:
        return False
    with unit_of_work(url) as session:
        return CoachLinks(session).is_live(athlete_id, coach_id)
