"""What keeps accounts safe on an open server: password rules, the registration limit per
client address (kept in the database, so every worker sees it), and tokens that can be
listed and revoked one by one. SQLite and PostgreSQL where the database is involved."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.services import accounts
from redwood.services.errors import NotFoundError, RateLimitedError, ServiceError
from redwood.settings import get_settings
from tests.web.client import cheap_hasher

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASHER", cheap_hasher())


@pytest.fixture
def limit_of_two(settings_env: pytest.MonkeyPatch) -> Iterator[None]:
    settings_env.setenv("REDWOOD_REGISTRATIONS_PER_HOUR", "2")
    get_settings.cache_clear()
    return


@pytest.mark.parametrize(
    ("password", "email", "reason"),
    [
        ("short", "ana@example.com", "8-200 characters"),
        ("x" * 201, "ana@example.com", "8-200 characters"),
        ("anabelle-lifts-2026", "anabelle@example.com", "email address's name"),
        ("my ANABELLE pass", "anabelle@example.com", "email address's name"),
        ("password123", "ana@example.com", "most common passwords"),
        ("PassWord1", "ana@example.com", "most common passwords"),
        ("qwertyuiop", "ana@example.com", "most common passwords"),
        ("deadlift", "ana@example.com", "most common passwords"),
    ],
)
def test_weak_passwords_are_refused_naming_the_field_and_why(
    password: str, email: str, reason: str
) -> None:
    with pytest.raises(ServiceError) as refused:
        accounts.check_password(password, email)
    assert refused.value.field == "password"
    assert refused.value.message.startswith("password: ")
    assert reason in refused.value.message


@pytest.mark.parametrize(
    ("password", "email"),
    [
        (PASSWORD, "ana@example.com"),
        ("ana-banana-split", "an@example.com"),  # a 2-letter local part is not checked
        ("squat 3x5 at dawn", "ana@example.com"),
        ("Passwort-Kniebeuge-ü", None),
    ],
)
def test_reasonable_passwords_pass(password: str, email: str | None) -> None:
    assert accounts.check_password(password, email) == password


@given(st.text(min_size=8, max_size=60))
def test_a_password_with_the_email_name_inside_is_always_refused(noise: str) -> None:
    password = noise[:4] + "Ludwika" + noise[4:]
    with pytest.raises(ServiceError) as refused:
        accounts.check_password(password[:200], "ludwika@example.com")
    assert refused.value.field == "password"


def test_registration_checks_the_password_against_the_email(db_url: str) -> None:
    with pytest.raises(ServiceError) as refused:
        accounts.register("marguerite@example.com", "marguerite123", "M", url=db_url)
    assert refused.value.field == "password"


@pytest.mark.usefixtures("limit_of_two")
def test_registrations_per_address_are_limited_per_hour(db_url: str) -> None:
    for n in range(2):
        accounts.register(
            f"a{n}@example.com", PASSWORD, "A", client="10.0.0.1", url=db_url, now=NOW
        )
    with pytest.raises(RateLimitedError) as limited:
        accounts.register("a9@example.com", PASSWORD, "A", client="10.0.0.1", url=db_url, now=NOW)
    assert limited.value.field == "email"
    assert limited.value.retry_after == 3601
    # Another address, and no address (the CLI, an in-process caller), are not held back.
    accounts.register("b1@example.com", PASSWORD, "B", client="10.0.0.2", url=db_url, now=NOW)
    accounts.register("c1@example.com", PASSWORD, "C", url=db_url, now=NOW)
    # Half an hour on, the address waits for its oldest account to age out of the hour.
    later = NOW + timedelta(minutes=30)
    with pytest.raises(RateLimitedError) as still:
        accounts.register("a8@example.com", PASSWORD, "A", client="10.0.0.1", url=db_url, now=later)
    assert still.value.retry_after == 1801
    # An hour after the first, the address may make accounts again.
    after = NOW + timedelta(hours=1, seconds=1)
    accounts.register("a7@example.com", PASSWORD, "A", client="10.0.0.1", url=db_url, now=after)


@pytest.mark.usefixtures("limit_of_two")
def test_failed_sign_ins_do_not_prune_the_registration_count(db_url: str) -> None:
    for n in range(2):
        accounts.register(
            f"a{n}@example.com", PASSWORD, "A", client="10.0.0.1", url=db_url, now=NOW
        )
    # A failed sign-in 20 minutes later prunes login failures older than 15 minutes.
    with pytest.raises(ServiceError):
        accounts.login(
            "a0@example.com", "wrong password", url=db_url, now=NOW + timedelta(minutes=20)
        )
    with pytest.raises(RateLimitedError):
        accounts.register(
            "a3@example.com",
            PASSWORD,
            "A",
            client="10.0.0.1",
            url=db_url,
            now=NOW + timedelta(minutes=21),
        )


def test_the_limit_can_be_switched_off(db_url: str, settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("REDWOOD_REGISTRATIONS_PER_HOUR", "0")
    get_settings.cache_clear()
    for n in range(7):
        accounts.register(
            f"a{n}@example.com", PASSWORD, "A", client="10.0.0.1", url=db_url, now=NOW
        )


def test_tokens_are_listed_without_secrets_and_revoked_one_by_one(db_url: str) -> None:
    ana = accounts.register("ana@example.com", PASSWORD, "Ana", url=db_url)["id"]
    bo = accounts.register("bo@example.com", PASSWORD, "Bo", url=db_url)["id"]
    phone_ua = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/130.0 Mobile"
    phone = accounts.login(
        "ana@example.com", PASSWORD, label="phone", user_agent=phone_ua, url=db_url, now=NOW
    )
    laptop_ua = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
    laptop = accounts.login(
        "ana@example.com",
        PASSWORD,
        user_agent=laptop_ua,
        url=db_url,
        now=NOW + timedelta(minutes=1),
    )
    theirs = accounts.login("bo@example.com", PASSWORD, url=db_url, now=NOW)
    assert accounts.authenticate(phone, url=db_url, now=NOW + timedelta(minutes=2)) == ana
    listed = accounts.list_tokens(ana, laptop, url=db_url, now=NOW + timedelta(minutes=3))
    assert [d["label"] for d in listed] == ["Firefox on Linux", "phone · Chrome on Android"]
    assert [d["current"] for d in listed] == [True, False]
    assert listed[1]["last_used_at"] == (NOW + timedelta(minutes=2)).isoformat()
    assert listed[0]["last_used_at"] is None
    for device in listed:
        assert set(device) == {"id", "label", "created_at", "last_used_at", "expires_at", "current"}
        assert phone not in str(device)
        assert laptop not in str(device)
    bo_token = accounts.list_tokens(bo, theirs, url=db_url, now=NOW)[0]["id"]
    # Another athlete's token is "not found" and stays live.
    with pytest.raises(NotFoundError):
        accounts.revoke_token(ana, bo_token, url=db_url, now=NOW)
    assert accounts.authenticate(theirs, url=db_url, now=NOW) == bo
    accounts.revoke_token(ana, listed[1]["id"], url=db_url, now=NOW + timedelta(minutes=4))
    assert accounts.authenticate(phone, url=db_url, now=NOW + timedelta(minutes=5)) is None
    assert accounts.authenticate(laptop, url=db_url, now=NOW + timedelta(minutes=5)) == ana
    with pytest.raises(NotFoundError):  # revoked already
        accounts.revoke_token(ana, listed[1]["id"], url=db_url, now=NOW + timedelta(minutes=5))
    remaining = accounts.list_tokens(ana, laptop, url=db_url, now=NOW + timedelta(minutes=5))
    assert [d["id"] for d in remaining] == [listed[0]["id"]]
    # Expired tokens are neither listed nor revocable.
    gone = NOW + accounts.TOKEN_LIFETIME + timedelta(minutes=2)
    assert accounts.list_tokens(ana, laptop, url=db_url, now=gone) == []
    with pytest.raises(NotFoundError):
        accounts.revoke_token(ana, listed[0]["id"], url=db_url, now=gone)


@pytest.mark.parametrize(
    ("label", "agent", "shown"),
    [
        (None, None, None),
        ("web", None, "web"),
        (
            "web",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1",
            "web · Safari on iPhone",
        ),
        (
            None,
            "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537.36 Edg/130.0",
            "Edge on Windows",
        ),
        (None, "curl/8.5.0", "curl"),
        (None, "strange-agent\x00/1", "strange-agent/1"),
        ("x" * 150, "curl/8", "x" * 100),
    ],
)
def test_a_device_is_described_by_its_label_and_user_agent(
    label: str | None, agent: str | None, shown: str | None
) -> None:
    assert accounts.describe_device(label, agent) == shown
