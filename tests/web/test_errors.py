"""Bad input answers JSON 4xx naming the field, never a traceback or a 500: validation,
refusals from the services, text the database cannot store, unknown routes and methods."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.web.client import Api

SET = {"exercise": "back squat", "reps": 5, "load_kg": 100}


def _set(**fields: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), **SET, **fields}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_set(reps=500), "reps"),
        (_set(reps=-1), "reps"),
        (_set(load_kg=-5), "load_kg"),
        (_set(load_kg=5000), "load_kg"),
        (_set(load_kg="heavy"), "load_kg"),
        (_set(rpe=11), "rpe"),
        (_set(rir=-1), "rir"),
        (_set(type="giant"), "type"),
        (_set(id="not-a-uuid"), "id"),
        (_set(date="2026-13-01"), "date"),
        (_set(date="0001-01-01"), "date"),
        (_set(date="2999-01-01"), "date"),
        (_set(exercise=""), "exercise"),
        (_set(exercise="no such exercise anywhere"), "exercise"),
        (_set(exercise="squat\u0000"), "exercise"),
        (_set(note="x" * 2001), "note"),
        (_set(planned_session_id=2**40), "planned_session_id"),
        (_set(seconds=0), "seconds"),
        (_set(extra=1), "extra"),
        ({"exercise": "squat"}, "id"),
    ],
)
def test_bad_sets_name_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    ana = api.signup("Ana")
    answer = api.client.post("/api/v1/sets", headers=ana.headers, json=body)
    assert 400 <= answer.status_code < 500, answer.text
    error = answer.json()["error"]
    assert error["field"] == field
    assert error["message"].startswith(f"{field}:")
    assert "Traceback" not in answer.text


def test_text_that_is_not_json_or_not_unicode_is_refused(api: Api) -> None:
    ana = api.signup("Ana")
    broken = api.client.post(
        "/api/v1/sets",
        headers={**ana.headers, "Content-Type": "application/json"},
        content=b'{"id": ',
    )
    assert broken.status_code == 422
    assert broken.json()["error"]["field"] == "body"
    surrogate = api.client.post(
        "/api/v1/checkins",
        headers={**ana.headers, "Content-Type": "application/json"},
        content=b'{"energy": 3, "note": "\\ud800"}',
    )
    assert surrogate.status_code == 422
    assert surrogate.json()["error"]["field"] == "note"
    nul = api.client.get("/api/v1/sets", headers=ana.headers, params={"exercise": "a\x00b"})
    assert (nul.status_code, nul.json()["error"]["field"]) == (422, "exercise")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/sets", {"limit": 0}, "limit"),
        ("/api/v1/sets", {"limit": 10_000}, "limit"),
        ("/api/v1/sets", {"cursor": "%%%"}, "cursor"),
        ("/api/v1/sets", {"from": "2026-11-05", "to": "2026-11-01"}, "from"),
        ("/api/v1/sets", {"from": "yesterday"}, "from"),
        ("/api/v1/today", {"date": "9999-12-31"}, "date"),
        ("/api/v1/status", {"date": "1066-10-14"}, "date"),
        ("/api/v1/checkins", {"limit": -1}, "limit"),
    ],
)
def test_bad_queries_name_the_parameter(
    api: Api, path: str, params: dict[str, Any], field: str
) -> None:
    ana = api.signup("Ana")
    answer = api.client.get(path, headers=ana.headers, params=params)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == field


def test_bad_path_parameters_are_4xx(api: Api) -> None:
    ana = api.signup("Ana")
    for path in ("/api/v1/sets/not-a-uuid", "/api/v1/programs/0", "/api/v1/programs/99999999999"):
        answer = api.client.get(path, headers=ana.headers)
        assert answer.status_code == 422, path
        assert answer.json()["error"]["field"] in {"set_id", "program_id"}
    assert api.client.get("/api/v1/programs/12345", headers=ana.headers).status_code == 404


def test_unknown_routes_and_methods_keep_the_shape(api: Api) -> None:
    missing = api.client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"field": None, "message": "Not Found"}}
    wrong = api.client.put("/api/v1/health")
    assert wrong.status_code == 405
    assert wrong.json()["error"]["message"] == "Method Not Allowed"
