"""A TestClient signed in on the pages, for the tests of pages behind sign-in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from redwood.web.app import create_app
from tests.web.pages.test_accounts import csrf, sign_up


@contextmanager
def signed_in(db_url: str, email: str = "ana@example.com") -> Iterator[TestClient]:
    """A client whose athlete (Ana) has just signed up."""
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        assert sign_up(client, email).status_code == 303
        yield client


def post(client: TestClient, path: str, data: dict[str, object], token: str | None = None):
    """A page form, with the client's CSRF token unless `token` is given."""
    form = {**data, "csrf": csrf(client) if token is None else token}
    return client.post(path, data=form, follow_redirects=False)


def errors_in(html: str) -> dict[str, str]:
    """The messages shown beside fields: {field: message}."""
    return dict(re.findall(r'class="error" id="e-([\w-]+)" role="alert">([^<]*)<', html))


def bearer(client: TestClient) -> dict[str, str]:
    """The session's token as an API bearer header, to compare a page with the API."""
    return {"Authorization": f"Bearer {client.cookies.get('rw_session')}"}
