"""Programs over HTTP: plan from a profile (the DESIGN.md contract), store, list, read,
activate; profile faults answer 422 naming the field; today and status are the documents
the services (and the CLI) give."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from redwood.cli.output import to_json
from redwood.services import coaching, planning
from redwood.services.identity import acting_as
from tests.web.client import PLAN, Api


def test_plan_answers_the_program_contract_and_stores_it(api: Api) -> None:
    ana = api.signup("Ana")
    answer = api.client.post("/api/v1/plan", headers=ana.headers, json=PLAN)
    assert answer.status_code == 201, answer.text
    program = answer.json()
    assert program["schema"] == "redwood.program/1"
    assert program["profile"]["days_per_week"] == 2
    assert program["profile"]["goal"] == "general"
    assert len(program["weeks"]) == 4
    assert {week["kind"] for week in program["weeks"]} <= {"build", "deload"}
    first = program["weeks"][0]["sessions"][0]
    assert {"weekday", "title", "regions", "estimated_minutes", "blocks"} <= set(first)
    exercise = first["blocks"][0]["exercises"][0]
    assert {"exercise", "sets", "reps_min", "reps_max", "rir", "rest_seconds"} <= set(exercise)
    assert isinstance(program["warnings"], list)
    assert program["rationale"]
    assert program["active"] is False
    # The same profile and seed give the same program as the service (deterministic).
    expected = planning.plan(planning.PlanOptions(**PLAN)).to_dict()
    assert {k: v for k, v in program.items() if k not in {"id", "active"}} == expected
    listed = api.client.get("/api/v1/programs", headers=ana.headers).json()
    assert [p["id"] for p in listed] == [program["id"]]
    stored = api.client.get(f"/api/v1/programs/{program['id']}", headers=ana.headers).json()
    assert stored["document"]["weeks"] == program["weeks"]
    assert stored["active"] is False


def test_activate_and_read_the_active_program(api: Api) -> None:
    ana = api.signup("Ana")
    assert api.client.get("/api/v1/programs/active", headers=ana.headers).status_code == 404
    first = api.client.post("/api/v1/plan", headers=ana.headers, json=PLAN).json()
    second = api.client.post(
        "/api/v1/plan", headers=ana.headers, json={**PLAN, "seed": 3, "activate": True}
    ).json()
    assert second["active"] is True
    active = api.client.get("/api/v1/programs/active", headers=ana.headers).json()
    assert active["id"] == second["id"]
    switched = api.client.post(
        f"/api/v1/programs/{first['id']}/activate",
        headers=ana.headers,
        json={"starts_on": "2026-11-04"},
    )
    assert switched.status_code == 200, switched.text
    assert switched.json()["starts_on"] == "2026-11-02"  # the Monday of that week
    assert (
        api.client.get("/api/v1/programs/active", headers=ana.headers).json()["id"] == first["id"]
    )
    nowhere = api.client.post("/api/v1/programs/99999/activate", headers=ana.headers)
    assert nowhere.status_code == 404
    assert nowhere.json()["error"]["field"] == "program"


def test_a_profile_without_a_solution_or_with_a_bad_field_is_refused(api: Api) -> None:
    ana = api.signup("Ana")
    cases: list[tuple[dict[str, Any], str]] = [
        ({**PLAN, "minutes": 500}, "minutes"),
        ({**PLAN, "goal": "bulk"}, "goal"),
        ({**PLAN, "equipment": ["laser"]}, "equipment.0"),
        ({**PLAN, "template": "nope"}, "template"),
        ({**PLAN, "favourites": ["no such exercise at all"]}, "favourites"),
        ({**PLAN, "bodyweight": "heavy"}, "bodyweight"),
        ({k: v for k, v in PLAN.items() if k != "goal"}, "goal"),
        ({**PLAN, "colour": "red"}, "colour"),
    ]
    for body, field in cases:
        answer = api.client.post("/api/v1/plan", headers=ana.headers, json=body)
        assert 400 <= answer.status_code < 500, (body, answer.text)
        assert answer.json()["error"]["field"] == field, (body, answer.json())
    assert api.client.get("/api/v1/programs", headers=ana.headers).json() == []


def test_today_is_the_redwood_today_json_document(api: Api) -> None:
    ana = api.signup("Ana")
    assert api.client.get("/api/v1/today", headers=ana.headers).status_code == 422
    api.client.post("/api/v1/plan", headers=ana.headers, json={**PLAN, "activate": True})
    program = api.client.get("/api/v1/programs/active", headers=ana.headers).json()
    first = program["starts_on"]
    answer = api.client.get("/api/v1/today", headers=ana.headers, params={"date": first})
    assert answer.status_code == 200, answer.text
    with acting_as(ana.id):
        expected = json.loads(to_json(coaching.today(date.fromisoformat(first), url=api.url)))
    assert answer.json() == expected
    assert answer.json()["date"] == first


def test_status_follows_the_log(api: Api) -> None:
    ana = api.signup("Ana")
    api.client.post(
        "/api/v1/sets",
        headers=ana.headers,
        json={"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 100,
              "date": "2026-11-02"},
    )  # fmt: skip
    status = api.client.get("/api/v1/status", headers=ana.headers, params={"date": "2026-11-03"})
    assert status.status_code == 200
    assert status.json()["last_session"]["date"] == "2026-11-02"
    assert status.json()["date"] == "2026-11-03"
    bo = api.signup("Bo")
    theirs = api.client.get("/api/v1/status", headers=bo.headers, params={"date": "2026-11-03"})
    assert theirs.json()["last_session"] is None
