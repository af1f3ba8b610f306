"""Accounts on SQLite and PostgreSQL: argon2id hashes, opaque tokens stored as hashes,
expiry and sign-out, the login rate limit kept in the database, deleting everything."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from redwood.services import accounts, logbook
from redwood.services.database import engine_for, unit_of_work
from redwood.services.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    RateLimitedError,
    ServiceError,
)
from redwood.services.identity import acting_as
from redwood.store import Athletes
from redwood.store.credentials import AuthTokens
from tests.web.client import cheap_hasher

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASHER", cheap_hasher())


def _count(url: str, table: str) -> int:
    with engine_for(url).connect() as connection:
        return int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def test_the_production_hasher_is_argon2id() -> None:
    hashed = PasswordHasher().hash(PASSWORD)
    assert hashed.startswith("$argon2id$")
    assert accounts.HASHER.hash(PASSWORD).startswith("$argon2id$")


def test_register_normalises_the_email_and_hashes_the_password(db_url: str) -> None:
    made = accounts.register("  Ana@Example.COM ", PASSWORD, " Ana ", url=db_url)
    assert (made["email"], made["name"], made["role"]) == ("ana@example.com", "Ana", "athlete")
    with unit_of_work(db_url) as session:
        stored = Athletes(session).password_hash(made["id"])
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize(
    ("email", "password", "name", "field"),
    [
        ("not-an-email", PASSWORD, "Ana", "email"),
        ("ana@example", PASSWORD, "Ana", "email"),
        ("a" * 320 + "@example.com", PASSWORD, "Ana", "email"),
        ("ana@example.com", "short", "Ana", "password"),
        ("ana@example.com", "x" * 201, "Ana", "password"),
        ("ana@example.com", PASSWORD, "   ", "name"),
    ],
)
def test_register_refuses_bad_input_naming_the_field(
    db_url: str, email: str, password: str, name: str, field: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        accounts.register(email, password, name, url=db_url)
    assert caught.value.field == field


def test_an_email_registers_once_in_any_case(db_url: str) -> None:
    accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    with pytest.raises(ConflictError) as caught:
        accounts.register("ANA@example.com", PASSWORD, "Other Ana", url=db_url)
    assert caught.value.field == "email"
    assert _count(db_url, "athletes") == 1


def test_login_gives_a_token_stored_only_as_its_hash(db_url: str) -> None:
    made = accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    token = accounts.login("ANA@example.com", PASSWORD, url=db_url, now=NOW)
    assert len(token) >= 43
    with engine_for(db_url).connect() as connection:
        stored = connection.execute(text("SELECT token_hash, expires_at FROM auth_tokens")).one()
    assert stored[0] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored[0]
    assert accounts.authenticate(token, url=db_url, now=NOW) == made["id"]
    assert accounts.login("ana@example.com", PASSWORD, url=db_url) != token


def test_wrong_email_and_wrong_password_fail_alike(db_url: str) -> None:
    accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    messages = []
    for email, password in [("ana@example.com", "wrong password"), ("bo@example.com", PASSWORD)]:
        with pytest.raises(AuthenticationError) as caught:
            accounts.login(email, password, url=db_url)
        messages.append(caught.value.message)
    assert messages == [accounts.WRONG, accounts.WRONG]
    assert _count(db_url, "auth_tokens") == 0


def test_tokens_expire_after_30_days_and_logout_revokes(db_url: str) -> None:
    made = accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    token = accounts.login("ana@example.com", PASSWORD, url=db_url, now=NOW)
    later = NOW + timedelta(days=29, hours=23)
    assert accounts.authenticate(token, url=db_url, now=later) == made["id"]
    assert accounts.authenticate(token, url=db_url, now=NOW + timedelta(days=30)) is None
    other = accounts.login("ana@example.com", PASSWORD, url=db_url, now=NOW)
    assert accounts.logout(other, url=db_url) is True
    assert accounts.logout(other, url=db_url) is False
    assert accounts.authenticate(other, url=db_url, now=NOW) is None
    assert accounts.authenticate("made-up", url=db_url) is None
    assert accounts.authenticate("", url=db_url) is None


def test_last_used_is_written_at_most_once_a_minute(db_url: str) -> None:
    made = accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    token = accounts.login("ana@example.com", PASSWORD, url=db_url, now=NOW)

    def last_used() -> datetime | None:
        with unit_of_work(db_url) as session:
            return AuthTokens(session).of_athlete(made["id"])[0].last_used_at

    accounts.authenticate(token, url=db_url, now=NOW)
    assert last_used() == NOW
    accounts.authenticate(token, url=db_url, now=NOW + timedelta(seconds=59))
    assert last_used() == NOW
    accounts.authenticate(token, url=db_url, now=NOW + timedelta(seconds=61))
    assert last_used() == NOW + timedelta(seconds=61)


def test_ten_failures_in_15_minutes_lock_the_email(db_url: str) -> None:
    accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    for minute in range(accounts.LOGIN_FAILURES):
        with pytest.raises(AuthenticationError):
            accounts.login(
                "ana@example.com", "wrong", url=db_url, now=NOW + timedelta(minutes=minute)
            )
    at = NOW + timedelta(minutes=10)
    with pytest.raises(RateLimitedError) as caught:
        accounts.login("ana@example.com", PASSWORD, url=db_url, now=at)  # even the right one
    assert caught.value.field == "email"
    assert caught.value.retry_after == 5 * 60 + 1  # the oldest failure leaves the window
    assert "try again" in caught.value.message
    # Other emails are not affected; the count lives in the database (no process state).
    with pytest.raises(AuthenticationError):
        accounts.login("bo@example.com", "wrong", url=db_url, now=at)
    assert _count(db_url, "login_attempts") == accounts.LOGIN_FAILURES + 1
    # Once the oldest failure is older than 15 minutes, one more try is allowed.
    after = NOW + timedelta(minutes=15, seconds=1)
    token = accounts.login("ana@example.com", PASSWORD, url=db_url, now=after)
    assert accounts.authenticate(token, url=db_url, now=after)
    # A success forgets the email's failures.
    with engine_for(db_url).connect() as connection:
        left = connection.execute(
            text("SELECT COUNT(*) FROM login_attempts WHERE email = 'ana@example.com'")
        ).scalar_one()
    assert left == 0


def test_old_failures_are_pruned(db_url: str) -> None:
    accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    for email in ("x@example.com", "y@example.com"):
        with pytest.raises(AuthenticationError):
            accounts.login(email, "wrong", url=db_url, now=NOW)
    with pytest.raises(AuthenticationError):
        accounts.login("z@example.com", "wrong", url=db_url, now=NOW + timedelta(hours=1))
    assert _count(db_url, "login_attempts") == 1


def test_delete_account_removes_everything(db_url: str) -> None:
    ana = accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)
    bo = accounts.register("bo@example.com", PASSWORD, "Bo", url=db_url)
    for who in (ana, bo):
        accounts.login(who["email"], PASSWORD, url=db_url)
        with acting_as(who["id"]):
            logbook.add_line(
                "2026-11-02 barbell-back-squat 100kg 5,5", today=date(2026, 11, 3), url=db_url
            )
            logbook.add_bodyweight("80kg", date(2026, 11, 3), today=date(2026, 11, 3), url=db_url)
    accounts.delete_account(ana["id"], url=db_url)
    for table, left in [
        ("athletes", 1), ("auth_tokens", 1), ("sets", 2), ("performed_sessions", 1),
        ("bodyweights", 1), ("log_actions", 1),
    ]:  # fmt: skip
        assert _count(db_url, table) == left, table
    with pytest.raises(NotFoundError):
        accounts.delete_account(ana["id"], url=db_url)
    with pytest.raises(NotFoundError):
        accounts.account(ana["id"], url=db_url)
    assert accounts.account(bo["id"], url=db_url)["email"] == "bo@example.com"
