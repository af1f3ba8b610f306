"""`edit_program`, the use case the API and the coach's routes share: a program file (YAML or
JSON text, or a decoded document) checked like `redwood program import` and stored in place
for the acting athlete; another athlete's program is not found. SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from redwood.services import planning, program_edits
from redwood.services.database import unit_of_work
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.identity import acting_as
from redwood.store import Athletes, Programs
from tests.services.test_identity import PROFILE, _athletes


def _program(url: str, activate: bool = False) -> tuple[int, dict[str, Any]]:
    program_id = planning.save_program(planning.plan(PROFILE), activate=activate, url=url)
    return program_id, dict(planning.show_program(program_id, url)["document"])


def test_a_document_edit_is_stored_and_answered_like_show_program(db_url: str) -> None:
    (ana,) = _athletes(db_url, "Ana")
    with acting_as(ana):
        program_id, document = _program(db_url, activate=True)
        edited = copy.deepcopy(document)
        edited["profile"]["goal"] = "hypertrophy"
        first = edited["weeks"][0]["sessions"][0]
        first["title"] = "Monday, heavy"
        answer = program_edits.edit_program(program_id, edited, content_type="yaml", url=db_url)
        assert answer == planning.show_program(program_id, db_url)
        assert answer["document"] == edited
        assert answer["goal"] == "hypertrophy"
    with unit_of_work(db_url) as session:
        assert Athletes(session).get(ana).profile == edited["profile"]  # type: ignore[union-attr]
        record = Programs(session, ana).get(program_id)
        assert record is not None
        assert record.profile == edited["profile"]
        titles = [p.title for p in Programs(session, ana).planned_sessions(program_id)]
        assert titles[0] == "Monday, heavy"


def test_problems_of_a_document_have_locations_but_no_lines(db_url: str) -> None:
    (ana,) = _athletes(db_url, "Ana")
    with acting_as(ana):
        program_id, document = _program(db_url)
        broken = copy.deepcopy(document)
        broken["weeks"][1]["sessions"][0]["blocks"][0]["exercises"][0]["sets"] = 40
        with pytest.raises(program_edits.InvalidEditError) as refused:
            program_edits.edit_program(program_id, broken, url=db_url)
        assert refused.value.field == "weeks[1].sessions[0].blocks[0].exercises[0].sets"
        assert refused.value.problems
        assert all(problem.line is None for problem in refused.value.problems)
        assert planning.show_program(program_id, db_url)["document"] == document


def test_yaml_text_problems_have_lines(db_url: str) -> None:
    (ana,) = _athletes(db_url, "Ana")
    with acting_as(ana):
        program_id, _ = _program(db_url)
        text = program_edits.program_file(program_id, "yaml", db_url)
        assert yaml.safe_load(text) == planning.show_program(program_id, db_url)["document"]
        broken = text.replace("schema: redwood.program/1", "schema: redwood.program/9")
        with pytest.raises(program_edits.InvalidEditError) as refused:
            program_edits.edit_program(program_id, broken, content_type="yaml", url=db_url)
        line = broken.splitlines().index("schema: redwood.program/9") + 1
        assert refused.value.field == "schema"
        assert refused.value.problems[0].line == line
        assert f"body, line {line}: schema:" in refused.value.message


def test_another_athletes_program_is_not_found(db_url: str) -> None:
    ana, bo = _athletes(db_url, "Ana", "Bo")
    with acting_as(ana):
        program_id, document = _program(db_url)
    with acting_as(bo), pytest.raises(NotFoundError) as refused:
        program_edits.edit_program(program_id, document, url=db_url)
    assert refused.value.field == "program"
    with acting_as(bo), pytest.raises(NotFoundError):
        program_edits.program_file(program_id, "json", db_url)


@pytest.mark.parametrize(
    ("content_type", "field"),
    [("text/plain", "content_type"), ("application/json", "body"), ("yaml", "body")],
)
def test_text_that_is_no_program_file_is_refused_by_field(
    db_url: str, content_type: str, field: str
) -> None:
    (ana,) = _athletes(db_url, "Ana")
    with acting_as(ana):
        program_id, _ = _program(db_url)
        with pytest.raises(ServiceError) as refused:
            program_edits.edit_program(
                program_id, "- a list", content_type=content_type, url=db_url
            )
    assert refused.value.field == field
