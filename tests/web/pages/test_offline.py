"""Offline logging over HTTP: the service worker at /sw.js, the token the queue sends with,
and POST /today/log as the queue uses it (JSON, the client's time, once per UUID, refusals
that name their field), on SQLite and PostgreSQL. The flow in Chromium is in
test_offline_browser.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.web.app import create_app
from redwood.web.pages import offline
from redwood.web.pages.manifest import MANIFEST
from tests.web.pages.signed_in import bearer
from tests.web.pages.test_accounts import csrf, sign_up
from tests.web.pages.test_today import day_sets, log_form, view
from tests.web.pages.workouts import athlete_of, give_program, today

JSON = {"Accept": "application/json"}


@pytest.fixture
def ana(db_url: str) -> Iterator[TestClient]:
    """Ana, signed in, with today's session as her active program."""
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        assert sign_up(client).status_code == 303
        give_program(athlete_of(client.cookies["rw_session"], db_url), db_url)
        yield client


def queued(client: TestClient, at: datetime | str | None = None, **changes: str) -> dict[str, str]:
    """The log form as the offline queue sends it: the page's values and the time of the tap."""
    form = log_form(client, **changes)
    if at is not None:
        form["at"] = at if isinstance(at, str) else at.isoformat()
    return form


def send(client: TestClient, form: dict[str, str]) -> Any:
    return client.post("/today/log", data=form, headers=JSON, follow_redirects=False)


def worker(client: TestClient) -> tuple[dict[str, Any], str]:
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    head, _, rest = answer.text.partition("\n")
    match = re.fullmatch(r"const REDWOOD = (\{.*\});", head)
    assert match, head
    settings: dict[str, Any] = json.loads(match.group(1))
    return settings, rest


def test_the_worker_is_served_from_the_root_with_the_files_it_precaches(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        answer = client.get("/sw.js")
        assert answer.headers["content-type"].startswith("text/javascript")
        assert answer.headers["cache-control"] == "no-cache"
        settings, text = worker(client)
        assert re.fullmatch(r"[0-9a-f]{16}", settings["version"])
        assert text == (offline.STATIC / "sw.js").read_text(encoding="utf-8")
        htmx = json.loads((offline.STATIC / "vendor" / "vendor.json").read_text())["htmx"]
        expected = {
            "/static/app.css",
            "/static/app.js",
            "/static/offline.js",
            f"/static/vendor/{htmx}",
            "/manifest.webmanifest",
        } | {icon["src"] for icon in MANIFEST["icons"]}
        assert set(settings["assets"]) == expected
        for url in settings["assets"]:
            assert client.get(url).status_code == 200, url
        page = client.get("/signup").text
        for url in ("/static/app.css", "/static/app.js", "/static/offline.js", htmx):
            assert url in page  # the pages load exactly what the worker precaches


def test_a_changed_file_changes_the_workers_version(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(db_url)) as client:
        offline.worker_script.cache_clear()
        before, _ = worker(client)
        monkeypatch.setitem(MANIFEST, "description", "A new deploy.")
        offline.worker_script.cache_clear()
        after, _ = worker(client)
        monkeypatch.undo()
        offline.worker_script.cache_clear()
        again, _ = worker(client)
    assert before["version"] != after["version"]
    assert again["version"] == before["version"]


def test_the_token_is_the_cookies_and_names_the_athlete(ana: TestClient, db_url: str) -> None:
    answer = ana.get("/offline/token")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert answer.json() == {
        "csrf": ana.cookies["rw_csrf"],
        "athlete": athlete_of(ana.cookies["rw_session"], db_url),
    }
    ana.cookies.delete("rw_session")
    signed_out = ana.get("/offline/token")
    assert signed_out.status_code == 401
    assert signed_out.json()["error"]["field"] == "session"


def test_a_queued_set_is_stored_once_at_the_time_it_was_logged(
    ana: TestClient, db_url: str
) -> None:
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=20)
    form = queued(ana, at, type="warmup", load="20", reps="5")
    form["athlete"] = str(athlete_of(ana.cookies["rw_session"], db_url))
    first = send(ana, form)
    assert first.status_code == 201, first.text
    assert first.json()["created"] is True
    again = send(ana, form)
    assert again.status_code == 200
    assert again.json() == {"set": first.json()["set"], "created": False}
    logged = day_sets(ana, db_url)
    assert [s["id"] for s in logged] == [form["id"]]
    assert datetime.fromisoformat(logged[0]["performed_at"]) == at
    # The rest timer runs from when the set was done, not from when it reached the server.
    runner = view(ana)["runner"]
    assert runner["rest_until"] is None  # 20 minutes ago: the rest is long over
    assert runner["next"]["set_index"] == 1


def test_the_api_stores_a_replayed_uuid_once(ana: TestClient, db_url: str) -> None:
    body = {"id": "0b0e6a1c-47f5-4bb4-9b38-5d6a3e8d2b11", "exercise": "back squat", "reps": 5}
    body |= {"load_kg": 100, "rir": 2}
    first = ana.post("/api/v1/sets", json=body, headers=bearer(ana))
    again = ana.post("/api/v1/sets", json=body, headers=bearer(ana))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"] == body["id"]
    assert [s["id"] for s in day_sets(ana, db_url)] == [body["id"]]


NOW = datetime.now(UTC)


@pytest.mark.parametrize(
    ("at", "words"),
    [
        ((NOW + timedelta(hours=1)).isoformat(), "in the future"),
        ((NOW - timedelta(days=40)).isoformat(), "more than a month ago"),
        ((NOW - timedelta(days=3)).isoformat(), "not on or near"),
        (NOW.replace(tzinfo=None).isoformat(), "UTC offset"),
        ("after lunch", "is not a time"),
    ],
    ids=["future", "a-month-old", "another-day", "no-offset", "not-a-time"],
)
def test_an_unbelievable_client_time_is_refused_and_logs_nothing(
    ana: TestClient, db_url: str, at: str, words: str
) -> None:
    answer = send(ana, queued(ana, at))
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["field"] == "at"
    assert words in error["message"]
    assert day_sets(ana, db_url) == []


def test_a_small_clock_skew_is_accepted(ana: TestClient, db_url: str) -> None:
    ahead = datetime.now(UTC) + timedelta(minutes=2)
    assert send(ana, queued(ana, ahead)).status_code == 201
    assert datetime.fromisoformat(day_sets(ana, db_url)[0]["performed_at"]) == ahead


def test_refusals_name_their_field_and_never_redirect(ana: TestClient, db_url: str) -> None:
    heavy = send(ana, queued(ana, load="heavy"))
    assert heavy.status_code == 422
    assert heavy.json()["error"]["field"] == "load"
    other = queued(ana)
    other["athlete"] = str(athlete_of(ana.cookies["rw_session"], db_url) + 1)
    refused = send(ana, other)
    assert refused.status_code == 409
    assert refused.json()["error"]["field"] == "athlete"
    assert day_sets(ana, db_url) == []


def test_csrf_still_holds_for_the_queue(ana: TestClient, db_url: str) -> None:
    form = queued(ana)
    assert send(ana, {**form, "csrf": ""}).status_code == 403
    elsewhere = ana.post(
        "/today/log",
        data=form,
        headers={**JSON, "Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert elsewhere.status_code == 403
    header_only = {k: v for k, v in form.items() if k != "csrf"}
    by_header = ana.post(
        "/today/log",
        data=header_only,
        headers={**JSON, "X-CSRF-Token": csrf(ana)},
        follow_redirects=False,
    )
    assert by_header.status_code == 201
    assert len(day_sets(ana, db_url)) == 1


def test_the_page_carries_the_steps_in_the_runners_order(ana: TestClient) -> None:
    data = view(ana)
    plan, runner = data["offline"], data["runner"]
    assert plan["unit"] == "kg"
    assert plan["done"] == []
    assert len(plan["steps"]) == runner["sets_left"]
    first = plan["steps"][0]
    assert (first["line"], first["set_index"]) == (
        runner["next"]["line"],
        runner["next"]["set_index"],
    )
    assert first["fill"] == runner["next"]["fill"]
    supersets = [step for step in plan["steps"] if step["superset"]]
    names = [step["exercise"] for step in supersets if step["type"] == "working"]
    assert names[:2] == ["lying-leg-curl", "lat-pulldown"]  # the pair alternates
    html = ana.get("/today").text
    attribute = re.search(r"data-offline='([^']*)'", html)
    assert attribute
    shown = json.loads(attribute.group(1).replace("&#34;", '"').replace("&amp;", "&"))
    assert shown == plan
    assert re.search(r'<section id="sync"[^>]* hidden>', html)
    form = queued(ana)
    assert send(ana, form).status_code == 201
    after = view(ana)["offline"]
    assert after["done"] == [form["id"]]
    assert len(after["steps"]) == len(plan["steps"]) - 1


def test_the_page_route_still_redirects_a_plain_form(ana: TestClient, db_url: str) -> None:
    form = log_form(ana)
    answer = ana.post("/today/log", data=form, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/today?date={today().isoformat()}"
    assert len(day_sets(ana, db_url)) == 1
