"""/transfer: an upload held on the server between its preview (the API's dry-run report)
and its import, past imports with undo, downloads; refusals named beside their field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from redwood.services.database import engine_for
from redwood.web.app import create_app
from tests.web.pages.signed_in import bearer, post, signed_in

STRONG = Path(__file__).resolve().parents[2] / "io" / "importers" / "fixtures" / "strong_s1.csv"


def held(db_url: str) -> int:
    """How many uploads the database holds (for every athlete)."""
    with engine_for(db_url).connect() as connection:
        return int(connection.execute(text("SELECT COUNT(*) FROM held_uploads")).scalar_one())


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    with signed_in(db_url) as client:
        yield client


def upload(client: TestClient, content: bytes, name: str = "strong.csv", **fields: str):
    form = {"csrf": client.cookies["rw_csrf"], **fields}
    return client.post(
        "/transfer/preview",
        data=form,
        files={"file": (name, content, "text/csv")},
        follow_redirects=False,
    )


def preview_token(client: TestClient, **fields: str) -> str:
    answer = upload(client, STRONG.read_bytes(), **fields)
    assert answer.status_code == 303, answer.text
    found = re.fullmatch(r"/transfer\?preview=([\w-]+)", answer.headers["location"])
    assert found is not None
    return found.group(1)


def test_signed_out_goes_to_sign_in(db_url: str) -> None:
    with TestClient(create_app(db_url)) as client:
        answer = client.get("/transfer", follow_redirects=False)
        assert answer.headers["location"] == "/signin?next=/transfer"


def test_forms_need_the_csrf_token(web: TestClient) -> None:
    answer = web.post(
        "/transfer/preview",
        data={"csrf": "x" * 40},
        files={"file": ("s.csv", STRONG.read_bytes(), "text/csv")},
        follow_redirects=False,
    )
    assert answer.status_code == 403
    assert post(web, "/transfer/import", {"token": "a" * 32}, token="y" * 40).status_code == 403


def test_preview_is_the_api_dry_run_then_import_then_undo(web: TestClient, db_url: str) -> None:
    token = preview_token(web, unit="kg")
    assert held(db_url) == 1
    view = web.get(f"/transfer?preview={token}&format=json").json()
    api = web.post(
        "/api/v1/imports",
        headers=bearer(web),
        data={"dry_run": "true", "unit": "kg"},
        files={"file": ("strong.csv", STRONG.read_bytes(), "text/csv")},
    ).json()
    assert view["preview"] == api
    assert view["preview"]["dry_run"] is True
    assert view["preview"]["sets"] > 0
    assert view["token"] == token
    assert view["imports"] == {"items": []}
    html = web.get(f"/transfer?preview={token}").text
    assert "Preview of strong.csv" in html
    assert "Import these" in html

    done = post(web, "/transfer/import", {"token": token})
    assert done.status_code == 303
    made = re.fullmatch(r"/transfer\?imported=(\d+)", done.headers["location"])
    assert made is not None
    assert held(db_url) == 0
    listed = web.get(f"{done.headers['location']}&format=json").json()
    assert listed["imports"] == web.get("/api/v1/imports", headers=bearer(web)).json()
    assert listed["imports"]["items"][0]["sets"] == api["sets"]
    assert listed["done"].startswith("Imported strong.csv")

    again = post(web, "/transfer/import", {"token": token})
    assert again.status_code == 422
    assert "expired" in again.text

    undo = post(web, f"/transfer/imports/{made.group(1)}/undo", {})
    assert undo.status_code == 303
    after = web.get("/transfer?format=json").json()["imports"]["items"][0]
    assert after["status"] == "undone"
    assert post(web, f"/transfer/imports/{made.group(1)}/undo", {}).status_code == 409
    assert post(web, "/transfer/imports/999999/undo", {}).status_code == 404


def test_another_athletes_token_finds_nothing(db_url: str) -> None:
    with signed_in(db_url) as ana:
        token = preview_token(ana)
    with signed_in(db_url, "bo@example.com") as bo:
        answer = bo.get(f"/transfer?preview={token}&format=json")
        assert answer.status_code == 422
        assert "expired" in answer.json()["errors"]["file"]
        assert post(bo, "/transfer/import", {"token": token}).status_code == 422


@pytest.mark.parametrize(
    ("content", "fields", "field"),
    [
        (None, {}, "file"),
        (b"a,b\n1,2\n", {"app": "myfitnesspal"}, "app"),
        (b"a,b\n1,2\n", {"unit": "stone"}, "unit"),
    ],
)
def test_form_errors_are_named(
    web: TestClient, content: bytes | None, fields: dict[str, str], field: str
) -> None:
    if content is None:
        answer = post(web, "/transfer/preview", fields)
    else:
        answer = upload(web, content, **fields)
    assert answer.status_code == 422
    assert f'id="e-{field}"' in answer.text


def test_a_file_that_cannot_be_read_is_refused_at_the_preview(web: TestClient) -> None:
    answer = upload(web, b"\x00\x01\x02junk" * 50, name="photo.csv")
    assert answer.status_code == 303
    shown = web.get(answer.headers["location"] + "&format=json")
    assert shown.status_code == 422
    assert shown.json()["preview"] is None
    assert shown.json()["errors"]["file"]


def test_oversized_uploads_are_refused(web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from redwood.web.pages import transfer

    monkeypatch.setattr(transfer, "MAX_UPLOAD_BYTES", 1000)
    answer = upload(web, b"x" * 200_000)
    assert answer.status_code == 413
    assert 'id="e-file"' in answer.text


def test_downloads(web: TestClient) -> None:
    backup = web.get("/transfer/export/json")
    assert backup.status_code == 200
    assert backup.headers["content-disposition"].startswith('attachment; filename="redwood-backup')
    assert backup.json()["schema"].startswith("redwood.backup")
    strong = web.get("/transfer/export/csv?layout=strong")
    assert strong.status_code == 200
    assert strong.text.startswith("Date,Workout Name")
    assert web.get("/transfer/export/csv?layout=excel").status_code == 422
    assert web.get("/transfer/export/pdf?paper=a3").status_code == 422
    assert web.get("/transfer/export/zip").status_code == 404
    calendar = web.get("/transfer/export/ics")  # Ana has no program yet
    assert calendar.status_code in {404, 409, 422}
    assert "text/html" in calendar.headers["content-type"]


def test_the_page_caps_uploads_as_the_api_does() -> None:
    from redwood.web.api import transfers
    from redwood.web.pages import transfer

    assert transfer.MAX_UPLOAD_BYTES == transfers.MAX_UPLOAD_BYTES
