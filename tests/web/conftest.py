"""The API in process on a fresh database per test (SQLite and PostgreSQL through `db_url`).

`api` is a TestClient on `create_app(db_url)`; `api.signup()` registers and signs in an
athlete and returns their bearer headers. Password hashing uses a cheap argon2id profile
here (the production profile is tested once in tests/services/test_accounts.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from redwood.services import accounts
from redwood.web.app import create_app
from tests.web.client import Api, cheap_hasher


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASHER", cheap_hasher())


@pytest.fixture
def api(db_url: str) -> Iterator[Api]:
    """A client on a fresh app and database."""
    with TestClient(create_app(db_url)) as client:
        yield Api(client, db_url)
