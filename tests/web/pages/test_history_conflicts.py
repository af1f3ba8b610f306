"""/history when two devices edit one set: the edit form carries the version it showed; a
stale edit writes nothing and shows both versions (409) with "Keep mine" and "Take theirs"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.web.app import create_app
from tests.web.pages.signed_in import bearer
from tests.web.pages.test_accounts import csrf, sign_up
from tests.web.pages.test_history import days_ago, history, log


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    """Ana, signed in on the pages, with one set logged yesterday."""
    with TestClient(create_app(db_url)) as client:
        client.get("/")
        assert sign_up(client).status_code == 303
        log(client, db_url, f"{days_ago(1)} squat 100kg 5 @8")
        yield client


def _only_set(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = history(client)["sessions"][0]["sets"][0]
    return found


def _form(client: TestClient, version: object, **fields: str) -> dict[str, object]:
    form: dict[str, object] = {"load": "100", "reps": "5", "rir": "", "rpe": "8", "type": "working"}
    form.update(fields)
    return {**form, "version": version, "csrf": csrf(client), "back": "/history"}


def test_the_edit_form_carries_the_version_it_shows(web: TestClient) -> None:
    shown = _only_set(web)
    page = web.get("/history").text
    assert re.search(r'name="version" value="1"', page)
    assert shown["version"] == 1


def test_a_stale_edit_shows_both_and_keep_mine_wins(web: TestClient) -> None:
    shown = _only_set(web)
    path = f"/history/sets/{shown['id']}"
    # The phone (over the API) changes the set while the laptop's page still shows version 1.
    phone = web.patch(f"/api/v1/sets/{shown['id']}", headers=bearer(web), json={"reps": 7})
    assert phone.status_code == 200, phone.text
    stale = web.post(path, data=_form(web, 1, reps="6"), follow_redirects=False)
    assert stale.status_code == 409, stale.text
    assert "Changed on another device" in stale.text
    rows = re.findall(
        r'<th scope="row">Reps</th><td class="num">(\d+)</td><td class="num">(\d+)<', stale.text
    )
    assert rows == [("6", "7")]
    assert _only_set(web)["reps"] == 7  # nothing written
    as_json = web.post(
        path + "?format=json", data=_form(web, 1, reps="6"), follow_redirects=False
    ).json()
    assert as_json["conflict"]["theirs"]["reps"] == 7
    assert as_json["conflict"]["yours"]["reps"] == "6"
    # "Keep mine" resends the typed values with the version now stored.
    keep = re.search(r'class="keep-mine">(.*?)</form>', stale.text, re.S)
    assert keep is not None
    hidden = dict(re.findall(r'name="(\w+)" value="([^"]*)"', keep.group(1)))
    assert hidden["version"] == "2"
    assert hidden["reps"] == "6"
    kept = web.post(path, data={**hidden, "csrf": csrf(web)}, follow_redirects=False)
    assert kept.status_code == 303, kept.text
    after = _only_set(web)
    assert (after["reps"], after["version"]) == (6, 3)


def test_take_theirs_leaves_the_other_devices_set(web: TestClient) -> None:
    shown = _only_set(web)
    web.patch(f"/api/v1/sets/{shown['id']}", headers=bearer(web), json={"rpe": 9})
    stale = web.post(f"/history/sets/{shown['id']}", data=_form(web, 1, rpe="7"))
    assert stale.status_code == 409
    take = re.search(r'<a class="button" href="([^"]+)">Take theirs</a>', stale.text)
    assert take is not None
    assert web.get(take.group(1)).status_code == 200
    assert _only_set(web)["rpe"] == 9


def test_a_stale_delete_keeps_the_set_and_shows_it(web: TestClient) -> None:
    shown = _only_set(web)
    web.patch(f"/api/v1/sets/{shown['id']}", headers=bearer(web), json={"reps": 3})
    refused = web.post(
        f"/history/sets/{shown['id']}/delete",
        data={"version": "1", "csrf": csrf(web), "back": "/history"},
        follow_redirects=False,
    )
    assert refused.status_code == 409
    assert "It was not deleted" in refused.text
    assert _only_set(web)["reps"] == 3
    fresh = web.post(
        f"/history/sets/{shown['id']}/delete",
        data={"version": "2", "csrf": csrf(web), "back": "/history"},
        follow_redirects=False,
    )
    assert fresh.status_code == 303


def test_a_form_without_a_version_is_last_write_wins(web: TestClient) -> None:
    shown = _only_set(web)
    web.patch(f"/api/v1/sets/{shown['id']}", headers=bearer(web), json={"reps": 7})
    form = _form(web, "", reps="9")
    assert (
        web.post(f"/history/sets/{shown['id']}", data=form, follow_redirects=False).status_code
        == 303
    )
    assert _only_set(web)["reps"] == 9
    bad = web.post(f"/history/sets/{shown['id']}", data=_form(web, "x1"), follow_redirects=False)
    assert bad.status_code == 422
    assert "version: reload the page" in bad.text
