"""/history: sessions newest first with keyset paging, filters by exercise and dates, sets in
the athlete's unit; editing and deleting a set (with undo) through CSRF-checked forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.services import logbook
from redwood.services.identity import acting_as
from redwood.web.app import create_app
from tests.web.pages.test_accounts import csrf, sign_up
from tests.web.pages.workouts import athlete_of, today


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    """Ana (kilograms), signed in, with an empty log."""
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        assert sign_up(client).status_code == 303
        yield client


def log(client: TestClient, db_url: str, *lines: str) -> None:
    with acting_as(athlete_of(client.cookies["rw_session"], db_url)):
        for line in lines:
            logbook.add_line(line, today=today(), url=db_url)


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def history(client: TestClient, query: str = "") -> dict[str, Any]:
    answer = client.get(f"/history?format=json{query}")
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()
    return data


def test_signed_out_goes_to_sign_in(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        answer = client.get("/history", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/signin?next=/history"


def test_sessions_newest_first_with_an_older_link(web: TestClient, db_url: str) -> None:
    log(web, db_url, *(f"{days_ago(n)} squat {100 + n}kg 5,5 @8" for n in range(12)))
    first = history(web)
    assert set(first) == {
        "filters",
        "sessions",
        "next_cursor",
        "older",
        "here",
        "deleted",
        "errors",
        "conflict",
    }
    assert [s["date"] for s in first["sessions"]] == [days_ago(n) for n in range(10)]
    assert [s["load"] for s in first["sessions"][0]["sets"]] == ["100 kg", "100 kg"]
    assert first["sessions"][0]["view"]["hard_sets"] == 2
    assert first["older"] == f"/history?cursor={first['next_cursor']}"
    page = web.get("/history")
    assert 'rel="next"' in page.text
    assert "100 kg × 5 · RPE 8" in page.text
    second = web.get(first["older"] + "&format=json").json()
    assert [s["date"] for s in second["sessions"]] == [days_ago(10), days_ago(11)]
    assert second["older"] is None


def test_filters_by_exercise_and_dates(web: TestClient, db_url: str) -> None:
    log(
        web,
        db_url,
        f"{days_ago(0)} squat 100kg 5",
        f"{days_ago(0)} pull-up bw 8",
        f"{days_ago(3)} squat 90kg 5",
        f"{days_ago(9)} squat 80kg 5",
    )
    squats = history(web, "&exercise=squat")
    assert [[s["load"] for s in g["sets"]] for g in squats["sessions"]] == [
        ["100 kg"],
        ["90 kg"],
        ["80 kg"],
    ]
    ranged = history(web, f"&from={days_ago(5)}&to={days_ago(1)}")
    assert [g["date"] for g in ranged["sessions"]] == [days_ago(3)]
    both = history(web, f"&exercise=pull-up&from={days_ago(0)}")
    assert [s["name"] for g in both["sessions"] for s in g["sets"]] == ["Pull-Up"]


def test_bad_filters_are_shown_beside_their_fields(web: TestClient) -> None:
    page = web.get("/history?from=soon")
    assert page.status_code == 422
    assert re.search(r'id="e-from" role="alert">from: ', page.text)
    unknown = web.get("/history?exercise=zzzz+no+such+lift")
    assert unknown.status_code == 422
    assert 'id="e-exercise"' in unknown.text
    backwards = web.get(f"/history?from={days_ago(0)}&to={days_ago(3)}")
    assert backwards.status_code == 422


def test_loads_are_in_the_athletes_unit(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        sign_up(client, email="lb@example.com", unit="lb")
        log(client, db_url, f"{days_ago(1)} squat 225lb 5")
        sets = history(client)["sessions"][0]["sets"]
        assert sets[0]["load"] == "225 lb"


def test_edit_a_set_and_a_refused_edit(web: TestClient, db_url: str) -> None:
    log(web, db_url, f"{days_ago(1)} squat 100kg 5 @8")
    logged = history(web)["sessions"][0]["sets"][0]
    form = {"load": "102.5", "reps": "6", "rir": "2", "rpe": "", "type": "working"}
    refused = web.post(f"/history/sets/{logged['id']}", data=form, follow_redirects=False)
    assert refused.status_code == 403
    edited = web.post(
        f"/history/sets/{logged['id']}",
        data={**form, "csrf": csrf(web), "back": "/history"},
        follow_redirects=False,
    )
    assert edited.status_code == 303
    assert edited.headers["location"] == "/history"
    after = history(web)["sessions"][0]["sets"][0]
    assert (after["load"], after["reps"], after["rir"], after["rpe"]) == ("102.5 kg", 6, 2, None)
    bad = web.post(
        f"/history/sets/{logged['id']}",
        data={**form, "reps": "many", "csrf": csrf(web), "back": "//evil.example"},
        follow_redirects=False,
    )
    assert bad.status_code == 422
    assert re.search(r'role="alert">reps: expected a number', bad.text)
    assert history(web)["sessions"][0]["sets"][0]["reps"] == 6


def test_delete_offers_undo(web: TestClient, db_url: str) -> None:
    log(web, db_url, f"{days_ago(1)} squat 100kg 5,5")
    first = history(web)["sessions"][0]["sets"][0]
    deleted = web.post(
        f"/history/sets/{first['id']}/delete",
        data={"csrf": csrf(web), "back": "/history?exercise=squat"},
        follow_redirects=False,
    )
    assert deleted.status_code == 303
    assert deleted.headers["location"] == "/history?exercise=squat&deleted=1"
    page = web.get(deleted.headers["location"])
    assert "Set deleted." in page.text
    assert len(history(web)["sessions"][0]["sets"]) == 1
    undone = web.post(
        "/history/undo",
        data={"csrf": csrf(web), "back": "/history?exercise=squat&deleted=1"},
        follow_redirects=False,
    )
    assert undone.status_code == 303
    assert undone.headers["location"] == "/history?exercise=squat"
    assert len(history(web)["sessions"][0]["sets"]) == 2


def test_another_athletes_set_cannot_be_edited_or_deleted(web: TestClient, db_url: str) -> None:
    log(web, db_url, f"{days_ago(1)} squat 100kg 5")
    set_id = history(web)["sessions"][0]["sets"][0]["id"]
    with TestClient(create_app(db_url)) as other:
        other.get("/")
        sign_up(other, email="bo@example.com")
        token = {"csrf": csrf(other)}
        edit = other.post(f"/history/sets/{set_id}", data={**token, "reps": "1"})
        assert edit.status_code == 404
        gone = other.post(f"/history/sets/{set_id}/delete", data=token)
        assert gone.status_code == 404
        assert history(other)["sessions"] == []
    assert history(web)["sessions"][0]["sets"][0]["reps"] == 5
