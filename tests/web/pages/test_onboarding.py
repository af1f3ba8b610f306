"""/onboarding: the questionnaire, the program it plans, refusals beside their field."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from redwood.web.pages.onboarding import options_of
from tests.web.pages.signed_in import bearer, errors_in, post, signed_in

ANSWERS: dict[str, object] = {
    "goal": "strength",
    "level": "beginner",
    "days": "2",
    "minutes": "45",
    "setting": "home",
    "equipment": ["dumbbells", "bands", "pullup_bar"],
    "priority": "legs",
    "limitations": ["knee"],
    "weeks": "6",
}


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    with signed_in(db_url) as client:
        yield client


def test_a_first_visit_offers_the_defaults_and_the_home_kit(web: TestClient) -> None:
    view = web.get("/onboarding?format=json").json()
    assert view["returning"] is False
    assert view["answers"]["goal"] == "hypertrophy"
    assert view["answers"]["setting"] == "gym"
    assert "barbell" in view["answers"]["equipment"]
    assert view["presets"]["home"] == ["bands", "dumbbells", "none", "pullup_bar"]
    assert "leg-focused" in view["choices"]["templates"]
    page = web.get("/onboarding").text
    assert 'value="hypertrophy" checked' in page
    assert "data-presets=" in page


def test_answers_plan_an_active_program_with_its_reasons(web: TestClient) -> None:
    sent = post(web, "/onboarding", ANSWERS)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/program?new=1"
    program = web.get("/api/v1/programs/active", headers=bearer(web))
    assert program.status_code == 200
    profile = program.json()["document"]["profile"]
    assert (profile["goal"], profile["level"], profile["days_per_week"]) == (
        "strength",
        "beginner",
        2,
    )
    assert (profile["session_minutes"], profile["setting"], profile["weeks"]) == (45, "home", 6)
    assert profile["equipment"] == ["bands", "dumbbells", "pullup_bar"]
    assert profile["limitations"] == ["knee"]
    shown = web.get("/program?new=1")
    assert "Your program is ready" in shown.text
    assert "Why this program" in shown.text
    assert program.json()["document"]["rationale"][0] in shown.text.replace("&amp;", "&")


def test_running_it_again_starts_from_the_last_answers(web: TestClient) -> None:
    post(web, "/onboarding", {**ANSWERS, "weekdays": ["tue", "sat"], "favourites": "goblet squat"})
    view = web.get("/onboarding", headers={"Accept": "application/json"}).json()
    assert view["returning"] is True
    answers = view["answers"]
    assert answers["weekdays"] == ["tue", "sat"]
    assert (answers["goal"], answers["minutes"], answers["setting"]) == ("strength", "45", "home")
    assert answers["limitations"] == ["knee"]
    assert answers["favourites"] == "dumbbell-goblet-squat"
    assert answers["weeks"] == "6"


def test_the_default_spread_of_days_is_not_pinned(web: TestClient) -> None:
    post(web, "/onboarding", {**ANSWERS, "days": "3"})
    answers = web.get("/onboarding?format=json").json()["answers"]
    assert answers["days"] == "3"
    assert answers["weekdays"] == []  # mon, wed, fri is the planner's own spread


def test_a_start_date_sets_week_one(web: TestClient) -> None:
    post(web, "/onboarding", {**ANSWERS, "starts_on": "2026-11-04"})
    view = web.get("/program?format=json").json()
    assert view["active"]["starts_on"] == "2026-11-02"


def test_the_kit_saved_on_settings_is_the_preset(web: TestClient) -> None:
    post(web, "/settings/equipment", {"setting": "gym", "equipment": ["barbell", "squat_rack"]})
    view = web.get("/onboarding?format=json").json()
    assert view["presets"]["gym"] == ["barbell", "none", "squat_rack"]
    assert view["answers"]["equipment"] == ["barbell", "none", "squat_rack"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"minutes": "5"}, "minutes", "minutes must be 20-120"),
        ({"minutes": "lots"}, "minutes", "must be a whole number"),
        ({"weeks": "40"}, "weeks", "weeks must be 4-16"),
        ({"goal": "fame"}, "goal", "goal: unknown value"),
        ({"weekdays": ["mon"]}, "weekdays", "weekdays must name 2-6 different days"),
        ({"favourites": "no such lift"}, "favourites", "favourites: unknown exercise"),
        ({"template": "nonsense"}, "template", "template: unknown value"),
        ({"bodyweight": "heavy"}, "bodyweight", "bodyweight"),
        ({"starts_on": "soon"}, "starts_on", "starts_on: expected a date"),
    ],
)
def test_a_refused_answer_is_shown_beside_its_field(
    web: TestClient, change: dict[str, object], field: str, message: str
) -> None:
    shown = post(web, "/onboarding", {**ANSWERS, **change})
    assert shown.status_code == 422
    errors = errors_in(shown.text)
    assert message in errors[field], errors
    assert 'value="home" checked' in shown.text  # the other answers are kept
    missing = web.get("/api/v1/programs/active", headers=bearer(web))
    assert missing.status_code == 404  # nothing was stored


def test_a_refusal_naming_no_answer_is_shown_above_the_form(web: TestClient) -> None:
    clash = {"favourites": "goblet squat", "excluded": "dumbbell goblet squat"}
    shown = post(web, "/onboarding", {**ANSWERS, **clash})
    assert shown.status_code == 422
    assert "is both a favourite and excluded" in errors_in(shown.text)["form"]


def test_what_the_planner_could_not_fit_is_shown_as_warnings(web: TestClient) -> None:
    bare = {"setting": "outdoor", "equipment": [], "minutes": "20"}
    post(web, "/onboarding", {**ANSWERS, **bare, "limitations": ["knee", "hip", "lower_back"]})
    view = web.get("/program?format=json").json()
    warnings = view["active"]["document"]["warnings"]
    assert warnings
    page = web.get("/program").text
    assert "Warnings" in page
    assert warnings[0].split(":")[0] in page


def test_csrf_is_required(web: TestClient) -> None:
    refused = post(web, "/onboarding", ANSWERS, token="x" * 43)
    assert refused.status_code == 403
    assert web.get("/api/v1/programs", headers=bearer(web)).json() == []


def test_no_kit_ticked_means_bodyweight_only() -> None:
    options = options_of({**ANSWERS, "equipment": [], "weekdays": ["mon", "thu"]})
    assert options.equipment == ["none"]
    assert (options.days, options.weekdays) == (None, ["mon", "thu"])
