"""Sign-up, sign-in and sign-out pages: cookies, CSRF, refusals shown on the form."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from redwood.web.app import create_app
from redwood.web.pages.session import SECURITY_HEADERS

PASSWORD = "correct horse battery"


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        yield client


def csrf(client: TestClient) -> str:
    token = client.cookies.get("rw_csrf")
    assert token
    return token


def sign_up(client: TestClient, email: str = "ana@example.com", **extra: str):
    form = {"name": "Ana", "email": email, "password": PASSWORD, "unit": "kg"}
    form.update(extra)
    return client.post("/signup", data={**form, "csrf": csrf(client)}, follow_redirects=False)


def alerts(html: str) -> list[str]:
    return re.findall(r'role="alert">([^<]*)<', html)


def test_sign_up_signs_in_and_goes_to_onboarding(web: TestClient) -> None:
    made = sign_up(web, timezone="Europe/Madrid")
    assert made.status_code == 303
    assert made.headers["location"] == "/onboarding"
    cookie = made.headers["set-cookie"]
    assert "rw_session=" in cookie
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie  # plain http in the test; see the https test
    more = web.get("/more")
    assert more.status_code == 200
    assert "Sign out (Ana)" in more.text


def test_cookies_are_secure_over_https(db_url: str) -> None:
    with TestClient(create_app(db_url), base_url="https://redwood.test") as client:
        client.get("/")
        made = sign_up(client)
    assert made.status_code == 303
    assert "Secure" in made.headers["set-cookie"]


def test_a_form_without_its_csrf_token_changes_nothing(web: TestClient) -> None:
    form = {"name": "Ana", "email": "ana@example.com", "password": PASSWORD, "unit": "kg"}
    refused = web.post("/signup", data=form, follow_redirects=False)
    assert refused.status_code == 403
    assert "nothing was changed" in refused.text
    wrong = web.post("/signup", data={**form, "csrf": "x" * 43}, follow_redirects=False)
    assert wrong.status_code == 403
    assert sign_up(web).status_code == 303  # the email was never taken


def test_a_post_from_another_site_is_refused(web: TestClient) -> None:
    form = {"name": "Ana", "email": "ana@example.com", "password": PASSWORD, "csrf": csrf(web)}
    refused = web.post(
        "/signup", data=form, headers={"Origin": "https://evil.example"}, follow_redirects=False
    )
    assert refused.status_code == 403
    assert sign_up(web).status_code == 303


@pytest.mark.parametrize(
    ("extra", "status", "message"),
    [
        ({"password": "short"}, 422, "password: must be 8-200 characters long"),
        ({"email": "not-an-email"}, 422, "email"),
        ({"name": ""}, 422, "name"),
        ({"timezone": "Mars/Olympus"}, 422, "timezone"),
    ],
)
def test_a_refused_sign_up_shows_the_reason_and_keeps_the_typing(
    web: TestClient, extra: dict[str, str], status: int, message: str
) -> None:
    shown = sign_up(web, **extra)
    assert shown.status_code == status
    assert any(message in alert for alert in alerts(shown.text)), alerts(shown.text)
    assert "rw_session" not in shown.headers.get("set-cookie", "")
    if "email" not in extra:
        assert 'value="ana@example.com"' in shown.text
    assert PASSWORD not in shown.text


def test_an_email_registered_twice_is_409(web: TestClient) -> None:
    sign_up(web)
    web.cookies.delete("rw_session")
    again = sign_up(web)
    assert again.status_code == 409
    assert "already registered" in again.text


def test_sign_in_returns_to_the_page_that_asked(web: TestClient) -> None:
    sign_up(web)
    web.cookies.delete("rw_session")
    asked = web.get("/more", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/signin?next=/more"
    form = {"email": "ana@example.com", "password": PASSWORD, "next": "/more"}
    signed = web.post("/signin", data={**form, "csrf": csrf(web)}, follow_redirects=False)
    assert signed.status_code == 303
    assert signed.headers["location"] == "/more"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil", ""])
def test_sign_in_never_sends_the_browser_off_site(web: TestClient, target: str) -> None:
    sign_up(web)
    web.cookies.delete("rw_session")
    form = {"email": "ana@example.com", "password": PASSWORD, "next": target, "csrf": csrf(web)}
    signed = web.post("/signin", data=form, follow_redirects=False)
    assert signed.headers["location"] == "/today"


def test_a_wrong_password_is_401_and_ten_lock_the_email(web: TestClient) -> None:
    sign_up(web)
    web.cookies.delete("rw_session")
    form = {"email": "ana@example.com", "password": "wrong password", "csrf": csrf(web)}
    for _ in range(10):
        wrong = web.post("/signin", data=form)
        assert wrong.status_code == 401
        assert "email or password is wrong" in wrong.text
    locked = web.post("/signin", data={**form, "password": PASSWORD})
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0


def test_sign_out_revokes_the_token(web: TestClient) -> None:
    sign_up(web)
    token = web.cookies.get("rw_session")
    out = web.post("/signout", data={"csrf": csrf(web)}, follow_redirects=False)
    assert out.status_code == 303
    web.cookies.set("rw_session", token or "")
    assert web.get("/more", follow_redirects=False).status_code == 303


def test_htmx_is_sent_to_sign_in_with_hx_redirect(web: TestClient) -> None:
    asked = web.get("/more", headers={"HX-Request": "true"}, follow_redirects=False)
    assert asked.status_code == 200
    assert asked.headers["hx-redirect"] == "/signin?next=/more"


def test_pages_carry_security_headers_and_the_api_keeps_json_errors(web: TestClient) -> None:
    page = web.get("/signin")
    for name, value in SECURITY_HEADERS.items():
        assert page.headers[name] == value
    missing = web.get("/no-such-page")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    api = web.get("/api/v1/no-such-route")
    assert api.status_code == 404
    assert api.json()["error"]["message"]


def test_a_page_as_json_is_its_view_model(web: TestClient) -> None:
    sign_up(web)
    view = web.get("/more", headers={"Accept": "application/json"}).json()
    assert view["links"][1][:2] == ["Settings", "/settings"]


def test_the_manifest_makes_the_app_installable(web: TestClient) -> None:
    manifest = web.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["display"] == "standalone"
    assert data["start_url"] == "/today"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert web.get(icon["src"]).status_code == 200
    page = web.get("/signin").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    vendored = re.search(r'src="(/static/vendor/htmx-2\.\d+\.\d+\.min\.js)"', page)
    assert vendored
    assert web.get(vendored.group(1)).status_code == 200
