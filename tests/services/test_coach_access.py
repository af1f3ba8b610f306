"""Coach access on SQLite and PostgreSQL: codes stored as hashes, redeemed once before they
expire, the guessing limit, links the athlete (or the coach) ends, the coach's list of
athletes, and the access check the web layer relies on."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from redwood.services import coach_access, logbook, planning
from redwood.services.coach_access import (
    accept_invite,
    coach_may_act_for,
    create_invite,
    list_athletes,
    list_coaches,
    read_code,
    revoke_coach,
)
from redwood.services.database import engine_for, unit_of_work
from redwood.services.errors import (
    ConflictError,
    NotFoundError,
    RateLimitedError,
    ServiceError,
)
from redwood.services.identity import acting_as
from redwood.store import Athletes
from tests.services.test_identity import PROFILE
from tests.services.test_identity import _athletes as _accounts

NOW = datetime(2026, 11, 3, 12, tzinfo=UTC)
TODAY = date(2026, 11, 3)
CODE = re.compile(r"^RW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with engine_for(url).connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _invite(url: str, athlete: int, now: datetime = NOW) -> str:
    with acting_as(athlete):
        code: str = create_invite(url=url, now=now)["code"]
    return code


def _coach(url: str, athlete: int, coach: int) -> None:
    code = _invite(url, athlete)
    with acting_as(coach):
        accept_invite(code, url=url, now=NOW)


# ---- codes (no database) ------------------------------------------------------------------


def test_codes_are_human_typeable_and_differ() -> None:
    codes = {coach_access.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(CODE.match(code) for code in codes)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("RW-7KQ4-9XZM", "7KQ49XZM"),
        ("rw-7kq4-9xzm", "7KQ49XZM"),
        ("  RW 7KQ4 9XZM ", "7KQ49XZM"),
        ("7KQ4-9XZM", "7KQ49XZM"),
        ("RW7KQ49XZM", "7KQ49XZM"),
        ("RW-0OIL-1234", "00111234"),
        ("RW_7KQ4.9XZM", "7KQ49XZM"),
    ],
)
def test_a_code_reads_in_any_case_with_or_without_dashes(typed: str, read: str) -> None:
    assert read_code(typed) == read


@pytest.mark.parametrize(
    "typed",
    ["", "RW-", "RW-7KQ4", "RW-7KQ4-9XZM-1", "RW-7KQ4-9XZU", "RW-7KQ4-9XZ!", "ZZ-7KQ4-9XZM"],
)
def test_what_cannot_be_a_code_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(ServiceError, match="RW-7KQ4-9XZM") as caught:
        read_code(typed)
    assert caught.value.field == "code"


@given(st.text(alphabet=coach_access.ALPHABET, min_size=8, max_size=8), st.booleans())
def test_every_code_reads_back_whatever_way_it_is_typed(body: str, lower: bool) -> None:
    shown = f"RW-{body[:4]}-{body[4:]}"
    typed = shown.lower() if lower else shown.replace("-", " ")
    assert read_code(typed) == read_code(shown) == body
    assert coach_access.code_hash(read_code(typed)) == coach_access.code_hash(body)


# ---- invites ------------------------------------------------------------------------------


def test_an_invite_is_shown_once_and_stored_only_as_a_hash(db_url: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    with acting_as(ana):
        made = create_invite(url=db_url, now=NOW)
        listed = coach_access.list_invites(url=db_url, now=NOW)
    assert CODE.match(made["code"])
    assert made["expires_at"] == (NOW + timedelta(days=7)).isoformat()
    assert listed == [{k: v for k, v in made.items() if k != "code"}]
    stored = _rows(db_url, "SELECT * FROM coach_invites")
    assert len(stored) == 1
    body = made["code"].replace("-", "")[2:]
    assert all(body not in str(value) for value in stored[0])
    digest = hashlib.sha256(f"RW-{body}".encode()).hexdigest()
    assert _rows(db_url, "SELECT code_hash FROM coach_invites") == [(digest,)]


def test_an_athlete_has_at_most_ten_open_invites(db_url: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    with acting_as(ana):
        made = [create_invite(url=db_url, now=NOW) for _ in range(10)]
        with pytest.raises(ConflictError) as caught:
            create_invite(url=db_url, now=NOW)
        assert caught.value.field == "invite"
        # Withdrawing one, or waiting until they expire, makes room again.
        coach_access.withdraw_invite(made[0]["id"], url=db_url)
        create_invite(url=db_url, now=NOW)
        assert len(coach_access.list_invites(url=db_url, now=NOW + timedelta(days=8))) == 0
        create_invite(url=db_url, now=NOW + timedelta(days=8))


def test_a_withdrawn_invite_no_longer_works_and_only_its_owner_withdraws_it(db_url: str) -> None:
    ana, bo = _accounts(db_url, "Ana", "Bo")
    with acting_as(ana):
        made = create_invite(url=db_url, now=NOW)
    with acting_as(bo), pytest.raises(NotFoundError):
        coach_access.withdraw_invite(made["id"], url=db_url)
    with acting_as(ana):
        coach_access.withdraw_invite(made["id"], url=db_url)
        with pytest.raises(NotFoundError) as caught:
            coach_access.withdraw_invite(made["id"], url=db_url)
    assert caught.value.field == "invite_id"
    with acting_as(bo), pytest.raises(NotFoundError):
        accept_invite(made["code"], url=db_url, now=NOW)


# ---- redeeming ----------------------------------------------------------------------------


def test_redeeming_a_code_makes_the_account_the_athletes_coach(db_url: str) -> None:
    ana, cy = _accounts(db_url, "Ana", "Cy")
    with acting_as(ana):
        logbook.add_line("2026-11-02 back squat 100kg 5,5", today=TODAY, url=db_url)
        program = planning.save_program(planning.plan(PROFILE), activate=True, url=db_url)
        name = planning.show_program(program, db_url)["name"]
    code = _invite(db_url, ana)
    assert not coach_may_act_for(cy, ana, url=db_url)
    with acting_as(cy):
        seen = accept_invite(code.lower(), url=db_url, now=NOW + timedelta(days=6))
    expected = {
        "id": ana,
        "name": "Ana",
        "unit": "kg",
        "timezone": "UTC",
        "last_session_on": "2026-11-02",
        "active_program": {"id": program, "name": name},
    }
    assert {k: v for k, v in seen.items() if k != "since"} == expected
    assert coach_may_act_for(cy, ana, url=db_url)
    assert not coach_may_act_for(ana, cy, url=db_url)  # one way only
    with acting_as(cy):
        assert list_athletes(url=db_url) == [seen]
        assert coach_access.coached_athlete(ana, url=db_url) == seen
    with acting_as(ana):
        coaches = list_coaches(url=db_url)
        assert [(c["id"], c["name"], c["email"]) for c in coaches] == [(cy, "Cy", "cy@example.com")]
        assert coach_access.list_invites(url=db_url, now=NOW) == []
    assert _rows(db_url, "SELECT used_by FROM coach_invites") == [(cy,)]


def test_a_coach_list_shows_no_session_and_no_program_as_null(db_url: str) -> None:
    ana, bo, cy = _accounts(db_url, "Ana", "Bo", "Cy")
    _coach(db_url, bo, cy)
    _coach(db_url, ana, cy)
    with acting_as(bo):
        line = logbook.add_line("2026-11-01 back squat 90kg 5", today=TODAY, url=db_url)
        logbook.delete_set(line["sets"][0]["id"], url=db_url)  # a day with no set left
    with acting_as(cy):
        listed = list_athletes(url=db_url)
    assert [(a["name"], a["last_session_on"], a["active_program"]) for a in listed] == [
        ("Ana", None, None),
        ("Bo", None, None),
    ]


@pytest.mark.parametrize(
    ("who", "later", "error", "reason"),
    [
        ("ana", timedelta(0), ServiceError, "your own invite code"),
        ("cy", timedelta(days=7), ConflictError, "expired on 2026-11-10"),
        ("bo", timedelta(0), ConflictError, "already used"),
    ],
)
def test_own_expired_and_used_codes_are_refused_clearly(
    db_url: str, who: str, later: timedelta, error: type[ServiceError], reason: str
) -> None:
    ana, bo, cy = _accounts(db_url, "Ana", "Bo", "Cy")
    code = _invite(db_url, ana)
    if who == "bo":
        with acting_as(cy):
            accept_invite(code, url=db_url, now=NOW)
    caller = {"ana": ana, "bo": bo, "cy": cy}[who]
    with acting_as(caller), pytest.raises(error, match=reason) as caught:
        accept_invite(code, url=db_url, now=NOW + later)
    assert caught.value.field == "code"
    assert not coach_may_act_for(caller, ana, url=db_url)


def test_redeeming_ones_own_used_code_again_answers_the_athlete_again(db_url: str) -> None:
    ana, cy = _accounts(db_url, "Ana", "Cy")
    code = _invite(db_url, ana)
    with acting_as(cy):
        first = accept_invite(code, url=db_url, now=NOW)
        assert accept_invite(code, url=db_url, now=NOW + timedelta(minutes=1)) == first
    assert _rows(db_url, "SELECT COUNT(*) FROM coach_links") == [(1,)]
    with acting_as(ana):
        revoke_coach(cy, url=db_url)
    with acting_as(cy), pytest.raises(ConflictError, match="already used"):
        accept_invite(code, url=db_url, now=NOW)  # a revoked coach cannot come back with it


def test_unknown_codes_are_counted_and_the_eleventh_guess_is_refused(db_url: str) -> None:
    ana, bo, cy = _accounts(db_url, "Ana", "Bo", "Cy")
    code = _invite(db_url, ana)
    with acting_as(bo):
        for minute in range(10):
            with pytest.raises(NotFoundError) as caught:
                accept_invite("RW-0000-0000", url=db_url, now=NOW + timedelta(minutes=minute))
            assert caught.value.field == "code"
        with pytest.raises(RateLimitedError) as limited:
            accept_invite(code, url=db_url, now=NOW + timedelta(minutes=10))
        assert limited.value.retry_after == 5 * 60 + 1
        assert limited.value.field == "code"
    # Another account is not limited; the guesser is again once the oldest failure ages out.
    with acting_as(cy):
        assert accept_invite(code, url=db_url, now=NOW)["id"] == ana
    second = _invite(db_url, ana)
    with acting_as(bo):
        assert (
            accept_invite(second, url=db_url, now=NOW + timedelta(minutes=15, seconds=1))["id"]
            == ana
        )
    assert not coach_may_act_for(bo, cy, url=db_url)


# ---- ending a link, deleting accounts -----------------------------------------------------


def test_the_athlete_revokes_a_coach_and_may_invite_them_again(db_url: str) -> None:
    ana, cy = _accounts(db_url, "Ana", "Cy")
    _coach(db_url, ana, cy)
    with acting_as(ana):
        revoke_coach(cy, url=db_url, now=NOW)
        assert list_coaches(url=db_url) == []
        with pytest.raises(NotFoundError) as caught:
            revoke_coach(cy, url=db_url)
    assert caught.value.field == "coach_id"
    assert not coach_may_act_for(cy, ana, url=db_url)
    with acting_as(cy):
        assert list_athletes(url=db_url) == []
        with pytest.raises(NotFoundError, match="you coach no athlete") as missing:
            coach_access.coached_athlete(ana, url=db_url)
    assert missing.value.field == "athlete_id"
    _coach(db_url, ana, cy)
    assert coach_may_act_for(cy, ana, url=db_url)
    assert _rows(db_url, "SELECT COUNT(*) FROM coach_links WHERE revoked_at IS NULL") == [(1,)]


def test_a_coach_leaves_an_athlete_but_not_one_they_do_not_coach(db_url: str) -> None:
    ana, bo, cy = _accounts(db_url, "Ana", "Bo", "Cy")
    _coach(db_url, ana, cy)
    with acting_as(bo), pytest.raises(NotFoundError):
        coach_access.leave_athlete(ana, url=db_url)
    assert coach_may_act_for(cy, ana, url=db_url)
    with acting_as(cy):
        coach_access.leave_athlete(ana, url=db_url)
    assert not coach_may_act_for(cy, ana, url=db_url)
    with acting_as(ana):
        assert list_coaches(url=db_url) == []


def test_the_access_check_is_per_pair_and_never_for_oneself(db_url: str) -> None:
    ana, bo, cy, di = _accounts(db_url, "Ana", "Bo", "Cy", "Di")
    _coach(db_url, ana, cy)
    _coach(db_url, cy, di)  # a coach may be coached too
    assert coach_may_act_for(cy, ana, url=db_url)
    assert coach_may_act_for(di, cy, url=db_url)
    assert not coach_may_act_for(di, ana, url=db_url)  # not transitive
    assert not coach_may_act_for(cy, bo, url=db_url)
    assert not coach_may_act_for(bo, ana, url=db_url)
    assert not coach_may_act_for(ana, ana, url=db_url)
    assert not coach_may_act_for(cy, 99999, url=db_url)


@pytest.mark.parametrize("deleted", ["athlete", "coach"])
def test_deleting_either_account_deletes_its_invites_and_links(db_url: str, deleted: str) -> None:
    ana, cy = _accounts(db_url, "Ana", "Cy")
    _coach(db_url, ana, cy)
    _invite(db_url, cy)
    with unit_of_work(db_url) as session:
        Athletes(session).delete(ana if deleted == "athlete" else cy)
    assert _rows(db_url, "SELECT COUNT(*) FROM coach_links") == [(0,)]
    left = _rows(db_url, "SELECT athlete_id FROM coach_invites")
    assert left == ([(cy,)] if deleted == "athlete" else [])
    survivor = cy if deleted == "athlete" else ana
    with acting_as(survivor):
        assert list_coaches(url=db_url) == []
        assert list_athletes(url=db_url) == []
