"""/coach: an invite code shown once, coaches listed and removed, a code redeemed; a coach's
page of an athlete (program as YAML, edited with problems by line, log, review) that is a
404 to anyone the athlete has not invited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from fastapi.testclient import TestClient

from redwood.services import logbook
from redwood.services.identity import acting_as
from redwood.web.app import create_app
from tests.web.client import PLAN
from tests.web.pages.signed_in import bearer, errors_in, post, signed_in
from tests.web.pages.workouts import athlete_of, today


def invite_code(client: TestClient) -> str:
    made = post(client, "/coach/invites", {})
    assert made.status_code == 201, made.text
    assert made.headers["cache-control"] == "no-store"
    found = re.search(r'id="invite-code" value="(RW-[0-9A-Z]{4}-[0-9A-Z]{4})"', made.text)
    assert found is not None
    return found.group(1)


@pytest.fixture
def pair(db_url: str) -> Iterator[tuple[TestClient, TestClient, int]]:
    """Ana (with a planned program and a logged squat session) and Bo, who coaches her."""
    with ExitStack() as stack:
        ana = stack.enter_context(signed_in(db_url))
        ana_id = athlete_of(ana.cookies["rw_session"], db_url)
        planned = ana.post("/api/v1/plan", headers=bearer(ana), json={**PLAN, "activate": True})
        assert planned.status_code == 201, planned.text
        with acting_as(ana_id):
            logbook.add_line("squat 100kg 8,8 rir2", today=today(), url=db_url)
        bo = stack.enter_context(signed_in(db_url, "bo@example.com"))
        accepted = post(bo, "/coach/accept", {"code": invite_code(ana).lower()})
        assert accepted.status_code == 303
        assert accepted.headers["location"] == f"/coach/athletes/{ana_id}"
        yield ana, bo, ana_id


@pytest.mark.parametrize("path", ["/coach", "/coach/athletes/1"])
def test_signed_out_goes_to_sign_in(db_url: str, path: str) -> None:
    with TestClient(create_app(db_url)) as client:
        answer = client.get(path, follow_redirects=False)
        assert answer.headers["location"] == f"/signin?next={path}"


def test_forms_need_the_csrf_token(db_url: str) -> None:
    with signed_in(db_url) as ana:
        for path in ("/coach/invites", "/coach/accept", "/coach/athletes/1/program"):
            assert post(ana, path, {"code": "RW-AAAA-AAAA"}, token="z" * 40).status_code == 403
        assert ana.get("/coach?format=json").json()["invites"] == []


def test_the_json_is_the_apis_lists(pair: tuple[TestClient, TestClient, int]) -> None:
    ana, bo, ana_id = pair
    mine = ana.get("/coach?format=json").json()
    assert mine["coaches"] == ana.get("/api/v1/coaches", headers=bearer(ana)).json()
    assert [c["name"] for c in mine["coaches"]] == ["Ana"]  # Bo signed up as Ana too
    assert mine["invites"] == ana.get("/api/v1/coach/invites", headers=bearer(ana)).json()
    assert mine["new_invite"] is None
    assert mine["athletes"] == []
    theirs = bo.get("/coach?format=json").json()
    assert theirs["athletes"] == bo.get("/api/v1/coach/athletes", headers=bearer(bo)).json()
    assert [a["id"] for a in theirs["athletes"]] == [ana_id]


def test_the_coach_sees_program_log_and_review(pair: tuple[TestClient, TestClient, int]) -> None:
    _ana, bo, ana_id = pair
    view = bo.get(f"/coach/athletes/{ana_id}?format=json").json()
    api = f"/api/v1/coach/athletes/{ana_id}"
    assert view["program"] == bo.get(f"{api}/programs/active", headers=bearer(bo)).json()
    program_id = view["program"]["id"]
    yaml_file = bo.get(f"{api}/programs/{program_id}/file", headers=bearer(bo)).text
    assert view["program_file"] == yaml_file
    assert view["sessions"] == bo.get(f"{api}/sessions?limit=10", headers=bearer(bo)).json()
    assert view["review"] == bo.get(f"{api}/review", headers=bearer(bo)).json()
    html = bo.get(f"/coach/athletes/{ana_id}").text
    assert '<textarea id="f-program_file"' in html
    assert "Barbell Back Squat: 100 kg × 8" in html
    assert '<article class="rw-review">' in html


def test_the_coach_edits_the_program_with_problems_by_line(
    pair: tuple[TestClient, TestClient, int],
) -> None:
    ana, bo, ana_id = pair
    view = bo.get(f"/coach/athletes/{ana_id}?format=json").json()
    path = f"/coach/athletes/{ana_id}/program"
    program_id, text = view["program"]["id"], view["program_file"]
    broken = re.sub(r"(?m)^(\s+- )?(\s*)exercise: .*$", r"\1\2exercise: moon-squat", text, count=1)
    assert broken != text
    refused = post(bo, path, {"program_id": program_id, "program_file": broken})
    assert refused.status_code == 422
    assert "moon-squat" in refused.text
    assert re.search(r"<li>Line \d+: ", refused.text)
    assert "moon-squat" in refused.text.split("<textarea")[1]  # the edit is kept to fix
    unchanged = ana.get(f"/api/v1/programs/{program_id}/file", headers=bearer(ana)).text
    assert unchanged == text
    empty = post(bo, path, {"program_id": program_id, "program_file": "  "})
    assert empty.status_code == 422
    assert "the program file is empty" in empty.text
    retitled = re.sub(r"(?m)^(\s+)title: .*$", r"\1title: Coached day", text, count=1)
    assert retitled != text
    saved = post(bo, path, {"program_id": program_id, "program_file": retitled})
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/coach/athletes/{ana_id}?saved=1"
    mine = ana.get(f"/api/v1/programs/{program_id}", headers=bearer(ana)).json()
    assert mine["document"]["weeks"][0]["sessions"][0]["title"] == "Coached day"


def test_strangers_and_removed_coaches_get_404(
    pair: tuple[TestClient, TestClient, int], db_url: str
) -> None:
    ana, bo, ana_id = pair
    with signed_in(db_url, "cy@example.com") as cy:
        cy_id = athlete_of(cy.cookies["rw_session"], db_url)
        for target in (ana_id, cy_id, 99999, 0):
            assert cy.get(f"/coach/athletes/{target}").status_code == 404
        refused = post(
            cy, f"/coach/athletes/{ana_id}/program", {"program_id": 1, "program_file": "x"}
        )
        assert refused.status_code == 404
        assert "Ana" not in refused.text
    coach_id = ana.get("/coach?format=json").json()["coaches"][0]["id"]
    assert post(ana, f"/coach/coaches/{coach_id}/remove", {}).status_code == 303
    assert bo.get(f"/coach/athletes/{ana_id}").status_code == 404
    assert post(ana, f"/coach/coaches/{coach_id}/remove", {}).status_code == 404


@pytest.mark.parametrize(
    ("code", "status"), [("", 422), ("RW-0000-0000", 422), ("not a code!!", 422)]
)
def test_bad_codes_are_named(db_url: str, code: str, status: int) -> None:
    with signed_in(db_url) as ana:
        answer = post(ana, "/coach/accept", {"code": code})
        assert answer.status_code == status
        assert "code" in errors_in(answer.text)


def test_ones_own_code_and_a_used_code_are_refused(db_url: str) -> None:
    with signed_in(db_url) as ana, signed_in(db_url, "bo@example.com") as bo:
        code = invite_code(ana)
        own = post(ana, "/coach/accept", {"code": code})
        assert own.status_code == 422
        assert "your own" in errors_in(own.text)["code"]
        assert post(bo, "/coach/accept", {"code": code}).status_code == 303
        with signed_in(db_url, "cy@example.com") as cy:
            used = post(cy, "/coach/accept", {"code": code})
            assert used.status_code == 422
            assert "already used" in errors_in(used.text)["code"]
        listed = ana.get("/coach?format=json").json()
        assert listed["invites"] == []
        fresh = invite_code(ana)
        invite_id = ana.get("/coach?format=json").json()["invites"][0]["id"]
        assert post(ana, f"/coach/invites/{invite_id}/withdraw", {}).status_code == 303
        with signed_in(db_url, "di@example.com") as di:
            assert post(di, "/coach/accept", {"code": fresh}).status_code == 422
