"""Imports and exports over the API (SQLite and PostgreSQL): an upload previewed with
`dry_run` (200, nothing written) then imported (201), listed, replaced and undone; refusals in
the error shape naming the field; the 20 MB cap answered 413 with and without a
Content-Length; every export a download with a dated file name; a downloaded backup uploaded
again restores the same bytes, and another athlete cannot upload it over those ids."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import icalendar
import pytest

from redwood.web.api.transfers import MAX_UPLOAD_BYTES
from tests.io.exporters.pdf_pages import pages
from tests.io.importers.reading import fixture
from tests.web.client import PLAN, Api, Athlete

STRONG = fixture("strong_s1.csv").read_bytes()
BAD_ROW = b"2024-03-09 10:00:00,Extra,1h,Squat (Barbell),1,lots,5,,,,,\n"
BAD_LINE = STRONG.count(b"\n") + 1


def _upload(api: Api, who: Athlete, content: bytes, name: str = "strong.csv", **form: str) -> Any:
    files = {"file": (name, content, "text/csv")}
    return api.client.post("/api/v1/imports", headers=who.headers, files=files, data=form)


def _sets(api: Api, who: Athlete) -> list[dict[str, Any]]:
    answer = api.client.get("/api/v1/sets?limit=500", headers=who.headers)
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_preview_import_list_and_undo(api: Api) -> None:
    ana = api.signup("Ana")
    preview = _upload(api, ana, STRONG, dry_run="true", unit="kg")
    assert preview.status_code == 200, preview.text
    report = preview.json()
    assert (report["dry_run"], report["import"], report["sets"], report["sessions"]) == (
        True,
        None,
        11,
        3,
    )
    assert report["file"] == "strong.csv"
    assert _sets(api, ana) == []
    made = _upload(api, ana, STRONG, unit="kg", app="strong")
    assert made.status_code == 201, made.text
    import_id = made.json()["import"]
    assert len(_sets(api, ana)) == 11
    listed = api.client.get("/api/v1/imports", headers=ana.headers).json()["items"]
    assert [(item["id"], item["file"], item["sets"], item["status"]) for item in listed] == [
        (import_id, "strong.csv", 11, "live")
    ]
    undone = api.client.delete(f"/api/v1/imports/{import_id}", headers=ana.headers)
    assert undone.status_code == 200, undone.text
    assert (undone.json()["sets"], undone.json()["sessions"]) == (11, 3)
    assert _sets(api, ana) == []
    again = api.client.delete(f"/api/v1/imports/{import_id}", headers=ana.headers)
    assert again.status_code == 409
    assert again.json()["error"]["field"] == "import"
    missing = api.client.delete("/api/v1/imports/4242", headers=ana.headers)
    assert missing.status_code == 404


def test_replace_over_the_api(api: Api) -> None:
    ana = api.signup("Ana")
    first = _upload(api, ana, fixture("strong_s1_10.csv").read_bytes(), "s.csv", unit="kg")
    second = _upload(
        api, ana, fixture("strong_s1_10.csv").read_bytes(), "s (1).csv", unit="lb", replace="true"
    )
    assert second.status_code == 201, second.text
    assert [item["id"] for item in second.json()["replaced"]] == [first.json()["import"]]
    listed = api.client.get("/api/v1/imports", headers=ana.headers).json()["items"]
    assert [item["status"] for item in listed] == ["live", "replaced"]


@pytest.mark.parametrize(
    ("content", "form", "field", "words"),
    [
        (b"", {}, "file", "the file is empty"),
        (b"\x00\x01\x02junk", {}, "file", "binary data"),
        (STRONG, {"app": "hevy"}, "file", "this is not a Hevy export"),
        (STRONG, {"unit": "stone"}, "unit", "unit"),
        (STRONG, {"app": "jefit"}, "app", "app"),
        (STRONG + BAD_ROW, {"unit": "kg"}, "file", f"line {BAD_LINE}: Weight: expected a"),
    ],
)
def test_refusals_name_the_field(
    api: Api, content: bytes, form: dict[str, str], field: str, words: str
) -> None:
    ana = api.signup("Ana")
    answer = _upload(api, ana, content, **form)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["field"] == field
    assert words in error["message"]
    assert _sets(api, ana) == []
    assert api.client.get("/api/v1/imports", headers=ana.headers).json()["items"] == []


def test_a_missing_file_is_a_validation_error(api: Api) -> None:
    ana = api.signup("Ana")
    answer = api.client.post("/api/v1/imports", headers=ana.headers, data={"unit": "kg"})
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "file"


def test_uploads_over_the_cap_are_refused(api: Api) -> None:
    ana = api.signup("Ana")
    big = STRONG + b"x" * MAX_UPLOAD_BYTES
    declared = _upload(api, ana, big)
    assert declared.status_code == 413
    assert declared.json()["error"] == {
        "field": "file",
        "message": "file: the upload is larger than 20 MB; split the export",
    }

    def chunks() -> Iterator[bytes]:
        for _ in range(21):
            yield b"y" * (1024 * 1024)

    headers = {**ana.headers, "Content-Type": "multipart/form-data; boundary=xyz"}
    streamed = api.client.post("/api/v1/imports", headers=headers, content=chunks())
    assert streamed.status_code == 413
    assert streamed.json()["error"]["field"] == "file"
    assert _sets(api, ana) == []


def _download(api: Api, who: Athlete, path: str, kind: str, extension: str) -> bytes:
    answer = api.client.get(path, headers=who.headers)
    assert answer.status_code == 200, answer.text
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith(f'attachment; filename="redwood-{kind}-')
    assert disposition.endswith(f'.{extension}"')
    return answer.content


def test_downloads(api: Api) -> None:
    ana = api.signup("Ana")
    _upload(api, ana, STRONG, unit="kg")
    no_program = api.client.get("/api/v1/exports/ics", headers=ana.headers)
    assert no_program.status_code == 422
    assert no_program.json()["error"]["field"] == "program"
    api.client.post("/api/v1/plan", headers=ana.headers, json={**PLAN, "activate": True})

    backup = json.loads(_download(api, ana, "/api/v1/exports/json", "backup", "json"))
    assert backup["schema"] == "redwood.backup/1"
    assert sum(len(session["sets"]) for session in backup["sessions"]) == 11
    rows = _download(api, ana, "/api/v1/exports/csv?layout=strong", "log-strong", "csv")
    table = list(csv.reader(io.StringIO(rows.decode())))
    assert table[0][:4] == ["Date", "Workout Name", "Duration", "Exercise Name"]
    plain = _download(api, ana, "/api/v1/exports/csv", "log-redwood", "csv")
    assert plain.decode().startswith("date,workout,exercise,")
    calendar = _download(api, ana, "/api/v1/exports/ics?start=2026-03-02", "program", "ics")
    events = list(icalendar.Calendar.from_ical(calendar).events)
    assert str(events[0].start.date()) >= "2026-03-02"
    printed = _download(api, ana, "/api/v1/exports/pdf?paper=letter", "program-letter", "pdf")
    assert {(page.width, page.height) for page in pages(printed)} == {(612, 792)}
    wrong = api.client.get("/api/v1/exports/csv?layout=fitbod", headers=ana.headers)
    assert wrong.status_code == 422
    assert wrong.json()["error"]["field"] == "layout"


def test_a_backup_round_trip_and_another_athletes_ids(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    made = _upload(api, ana, fixture("hevy_kg.csv").read_bytes(), "hevy.csv").json()
    first = _download(api, ana, "/api/v1/exports/json", "backup", "json")
    api.client.delete(f"/api/v1/imports/{made['import']}", headers=ana.headers)
    assert _sets(api, ana) == []
    restored = _upload(api, ana, first, "backup.json")
    assert restored.status_code == 201, restored.text
    assert (restored.json()["format"], restored.json()["sets"]) == ("redwood", 7)
    assert _download(api, ana, "/api/v1/exports/json", "backup", "json") == first
    taken = _upload(api, bo, first, "backup.json")
    assert taken.status_code == 422
    assert "already used" in taken.json()["error"]["message"]
    assert _sets(api, bo) == []
