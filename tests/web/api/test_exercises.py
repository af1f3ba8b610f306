"""The exercise library over HTTP: the filters of `redwood exercises list`, search by any
app's names, one exercise with all its metadata, and an athlete's own exercises shown to
that athlete only. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from redwood.catalog import ExerciseFilter
from redwood.domain.vocab import Equipment, Level, Muscle, Pattern, Region, Setting
from redwood.services import catalogue
from tests.web.client import Api, own_exercise

FILTERS: list[tuple[list[tuple[str, str]], ExerciseFilter]] = [
    ([("region", "legs")], ExerciseFilter(region=Region.LEGS)),
    ([("pattern", "hinge")], ExerciseFilter(pattern=Pattern.HINGE)),
    ([("muscle", "lats")], ExerciseFilter(muscle=Muscle.LATS)),
    ([("setting", "outdoor")], ExerciseFilter(setting=Setting.OUTDOOR)),
    ([("level", "beginner")], ExerciseFilter(level=Level.BEGINNER)),
    (
        [("equipment", "dumbbells"), ("equipment", "none"), ("region", "back")],
        ExerciseFilter(
            equipment=frozenset({Equipment.DUMBBELLS, Equipment.NONE}), region=Region.BACK
        ),
    ),
]
"""(query parameters, the filter `redwood exercises list` applies for them)."""


def _get(api: Api, headers: dict[str, str], path: str, params: Any = None) -> Any:
    return api.client.get(f"/api/v1{path}", headers=headers, params=params)


@pytest.mark.parametrize(("params", "criteria"), FILTERS)
def test_filters_are_those_of_exercises_list(
    api: Api, params: list[tuple[str, str]], criteria: ExerciseFilter
) -> None:
    ana = api.signup("Ana")
    answer = _get(api, ana.headers, "/exercises", [*params, ("limit", "500")])
    assert answer.status_code == 200, answer.text
    expected = catalogue.list_exercises(criteria)
    assert answer.json() == {"items": expected, "total": len(expected)}
    assert 0 < len(expected) < len(catalogue.catalogue())


def test_a_search_ranks_by_the_words_of_any_apps_name(api: Api) -> None:
    ana = api.signup("Ana")
    found = _get(api, ana.headers, "/exercises", {"q": "Squat (Barbell)", "limit": 3}).json()
    assert found["items"][0]["id"] == "barbell-back-squat"
    assert len(found["items"]) == 3
    assert found["total"] > 3
    scores = [item["score"] for item in found["items"]]
    assert scores == sorted(scores, reverse=True)
    homely = _get(api, ana.headers, "/exercises", {"q": "split squat", "setting": "home"}).json()
    assert homely["items"]
    assert all("home" in item["settings"] for item in homely["items"])
    typo = _get(api, ana.headers, "/exercises", {"q": "romanain deadlfit"}).json()
    assert typo["items"][0]["id"] == "barbell-romanian-deadlift"


def test_one_exercise_has_all_its_metadata_and_links_by_name(api: Api) -> None:
    ana = api.signup("Ana")
    for ref in ("barbell-back-squat", "Squat (Barbell)", "back squat"):
        answer = _get(api, ana.headers, f"/exercises/{ref}")
        assert answer.status_code == 200, answer.text
        assert answer.json() == catalogue.show_exercise("barbell-back-squat")
    shown = answer.json()
    assert shown["cues"]
    assert shown["mistakes"]
    assert [sub["id"] for sub in shown["substitute_names"]] == shown["substitutes"]
    unknown = _get(api, ana.headers, "/exercises/backk sqatt")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["field"] == "exercise"
    assert "barbell-back-squat" in unknown.json()["error"]["message"]


def test_an_athletes_own_exercises_are_theirs_alone(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    own = own_exercise(api, ana, "Zercher Box Squat Deluxe")
    listed = _get(api, ana.headers, "/exercises", {"region": "legs"}).json()
    assert listed["items"][0]["id"] == own
    assert listed["items"][0]["custom"] is True
    searched = _get(api, ana.headers, "/exercises", {"q": "zercher deluxe"}).json()
    assert searched["items"][0]["id"] == own
    assert searched["items"][0]["score"] > searched["items"][1]["score"]
    filtered = _get(api, ana.headers, "/exercises", {"q": "zercher deluxe", "region": "back"})
    assert own not in [item["id"] for item in filtered.json()["items"]]
    shown = _get(api, ana.headers, f"/exercises/{own}").json()
    assert shown["name"] == "Zercher Box Squat Deluxe"
    assert shown["substitute_names"] == [{"id": "barbell-back-squat", "name": "Barbell Back Squat"}]
    assert _get(api, ana.headers, "/exercises/zercher box squat deluxe").json()["id"] == own
    theirs = _get(api, bo.headers, "/exercises", {"region": "legs", "limit": 500}).json()
    assert own not in [item["id"] for item in theirs["items"]]
    assert theirs["total"] == listed["total"] - 1
    bo_search = _get(api, bo.headers, "/exercises", {"q": "zercher deluxe"}).json()["items"]
    assert [item["id"] for item in bo_search] == [item["id"] for item in searched["items"][1:]]
    assert _get(api, bo.headers, f"/exercises/{own}").status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "torso"}, "region"),
        ({"equipment": "laser"}, "equipment.0"),
        ({"limit": 0}, "limit"),
        ({"q": "a\u0000b"}, "q"),
    ],
)
def test_bad_filters_are_named(api: Api, params: dict[str, Any], field: str) -> None:
    ana = api.signup("Ana")
    answer = _get(api, ana.headers, "/exercises", params)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == field
