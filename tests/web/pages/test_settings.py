"""/settings: each section its own form, refusals beside the field, nothing else changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.web.pages.signed_in import bearer, errors_in, post, signed_in


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    with signed_in(db_url) as client:
        yield client


def _settings(web: TestClient) -> dict[str, object]:
    view: dict[str, object] = web.get("/settings?format=json").json()
    return view


def test_the_page_embeds_the_apis_settings(web: TestClient) -> None:
    view = _settings(web)
    api = web.get("/api/v1/settings", headers=bearer(web)).json()
    assert {**view["settings"], "equipment": view["equipment"]} == api
    assert view["equipment"]["home"] == ["bands", "dumbbells", "none", "pullup_bar"]
    page = web.get("/settings").text
    for section in ("unit", "timezone", "plates", "dumbbells", "stack_step", "cap", "rule"):
        assert f'action="/settings/{section}"' in page
    assert page.count('action="/settings/equipment"') == 3


@pytest.mark.parametrize(
    ("section", "form", "key", "expected"),
    [
        ("unit", {"unit": "lb"}, "unit", "lb"),
        ("timezone", {"timezone": "Europe/Berlin"}, "timezone", "Europe/Berlin"),
        ("plates", {"bar": "15", "plates": "20, 10, 5, 2.5"}, "plates", ["20", "10", "5", "2.5"]),
        ("dumbbells", {"dumbbells": "5-15/5"}, "dumbbells", ["5", "10", "15"]),
        ("stack_step", {"stack_step": "2.5kg"}, "stack_step", "2.5 kg"),
        ("cap", {"cap": "7.5"}, "weekly_cap_percent", 7.5),
        ("rule", {"exercise": "back squat", "rule": "two_for_two"}, "rules", None),
    ],
)
def test_each_section_is_stored(
    web: TestClient, section: str, form: dict[str, str], key: str, expected: object
) -> None:
    sent = post(web, f"/settings/{section}", form)
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/settings?saved={section}#{section}"
    stored = web.get("/api/v1/settings", headers=bearer(web)).json()
    if section == "rule":
        assert stored["rules"] == {"barbell-back-squat": "two_for_two"}
    else:
        assert stored[key] == expected
    if section == "plates":
        assert stored["bar"] == "15"
    assert "Saved." in web.get(sent.headers["location"]).text


def test_equipment_per_place_is_stored_and_shown(web: TestClient) -> None:
    sent = post(web, "/settings/equipment", {"setting": "home", "equipment": ["kettlebell", "box"]})
    assert sent.status_code == 303
    view = _settings(web)
    assert view["equipment"]["home"] == ["box", "kettlebell", "none"]
    assert view["equipment"]["gym"][0] == "bands"  # the others keep their defaults
    page = web.get("/settings").text
    home = page.split('id="equipment-home"')[1].split("</form>")[0]
    assert 'value="kettlebell" checked' in home
    assert 'value="dumbbells" checked' not in home
    assert view["settings"]["rules"] == {}  # the coach's settings are untouched


@pytest.mark.parametrize(
    ("section", "form", "field", "message"),
    [
        ("unit", {"unit": "stone"}, "unit", "unit: use kg or lb"),
        ("timezone", {"timezone": "Mars/Olympus"}, "timezone", "is not an IANA time zone"),
        ("plates", {"bar": "twenty"}, "bar", "bar"),
        ("plates", {"plates": "20, ten"}, "plates", "plates"),
        ("dumbbells", {"dumbbells": "heavy ones"}, "dumbbells", "dumbbells"),
        ("stack_step", {"stack_step": "100kg"}, "stack_step", "must be 0.5-25 kg"),
        ("cap", {"cap": "90"}, "cap", "at most 50"),
        ("rule", {"exercise": "no such lift", "rule": "linear_load"}, "exercise", "unknown"),
        ("rule", {"exercise": "back squat", "rule": "magic"}, "rule", "rule: use one of"),
        ("equipment", {"setting": "moon", "equipment": ["box"]}, "setting", "setting: use"),
        ("equipment", {"setting": "home", "equipment": ["jetpack"]}, "equipment", "unknown"),
    ],
)
def test_a_refused_value_is_shown_beside_its_field_and_nothing_changes(
    web: TestClient, section: str, form: dict[str, object], field: str, message: str
) -> None:
    before = _settings(web)
    shown = post(web, f"/settings/{section}", form)
    assert shown.status_code == 422
    errors = errors_in(shown.text)
    shown_field = "equipment" if section == "equipment" else field
    assert message in errors[shown_field], errors
    typed = next((value for value in form.values() if isinstance(value, str)), "")
    assert typed in shown.text.replace("&#39;", "'")  # what was typed is kept
    assert _settings(web) == before


def test_an_unknown_section_is_404_and_csrf_is_required(web: TestClient) -> None:
    assert post(web, "/settings/colour", {"colour": "red"}).status_code == 404
    refused = post(web, "/settings/unit", {"unit": "lb"}, token="z" * 43)
    assert refused.status_code == 403
    assert _settings(web)["settings"]["unit"] == "kg"  # type: ignore[index]
