"""Hostile clients: request body limits on every route, registration limits and password
rules over HTTP, signed-in devices (tokens) listed and revoked, and the security headers on
every answer of every route. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from redwood.settings import get_settings
from redwood.web.app import MAX_BODY_BYTES, create_app
from tests.web.client import PASSWORD, Api, Athlete

MB = 1024 * 1024


def _login(api: Api, who: Athlete, **extra: Any) -> str:
    body = {"email": who.email, "password": PASSWORD}
    answer = api.client.post("/api/v1/auth/login", json=body, **extra)
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["token"]
    return token


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ---- body limits ---------------------------------------------------------------------------


def test_a_json_body_over_1_mb_is_413_naming_the_limit(api: Api) -> None:
    ana = api.signup("Ana")
    note = "x" * (MAX_BODY_BYTES + 10)
    body = {"id": str(uuid.uuid4()), "exercise": "squat", "reps": 5, "note": note}
    answer = api.client.post("/api/v1/sets", headers=ana.headers, json=body)
    assert answer.status_code == 413, answer.text[:200]
    error = answer.json()["error"]
    assert error["field"] == "body"
    assert "1 MB" in error["message"]
    # Even a route with no auth and no body model is capped before anything runs.
    login = api.client.post("/api/v1/auth/login", content=b"{" + b" " * (2 * MB) + b"}")
    assert login.status_code == 413
    assert login.headers["content-type"].startswith("application/json")


def test_a_chunked_body_without_a_length_is_counted(api: Api) -> None:
    ana = api.signup("Ana")

    def chunks() -> Iterator[bytes]:
        yield b'{"id": "' + str(uuid.uuid4()).encode() + b'", "exercise": "squat", "note": "'
        for _ in range(20):
            yield b"y" * 64 * 1024
        yield b'"}'

    answer = api.client.post(
        "/api/v1/sets",
        headers={**ana.headers, "Content-Type": "application/json"},
        content=chunks(),
    )
    assert answer.status_code == 413, answer.text[:200]
    assert answer.json()["error"]["field"] == "body"
    listed = api.client.get("/api/v1/sets", headers=ana.headers).json()
    assert listed["items"] == []


def _asgi(app: Any, headers: list[tuple[bytes, bytes]], parts: list[bytes]) -> tuple[int, bytes]:
    """Send one raw POST through the ASGI app, body in `parts`; (status, body)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/auth/login",
        "raw_path": b"/api/v1/auth/login",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    queue = [
        {"type": "http.request", "body": part, "more_body": n < len(parts) - 1}
        for n, part in enumerate(parts)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # In a thread of its own: in a worker where the browser tests' Playwright runs, this
    # thread already has an asyncio loop, and anyio.run refuses to start a second one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(anyio.run, app, scope, receive, send).result()
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_body_longer_than_its_content_length_says_is_refused(db_url: str) -> None:
    app = create_app(db_url)
    lying = [(b"content-type", b"application/json"), (b"content-length", b"20")]
    parts = [b'{"email": "a@b.cc", "password": "', b"z" * MB, b"z" * MB, b'"}']
    status, body = _asgi(app, lying, parts)
    assert status == 413
    assert json.loads(body)["error"]["field"] == "body"
    declared = [(b"content-type", b"application/json"), (b"content-length", str(5 * MB).encode())]
    status, body = _asgi(app, declared, [b"{}"])
    assert status == 413
    assert "1 MB" in json.loads(body)["error"]["message"]


def test_uploads_keep_their_20_mb(api: Api) -> None:
    ana = api.signup("Ana")
    big = b"Date,Workout Name\n" + b"2026-01-01 10:00:00,x\n" * (3 * MB // 22)
    answer = api.client.post(
        "/api/v1/imports",
        headers=ana.headers,
        files={"file": ("strong.csv", big, "text/csv")},
        data={"dry_run": "true"},
    )
    assert answer.status_code != 413, answer.text[:300]
    assert answer.status_code < 500


def test_a_page_form_over_the_limit_is_413(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        form = {"csrf": client.cookies["rw_csrf"], "email": "a@b.cc", "password": "p" * (2 * MB)}
        answer = client.post("/signin", data=form)
        assert answer.status_code == 413
        assert "larger than the limit" in answer.text


# ---- registration ----------------------------------------------------------------------------


@pytest.fixture
def two_per_hour(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("REDWOOD_REGISTRATIONS_PER_HOUR", "2")
    get_settings.cache_clear()


@pytest.mark.usefixtures("two_per_hour")
def test_registrations_from_one_address_are_429_with_retry_after(api: Api) -> None:
    api.signup("Ana")
    api.signup("Bo")
    body = {"email": "cy@example.com", "password": PASSWORD, "name": "Cy"}
    limited = api.client.post("/api/v1/auth/register", json=body)
    assert limited.status_code == 429, limited.text
    assert 3500 < int(limited.headers["retry-after"]) <= 3601
    assert limited.json()["error"]["field"] == "email"
    assert "too many accounts" in limited.json()["error"]["message"]


@pytest.mark.usefixtures("two_per_hour")
def test_the_sign_up_page_is_limited_too(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        for n in range(3):
            form = {"name": "A", "email": f"a{n}@example.com", "password": PASSWORD, "unit": "kg"}
            answer = client.post(
                "/signup", data={**form, "csrf": client.cookies["rw_csrf"]}, follow_redirects=False
            )
            client.cookies.delete("rw_session")
        assert answer.status_code == 429
        assert int(answer.headers["retry-after"]) > 3500
        assert "too many accounts" in answer.text


@pytest.mark.parametrize(
    ("password", "reason"),
    [("ana-the-lifter", "email address's name"), ("iloveyou", "most common"), ("short", "8-200")],
)
def test_weak_passwords_are_422_naming_the_field(api: Api, password: str, reason: str) -> None:
    body = {"email": "ana@example.com", "password": password, "name": "Ana"}
    answer = api.client.post("/api/v1/auth/register", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["field"] == "password"
    assert reason in error["message"]


# ---- tokens ---------------------------------------------------------------------------------


def test_tokens_are_listed_and_revoked_own_only(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    agent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36"
    phone = _login(api, ana, headers={"User-Agent": agent})
    listed = api.client.get("/api/v1/tokens", headers=ana.headers)
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    assert len(items) == 2
    assert [item["current"] for item in items] == [False, True]
    assert items[0]["label"] == "Chrome on Android"
    assert phone not in listed.text
    assert ana.token not in listed.text
    assert set(items[0]) == {"id", "label", "created_at", "last_used_at", "expires_at", "current"}
    bo_token = api.client.get("/api/v1/tokens", headers=bo.headers).json()["items"][0]["id"]
    theirs = api.client.delete(f"/api/v1/tokens/{bo_token}", headers=ana.headers)
    assert theirs.status_code == 404
    assert theirs.json()["error"]["field"] == "token"
    assert api.client.get("/api/v1/account", headers=bo.headers).status_code == 200
    assert api.client.delete("/api/v1/tokens/999999", headers=ana.headers).status_code == 404
    revoked = api.client.delete(f"/api/v1/tokens/{items[0]['id']}", headers=ana.headers)
    assert revoked.status_code == 204
    assert api.client.get("/api/v1/account", headers=_bearer(phone)).status_code == 401
    again = api.client.delete(f"/api/v1/tokens/{items[0]['id']}", headers=ana.headers)
    assert again.status_code == 404
    # Revoking the token of the request itself signs this client out.
    mine = items[1]["id"]
    assert api.client.delete(f"/api/v1/tokens/{mine}", headers=ana.headers).status_code == 204
    assert api.client.get("/api/v1/tokens", headers=ana.headers).status_code == 401


def test_the_settings_page_lists_devices_and_revokes_them(db_url: str) -> None:
    from tests.web.pages.signed_in import post, signed_in

    with signed_in(db_url) as web:
        other = web.post(
            "/api/v1/auth/login",
            json={"email": "ana@example.com", "password": PASSWORD, "label": "phone"},
        ).json()["token"]
        page = web.get("/settings")
        assert page.status_code == 200
        assert "Signed-in devices" in page.text
        devices = web.get("/settings?format=json").json()["devices"]
        assert [d["current"] for d in devices] == [False, True]
        assert devices[0]["label"] == "phone · test client"
        assert other not in page.text
        assert web.cookies["rw_session"] not in page.text
        assert "this browser" in page.text
        action = f"/settings/devices/{devices[0]['id']}/revoke"
        assert action in page.text
        refused = post(web, action, {}, token="forged-token-forged-token-forged")
        assert refused.status_code == 403
        assert web.get("/api/v1/account", headers=_bearer(other)).status_code == 200
        done = post(web, action, {})
        assert done.status_code == 303
        assert done.headers["location"] == "/settings?saved=devices#devices"
        assert web.get("/api/v1/account", headers=_bearer(other)).status_code == 401
        assert post(web, action, {}).status_code == 404
        out = post(web, f"/settings/devices/{devices[1]['id']}/revoke", {})
        assert out.status_code == 303
        assert out.headers["location"] == "/signin"
        assert web.get("/settings", follow_redirects=False).status_code == 303


# ---- security headers -----------------------------------------------------------------------

COMMON = {"x-content-type-options": "nosniff", "x-frame-options": "DENY"}


def _paths(routes: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Every route (method, path) under `routes`, path parameters filled with "1", walking
    the included routers."""
    out = []
    for route in routes:
        if hasattr(route, "original_router"):
            inner = route.original_router
            out += _paths(inner.routes, prefix + inner.prefix)
        elif isinstance(route, Mount):
            out.append(("GET", f"{route.path}/app.css"))
        elif isinstance(route, Route):
            path = re.sub(r"\{[^}]+\}", "1", prefix + route.path)
            out += [(method, path) for method in sorted(route.methods or ()) if method != "HEAD"]
    return out


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_answer_of_every_route_carries_the_security_headers(db_url: str, scheme: str) -> None:
    app = create_app(db_url)
    with TestClient(app, base_url=f"{scheme}://testserver") as client:
        client.get("/")
        athlete = Api(client, db_url).signup("Walker")
        walked = [*_paths(app.routes), ("GET", "/no/such/page"), ("GET", "/api/v1/nothing")]
        assert len(walked) > 60
        for method, path in walked:
            if (method, path) in {("POST", "/api/v1/auth/logout"), ("DELETE", "/api/v1/account")}:
                continue
            for headers in ({}, athlete.headers):
                answer = client.request(method, path, headers=headers, follow_redirects=False)
                where = (method, path, answer.status_code)
                for name, value in COMMON.items():
                    assert answer.headers.get(name) == value, where
                assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], where
                hsts = answer.headers.get("strict-transport-security")
                assert (hsts is not None) == (scheme == "https"), where
                if path.startswith("/api/"):
                    assert answer.headers["cache-control"] == "no-store", where
