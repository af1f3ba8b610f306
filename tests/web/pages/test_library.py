"""/exercises and /exercises/{id}: search, filters, partial results for htmx, one exercise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.pages.signed_in import bearer, errors_in, signed_in


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    with signed_in(db_url) as client:
        yield client


def test_a_search_with_filters_matches_the_api(web: TestClient) -> None:
    query = "q=split+squat&region=legs&setting=home&equipment=dumbbells&equipment=bench"
    view = web.get(f"/exercises?{query}&format=json").json()
    api = web.get(f"/api/v1/exercises?{query}&limit=100", headers=bearer(web)).json()
    assert view["results"] == api
    assert view["results"]["items"], "home split squats with dumbbells exist"
    assert view["query"]["equipment"] == ["dumbbells", "bench"]
    for item in view["results"]["items"]:
        assert set(item["equipment"]) <= {"dumbbells", "bench", "none"}
        assert item["region"] == "legs"
    page = web.get(f"/exercises?{query}").text
    first = view["results"]["items"][0]
    assert f'href="/exercises/{first["id"]}"' in page
    assert 'value="dumbbells" checked' in page
    assert '<option value="legs" selected>' in page


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("pattern=hinge", lambda item: item["pattern"] == "hinge"),
        ("region=back", lambda item: item["region"] == "back"),
        ("setting=outdoor", lambda item: "outdoor" in item["settings"]),
        ("level=beginner", lambda item: item["level"] == "beginner"),
    ],
)
def test_each_filter_narrows_the_list(
    web: TestClient, query: str, check: Callable[[dict[str, Any]], bool]
) -> None:
    everything = web.get("/exercises?format=json").json()["results"]["total"]
    view = web.get(f"/exercises?{query}&format=json").json()["results"]
    assert 0 < view["total"] < everything
    assert all(check(item) for item in view["items"])


def test_htmx_typing_gets_only_the_results_block(web: TestClient) -> None:
    headers = {"HX-Request": "true", "HX-Target": "results"}
    part = web.get("/exercises?q=deadlift", headers=headers)
    assert part.status_code == 200
    assert part.text.lstrip().startswith('<div id="results"')
    assert "<form" not in part.text
    assert "Deadlift" in part.text
    boosted = web.get("/exercises", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<form" in boosted.text  # a boosted link gets the whole page


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("pattern=dance", "pattern"),
        ("region=tail", "region"),
        ("level=god", "level"),
        ("setting=moon", "setting"),
        ("equipment=jetpack", "equipment"),
    ],
)
def test_an_unknown_filter_is_refused_beside_it(web: TestClient, query: str, field: str) -> None:
    shown = web.get(f"/exercises?{query}")
    assert shown.status_code == 422
    assert f"{field}: unknown value" in errors_in(shown.text)[field]
    as_json = web.get(f"/exercises?{query}&format=json")
    assert as_json.status_code == 422
    assert field in as_json.json()["errors"]


def test_an_exercise_page_has_all_its_metadata(web: TestClient) -> None:
    shown = web.get("/exercises/back squat")
    assert shown.status_code == 200
    view = web.get("/exercises/barbell-back-squat?format=json").json()["exercise"]
    api = web.get("/api/v1/exercises/barbell-back-squat", headers=bearer(web)).json()
    assert view == api
    page = shown.text.replace("&#39;", "'").replace("&amp;", "&")
    for text in (*view["cues"], *view["mistakes"]):
        assert text in page
    for sub in view["substitute_names"]:
        assert f'href="/exercises/{sub["id"]}"' in page
    assert f"{view['spinal_load']}</span> of 3" in page
    assert f"{view['systemic_fatigue']}</span> of 5" in page
    assert "quads" in page


def test_an_unknown_exercise_is_404_with_suggestions(web: TestClient) -> None:
    shown = web.get("/exercises/back squatt")
    assert shown.status_code == 404
    assert "did you mean" in shown.text
