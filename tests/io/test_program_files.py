"""Program files: the editable YAML round-trips the contract, faults are one located line,
and the Markdown shows every session, superset, warning, reason and cue."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from redwood.catalog import Catalogue, load_catalogue
from redwood.domain.profile import SupersetPreference
from redwood.io.program_files import (
    ProgramFileError,
    line_of,
    load_program_file,
    read_program_file,
    resolve_exercise_names,
    to_markdown,
    to_yaml,
)
from tests.io.samples import sample_program


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_yaml_loads_back_to_exactly_the_contract(catalogue: Catalogue) -> None:
    program = sample_program()
    text = to_yaml(program, catalogue)
    assert load_program_file(text) == program.to_dict()
    assert to_yaml(program.to_dict()) == to_yaml(program)


def test_yaml_quotes_words_that_yaml_would_read_as_booleans() -> None:
    program = sample_program()
    profile = replace(program.profile, supersets=SupersetPreference.OFF)
    document = replace(program, profile=profile, rationale=("yes", "no", "on")).to_dict()
    assert load_program_file(to_yaml(document)) == document


def test_yaml_is_commented_for_the_person_editing_it(catalogue: Catalogue) -> None:
    text = to_yaml(sample_program(), catalogue)
    assert text.startswith("# Redwood program file")
    assert "redwood program validate" in text
    assert "redwood program import" in text
    assert "# ---- Week 4 (block 1, deload, hypertrophy focus)" in text
    assert "- exercise: barbell-back-squat  # Barbell Back Squat" in text
    assert "regions: [legs, back]" in text


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml", ".txt"])
def test_files_are_read_whatever_the_format(tmp_path: Path, suffix: str) -> None:
    document = sample_program().to_dict()
    path = tmp_path / f"plan{suffix}"
    text = json.dumps(document, indent=2) if suffix in (".json", ".txt") else to_yaml(document)
    path.write_text(text, encoding="utf-8")
    loaded = read_program_file(path)
    assert loaded.document == document
    assert loaded.is_json is (suffix in (".json", ".txt"))
    assert load_program_file(str(path)) == document


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bad.yaml", "schema: x\nweeks: [1, 2\nprofile: {}\n", ", line 3, column 8: invalid YAML"),
        ("bad.yaml", "schema: x\n  weeks: 1\n", ", line 2, column 8: invalid YAML"),
        ("bad.json", '{"schema": "x",\n "weeks": [}\n', ", line 2, column 12: invalid JSON"),
        ("list.yaml", "- 1\n- 2\n", ", line 1: expected a program document"),
        ("empty.yaml", "\n\n", ": the file is empty"),
    ],
)
def test_faults_are_one_line_naming_file_and_line(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}{expected}"), message
    assert "\n" not in message


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ProgramFileError, match=r"nope\.yaml: no such file$"):
        load_program_file(tmp_path / "nope.yaml")
    with pytest.raises(ProgramFileError, match="is a directory"):
        load_program_file(tmp_path)


def test_locations_map_to_the_lines_where_they_are_written(catalogue: Catalogue) -> None:
    text = to_yaml(sample_program(), catalogue)
    lines = text.splitlines()
    where = "weeks[1].sessions[1].blocks[2].exercises[1]"
    assert "cable-face-pull" in lines[(line_of(text, where) or 0) - 1]
    sets = line_of(text, f"{where}.sets: expected int, got str")
    assert lines[(sets or 0) - 1].strip() == "sets: 3"
    assert lines[(line_of(text, "profile") or 0) - 1] == "profile:"
    # a key that is not there points at the nearest parent that is
    assert line_of(text, f"{where}.tempo") == line_of(text, where)
    assert line_of("a: [1,\n", "a") is None


def test_json_locations_too() -> None:
    text = json.dumps(sample_program().to_dict(), indent=2)
    line = line_of(text, "weeks[0].sessions[1].title")
    assert '"title": "Back & Legs B"' in text.splitlines()[(line or 0) - 1]


def test_names_and_aliases_become_ids_and_unknown_ones_are_located(
    catalogue: Catalogue,
) -> None:
    document = sample_program().to_dict()
    exercises = document["weeks"][0]["sessions"][0]["blocks"][0]["exercises"]
    exercises[0]["exercise"] = "Barbell Back Squat"
    document["weeks"][1]["sessions"][0]["blocks"][1]["exercises"][0]["exercise"] = "lat pulldwn x"
    document["profile"]["excluded"] = ["no such move"]
    file = read_program_file(to_yaml(document))
    fixed, problems = resolve_exercise_names(file, catalogue)
    assert fixed["weeks"][0]["sessions"][0]["blocks"][0]["exercises"][0]["exercise"] == (
        "barbell-back-squat"
    )
    assert file.document == document  # the original is untouched
    locations = [problem.location for problem in problems]
    assert locations == [
        "profile.excluded[0]",
        "weeks[1].sessions[0].blocks[1].exercises[0].exercise",
    ]
    second = problems[1]
    assert second.rule == "exercise"
    assert "unknown exercise 'lat pulldwn x'" in second.message
    assert second.line is not None
    assert "lat pulldwn x" in file.text.splitlines()[second.line - 1]
    assert str(second).startswith(f"<text>, line {second.line}: weeks[1]")


def test_markdown_shows_sessions_supersets_warnings_reasons_and_cues_once(
    catalogue: Catalogue,
) -> None:
    program = sample_program()
    text = to_markdown(program, catalogue)
    for week in program.weeks:
        assert f"## Week {week.index} (block 1, {week.kind}" in text
        for session in week.sessions:
            assert session.title in text
    assert "| 1 | Barbell Back Squat | 3 x 5-8 @ RIR 2 | 180 s |" in text
    assert "| 3a | Lying Leg Curl |" in text
    assert "| 3b | Cable Face Pull |" in text
    assert "Superset 3a + 3b" in text
    assert "about 48 min" in text
    assert program.warnings[0] in text
    assert program.rationale[0] in text
    squat = catalogue.get("barbell-back-squat")
    assert squat is not None
    assert text.count("### Barbell Back Squat") == 1
    assert text.count(squat.cues[0]) == 1
