"""Schemathesis over the OpenAPI document, in process (ASGI): no input, valid or not, makes
the API answer 5xx, and every 4xx is the JSON error shape. SQLite and PostgreSQL.

Each operation gets a few schema-conforming and a few schema-violating requests from a
signed-in athlete with an active program (bounded, derandomized; marked slow). The cases
come from `APIOperation.as_strategy` under Hypothesis: schemathesis's own pytest plugin
cannot run lazily-loaded schemas under pytest 9 (it writes a private pytest attribute).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from redwood.web.app import create_app
from tests.web.client import PLAN, Api

pytestmark = pytest.mark.slow

EXAMPLES = 10
UNWALKED = {("POST", "/api/v1/auth/logout"), ("DELETE", "/api/v1/account")}
"""They would sign the fuzzing athlete out; tests/web/api/test_accounts.py covers them."""


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
        if response.status_code >= 400:
            error = response.json()["error"]
            assert set(error) == {"field", "message"}, error
            assert error["message"], error

    try:
        run()
    except Unsatisfiable:
        # An operation with no parameters and no body has no invalid input to make.
        assert mode is GenerationMode.NEGATIVE, (operation.method, operation.path)


def test_no_input_makes_the_api_fail(db_url: str) -> None:
    app = create_app(db_url)
    with TestClient(app) as client:
        athlete = Api(client, db_url).signup("Fuzz")
        client.post("/api/v1/plan", headers=athlete.headers, json={**PLAN, "activate": True})
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
    assert len(walked) >= 20
    assert any(line.endswith((" 200", " 201")) for line in seen)
    assert sum(line.endswith(" 422") for line in seen) > len(walked)
