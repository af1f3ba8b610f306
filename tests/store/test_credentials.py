"""Tokens by hash and failed sign-ins, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from redwood.store import AthleteRecord
from redwood.store.credentials import AuthTokens, LoginAttempts

NOW = datetime(2026, 11, 3, 12, tzinfo=UTC)


def test_a_token_is_live_until_it_expires_or_is_revoked(
    session: Session, athlete: AthleteRecord
) -> None:
    tokens = AuthTokens(session)
    made = tokens.issue(athlete.id, "a" * 64, expires_at=NOW + timedelta(days=30), label="phone")
    assert made.label == "phone"
    assert tokens.live("a" * 64, NOW) == made
    assert tokens.live("b" * 64, NOW) is None
    assert tokens.live("a" * 64, NOW + timedelta(days=30)) is None
    tokens.touch(made.id, NOW)
    session.expire_all()
    assert tokens.of_athlete(athlete.id)[0].last_used_at == NOW
    assert tokens.revoke("a" * 64, NOW) is True
    assert tokens.revoke("a" * 64, NOW) is False
    assert tokens.live("a" * 64, NOW) is None


def test_failures_are_counted_per_email_in_a_window(session: Session) -> None:
    attempts = LoginAttempts(session)
    for minutes in (0, 5, 10):
        attempts.record_failure("ana@example.com", NOW + timedelta(minutes=minutes))
    attempts.record_failure("bo@example.com", NOW)
    count, oldest = attempts.failures("ana@example.com", NOW + timedelta(minutes=1))
    assert (count, oldest) == (2, NOW + timedelta(minutes=5))
    assert attempts.failures("nobody@example.com", NOW) == (0, None)
    assert attempts.prune(NOW + timedelta(minutes=1)) == 2
    attempts.clear("ana@example.com")
    assert attempts.failures("ana@example.com", NOW)[0] == 0
