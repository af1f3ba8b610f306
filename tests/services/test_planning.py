"""Planning use cases on SQLite and PostgreSQL: plan from loose options, save, list, show,
activate one program at a time, and check and import program files edited by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from redwood.io.program_files import load_program_file
from redwood.services import planning, program_files
from redwood.services.database import unit_of_work
from redwood.services.errors import NotFoundError, ServiceError
from redwood.store import ensure_local_athlete
from tests.io.samples import sample_program

GOOD: dict[str, Any] = {
    "goal": "hypertrophy",
    "level": "intermediate",
    "days": 3,
    "minutes": 60,
    "setting": "gym",
}


def _options(**changes: Any) -> planning.PlanOptions:
    return planning.PlanOptions(**{**GOOD, **changes})


def test_save_list_and_show_keep_the_document_whole(db_url: str) -> None:
    program = sample_program()
    program_id = planning.save_program(program, url=db_url)
    [row] = planning.list_programs(db_url)
    assert row["id"] == program_id
    assert row["active"] is False
    assert row["weeks"] == 4
    assert row["name"] == "hypertrophy, intermediate, 2 x 60 min, gym, 4 weeks"
    shown = planning.show_program(str(program_id), db_url)
    assert shown["document"] == program.to_dict()
    with pytest.raises(NotFoundError, match="no active program"):
        planning.show_program("active", db_url)


def test_one_program_is_active_at_a_time_and_its_profile_is_kept(db_url: str) -> None:
    first = planning.save_program(sample_program(4), activate=True, url=db_url)
    second = planning.save_program(sample_program(5), activate=True, url=db_url)
    assert [row["id"] for row in planning.list_programs(db_url) if row["active"]] == [second]
    assert planning.show_program("active", db_url)["id"] == second
    summary = planning.activate_program(first, db_url)
    assert summary["active"] is True
    assert [row["id"] for row in planning.list_programs(db_url) if row["active"]] == [first]
    with unit_of_work(db_url) as session:
        profile = ensure_local_athlete(session).profile
    assert profile == sample_program(4).profile.to_dict()


def test_unknown_programs_are_refused_in_one_line(db_url: str) -> None:
    with pytest.raises(NotFoundError, match=r"^no program 999 \(see 'redwood program list'\)$"):
        planning.activate_program(999, db_url)
    with pytest.raises(NotFoundError, match="no program 42"):
        planning.show_program(42, db_url)
    with pytest.raises(ServiceError, match="expected a program id or 'active'"):
        planning.show_program("latest", db_url)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"minutes": 150}, "minutes", "minutes must be 20-120 (got 150)"),
        ({"minutes": 10}, "minutes", "minutes must be 20-120 (got 10)"),
        ({"days": 7}, "days", "days must be 2-6 (got 7)"),
        ({"days": None}, "days", "missing --days (or --weekdays)"),
        ({"goal": None, "level": None}, "goal", "missing --goal, --level"),
        ({"equipment": "dumbbells,kettlebells"}, "equipment", "unknown value 'kettlebells'"),
        ({"equipment": " , "}, "equipment", "list at least one value"),
        ({"goal": "bulk"}, "goal", "goal: unknown value 'bulk'"),
        ({"setting": "beach"}, "setting", "setting: unknown value 'beach'"),
        ({"weekdays": "mon,funday"}, "weekdays", "unknown value 'funday'"),
        ({"days": 3, "weekdays": "mon,thu"}, "days", "days says 3 but weekdays names 2"),
        ({"limitations": "neck"}, "limitations", "unknown value 'neck'"),
        ({"weeks": 20}, "weeks", "weeks must be 4-16 (got 20)"),
        ({"bodyweight": "heavy"}, "bodyweight", "bodyweight:"),
        ({"excluded": "no such move"}, "excluded", "unknown exercise 'no such move'"),
    ],
)
def test_bad_options_name_the_field(changes: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ServiceError) as caught:
        planning.build_profile(_options(**changes))
    assert caught.value.field == field
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_options_read_lists_masses_and_exercise_names() -> None:
    profile = planning.build_profile(
        _options(
            days=None,
            weekdays="thu, mon",
            equipment="dumbbells,bands",
            setting="home",
            limitations="lower_back",
            bodyweight="176lb",
            favourites="Barbell Back Squat, lat-pulldown",
        )
    )
    assert [str(day) for day in profile.weekdays] == ["mon", "thu"]
    assert {str(e) for e in profile.equipment_on(profile.weekdays[0])} == {
        "dumbbells",
        "bands",
        "none",
    }
    assert profile.bodyweight is not None
    assert round(float(profile.bodyweight.kg), 1) == 79.8
    assert profile.favourites == ("barbell-back-squat", "lat-pulldown")


def test_an_unknown_template_is_refused() -> None:
    with pytest.raises(ServiceError, match=r"template: unknown value 'option-c' \(use one of"):
        planning.plan(_options(template="option-c"))


# ---- files (these need the generator and the validator) ------------------------------------


@pytest.fixture(scope="module")
def planned_yaml() -> str:
    return planning.program_yaml(planning.plan(_options()))


def _first_exercise_line(text: str, key: str) -> int:
    """Index of the first `key:` line of the first exercise in the file."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- exercise:"))
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(f"{key}:"))


def test_a_generated_program_file_passes_validation(planned_yaml: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(planned_yaml, encoding="utf-8")
    assert program_files.validate_file(path) == []


def test_validate_reports_the_location_and_line_of_a_broken_rule(
    planned_yaml: str, tmp_path: Path
) -> None:
    lines = planned_yaml.splitlines()
    at = _first_exercise_line(planned_yaml, "sets")
    lines[at] = lines[at].split(":")[0] + ": 9"
    path = tmp_path / "edited.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = program_files.validate_file(path)
    assert problems
    first = next(p for p in problems if p.location.startswith("weeks[0].sessions[0].blocks[0]"))
    assert first.file == str(path)
    assert first.line is not None
    assert first.line - 1 in range(at - 3, at + 1)
    assert str(first).startswith(f"{path}, line {first.line}: weeks[0].sessions[0].blocks[0]")


def test_validate_reports_a_shape_fault_at_its_line(planned_yaml: str, tmp_path: Path) -> None:
    lines = planned_yaml.splitlines()
    at = _first_exercise_line(planned_yaml, "rir")
    lines[at] = lines[at].split(":")[0] + ": lots"
    path = tmp_path / "shape.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = program_files.validate_file(path)
    assert problem.rule == "shape"
    assert problem.location == "weeks[0].sessions[0].blocks[0].exercises[0].rir"
    assert problem.line == at + 1


def test_import_a_yaml_file_edited_by_hand(db_url: str, planned_yaml: str, tmp_path: Path) -> None:
    lines = planned_yaml.splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- exercise:"))
    exercise_id = lines[at].split(":")[1].split("#")[0].strip()
    name = lines[at].split("#")[1].strip()
    lines[at] = f"{lines[at].split(':')[0]}: {name}  # written by name, by hand"
    lines.insert(0, "# my edits: the first move written by its name")
    path = tmp_path / "mine.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    program_id = program_files.import_program_file(path, url=db_url)
    shown = planning.show_program("active", db_url)
    assert shown["id"] == program_id
    assert shown["name"] == "mine (imported)"
    first = shown["document"]["weeks"][0]["sessions"][0]["blocks"][0]["exercises"][0]
    assert first["exercise"] == exercise_id
    # the name was stored as its id, so the document is the planned one again
    assert shown["document"] == load_program_file(planned_yaml)


def test_import_refuses_a_file_with_problems(db_url: str, tmp_path: Path) -> None:
    document = sample_program().to_dict()
    document["weeks"][0]["sessions"][0]["blocks"][0]["exercises"][0]["exercise"] = "moonwalk x"
    path = tmp_path / "bad.yaml"
    path.write_text(planning.program_yaml(document), encoding="utf-8")
    with pytest.raises(program_files.InvalidProgramError) as caught:
        program_files.import_program_file(path, url=db_url)
    assert caught.value.problems[0].rule == "exercise"
    assert caught.value.message.startswith(f"{path} not imported, 1 problem; first: {path}, line")
    assert planning.list_programs(db_url) == []
    with pytest.raises(ServiceError, match="no such file"):
        program_files.import_program_file(tmp_path / "missing.yaml", url=db_url)
