"""Sets over HTTP: idempotent creation by client UUID, keyset pages with filters, read,
edit, delete and undo, and another athlete's set answering exactly like a missing one."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

from redwood.services.database import engine_for
from tests.web.client import Api, Athlete


def _log(api: Api, who: Athlete, **fields: Any) -> Any:
    body = {"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 100}
    body.update(fields)
    return api.client.post("/api/v1/sets", headers=who.headers, json=body)


def _rows(api: Api) -> int:
    with engine_for(api.url).connect() as connection:
        return int(connection.execute(text("SELECT COUNT(*) FROM sets")).scalar_one())


def test_the_same_uuid_twice_is_201_then_200_and_one_row(api: Api) -> None:
    ana = api.signup("Ana")
    set_id = str(uuid.uuid4())
    first = _log(api, ana, id=set_id, rpe=8, date="2026-11-02", note="quick")
    assert first.status_code == 201, first.text
    stored = first.json()
    assert (stored["id"], stored["exercise"], stored["reps"]) == (set_id, "barbell-back-squat", 5)
    assert (stored["load_kg"], stored["rpe"], stored["date"]) == (100, 8, "2026-11-02")
    assert stored["load"] == "100 kg"
    retry = _log(api, ana, id=set_id, rpe=8, date="2026-11-02", note="quick")
    assert retry.status_code == 200
    assert retry.json() == stored
    # A retry with other values still answers the stored set.
    changed = _log(api, ana, id=set_id, reps=9, load_kg=20)
    assert changed.status_code == 200
    assert changed.json() == stored
    assert _rows(api) == 1


def test_a_deleted_set_is_not_brought_back_by_a_replay(api: Api) -> None:
    ana = api.signup("Ana")
    set_id = _log(api, ana).json()["id"]
    assert api.client.delete(f"/api/v1/sets/{set_id}", headers=ana.headers).status_code == 200
    replay = _log(api, ana, id=set_id)
    assert replay.status_code == 200
    assert replay.json()["deleted"] is True
    assert api.client.get(f"/api/v1/sets/{set_id}", headers=ana.headers).status_code == 404


def test_pages_are_newest_first_with_a_cursor_and_filters(api: Api) -> None:
    ana = api.signup("Ana")
    for day in ("2026-11-02", "2026-11-04", "2026-11-06"):
        for reps in (5, 4):
            assert _log(api, ana, date=day, reps=reps).status_code == 201
    assert _log(api, ana, date="2026-11-04", exercise="pull-up", load_kg=None).status_code == 201
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = api.client.get("/api/v1/sets", headers=ana.headers, params=params).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 7
    assert len({s["id"] for s in seen}) == 7
    assert [s["performed_at"] for s in seen] == sorted(
        (s["performed_at"] for s in seen), reverse=True
    )
    window = api.client.get(
        "/api/v1/sets",
        headers=ana.headers,
        params={"from": "2026-11-03", "to": "2026-11-04", "exercise": "squat"},
    ).json()
    assert [(s["date"], s["exercise"]) for s in window["items"]] == [
        ("2026-11-04", "barbell-back-squat")
    ] * 2
    assert window["next_cursor"] is None


def test_get_patch_delete_and_undo(api: Api) -> None:
    ana = api.signup("Ana")
    set_id = _log(api, ana, date="2026-11-02").json()["id"]
    one = api.client.get(f"/api/v1/sets/{set_id}", headers=ana.headers)
    assert one.status_code == 200
    assert one.json()["reps"] == 5
    edited = api.client.patch(
        f"/api/v1/sets/{set_id}",
        headers=ana.headers,
        json={"reps": 6, "load_kg": 102.5, "rpe": 8.5, "note": "felt fast"},
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["changed"] == ["load_kg", "note", "reps", "rpe"]
    assert edited.json()["set"]["load_kg"] == 102.5
    assert edited.json()["set"]["version"] == 2
    undone = api.client.post("/api/v1/undo", headers=ana.headers)
    assert undone.json()["undone"]["kind"] == "edit"
    back = api.client.get(f"/api/v1/sets/{set_id}", headers=ana.headers).json()
    assert (back["reps"], back["load_kg"], back["note"]) == (5, 100, None)
    gone = api.client.delete(f"/api/v1/sets/{set_id}", headers=ana.headers)
    assert gone.status_code == 200
    assert api.client.get(f"/api/v1/sets/{set_id}", headers=ana.headers).status_code == 404
    assert api.client.post("/api/v1/undo", headers=ana.headers).json()["undone"]["kind"] == "delete"
    assert api.client.get(f"/api/v1/sets/{set_id}", headers=ana.headers).status_code == 200


def test_another_athletes_set_answers_like_a_missing_one(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    anas = _log(api, ana).json()["id"]
    missing = str(uuid.uuid4())
    for method in ("GET", "PATCH", "DELETE"):
        body = {"reps": 1} if method == "PATCH" else None
        theirs = api.client.request(method, f"/api/v1/sets/{anas}", headers=bo.headers, json=body)
        nothing = api.client.request(
            method, f"/api/v1/sets/{missing}", headers=bo.headers, json=body
        )
        assert theirs.status_code == nothing.status_code == 404
        assert theirs.json()["error"]["field"] == nothing.json()["error"]["field"] == "set"
    taken = _log(api, bo, id=anas)
    assert taken.status_code == 403
    assert taken.json()["error"]["field"] == "id"
    assert api.client.get(f"/api/v1/sets/{anas}", headers=ana.headers).json()["reps"] == 5


def test_sessions_and_planned_sessions_of_others_are_not_found(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    anas_session = _log(api, ana).json()["session"]
    into_theirs = _log(api, bo, session=anas_session)
    assert into_theirs.status_code == 404
    assert into_theirs.json()["error"]["field"] == "session"
    planned = _log(api, bo, planned_session_id=1)
    assert planned.status_code == 404
    assert planned.json()["error"]["field"] == "planned_session_id"
    own = _log(api, bo, session=str(uuid.uuid4()))
    assert own.status_code == 201


def test_a_page_may_keep_one_kind_of_set(api: Api) -> None:
    ana = api.signup("Ana")
    for kind, reps in (("warmup", 8), ("working", 5), ("working", 5), ("drop", 10)):
        assert _log(api, ana, date="2026-11-02", type=kind, reps=reps).status_code == 201
    for kind, count in (("warmup", 1), ("working", 2), ("drop", 1), ("failure", 0)):
        page = api.client.get(
            "/api/v1/sets", headers=ana.headers, params={"type": kind, "limit": 1}
        ).json()
        assert [s["set_type"] for s in page["items"]] == [kind] * min(count, 1)
        assert (page["next_cursor"] is not None) == (count > 1)
    refused = api.client.get("/api/v1/sets", headers=ana.headers, params={"type": "work"})
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == "type"
