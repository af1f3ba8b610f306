"""/today: the workout screen over HTTP. Signed out it sends to /signin; forms need their
CSRF token; a set logs once per client id; a bad load is shown beside its field; the JSON
view-model embeds the API's today document; supersets alternate, swap and skip change the
runner, undo takes the last set back, and finishing shows the summary with its records."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.services import logbook
from redwood.services.identity import acting_as
from redwood.web.app import create_app
from tests.web.pages.test_accounts import csrf, sign_up
from tests.web.pages.workouts import athlete_of, give_program, today


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    """Ana, signed in, with today's session as her active program."""
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        assert sign_up(client).status_code == 303
        give_program(athlete_of(client.cookies["rw_session"], db_url), db_url)
        yield client


def view(client: TestClient, query: str = "") -> dict[str, Any]:
    answer = client.get(f"/today?format=json{query}")
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()
    return data


def log_form(client: TestClient, **changes: str) -> dict[str, str]:
    """The log form as the page pre-filled it, with `changes` typed over it."""
    page = view(client)
    nxt = page["runner"]["next"]
    return {
        "csrf": csrf(client),
        "id": page["client_id"],
        "date": page["date"],
        "exercise": nxt["exercise"],
        "type": nxt["fill"]["type"],
        "planned": str(page["runner"]["planned_session_id"]),
        **{key: nxt["fill"].get(key, "") for key in ("load", "reps", "rir")},
        **changes,
    }


def tap_log(client: TestClient, headers: dict[str, str] | None = None, **changes: str) -> Any:
    """Post the log form as the page pre-filled it (with `changes` typed over it)."""
    form = log_form(client, **changes)
    return client.post("/today/log", data=form, headers=headers, follow_redirects=False)


def day_sets(client: TestClient, db_url: str) -> list[dict[str, Any]]:
    with acting_as(athlete_of(client.cookies["rw_session"], db_url)):
        items: list[dict[str, Any]] = logbook.list_sets(start=today(), end=today(), url=db_url)[
            "items"
        ]
    return items


def test_signed_out_goes_to_sign_in(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        answer = client.get("/today", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/signin?next=/today"
        posted = client.post("/today/log", data={}, follow_redirects=False)
        assert posted.status_code in {303, 403}


def test_the_page_shows_the_next_set_pre_filled_with_plates(web: TestClient) -> None:
    page = web.get("/today")
    assert page.status_code == 200
    html = page.text
    assert "Back &amp; Legs A" in html
    assert "Warm-up," in html
    assert 'name="load" type="text" value="20"' in html  # the empty bar first
    assert "Log warm-up" in html
    assert re.search(r'name="id" value="[0-9a-f-]{36}"', html)
    assert "25 kg + 15 kg + 2.5 kg per side" in html  # the working sets' plates, 105 kg


def test_json_is_the_view_model_and_embeds_the_api_today_document(
    web: TestClient, db_url: str
) -> None:
    data = view(web)
    assert set(data) == {
        *("today", "runner", "date", "client_id", "typed", "errors", "offline", "records")
    }
    assert data["records"] == []
    token = web.cookies["rw_session"]
    api = web.get(
        f"/api/v1/today?date={data['date']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert api.status_code == 200
    assert data["today"] == api.json()
    assert data["runner"]["next"]["exercise"] == "barbell-back-squat"
    assert data["runner"]["rest_until"] is None


def test_a_form_without_csrf_logs_nothing(web: TestClient, db_url: str) -> None:
    answer = tap_log(web, csrf="")
    assert answer.status_code == 403
    assert "nothing was changed" in answer.text
    assert day_sets(web, db_url) == []


def test_one_client_id_logs_one_set_however_often_it_is_sent(web: TestClient, db_url: str) -> None:
    form = log_form(web, type="warmup", load="20", reps="5")
    page = {"client_id": form["id"], "date": form["date"]}
    first = web.post("/today/log", data=form, follow_redirects=False)
    again = web.post("/today/log", data=form, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == f"/today?date={page['date']}"
    logged = day_sets(web, db_url)
    assert len(logged) == 1
    assert logged[0]["id"] == page["client_id"]
    assert logged[0]["set_type"] == "warmup"
    after = view(web)["runner"]
    assert after["next"]["set_index"] == 1
    performed = datetime.fromisoformat(logged[0]["performed_at"])
    assert datetime.fromisoformat(after["rest_until"]) == performed + timedelta(seconds=150)


def test_a_bad_load_is_shown_beside_its_field_and_logs_nothing(
    web: TestClient, db_url: str
) -> None:
    answer = tap_log(web, load="heavy")
    assert answer.status_code == 422
    assert re.search(r'id="e-load" role="alert">load: [^<]*heavy', answer.text)
    assert 'value="heavy"' in answer.text  # what was typed stays
    missing = tap_log(web, reps="")
    assert missing.status_code == 422
    assert 'id="e-reps"' in missing.text
    too_much = tap_log(web, rir="11")
    assert too_much.status_code == 422
    assert 'id="e-rir"' in too_much.text
    lost = tap_log(web, id="not-a-uuid")
    assert lost.status_code == 422
    assert "lost its set id" in lost.text
    assert day_sets(web, db_url) == []


def test_htmx_gets_only_the_session_region_with_the_rest_timer(web: TestClient) -> None:
    assert tap_log(web).status_code == 303
    partial = tap_log(web, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<section id="session"')
    assert "<html" not in partial.text
    timer = (
        r'data-timer>\s*<p>Rest <strong class="num"><span data-until="[^"]+">until \d\d:\d\d:\d\d<'
    )
    assert re.search(timer, partial.text)


def test_a_whole_session_with_superset_swap_skip_undo_and_summary(
    web: TestClient, db_url: str
) -> None:
    order = []
    while (nxt := view(web)["runner"]["next"]) is not None and nxt["exercise"] == (
        "barbell-back-squat"
    ):
        order.append((nxt["type"], nxt["fill"]["load"]))
        load = "110" if nxt["type"] == "working" else nxt["fill"]["load"]
        assert tap_log(web, load=load, reps="8").status_code == 303
    assert order[-2:] == [("working", "105"), ("working", "105")]
    # The superset: its loads are found on the day, then the moves alternate.
    seen, loads = [], {"lying-leg-curl": "30", "lat-pulldown": "40"}
    while (nxt := view(web)["runner"]["next"]) is not None:
        seen.append((nxt["exercise"], nxt["type"], nxt["rest_after"]))
        assert tap_log(web, load=loads[nxt["exercise"]], reps="10").status_code == 303
    pair = [("lying-leg-curl", 30), ("lat-pulldown", 90)]
    assert [(name, rest) for name, _, rest in seen] == pair * 4  # A1 B1 A2 B2 ...
    assert [kind for _, kind, _ in seen] == ["calibration"] * 4 + ["working"] * 4
    runner = view(web)["runner"]
    assert runner["sets_left"] == 0
    # Undo the last set: the pulldown is up again.
    undo = web.post(
        "/today/undo",
        data={"csrf": csrf(web), "set": runner["last_set"]["id"], "date": ""},
        follow_redirects=False,
    )
    assert undo.status_code == 303
    assert view(web)["runner"]["next"]["exercise"] == "lat-pulldown"
    # Swap the pulldown for a substitute that fits the kit, then skip it.
    options = web.get("/today/swap?exercise=lat-pulldown")
    assert options.status_code == 200
    choice = re.search(r'name="to" value="([a-z0-9-]+)"', options.text)
    assert choice
    swapped = web.post(
        "/today/swap",
        data={"csrf": csrf(web), "exercise": "lat-pulldown", "to": choice[1], "date": ""},
        follow_redirects=False,
    )
    assert swapped.status_code == 303
    runner = view(web)["runner"]
    assert runner["next"]["exercise"] == choice[1]
    assert runner["choices"]["swaps"] == [["lat-pulldown", choice[1]]]
    assert runner["lines"][2]["swapped_from"] == "lat-pulldown"
    web.post(
        "/today/skip",
        data={"csrf": csrf(web), "exercise": choice[1], "date": ""},
        follow_redirects=False,
    )
    runner = view(web)["runner"]
    assert runner["next"] is None
    assert runner["choices"]["skips"] == [choice[1]]
    # Finish: the summary counts the sets and names the new squat record.
    finished = web.post(
        "/today/finish",
        data={"csrf": csrf(web), "session": runner["session"], "title": "Back & Legs A"},
        follow_redirects=False,
    )
    assert finished.status_code == 303
    summary = web.get(finished.headers["location"])
    assert summary.status_code == 200
    assert "Session done" in summary.text
    assert "Barbell Back Squat" in summary.text
    data = web.get(finished.headers["location"] + "&format=json").json()["summary"]
    assert data["sets"] == len(day_sets(web, db_url)) == 13
    assert any(r["exercise"] == "barbell-back-squat" for r in data["records"])


def test_a_rest_day_shows_active_recovery(web: TestClient) -> None:
    assert tap_log(web).status_code == 303  # today's session is under way: tomorrow is free
    tomorrow = (today() + timedelta(days=1)).isoformat()
    page = web.get(f"/today?date={tomorrow}")
    assert page.status_code == 200
    assert "Rest day" in page.text
    assert view(web, f"&date={tomorrow}")["runner"] is None
    assert web.get("/today?date=yesterday").status_code == 422


def test_another_athletes_choices_cookie_is_ignored(web: TestClient, db_url: str) -> None:
    web.post(
        "/today/skip",
        data={"csrf": csrf(web), "exercise": "barbell-back-squat", "date": ""},
        follow_redirects=False,
    )
    assert view(web)["runner"]["next"]["exercise"] == "lying-leg-curl"
    with TestClient(create_app(db_url)) as other:
        other.get("/")
        assert sign_up(other, email="bo@example.com").status_code == 303
        give_program(athlete_of(other.cookies["rw_session"], db_url), db_url)
        other.cookies.set("rw_today", web.cookies["rw_today"])
        assert view(other)["runner"]["next"]["exercise"] == "barbell-back-squat"


def test_a_swap_must_be_one_of_the_offered_substitutes(web: TestClient) -> None:
    refused = web.post(
        "/today/swap",
        data={"csrf": csrf(web), "exercise": "barbell-back-squat", "to": "lat-pulldown"},
        follow_redirects=False,
    )
    assert refused.status_code == 422
    assert view(web)["runner"]["choices"]["swaps"] == []


def test_a_done_set_is_edited_from_today(web: TestClient, db_url: str) -> None:
    assert tap_log(web).status_code == 303
    logged = view(web)["runner"]["lines"][0]["done"][0]
    back = f"/today?date={today().isoformat()}"
    edited = web.post(
        f"/history/sets/{logged['id']}",
        data={"csrf": csrf(web), "back": back, "load": "25", "reps": "6", "type": "warmup"},
        follow_redirects=False,
    )
    assert edited.status_code == 303
    assert edited.headers["location"] == back
    again = view(web)["runner"]["lines"][0]["done"][0]
    assert (again["load"], again["reps"]) == ("25 kg", 6)


def test_without_a_program_the_page_says_how_to_make_one(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        sign_up(client)
        page = client.get("/today")
        assert page.status_code == 200
        assert 'href="/onboarding"' in page.text
        assert "no active program" in page.text


def test_a_set_that_sets_a_record_shows_it_after_the_tap(web: TestClient) -> None:
    """A week ago: squat 100 kg 8,8 rir2. Warm-ups never count; 110 kg x 8 is a record."""
    for _ in range(10):
        nxt = view(web)["runner"]["next"]
        if nxt["exercise"] == "barbell-back-squat" and nxt["type"] != "warmup":
            break
        answer = tap_log(web, headers={"HX-Request": "true"})
        assert answer.status_code == 200
        assert "New records" not in answer.text
    else:
        raise AssertionError("no working set of squats in today's session")
    partial = tap_log(web, headers={"HX-Request": "true"}, load="110", reps="8", rir="2")
    assert partial.status_code == 200
    assert 'aria-label="New records"' in partial.text
    assert "New heaviest load on Barbell Back Squat: 110 kg (was 100 kg)." in partial.text
    again = tap_log(web, headers={"HX-Request": "true"}, load="110", reps="8", rir="2")
    # the same set ties every best but takes the session past a week ago's 1600 kg
    assert "New best session volume on Barbell Back Squat: 1760 kg (was 1600 kg)." in again.text
    assert "heaviest load" not in again.text
