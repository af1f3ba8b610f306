"""/program: the active program week by week, its reasons, and activating another one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from redwood.web.pages.program import exercise_ids, exercise_notes, week_on
from tests.web.pages.signed_in import bearer, errors_in, post, signed_in
from tests.web.pages.test_accounts import sign_up

PLAN = {
    "goal": "hypertrophy",
    "level": "intermediate",
    "days": "3",
    "minutes": "60",
    "setting": "gym",
    "equipment": ["barbell", "squat_rack", "bench", "dumbbells", "cable", "lat_pulldown"],
    "priority": "balanced",
    "weeks": "4",
    "supersets": "on",
}


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    with signed_in(db_url) as client:
        yield client


@pytest.mark.parametrize(
    ("method", "path", "back_to"),
    [
        ("get", "/onboarding", "/onboarding"),
        ("post", "/onboarding", "/onboarding"),
        ("get", "/program", "/program"),
        ("post", "/program/1/activate", "/program/1/activate"),
        ("get", "/settings", "/settings"),
        ("post", "/settings/unit", "/settings/unit"),
        ("get", "/exercises?q=squat", "/exercises%3Fq%3Dsquat"),
        ("get", "/exercises/barbell-back-squat", "/exercises/barbell-back-squat"),
    ],
)
def test_signed_out_goes_to_sign_in_and_back(
    web: TestClient, method: str, path: str, back_to: str
) -> None:
    web.cookies.delete("rw_session")
    sent = getattr(web, method)(path, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/signin?next={back_to}"


def test_without_a_program_it_offers_onboarding(web: TestClient) -> None:
    view = web.get("/program?format=json").json()
    assert view["active"] is None
    assert view["programs"] == []
    assert 'href="/onboarding"' in web.get("/program").text


def test_the_active_program_is_shown_with_every_prescription(web: TestClient) -> None:
    post(web, "/onboarding", PLAN)
    view = web.get("/program?format=json").json()
    api = web.get("/api/v1/programs/active", headers=bearer(web)).json()
    assert view["active"] == api  # the page embeds the API's answer unchanged
    document = api["document"]
    page = web.get("/program").text
    first = document["weeks"][0]["sessions"][0]
    assert first["title"].replace("&", "&amp;") in page
    item = first["blocks"][0]["exercises"][0]
    name = view["exercises"][item["exercise"]]["name"]
    assert f'href="/exercises/{item["exercise"]}"><strong>{name}</strong>' in page
    reps = f"{item['reps_min']}-{item['reps_max']}"
    assert f"{item['sets']} × {reps}</span> · RIR {item['rir']}" in page
    assert page.count('<details class="week card') == len(document["weeks"])
    assert "deload" in page
    for reason in document["rationale"][:3]:
        assert reason.replace("&", "&amp;") in page
    supersets = [
        block
        for week in document["weeks"]
        for session in week["sessions"]
        for block in session["blocks"]
        if block["type"] == "superset"
    ]
    assert supersets, "supersets on: the plan pairs some moves"
    assert page.count('<li class="superset">') == len(supersets)


def test_an_exercise_has_cues_mistakes_and_substitutes() -> None:
    notes = exercise_notes(["barbell-back-squat", "my-own-lift"])
    squat = notes["barbell-back-squat"]
    assert squat["name"] == "Barbell Back Squat"
    assert squat["cues"]
    assert squat["mistakes"]
    assert all(set(sub) == {"id", "name"} for sub in squat["substitutes"])
    assert notes["my-own-lift"] == {
        "name": "my-own-lift",
        "cues": [],
        "mistakes": [],
        "substitutes": [],
    }


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (date(2026, 11, 1), None),
        (date(2026, 11, 2), 1),
        (date(2026, 11, 8), 1),
        (date(2026, 11, 9), 2),
        (date(2026, 11, 29), 4),
        (date(2026, 11, 30), None),
    ],
)
def test_the_current_week_counts_from_the_start_monday(today: date, week: int | None) -> None:
    active = {"starts_on": "2026-11-02", "document": {"weeks": [{}, {}, {}, {}]}}
    assert week_on(active, today) == week
    assert week_on({**active, "starts_on": None}, today) is None


def test_exercise_ids_are_listed_once_in_order() -> None:
    block = {"exercises": [{"exercise": "a"}, {"exercise": "b"}]}
    weeks = [{"sessions": [{"blocks": [block, {"exercises": [{"exercise": "a"}]}]}]}]
    assert exercise_ids({"weeks": weeks * 2}) == ["a", "b"]


def test_the_current_week_is_open_and_marked(web: TestClient) -> None:
    post(web, "/onboarding", {**PLAN, "starts_on": date.today().isoformat()})
    view = web.get("/program?format=json").json()
    assert view["current_week"] == 1
    page = web.get("/program").text
    assert '<details class="week card current" id="week-1" open>' in page
    assert "this week" in page


def test_another_program_can_be_activated(web: TestClient) -> None:
    post(web, "/onboarding", PLAN)
    post(web, "/onboarding", {**PLAN, "goal": "strength"})
    programs = web.get("/program?format=json").json()["programs"]
    older = next(item for item in programs if not item["active"])
    page = web.get("/program").text
    assert f'action="/program/{older["id"]}/activate"' in page
    done = post(web, f"/program/{older['id']}/activate", {"starts_on": "2026-12-09"})
    assert done.status_code == 303
    assert done.headers["location"] == "/program"
    active = web.get("/program?format=json").json()["active"]
    assert (active["id"], active["starts_on"]) == (older["id"], "2026-12-07")


def test_activation_refusals(web: TestClient) -> None:
    post(web, "/onboarding", PLAN)
    post(web, "/onboarding", {**PLAN, "goal": "strength"})
    older = web.get("/program?format=json").json()["programs"][1]
    bad = post(web, f"/program/{older['id']}/activate", {"starts_on": "someday"})
    assert bad.status_code == 422
    assert "expected a date" in errors_in(bad.text)[f"starts_on-{older['id']}"]
    assert post(web, "/program/9999/activate", {}).status_code == 404
    assert post(web, f"/program/{older['id']}/activate", {}, token="y" * 43).status_code == 403
    assert web.get("/program?format=json").json()["programs"][1]["active"] is False


def test_another_athletes_program_cannot_be_activated(db_url: str) -> None:
    with signed_in(db_url) as ana:
        post(ana, "/onboarding", PLAN)
        ana_program = ana.get("/program?format=json").json()["active"]["id"]
        ana.cookies.delete("rw_session")
        sign_up(ana, "bo@example.com")
        refused = post(ana, f"/program/{ana_program}/activate", {})
        assert refused.status_code == 404
        assert ana.get("/program?format=json").json()["programs"] == []
