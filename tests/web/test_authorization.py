"""The authorization walk: every route of the OpenAPI document, called by athlete B against
athlete A's resources, reads and changes nothing of A's. SQLite and PostgreSQL.

Routes with a path parameter get A's ids (a set, a program) and must answer 404 or 403;
routes with a body get A's ids wherever a body can name one (a set id, a session, a planned
session) and must answer 404 or 403 too; bodies that name nothing of anyone's (a plan, a
check-in, settings) change B's data only. Every route is listed in PROBES, so a new route
fails this test until it is walked. Before and after, A's whole state is read through the
API: it must not have changed. Every route but health, register and login wants a token.
"""

from __future__ import annotations

import uuid
from typing import Any

from tests.web.client import PASSWORD, PLAN, Api, Athlete

PUBLIC = {
    ("get", "/api/v1/health"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
}
DENIED = {403, 404}


def _resources(api: Api, ana: Athlete) -> dict[str, Any]:
    """Give A a program (active), another one, sets, a check-in, a bodyweight, settings."""
    post = api.client.post
    first = post("/api/v1/plan", headers=ana.headers, json={**PLAN, "activate": True}).json()
    spare = post("/api/v1/plan", headers=ana.headers, json={**PLAN, "seed": 7}).json()
    starts = api.client.get("/api/v1/programs/active", headers=ana.headers).json()["starts_on"]
    today = api.client.get("/api/v1/today", headers=ana.headers, params={"date": starts}).json()
    logged = post(
        "/api/v1/sets",
        headers=ana.headers,
        json={"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 100},
    ).json()
    post("/api/v1/checkins", headers=ana.headers, json={"sleep_hours": 8, "energy": 4})
    post("/api/v1/bodyweights", headers=ana.headers, json={"kg": 80})
    api.client.patch("/api/v1/settings", headers=ana.headers, json={"unit": "lb", "cap": 4})
    return {
        "program": first["id"],
        "spare": spare["id"],
        "planned": today["session"]["planned_session_id"],
        "set": logged["id"],
        "session": logged["session"],
    }


def _state(api: Api, ana: Athlete, ids: dict[str, Any]) -> dict[str, Any]:
    """Everything of A's the API can show."""
    get = api.client.get
    state = {
        path: get(path, headers=ana.headers).json()
        for path in (
            "/api/v1/account",
            "/api/v1/settings",
            "/api/v1/programs",
            "/api/v1/programs/active",
            "/api/v1/checkins",
            "/api/v1/bodyweights",
            "/api/v1/sets?limit=500",
            f"/api/v1/sets/{ids['set']}",
            f"/api/v1/programs/{ids['spare']}",
            "/api/v1/status?date=2026-11-03",
        )
    }
    assert all("error" not in value for value in state.values() if isinstance(value, dict))
    return state


def _probes(ids: dict[str, Any], ana: Athlete) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """For each route: the requests B makes, with the statuses allowed."""
    new = lambda **extra: {  # noqa: E731
        "id": str(uuid.uuid4()), "exercise": "back squat", "reps": 3, "load_kg": 50, **extra
    }  # fmt: skip
    set_path = {"set_id": ids["set"]}
    program_path = {"program_id": ids["spare"]}
    return {
        ("get", "/api/v1/sets/{set_id}"): [{"path": set_path, "status": DENIED}],
        ("patch", "/api/v1/sets/{set_id}"): [
            {"path": set_path, "json": {"reps": 1, "note": "mine now"}, "status": DENIED}
        ],
        ("delete", "/api/v1/sets/{set_id}"): [{"path": set_path, "status": DENIED}],
        ("get", "/api/v1/programs/{program_id}"): [{"path": program_path, "status": DENIED}],
        ("post", "/api/v1/programs/{program_id}/activate"): [
            {"path": program_path, "json": {"starts_on": "2026-11-02"}, "status": DENIED},
            {"path": {"program_id": ids["program"]}, "status": DENIED},
        ],
        ("post", "/api/v1/sets"): [
            {"json": {**new(), "id": ids["set"]}, "status": DENIED},
            {"json": new(session=ids["session"]), "status": DENIED},
            {"json": new(planned_session_id=ids["planned"]), "status": DENIED},
            {"json": new(), "status": {201}},
        ],
        ("post", "/api/v1/plan"): [{"json": {**PLAN, "activate": True}, "status": {201}}],
        ("patch", "/api/v1/settings"): [
            {"json": {"unit": "kg", "cap": 2, "timezone": "Asia/Tokyo"}, "status": {200}}
        ],
        ("post", "/api/v1/checkins"): [
            {"json": {"soreness": 5, "pain": ["knee"]}, "status": {201}}
        ],
        ("post", "/api/v1/bodyweights"): [{"json": {"kg": 99}, "status": {201}}],
        ("post", "/api/v1/auth/register"): [
            {"json": {"email": ana.email, "password": PASSWORD, "name": "B"}, "status": {409}}
        ],
        ("post", "/api/v1/auth/login"): [
            {"json": {"email": ana.email, "password": "not her password"}, "status": {401}}
        ],
    }


def _has_input(operation: dict[str, Any]) -> bool:
    in_path = any(p.get("in") == "path" for p in operation.get("parameters", []))
    return in_path or "requestBody" in operation


def test_athlete_b_reads_and_changes_nothing_of_athlete_a(api: Api) -> None:
    ana = api.signup("Ana")
    ids = _resources(api, ana)
    bo = api.signup("Bo")
    before = _state(api, ana, ids)
    document = api.client.get("/openapi.json").json()
    operations = {
        (method, path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    probes = _probes(ids, ana)
    with_input = {route for route, operation in operations.items() if _has_input(operation)}
    assert with_input == set(probes), "walk every route with a path parameter or a body"
    for (method, path), requests in probes.items():
        for request in requests:
            url = path.format(**request.get("path", {}))
            answer = api.client.request(method, url, headers=bo.headers, json=request.get("json"))
            assert answer.status_code in request["status"], (method, url, answer.text)
            assert answer.status_code < 500
            if answer.status_code >= 400:
                assert set(answer.json()["error"]) == {"field", "message"}
    # The routes without input act on B alone; call them too (the destructive ones last).
    last = [("post", "/api/v1/auth/logout"), ("delete", "/api/v1/account")]
    rest = sorted(set(operations) - with_input - set(last)) + last
    for method, path in rest:
        answer = api.client.request(method, path, headers=bo.headers)
        assert answer.status_code < 500, (method, path, answer.text)
    assert _state(api, ana, ids) == before


def test_every_route_but_the_public_ones_wants_a_token(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    for path, item in document["paths"].items():
        for method in item:
            url = path.replace("{set_id}", str(uuid.uuid4())).replace("{program_id}", "1")
            answer = api.client.request(method, url, json={})
            if (method, path) in PUBLIC:
                assert answer.status_code != 401, (method, path)
            else:
                assert answer.status_code == 401, (method, path, answer.text)
                assert answer.json()["error"]["field"] == "authorization"
