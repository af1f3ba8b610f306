"""`redwood program validate|import|show|list|activate` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redwood.services import planning
from tests.io.samples import sample_program

PLAN = ("plan", "--goal", "strength", "--level", "beginner", "--days", "2", "--minutes", "45")


def _planned(redwood, tmp_path: Path, fmt: str = "yaml") -> Path:  # type: ignore[no-untyped-def]
    result = redwood(*PLAN, "--setting", "gym", "--format", fmt)
    assert result.code == 0, result.err
    path = tmp_path / f"plan.{fmt}"
    path.write_text(result.out, encoding="utf-8")
    return path


def test_list_show_and_activate(redwood) -> None:  # type: ignore[no-untyped-def]
    assert redwood("program", "list", "--format", "json").json() == []
    assert "No programs yet" in redwood("program", "list", "--format", "table").out
    first = planning.save_program(sample_program(4), activate=True)
    second = planning.save_program(sample_program(5))
    rows = redwood("program", "list", "--format", "json").json()
    assert [(row["id"], row["active"]) for row in rows] == [(second, False), (first, True)]
    table = redwood("program", "list", "--format", "table").out
    assert "hypertrophy, intermediate" in table
    activated = redwood("program", "activate", str(second), "--format", "table")
    assert activated.code == 0
    assert f"program {second} is now active" in activated.out
    shown = redwood("program", "show", "--format", "json")
    assert shown.json() == sample_program(5).to_dict()
    assert f"program {second}: " in shown.err
    by_id = redwood("program", "show", str(first), "--format", "json")
    assert by_id.json() == sample_program(4).to_dict()


@pytest.mark.parametrize("fmt", ["table", "yaml", "markdown"])
def test_show_in_every_format(redwood, fmt: str) -> None:  # type: ignore[no-untyped-def]
    planning.save_program(sample_program(), activate=True)
    result = redwood("program", "show", "active", "--format", fmt)
    assert result.code == 0, result.err
    assert "Back & Legs A" in result.out
    if fmt == "yaml":
        assert result.out.startswith("# Redwood program file")
    if fmt == "markdown":
        assert "| 3a | Lying Leg Curl |" in result.out
    if fmt == "table":
        assert "Barbell Back Squat" in result.out
        assert "quads: 8 sets a week" in " ".join(result.out.split())


def test_a_generated_file_validates_and_imports(redwood, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _planned(redwood, tmp_path, "json")
    checked = redwood("program", "validate", str(path), "--format", "table")
    assert checked.code == 0, checked.out
    assert "passes every rule" in " ".join(checked.out.split())
    report = redwood("program", "validate", str(path), "--format", "json").json()
    assert report == {"file": str(path), "valid": True, "problems": []}
    imported = redwood("program", "import", str(path), "--format", "table")
    assert imported.code == 0, imported.err
    assert "it is now your active program" in imported.out
    assert redwood("program", "show", "--format", "json").json() == json.loads(path.read_text())


def test_validate_lists_each_problem_with_file_line_and_location(  # type: ignore[no-untyped-def]
    redwood, tmp_path: Path
) -> None:
    path = _planned(redwood, tmp_path)
    text = path.read_text().replace("\n        rest_seconds:", "\n        rest_seconds: 900 #", 1)
    text = re.sub(r"(?m)^(\s+- exercise: )", r"\1moonwalk-x #", text, count=1)
    path.write_text(text, encoding="utf-8")
    result = redwood("program", "validate", str(path), "--format", "table")
    assert result.code == 1
    lines = result.out.strip().splitlines()
    assert lines[-1] == "1 problem"
    assert lines[0].startswith(f"{path}, line ")
    assert "weeks[0].sessions[0].blocks[0].exercises[0].exercise: unknown exercise" in lines[0]
    path.write_text(text.replace("moonwalk-x #", ""), encoding="utf-8")
    report = redwood("program", "validate", str(path), "--format", "json")
    assert report.code == 1
    problems = report.json()["problems"]
    assert problems
    assert all(problem["line"] for problem in problems)
    assert any("rest" in problem["message"] or "300" in problem["message"] for problem in problems)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("program", "validate", "{tmp}/missing.yaml"), "missing.yaml: no such file"),
        (("program", "import", "{tmp}/missing.yaml"), "missing.yaml: no such file"),
        (("program", "import", "{tmp}/broken.yaml"), "broken.yaml, line 2, column 8: invalid YAML"),
        (("program", "validate", "{tmp}/list.yaml"), "list.yaml, line 1: expected a program"),
        (("program", "import", "{tmp}/unknown.yaml"), "unknown.yaml not imported, 1 problem"),
        (
            (
                "program",
                "show",
            ),
            "no active program",
        ),
        (("program", "show", "latest"), "expected a program id or 'active'"),
        (("program", "show", "41"), "no program 41"),
        (("program", "activate", "41"), "no program 41 (see 'redwood program list')"),
        (("program", "activate", "x"), "expected a program id from 'redwood program list'"),
    ],
)
def test_refusals_are_one_line_and_exit_2(  # type: ignore[no-untyped-def]
    redwood, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "broken.yaml").write_text("schema: x\n  weeks: 1\n", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
    unknown = sample_program().to_dict()
    unknown["weeks"][0]["sessions"][0]["blocks"][0]["exercises"][0]["exercise"] = "moonwalk-x"
    (tmp_path / "unknown.yaml").write_text(planning.program_yaml(unknown), encoding="utf-8")
    result = redwood(*(arg.format(tmp=tmp_path) for arg in args))
    assert result.code == 2
    assert result.err.count("\n") == 1, result.err
    assert message in result.err
    assert redwood("program", "list", "--format", "json").json() == []
