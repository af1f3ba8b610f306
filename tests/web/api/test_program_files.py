"""Programs edited through the program-file format over HTTP: read the commented YAML or the
JSON document, put an edit back (YAML or JSON), checked like `redwood program import`,
problems answered with their location and line, nothing written on a refusal, the program
kept in place (id, activation, planned sessions and the performed sessions linked to them).
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import yaml

from redwood.services import catalogue
from tests.web.client import PLAN, Api, Athlete

YAML = {"Content-Type": "application/yaml"}


def _program(api: Api, who: Athlete, **extra: Any) -> dict[str, Any]:
    answer = api.client.post("/api/v1/plan", headers=who.headers, json={**PLAN, **extra})
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _stored(api: Api, who: Athlete, program_id: int) -> dict[str, Any]:
    answer = api.client.get(f"/api/v1/programs/{program_id}", headers=who.headers)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _file(api: Api, who: Athlete, program_id: int, fmt: str = "yaml") -> str:
    answer = api.client.get(
        f"/api/v1/programs/{program_id}/file", headers=who.headers, params={"format": fmt}
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def _put(api: Api, who: Athlete, program_id: int, text: str, kind: str = "application/yaml") -> Any:
    headers = {**who.headers, "Content-Type": kind}
    return api.client.put(f"/api/v1/programs/{program_id}", headers=headers, content=text)


def test_the_file_is_the_stored_program_as_yaml_or_json(api: Api) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana)
    document = _stored(api, ana, program["id"])["document"]
    answer = api.client.get(f"/api/v1/programs/{program['id']}/file", headers=ana.headers)
    assert answer.headers["content-type"].startswith("application/yaml")
    assert answer.text.startswith("# Redwood program file")
    first = document["weeks"][0]["sessions"][0]["blocks"][0]["exercises"][0]["exercise"]
    line = next(row for row in answer.text.splitlines() if row.lstrip().startswith("- exercise:"))
    assert line.endswith(f"exercise: {first}  # {catalogue.find_exercise(first).name}")
    assert yaml.safe_load(answer.text) == document
    as_json = _file(api, ana, program["id"], "json")
    assert json.loads(as_json) == document
    wrong = api.client.get(
        f"/api/v1/programs/{program['id']}/file", headers=ana.headers, params={"format": "xml"}
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["field"] == "format"
    missing = api.client.get("/api/v1/programs/99999/file", headers=ana.headers)
    assert missing.status_code == 404


def test_an_edited_yaml_file_is_stored_in_place(api: Api) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana, activate=True)
    before = _stored(api, ana, program["id"])
    text = _file(api, ana, program["id"])
    edited = text.replace("title: ", "title: Edited ", 1)
    answer = _put(api, ana, program["id"], edited)
    assert answer.status_code == 200, answer.text
    after = answer.json()
    assert after == _stored(api, ana, program["id"])
    assert after["document"] == yaml.safe_load(edited)
    assert after["document"]["weeks"][0]["sessions"][0]["title"].startswith("Edited ")
    same = ("id", "name", "active", "starts_on", "seed", "created_at")
    assert {key: after[key] for key in same} == {key: before[key] for key in same}
    listed = api.client.get("/api/v1/programs", headers=ana.headers).json()
    assert [p["id"] for p in listed] == [program["id"]]


def test_a_json_document_may_name_exercises_as_people_do(api: Api) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana)
    document = _stored(api, ana, program["id"])["document"]
    named = json.loads(json.dumps(document))
    first = named["weeks"][0]["sessions"][0]["blocks"][0]["exercises"][0]
    first["exercise"] = catalogue.find_exercise(first["exercise"]).name.upper()
    answer = api.client.put(f"/api/v1/programs/{program['id']}", headers=ana.headers, json=named)
    assert answer.status_code == 200, answer.text
    assert answer.json()["document"] == document  # the name is stored as its id again


def test_problems_name_the_location_and_line_and_nothing_is_written(api: Api) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana)
    before = _stored(api, ana, program["id"])
    lines = _file(api, ana, program["id"]).splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("rir:"))
    lines[at] = lines[at].split(":")[0] + ": 9"
    answer = _put(api, ana, program["id"], "\n".join(lines), "text/yaml")
    assert answer.status_code == 422, answer.text
    body = answer.json()
    where = "weeks[0].sessions[0].blocks[0].exercises[0].rir"
    assert body["error"]["field"] == where
    assert f"line {at + 1}: {where}" in body["error"]["message"]
    assert body["problems"][0] == {
        "file": "body",
        "line": at + 1,
        "location": where,
        "rule": "dose",
        "message": body["problems"][0]["message"],
    }
    assert _stored(api, ana, program["id"]) == before


def test_json_problems_have_the_lines_of_the_text_sent(api: Api) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana)
    text = _file(api, ana, program["id"], "json").replace('"exercise": "', '"exercise": "x', 1)
    answer = _put(api, ana, program["id"], text, "application/json")
    assert answer.status_code == 422, answer.text
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"exercise": "x' in row)
    assert answer.json()["problems"][0]["line"] == line
    assert answer.json()["problems"][0]["rule"] == "exercise"


DEEP = "[" * 50_000 + "]" * 50_000
TAMPERED = [
    ("notes: 2026-11-02", "notes", "application/yaml"),
    ("notes: .nan", "notes", "application/yaml"),
    ("notes: !!binary aGVsbG8=", "notes", "application/yaml"),
    ("notes: !!set {a, b}", "notes", "application/yaml"),
    ("notes: {1: one}", "notes", "application/yaml"),
    ('notes: "a\\0b"', "notes", "application/yaml"),
    ("notes: 1" + "0" * 5000, "body", "application/yaml"),
    ("notes: &a [x, x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"n{i}: &n{i} [{', '.join(['*' + ('a' if i == 0 else f'n{i - 1}')] * 10)}]\n"
               for i in range(6)), "body", "application/yaml"),
    ("notes: " + DEEP, "body", "application/yaml"),
    ("schema: [", "body", "application/yaml"),
    ("weeks: 3", "body", "application/json"),
    ("", "body", "text/plain"),
]  # fmt: skip
"""(text appended to the program's YAML file, the field named, the content type)."""


@pytest.mark.parametrize(("extra", "field", "kind"), TAMPERED)
def test_content_a_json_column_cannot_hold_is_refused_by_name(
    api: Api, extra: str, field: str, kind: str
) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana)
    before = _stored(api, ana, program["id"])
    text = _file(api, ana, program["id"]) + extra + "\n"
    answer = _put(api, ana, program["id"], text, kind)
    assert 400 <= answer.status_code < 500, answer.text
    error = answer.json()["error"]
    expected = "content_type" if kind == "text/plain" else field
    assert error["field"] == expected, error
    assert _stored(api, ana, program["id"]) == before


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"\xff\xfe not utf-8", 400),
        (b"   ", 422),
        (b'{"schema": "redwood.program/1", ' + DEEP.encode() + b"}", 422),
        (b"/etc/passwd", 422),
        (b"x" * 5_000_000, 413),  # over the 1 MB limit on bodies that are not uploads
    ],
)
def test_bodies_that_are_no_program_are_refused(api: Api, body: bytes, status: int) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana)
    answer = api.client.put(
        f"/api/v1/programs/{program['id']}", headers={**ana.headers, **YAML}, content=body
    )
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["field"] == "body"
    assert "root:" not in answer.text  # a path is never read as a file


def test_performed_sessions_keep_their_planned_session_through_an_edit(api: Api) -> None:
    ana = api.signup("Ana")
    program = _program(api, ana)
    activation = {"starts_on": "2026-11-02"}  # a Monday gone by: sets may be logged on it
    url = f"/api/v1/programs/{program['id']}/activate"
    starts = api.client.post(url, headers=ana.headers, json=activation).json()["starts_on"]
    today = api.client.get("/api/v1/today", headers=ana.headers, params={"date": starts}).json()
    planned = today["session"]["planned_session_id"]
    logged = api.client.post(
        "/api/v1/sets",
        headers=ana.headers,
        json={"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 60,
              "date": starts, "planned_session_id": planned},
    ).json()  # fmt: skip
    text = _file(api, ana, program["id"]).replace("title: ", "title: Heavy ", 1)
    assert _put(api, ana, program["id"], text).status_code == 200
    shown = api.client.get(f"/api/v1/sessions/{logged['session']}", headers=ana.headers).json()
    assert shown["session"]["planned_session_id"] == planned
    assert shown["session"]["planned"]["title"].startswith("Heavy ")
    assert [s["id"] for s in shown["sets"]] == [logged["id"]]
    again = api.client.get("/api/v1/today", headers=ana.headers, params={"date": starts}).json()
    assert again["session"]["planned_session_id"] == planned
    assert again["session"]["title"].startswith("Heavy ")


def test_another_athletes_program_answers_404_before_its_content_is_read(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    program = _program(api, ana)
    before = _stored(api, ana, program["id"])
    text = _file(api, ana, program["id"])
    for content in (text, "not: [a program"):
        answer = _put(api, bo, program["id"], content)
        assert answer.status_code == 404, answer.text
        assert answer.json()["error"]["field"] == "program"
    assert _stored(api, ana, program["id"]) == before
