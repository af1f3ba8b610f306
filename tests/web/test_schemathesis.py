"""Schemathesis over the OpenAPI document, in process (ASGI): no input, valid or not, makes
the API answer 5xx, and every 4xx is the JSON error shape. SQLite and PostgreSQL.

Every API operation is walked (the test fails if one is added and not walked), each with a
few schema-conforming and a few schema-violating requests carrying a real bearer token of an
athlete with something behind every route: an active program, logged sets, a bodyweight, an
import, and a coaching link (the fuzzing athlete coaches another, so the coach routes reach
real data). Every answer carries the security headers; every 422 names its field
(bounded, derandomized; marked slow). The cases
come from `APIOperation.as_strategy` under Hypothesis: schemathesis's own pytest plugin
cannot run lazily-loaded schemas under pytest 9 (it writes a private pytest attribute).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from redwood.web.app import create_app
from tests.io.importers.reading import fixture
from tests.web.client import PLAN, Api, Athlete

pytestmark = pytest.mark.slow

EXAMPLES = 10
UNWALKED = {
    ("POST", "/api/v1/auth/logout"),
    ("DELETE", "/api/v1/account"),
    ("DELETE", "/api/v1/tokens/{token_id}"),
}
"""They would sign the fuzzing athlete out (token ids are small numbers a fuzzer tries first);
tests/web/api/test_accounts.py and tests/web/test_guards.py cover them."""


def _check(operation: Any, mode: GenerationMode, token: str, seen: list[str]) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
        headers["Authorization"] = f"Bearer {token}"
        response = case.call(headers=headers)
        seen.append(f"{case.method} {case.path} {response.status_code}")
        assert response.status_code < 500, (case.method, case.formatted_path, response.text)
        assert response.headers.get("x-content-type-options") == ["nosniff"], response.headers
        if response.status_code >= 400:
            error = response.json()["error"]
            assert set(error) == {"field", "message"}, error
            assert error["message"], error
            if response.status_code == 422:
                assert error["field"], (case.method, case.formatted_path, error)

    try:
        run()
    except Unsatisfiable:
        # An operation with no parameters and no body has no invalid input to make.
        assert mode is GenerationMode.NEGATIVE, (operation.method, operation.path)


def _give_data(api: Api, athlete: Athlete) -> None:
    """Something behind every route: a program, sets, a reading, an import, a coaching link."""
    client, headers = api.client, athlete.headers
    client.post("/api/v1/plan", headers=headers, json={**PLAN, "activate": True})
    for reps in (5, 6):
        body = {"id": str(uuid.uuid4()), "exercise": "back squat", "reps": reps, "load_kg": 100}
        assert client.post("/api/v1/sets", headers=headers, json=body).status_code == 201
    client.post("/api/v1/bodyweights", headers=headers, json={"weight": "80kg"})
    csv = fixture("strong_s1.csv").read_bytes()
    imported = client.post(
        "/api/v1/imports", headers=headers, files={"file": ("s.csv", csv, "text/csv")}
    )
    assert imported.status_code in {200, 201}, imported.text
    coached = api.signup("Coached")
    code = client.post("/api/v1/coach/invites", headers=coached.headers).json()["code"]
    accepted = client.post("/api/v1/coach/accept", headers=headers, json={"code": code})
    assert accepted.status_code == 200, accepted.text


def test_no_input_makes_the_api_fail(db_url: str) -> None:
    app = create_app(db_url)
    with TestClient(app) as client:
        api = Api(client, db_url)
        athlete = api.signup("Fuzz")
        _give_data(api, athlete)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    seen: list[str] = []
    walked = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        route = (operation.method.upper(), operation.path)
        if route in UNWALKED:
            continue
        walked.add(route)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _check(operation, mode, athlete.token, seen)
    every = {
        (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        for method in item
        if path.startswith("/api/")
    }
    assert walked == every - UNWALKED
    assert {path.split("/")[3] for _, path in walked} >= {
        "coach",
        "imports",
        "exports",
        "progress",
        "charts",
        "sessions",
        "exercises",
        "tokens",
        "sets",
    }
    assert any(line.endswith((" 200", " 201")) for line in seen)
    assert sum(line.endswith(" 422") for line in seen) > len(walked)
