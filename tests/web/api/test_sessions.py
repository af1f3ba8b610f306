"""Performed sessions over HTTP: keyset pages newest first with their counts, one session with
its sets and finish summary, edits of title, notes and end, delete with undo, and another
athlete's sessions out of sight. SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.web.client import Api, Athlete

DAYS = ("2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09")


def _log(api: Api, who: Athlete, **fields: Any) -> dict[str, Any]:
    body = {"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 100}
    answer = api.client.post("/api/v1/sets", headers=who.headers, json={**body, **fields})
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _week(api: Api, who: Athlete) -> dict[str, str]:
    """A session on each of DAYS: a warm-up, then 100 kg x 5, x 5, x 4 (more each day)."""
    sessions = {}
    for n, day in enumerate(DAYS):
        first = _log(api, who, date=day, type="warmup", reps=5, load_kg=60)
        for reps in (5, 5, 4):
            _log(api, who, date=day, reps=reps, load_kg=100 + 5 * n, rpe=8)
        sessions[day] = first["session"]
    return sessions


def _get(api: Api, who: Athlete, path: str, **params: Any) -> Any:
    return api.client.get(f"/api/v1{path}", headers=who.headers, params=params)


def test_pages_are_newest_first_with_what_each_session_holds(api: Api) -> None:
    ana = api.signup("Ana")
    sessions = _week(api, ana)
    first = _get(api, ana, "/sessions", limit=3).json()
    assert [item["date"] for item in first["items"]] == list(reversed(DAYS))[:3]
    last = _get(api, ana, "/sessions", limit=3, cursor=first["next_cursor"]).json()
    assert [item["date"] for item in last["items"]] == [DAYS[0]]
    assert last["next_cursor"] is None
    newest = first["items"][0]
    assert newest["id"] == sessions[DAYS[-1]]
    assert (newest["sets"], newest["hard_sets"], newest["exercises"]) == (4, 3, 1)
    assert newest["volume_kg"] == 115 * 14  # warm-ups count for nothing
    assert newest["duration_seconds"] == 3  # past days' sets are a second apart
    assert newest["first_set_at"] < newest["last_set_at"]
    assert (newest["finished"], newest["planned"], newest["source"]) == (False, None, "log")
    window = _get(api, ana, "/sessions", **{"from": DAYS[1], "to": DAYS[2]}).json()
    assert [item["date"] for item in window["items"]] == [DAYS[2], DAYS[1]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"from": "2026-11-05", "to": "2026-11-01"}, "from"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"from": "1066-10-14"}, "from"),
    ],
)
def test_bad_list_parameters_are_named(api: Api, params: dict[str, Any], field: str) -> None:
    ana = api.signup("Ana")
    answer = _get(api, ana, "/sessions", **params)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == field


def test_one_session_has_its_sets_in_order_and_the_finish_summary(api: Api) -> None:
    ana = api.signup("Ana")
    sessions = _week(api, ana)
    answer = _get(api, ana, f"/sessions/{sessions[DAYS[1]]}")
    assert answer.status_code == 200, answer.text
    shown = answer.json()
    assert shown["session"]["date"] == DAYS[1]
    assert [(s["set_type"], s["reps"], s["load_kg"]) for s in shown["sets"]] == [
        ("warmup", 5, 60),
        ("working", 5, 105),
        ("working", 5, 105),
        ("working", 4, 105),
    ]
    summary = shown["summary"]
    assert (summary["sets"], summary["hard_sets"]) == (4, 3)
    assert summary["muscles"]["quads"] == 3
    newest = _get(api, ana, f"/sessions/{sessions[DAYS[-1]]}").json()["summary"]
    assert any(record["kind"] == "load" for record in newest["records"])  # 115 kg beats 110
    assert _get(api, ana, f"/sessions/{uuid.uuid4()}").status_code == 404


def test_a_session_is_edited_finished_and_reopened(api: Api) -> None:
    ana = api.signup("Ana")
    session_id = _week(api, ana)[DAYS[0]]
    path = f"/api/v1/sessions/{session_id}"
    last = _get(api, ana, f"/sessions/{session_id}").json()["session"]["last_set_at"]
    done = api.client.patch(
        path, headers=ana.headers, json={"title": "Legs", "notes": "knee fine", "finished": True}
    )
    assert done.status_code == 200, done.text
    assert done.json()["changed"] == ["ended_at", "notes", "title"]
    view = done.json()["session"]
    assert (view["title"], view["notes"], view["ended_at"], view["finished"]) == (
        "Legs",
        "knee fine",
        last,
        True,
    )
    again = api.client.patch(path, headers=ana.headers, json={"notes": "knee fine"})
    assert again.json()["changed"] == []
    reopened = api.client.patch(path, headers=ana.headers, json={"finished": False, "notes": None})
    assert reopened.json()["session"]["finished"] is False
    assert reopened.json()["session"]["notes"] is None
    timed = {"started_at": "2026-11-02T18:00:00+01:00", "ended_at": "2026-11-02T19:10:00+01:00"}
    shown = api.client.patch(path, headers=ana.headers, json=timed).json()["session"]
    assert (shown["started_at"], shown["ended_at"]) == (
        "2026-11-02T17:00:00+00:00",
        "2026-11-02T18:10:00+00:00",
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"ended_at": "2026-11-02T10:00:00+00:00", "started_at": "2026-11-02T11:00:00Z"},
            "ended_at",
        ),
        ({"ended_at": "2026-11-02T10:00:00"}, "ended_at"),
        ({"ended_at": "0001-01-01T00:00:00+14:00"}, "ended_at"),
        ({"finished": False, "ended_at": "2026-11-02T10:00:00Z"}, "finished"),
        ({"date": "2026-11-03"}, "date"),
        ({"notes": "x" * 2001}, "notes"),
        ({"title": "a\u0000b"}, "title"),
    ],
)
def test_bad_changes_are_named_and_change_nothing(
    api: Api, change: dict[str, Any], field: str
) -> None:
    ana = api.signup("Ana")
    session_id = _week(api, ana)[DAYS[0]]
    before = _get(api, ana, f"/sessions/{session_id}").json()
    answer = api.client.patch(f"/api/v1/sessions/{session_id}", headers=ana.headers, json=change)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == field
    assert _get(api, ana, f"/sessions/{session_id}").json() == before


def test_deleting_a_session_deletes_its_sets_until_undo(api: Api) -> None:
    ana = api.signup("Ana")
    sessions = _week(api, ana)
    gone = sessions[DAYS[1]]
    before = _get(api, ana, f"/sessions/{gone}").json()
    answer = api.client.delete(f"/api/v1/sessions/{gone}", headers=ana.headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["undo"] == "POST /api/v1/undo"
    assert [s["id"] for s in answer.json()["sets"]] == [s["id"] for s in before["sets"]]
    assert _get(api, ana, f"/sessions/{gone}").status_code == 404
    assert api.client.delete(f"/api/v1/sessions/{gone}", headers=ana.headers).status_code == 404
    listed = _get(api, ana, "/sessions").json()["items"]
    assert gone not in [item["id"] for item in listed]
    assert len(listed) == len(DAYS) - 1
    sets = _get(api, ana, "/sets", limit=500).json()["items"]
    assert {s["session"] for s in sets} == set(sessions.values()) - {gone}
    undone = api.client.post("/api/v1/undo", headers=ana.headers)
    assert undone.status_code == 200, undone.text
    back = _get(api, ana, f"/sessions/{gone}").json()
    assert (back["session"], back["summary"]) == (before["session"], before["summary"])
    unversioned = [{**s, "version": None} for s in before["sets"]]
    assert [{**s, "version": None} for s in back["sets"]] == unversioned  # versions rose


def test_another_athletes_sessions_are_out_of_sight(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    sessions = _week(api, ana)
    mine = _log(api, bo, date=DAYS[0])
    listed = _get(api, bo, "/sessions").json()["items"]
    assert [item["id"] for item in listed] == [mine["session"]]
    for session_id in sessions.values():
        assert _get(api, bo, f"/sessions/{session_id}").status_code == 404
