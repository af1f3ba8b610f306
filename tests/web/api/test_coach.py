"""The coach role over HTTP, on SQLite and PostgreSQL: an athlete's code makes a coach; the
coach reads the athlete's programs, log, today and status exactly as the athlete does and
edits the program; a coach cannot log, edit or delete sets, nor reach anyone else; a revoked
link, a used, expired or unknown code are refused with the error shape."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from redwood.services import coach_access
from redwood.services.identity import acting_as
from tests.web.client import PLAN, Api, Athlete

DAYS = ("2026-11-02", "2026-11-04", "2026-11-06")


def _invite(api: Api, athlete: Athlete) -> str:
    made = api.client.post("/api/v1/coach/invites", headers=athlete.headers)
    assert made.status_code == 201, made.text
    code: str = made.json()["code"]
    return code


def _accept(api: Api, coach: Athlete, code: str) -> Any:
    return api.client.post("/api/v1/coach/accept", headers=coach.headers, json={"code": code})


def _coached(api: Api) -> tuple[Athlete, Athlete, dict[str, Any]]:
    """Ana, with an active program, a spare one and a log, coached by Cy."""
    ana, cy = api.signup("Ana"), api.signup("Cy")
    post = api.client.post
    active = post("/api/v1/plan", headers=ana.headers, json={**PLAN, "activate": True}).json()
    spare = post("/api/v1/plan", headers=ana.headers, json={**PLAN, "seed": 5}).json()
    sets = []
    for day in DAYS:
        for exercise in ("back squat", "pull-up"):
            body = {"id": str(uuid.uuid4()), "date": day, "exercise": exercise, "reps": 5}
            logged = post("/api/v1/sets", headers=ana.headers, json={**body, "load_kg": 80})
            assert logged.status_code == 201, logged.text
            sets.append(logged.json()["id"])
            session = logged.json()["session"]
    accepted = _accept(api, cy, _invite(api, ana))
    assert accepted.status_code == 200, accepted.text
    ids = {"program": active["id"], "spare": spare["id"], "sets": sets, "session": session}
    return ana, cy, ids


def test_an_invite_code_makes_a_coach_both_sides_can_see(api: Api) -> None:
    ana, cy = api.signup("Ana"), api.signup("Cy")
    made = api.client.post("/api/v1/coach/invites", headers=ana.headers).json()
    assert made["code"].startswith("RW-")
    listed = api.client.get("/api/v1/coach/invites", headers=ana.headers).json()
    assert listed == [{k: v for k, v in made.items() if k != "code"}]
    accepted = _accept(api, cy, made["code"].lower().replace("-", " "))
    assert accepted.status_code == 200, accepted.text
    athlete = accepted.json()
    assert (athlete["id"], athlete["name"], athlete["active_program"]) == (ana.id, "Ana", None)
    assert api.client.get("/api/v1/coach/athletes", headers=cy.headers).json() == [athlete]
    one = api.client.get(f"/api/v1/coach/athletes/{ana.id}", headers=cy.headers)
    assert one.json() == athlete
    coaches = api.client.get("/api/v1/coaches", headers=ana.headers).json()
    assert [(c["id"], c["name"], c["email"]) for c in coaches] == [(cy.id, "Cy", cy.email)]
    assert api.client.get("/api/v1/coach/invites", headers=ana.headers).json() == []
    # The link goes one way: Ana does not coach Cy.
    assert api.client.get("/api/v1/coach/athletes", headers=ana.headers).json() == []
    assert api.client.get("/api/v1/coaches", headers=cy.headers).json() == []


def test_the_coach_sees_the_athletes_programs_log_today_and_status(api: Api) -> None:
    ana, cy, ids = _coached(api)
    mine, coach = "/api/v1", f"/api/v1/coach/athletes/{ana.id}"
    pairs = [
        ("/programs", {}),
        ("/programs/active", {}),
        (f"/programs/{ids['spare']}", {}),
        ("/sets", {"limit": 500}),
        ("/sets", {"exercise": "squat", "from": DAYS[1], "to": DAYS[2]}),
        (f"/sets/{ids['sets'][0]}", {}),
        ("/sessions", {"from": DAYS[1]}),
        (f"/sessions/{ids['session']}", {}),
        ("/today", {"date": DAYS[1]}),
        ("/status", {"date": DAYS[2]}),
        ("/review", {"end": DAYS[2], "weeks": 2}),
        ("/progress", {"end": DAYS[2]}),
        ("/charts/e1rm", {"exercise": "back squat"}),
        ("/charts/volume", {"muscle": "quads", "end": DAYS[2]}),
    ]
    for path, params in pairs:
        theirs = api.client.get(mine + path, headers=ana.headers, params=params)
        seen = api.client.get(coach + path, headers=cy.headers, params=params)
        assert theirs.status_code == 200, theirs.text
        assert (seen.status_code, seen.content) == (200, theirs.content), path
        assert seen.headers["content-type"] == theirs.headers["content-type"]
    history = api.client.get(f"{coach}/sets", headers=cy.headers, params={"limit": 500}).json()
    assert len(history["items"]) == 6
    filtered = api.client.get(
        f"{coach}/sets", headers=cy.headers, params={"exercise": "squat", "from": DAYS[1]}
    ).json()
    assert [s["date"] for s in filtered["items"]] == [DAYS[2], DAYS[1]]
    # Keyset pages walk the same log, newest first, without repeats.
    walked, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 4} | ({"cursor": cursor} if cursor else {})
        page = api.client.get(f"{coach}/sets", headers=cy.headers, params=params).json()
        walked += [s["id"] for s in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert walked == [s["id"] for s in history["items"]]
    listed = api.client.get("/api/v1/coach/athletes", headers=cy.headers).json()
    assert listed[0]["last_session_on"] == DAYS[2]
    assert listed[0]["active_program"]["id"] == ids["program"]


def test_the_coach_edits_the_athletes_program(api: Api) -> None:
    ana, cy, ids = _coached(api)
    path = f"/api/v1/coach/athletes/{ana.id}/programs/{ids['program']}"
    document = api.client.get(path, headers=cy.headers).json()["document"]
    edited = copy.deepcopy(document)
    edited["weeks"][0]["sessions"][0]["title"] = "Cy's leg day"
    saved = api.client.put(path, headers=cy.headers, json=edited)
    assert saved.status_code == 200, saved.text
    assert saved.json()["id"] == ids["program"]
    theirs = api.client.get(f"/api/v1/programs/{ids['program']}", headers=ana.headers).json()
    assert theirs == saved.json()
    assert theirs["document"]["weeks"][0]["sessions"][0]["title"] == "Cy's leg day"
    assert theirs["active"] is True
    # A document that would not import is refused naming where, and nothing changes.
    broken = copy.deepcopy(edited)
    broken["weeks"][0]["sessions"][0]["blocks"][0]["exercises"][0]["exercise"] = "moon squat"
    refused = api.client.put(path, headers=cy.headers, json=broken)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["field"].startswith("weeks[0].sessions[0].blocks[0]")
    assert "moon squat" in refused.json()["error"]["message"]
    assert refused.json()["problems"][0]["location"] == refused.json()["error"]["field"]
    shapeless = api.client.put(path, headers=cy.headers, json={"schema": "redwood.program/1"})
    assert shapeless.status_code == 422
    again = api.client.get(f"/api/v1/programs/{ids['program']}", headers=ana.headers).json()
    assert again == theirs
    # The commented YAML file works too, as it does for the athlete.
    yaml_file = api.client.get(f"{path}/file", headers=cy.headers)
    assert yaml_file.status_code == 200, yaml_file.text
    assert (
        yaml_file.text
        == api.client.get(f"/api/v1/programs/{ids['program']}/file", headers=ana.headers).text
    )
    retitled = yaml_file.text.replace("Cy's leg day", "Cy's squat day", 1)
    assert retitled != yaml_file.text
    put = api.client.put(
        path, headers={**cy.headers, "Content-Type": "application/yaml"}, content=retitled
    )
    assert put.status_code == 200, put.text
    assert put.json()["document"]["weeks"][0]["sessions"][0]["title"] == "Cy's squat day"
    missing = api.client.put(
        f"/api/v1/coach/athletes/{ana.id}/programs/99999", headers=cy.headers, json=edited
    )
    assert (missing.status_code, missing.json()["error"]["field"]) == (404, "program")


def _everything_of(api: Api, ana: Athlete, ids: dict[str, Any]) -> dict[str, Any]:
    paths = ("/settings", "/programs", "/sets?limit=500", "/account", "/checkins", "/sessions")
    state = {p: api.client.get(f"/api/v1{p}", headers=ana.headers).json() for p in paths}
    state["spare"] = api.client.get(f"/api/v1/programs/{ids['spare']}", headers=ana.headers).json()
    return state


def test_a_coach_cannot_log_edit_or_delete_sets_or_touch_settings(api: Api) -> None:
    ana, cy, ids = _coached(api)
    before = _everything_of(api, ana, ids)
    coach = f"/api/v1/coach/athletes/{ana.id}"
    a_set = ids["sets"][0]
    new = {"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 1, "load_kg": 200}
    for method, path, body in [
        ("post", f"{coach}/sets", new),
        ("patch", f"{coach}/sets/{a_set}", {"reps": 1}),
        ("delete", f"{coach}/sets/{a_set}", None),
        ("post", f"{coach}/undo", None),
        ("patch", f"{coach}/settings", {"unit": "lb"}),
        ("post", f"{coach}/programs/{ids['spare']}/activate", None),
        ("delete", f"{coach}/programs/{ids['spare']}", None),
        ("delete", f"{coach}/account", None),
        ("patch", f"{coach}/sessions/{ids['session']}", {"notes": "from the coach"}),
        ("delete", f"{coach}/sessions/{ids['session']}", None),
    ]:
        answer = api.client.request(method, path, headers=cy.headers, json=body)
        assert answer.status_code in {404, 405}, (method, path, answer.text)
        assert set(answer.json()["error"]) == {"field", "message"}
    # Cy's own routes act on Cy: Ana's set is not found, and what Cy logs is Cy's.
    assert (
        api.client.patch(f"/api/v1/sets/{a_set}", headers=cy.headers, json={"reps": 1}).status_code
        == 404
    )
    assert api.client.delete(f"/api/v1/sets/{a_set}", headers=cy.headers).status_code == 404
    assert api.client.post("/api/v1/sets", headers=cy.headers, json=new).status_code == 201
    assert api.client.post("/api/v1/undo", headers=cy.headers).status_code == 200
    assert _everything_of(api, ana, ids) == before


def test_a_coach_reaches_no_other_athlete_and_no_one_after_the_link_ends(api: Api) -> None:
    ana, cy, ids = _coached(api)
    bo = api.signup("Bo")
    api.client.post("/api/v1/plan", headers=bo.headers, json={**PLAN, "activate": True})
    routes = ["", "/programs", "/programs/active", "/sets", "/sessions", "/today", "/review"]

    def refused(coach: Athlete, athlete_id: int) -> None:
        for route in routes:
            path = f"/api/v1/coach/athletes/{athlete_id}{route}"
            answer = api.client.get(path, headers=coach.headers)
            assert answer.status_code == 404, (path, answer.text)
            assert answer.json()["error"] == {
                "field": "athlete_id",
                "message": f"athlete_id: you coach no athlete {athlete_id}",
            }

    refused(cy, bo.id)  # a third athlete
    refused(cy, 99999)  # ...answers exactly like one who does not exist
    refused(cy, cy.id)  # and so does oneself
    refused(bo, ana.id)  # a stranger gets nothing of Ana's
    assert api.client.delete(f"/api/v1/coaches/{cy.id}", headers=bo.headers).status_code == 404
    assert (
        api.client.delete(f"/api/v1/coach/athletes/{ana.id}", headers=bo.headers).status_code == 404
    )
    program = f"/api/v1/coach/athletes/{ana.id}/programs/{ids['program']}"
    assert api.client.get(program, headers=cy.headers).status_code == 200
    # Ana revokes Cy: every coach route answers 404 at once.
    assert api.client.delete(f"/api/v1/coaches/{cy.id}", headers=ana.headers).status_code == 204
    refused(cy, ana.id)
    assert api.client.get(program, headers=cy.headers).status_code == 404
    assert api.client.get("/api/v1/coach/athletes", headers=cy.headers).json() == []
    again = api.client.delete(f"/api/v1/coaches/{cy.id}", headers=ana.headers)
    assert (again.status_code, again.json()["error"]["field"]) == (404, "coach_id")
    # A new code brings Cy back; Cy may also leave.
    assert _accept(api, cy, _invite(api, ana)).status_code == 200
    assert api.client.get(program, headers=cy.headers).status_code == 200
    assert (
        api.client.delete(f"/api/v1/coach/athletes/{ana.id}", headers=cy.headers).status_code == 204
    )
    refused(cy, ana.id)
    assert api.client.get("/api/v1/coaches", headers=ana.headers).json() == []


def test_used_expired_own_unknown_and_malformed_codes_are_refused(api: Api) -> None:
    ana, bo, cy = api.signup("Ana"), api.signup("Bo"), api.signup("Cy")
    code = _invite(api, ana)
    with acting_as(ana.id):
        old = coach_access.create_invite(url=api.url, now=datetime.now(UTC) - timedelta(days=8))
    cases = [
        (ana, code, 422, "your own invite code"),
        (bo, old["code"], 409, "expired on"),
        (bo, "RW-0000-0000", 404, "no invite has this code"),
        (bo, "RW-1234", 422, "expected an invite code such as RW-7KQ4-9XZM"),
    ]
    for who, typed, status, message in cases:
        answer = _accept(api, who, typed)
        assert answer.status_code == status, answer.text
        assert answer.json()["error"]["field"] == "code"
        assert message in answer.json()["error"]["message"]
    assert _accept(api, cy, code).status_code == 200
    used = _accept(api, bo, code)
    assert used.status_code == 409
    assert "already used" in used.json()["error"]["message"]
    assert _accept(api, cy, code).status_code == 200  # Cy's own retry is fine
    empty = api.client.post("/api/v1/coach/accept", headers=bo.headers, json={"code": ""})
    assert (empty.status_code, empty.json()["error"]["field"]) == (422, "code")
    assert [c["id"] for c in api.client.get("/api/v1/coaches", headers=ana.headers).json()] == [
        cy.id
    ]


def test_guessing_codes_is_limited_and_invites_can_be_withdrawn(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    made = api.client.post("/api/v1/coach/invites", headers=ana.headers).json()
    for _ in range(coach_access.GUESS_FAILURES):
        assert _accept(api, bo, "RW-0000-0000").status_code == 404
    limited = _accept(api, bo, made["code"])
    assert limited.status_code == 429
    assert 0 < int(limited.headers["Retry-After"]) <= 15 * 60 + 1
    assert limited.json()["error"]["field"] == "code"
    # Ana withdraws the invite: its code stops working, for anyone.
    path = f"/api/v1/coach/invites/{made['id']}"
    assert api.client.delete(path, headers=bo.headers).status_code == 404
    assert api.client.delete(path, headers=ana.headers).status_code == 204
    assert api.client.delete(path, headers=ana.headers).status_code == 404
    cy = api.signup("Cy")
    assert _accept(api, cy, made["code"]).status_code == 404
