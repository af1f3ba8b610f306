"""Uploads held between an import's preview and its commit, on SQLite and PostgreSQL: rows
per athlete under the hash of a random token, with their options, gone after 30 minutes,
once released, or with the account."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from redwood.services import held_uploads
from redwood.services.accounts import delete_account
from redwood.services.database import engine_for, unit_of_work
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.held_uploads import HeldOptions
from redwood.services.identity import acting_as
from redwood.store.held_uploads import HeldUploads
from tests.services.test_identity import _athletes as _accounts

OPTIONS = HeldOptions(file="strong.csv", app="strong", unit="kg", skip_bad_rows=True)
NOW = datetime(2026, 11, 3, 12, tzinfo=UTC)
HOLD = timedelta(seconds=held_uploads.HOLD_SECONDS)
TWENTY_MB = 20 * 1024 * 1024
"""The cap of the /transfer page and the API (`MAX_UPLOAD_BYTES`)."""


def _rows(url: str) -> list[tuple[object, ...]]:
    """Every held row: athlete, token hash, file name and size."""
    sql = "SELECT athlete_id, token_hash, file_name, size FROM held_uploads ORDER BY id"
    with engine_for(url).connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _hold(url: str, athlete: int, content: bytes = b"x", now: datetime = NOW) -> str:
    with acting_as(athlete):
        return held_uploads.hold(io.BytesIO(content), OPTIONS, max_bytes=100, url=url, now=now)


def test_a_held_upload_comes_back_with_its_options(db_url: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    token = _hold(db_url, ana, b"Date,Weight\n")
    with acting_as(ana):
        with held_uploads.opened(token, url=db_url, now=NOW) as (upload, options):
            assert upload.name == "strong.csv"
            assert upload.stream.read() == b"Date,Weight\n"
            assert options == OPTIONS
        held_uploads.release(token, url=db_url)
        with pytest.raises(NotFoundError, match="expired"):
            held_uploads.options_of(token, url=db_url, now=NOW)
    assert _rows(db_url) == []


def test_only_the_tokens_hash_is_stored_with_the_expiry(db_url: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    token = _hold(db_url, ana, b"12345")
    [(athlete, stored, name, size)] = _rows(db_url)
    assert (athlete, name, size) == (ana, "strong.csv", 5)
    assert stored == hashlib.sha256(token.encode()).hexdigest() != token
    with unit_of_work(db_url) as session:
        found = HeldUploads(session, ana).find(str(stored), NOW)
    assert found is not None
    assert (found.created_at, found.expires_at) == (NOW, NOW + HOLD)
    assert found.options == {"app": "strong", "unit": "kg", "skip_bad_rows": True}


def test_another_athletes_token_finds_nothing(db_url: str) -> None:
    ana, bo = _accounts(db_url, "Ana", "Bo")
    token = _hold(db_url, ana)
    with acting_as(bo):
        with pytest.raises(NotFoundError, match="expired"):
            held_uploads.options_of(token, url=db_url, now=NOW)
        with pytest.raises(NotFoundError), held_uploads.opened(token, url=db_url, now=NOW):
            pass
        held_uploads.release(token, url=db_url)  # nothing of Ana's is touched
    with acting_as(ana):
        assert held_uploads.options_of(token, url=db_url, now=NOW) == OPTIONS


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "a" * 31, "a" * 33, "a/" * 16])
def test_tokens_of_the_wrong_shape_find_nothing(db_url: str, token: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    with acting_as(ana), pytest.raises(NotFoundError):
        held_uploads.options_of(token, url=db_url)


def test_an_upload_expires_after_30_minutes(db_url: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    token = _hold(db_url, ana)
    with acting_as(ana):
        last = NOW + HOLD - timedelta(seconds=1)
        assert held_uploads.options_of(token, url=db_url, now=last) == OPTIONS
        with pytest.raises(NotFoundError, match="expired"):
            held_uploads.options_of(token, url=db_url, now=NOW + HOLD)


def test_expired_rows_of_every_athlete_are_purged_on_each_write(db_url: str) -> None:
    ana, bo = _accounts(db_url, "Ana", "Bo")
    _hold(db_url, ana, now=NOW)
    kept = _hold(db_url, bo, now=NOW + timedelta(minutes=10))
    assert len(_rows(db_url)) == 2
    new = _hold(db_url, bo, b"y", now=NOW + HOLD)  # Ana's is due now; Bo's first is not
    hashes = [row[1] for row in _rows(db_url)]
    assert hashes == [hashlib.sha256(t.encode()).hexdigest() for t in (kept, new)]


def test_deleting_the_account_deletes_its_held_uploads(db_url: str) -> None:
    ana, bo = _accounts(db_url, "Ana", "Bo")
    _hold(db_url, ana)
    _hold(db_url, bo)
    delete_account(ana, url=db_url)
    assert [row[0] for row in _rows(db_url)] == [bo]


def test_an_upload_over_the_cap_leaves_nothing(db_url: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    with acting_as(ana), pytest.raises(ServiceError, match="larger than 2 MB") as refused:
        held_uploads.hold(
            io.BytesIO(b"x" * 3_000_000), OPTIONS, max_bytes=2 * 1024 * 1024, url=db_url
        )
    assert refused.value.field == "file"
    assert _rows(db_url) == []


def test_an_upload_of_the_full_20_mb_comes_back_whole(db_url: str) -> None:
    (ana,) = _accounts(db_url, "Ana")
    content = bytes(range(256)) * (TWENTY_MB // 256)
    with acting_as(ana):
        token = held_uploads.hold(io.BytesIO(content), OPTIONS, max_bytes=TWENTY_MB, url=db_url)
        with held_uploads.opened(token, url=db_url) as (upload, _options):
            assert upload.stream.read() == content
