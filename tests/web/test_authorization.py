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
from pathlib import Path
from typing import Any

from tests.web.client import PASSWORD, PLAN, Api, Athlete, own_exercise

PUBLIC = {
    ("get", "/api/v1/health"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
}
DENIED = {403, 404}
YAML = {"Content-Type": "application/yaml"}


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
    spare_file = api.client.get(f"/api/v1/programs/{spare['id']}/file", headers=ana.headers)
    return {
        "program": first["id"],
        "spare": spare["id"],
        "planned": today["session"]["planned_session_id"],
        "set": logged["id"],
        "session": logged["session"],
        "file": spare_file.text,
        "exercise": own_exercise(api, ana, "Ana's Secret Squat"),
        **_coach_of(api, ana),
        "import": _import_of(api, ana),
        "token": api.client.get("/api/v1/tokens", headers=ana.headers).json()["items"][0]["id"],
    }


STRONG = Path(__file__).parents[1] / "io" / "importers" / "fixtures" / "strong_s1.csv"


def _import_of(api: Api, ana: Athlete) -> int:
    """Give A an import of a Strong file (and so its sessions, sets and custom exercises)."""
    upload = {"file": ("strong.csv", STRONG.read_bytes(), "text/csv")}
    made = api.client.post("/api/v1/imports", headers=ana.headers, files=upload)
    assert made.status_code == 201, made.text
    import_id: int = made.json()["import"]
    return import_id


def _coach_of(api: Api, ana: Athlete) -> dict[str, Any]:
    """Give A a coach (C, through a code now used) and an open invite."""
    coach = api.signup("Cy")
    code = api.client.post("/api/v1/coach/invites", headers=ana.headers).json()["code"]
    api.client.post("/api/v1/coach/accept", headers=coach.headers, json={"code": code})
    invite = api.client.post("/api/v1/coach/invites", headers=ana.headers).json()["id"]
    return {"coach": coach.id, "used_code": code, "invite": invite}


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
            f"/api/v1/programs/{ids['spare']}/file?format=json",
            "/api/v1/sessions",
            f"/api/v1/sessions/{ids['session']}",
            f"/api/v1/exercises/{ids['exercise']}",
            "/api/v1/exercises?q=secret",
            "/api/v1/coaches",
            "/api/v1/coach/invites",
            "/api/v1/imports",
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
    session_path = {"session_id": ids["session"]}
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
        # Program files, performed sessions and the exercise library (A's own exercise).
        ("get", "/api/v1/programs/{program_id}/file"): [{"path": program_path, "status": DENIED}],
        ("put", "/api/v1/programs/{program_id}"): [
            {"path": program_path, "content": ids["file"], "headers": YAML, "status": DENIED},
            {"path": {"program_id": ids["program"]}, "json": {"weeks": []}, "status": DENIED},
        ],
        ("get", "/api/v1/sessions/{session_id}"): [{"path": session_path, "status": DENIED}],
        ("patch", "/api/v1/sessions/{session_id}"): [
            {"path": session_path, "json": {"notes": "mine", "finished": True}, "status": DENIED}
        ],
        ("delete", "/api/v1/sessions/{session_id}"): [{"path": session_path, "status": DENIED}],
        ("get", "/api/v1/exercises/{exercise_id}"): [
            {"path": {"exercise_id": ids["exercise"]}, "status": DENIED}
        ],
        **_coach_probes(ids, ana),
        # Imports: B's upload of a file named like A's, with replace, is B's alone.
        ("post", "/api/v1/imports"): [
            {
                "files": {"file": ("strong.csv", STRONG.read_bytes(), "text/csv")},
                "data": {"replace": "true"},
                "status": {201},
            }
        ],
        ("delete", "/api/v1/imports/{import_id}"): [
            {"path": {"import_id": ids["import"]}, "status": DENIED}
        ],
        # Signing A's device out: not found for B (and A's token keeps working below).
        ("delete", "/api/v1/tokens/{token_id}"): [
            {"path": {"token_id": ids["token"]}, "status": DENIED}
        ],
    }


def _coach_probes(ids: dict[str, Any], ana: Athlete) -> dict[tuple[str, str], list[Any]]:
    """The coach routes: B is no coach of A's, cannot redeem A's used code, and cannot end
    A's invite or A's coach."""
    athlete = "/api/v1/coach/athletes/{athlete_id}"
    of_ana = {"athlete_id": ana.id}
    program = {**of_ana, "program_id": ids["spare"]}
    reads = ["", "/programs", "/programs/active", "/sets", "/sessions", "/today", "/status"]
    reads += ["/review", "/progress", "/charts/e1rm", "/charts/volume"]
    probes: dict[tuple[str, str], list[Any]] = {
        ("get", athlete + route): [{"path": of_ana, "status": DENIED}] for route in reads
    }
    return probes | {
        ("delete", athlete): [{"path": of_ana, "status": DENIED}],
        ("get", athlete + "/programs/{program_id}"): [{"path": program, "status": DENIED}],
        ("get", athlete + "/programs/{program_id}/file"): [{"path": program, "status": DENIED}],
        ("put", athlete + "/programs/{program_id}"): [
            {"path": program, "content": ids["file"], "headers": YAML, "status": DENIED}
        ],
        ("get", athlete + "/sets/{set_id}"): [
            {"path": {**of_ana, "set_id": ids["set"]}, "status": DENIED}
        ],
        ("get", athlete + "/sessions/{session_id}"): [
            {"path": {**of_ana, "session_id": ids["session"]}, "status": DENIED}
        ],
        ("post", "/api/v1/coach/accept"): [
            {"json": {"code": ids["used_code"]}, "status": {409}},
            {"json": {"code": "RW-0000-0000"}, "status": {404}},
        ],
        ("delete", "/api/v1/coach/invites/{invite_id}"): [
            {"path": {"invite_id": ids["invite"]}, "status": DENIED}
        ],
        ("delete", "/api/v1/coaches/{coach_id}"): [
            {"path": {"coach_id": ids["coach"]}, "status": DENIED}
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
            headers = {**bo.headers, **request.get("headers", {})}
            answer = api.client.request(
                method,
                url,
                headers=headers,
                json=request.get("json"),
                content=request.get("content"),
                files=request.get("files"),
                data=request.get("data"),
            )
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
            url = url.replace("{session_id}", str(uuid.uuid4())).replace("{exercise_id}", "squat")
            for name in ("athlete_id", "coach_id", "invite_id", "import_id"):
                url = url.replace(f"{{{name}}}", "1")
            answer = api.client.request(method, url, json={})
            if (method, path) in PUBLIC:
                assert answer.status_code != 401, (method, path)
            else:
                assert answer.status_code == 401, (method, path, answer.text)
                assert answer.json()["error"]["field"] == "authorization"


# ---- analytics (progress, review, charts, backtest) --------------------------------------

ANALYTICS = {
    "/api/v1/progress": {},
    "/api/v1/review": {},
    "/api/v1/charts/e1rm": {"exercise": "squat"},
    "/api/v1/charts/volume": {"muscle": "quads"},
    "/api/v1/backtest": {},
}
"""Every analytics route, with the query that would show A's squats to anyone who could."""
SHOWS_TODAY = {"/api/v1/progress", "/api/v1/charts/e1rm", "/api/v1/charts/volume"}


def test_analytics_read_only_the_signed_in_athletes_log(api: Api) -> None:
    """B sees exactly what an athlete with an empty log sees, whatever A logged."""
    ana = api.signup("Ana")
    for load in (100, 105):
        logged = api.client.post(
            "/api/v1/sets",
            headers=ana.headers,
            json={"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": load},
        )
        assert logged.status_code == 201, logged.text
    bo, empty = api.signup("Bo"), api.signup("Cy")
    document = api.client.get("/openapi.json").json()
    tagged = {
        path
        for path, item in document["paths"].items()
        for operation in item.values()
        if "analytics" in operation.get("tags", [])
    }
    assert tagged == set(ANALYTICS), "probe every analytics route"
    for path, params in ANALYTICS.items():
        mine, theirs, nobody = (
            api.client.get(path, headers=who.headers, params=params) for who in (ana, bo, empty)
        )
        assert mine.status_code == theirs.status_code == nobody.status_code == 200, path
        assert theirs.content == nobody.content, path
        if path in SHOWS_TODAY:
            assert mine.content != theirs.content, path
    shown = api.client.get("/api/v1/progress", headers=ana.headers).json()
    assert [lift["exercise"] for lift in shown["lifts"]] == ["barbell-back-squat"]
