"""`redwood plan` as a user runs it: the JSON contract, the YAML file round trip, Markdown,
the table, and bad input as one line with exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from redwood.services import planning

BASE = ("--goal", "hypertrophy", "--level", "intermediate", "--days", "3", "--minutes", "60")
PLAN = ("plan", *BASE, "--setting", "gym")

# The keys DESIGN.md's program contract names, level by level (extra keys are welcome).
TOP_KEYS = {"schema", "profile", "weeks", "warnings", "rationale"}
PROFILE_KEYS = {
    "goal",
    "level",
    "days_per_week",
    "weekdays",
    "session_minutes",
    "setting",
    "equipment",
    "priority",
    "limitations",
    "weeks",
}
WEEK_KEYS = {"index", "block", "kind", "sessions"}
SESSION_KEYS = {"weekday", "title", "regions", "estimated_minutes", "blocks"}
EXERCISE_KEYS = {"exercise", "sets", "reps_min", "reps_max", "rir", "rest_seconds"}


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    """The program the service plans for PLAN's flags, as the contract document."""
    options = planning.PlanOptions(
        goal="hypertrophy", level="intermediate", days=3, minutes=60, setting="gym"
    )
    return planning.plan(options).to_dict()


def test_json_is_exactly_the_contract(redwood, expected: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*PLAN, "--format", "json")
    assert result.code == 0, result.err
    document = result.json()
    assert document == expected
    assert document["schema"] == "redwood.program/1"
    assert set(document) >= TOP_KEYS
    assert set(document["profile"]) >= PROFILE_KEYS
    assert document["profile"]["days_per_week"] == 3
    assert document["profile"]["weekdays"] == ["mon", "wed", "fri"]
    assert {week["kind"] for week in document["weeks"]} == {"build", "deload"}
    for week in document["weeks"]:
        assert set(week) >= WEEK_KEYS
        for session in week["sessions"]:
            assert set(session) >= SESSION_KEYS
            assert session["estimated_minutes"] <= 60
            for block in session["blocks"]:
                assert block["type"] in ("straight", "superset")
                assert len(block["exercises"]) == (2 if block["type"] == "superset" else 1)
                if block["type"] == "superset":
                    assert isinstance(block["pair_rest_seconds"], int)
                for item in block["exercises"]:
                    assert set(item) >= EXERCISE_KEYS
                    assert all(isinstance(item[key], int) for key in EXERCISE_KEYS - {"exercise"})


def test_yaml_round_trip_through_import(redwood, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = redwood(*PLAN, "--format", "json").json()
    written = redwood(*PLAN, "--format", "yaml")
    assert written.code == 0
    assert written.out.startswith("# Redwood program file")
    path = tmp_path / "plan.yaml"
    path.write_text(written.out, encoding="utf-8")
    imported = redwood("program", "import", str(path), "--format", "json")
    assert imported.code == 0, imported.err
    assert imported.json()["active"] is True
    shown = redwood("program", "show", "--format", "json")
    assert shown.code == 0, shown.err
    assert shown.json() == original


def test_markdown_names_every_session(redwood, expected: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*PLAN, "--format", "markdown")
    assert result.code == 0
    assert result.out.startswith("# Redwood program")
    for week in expected["weeks"]:
        assert f"## Week {week['index']} " in result.out
        for session in week["sessions"]:
            assert session["title"] in result.out
    assert "@ RIR" in result.out
    assert "## Cues" in result.out


def test_table_shows_week_one_the_blocks_and_with_explain_the_reasons(  # type: ignore[no-untyped-def]
    redwood, expected: dict[str, Any]
) -> None:
    plain = redwood(*PLAN, "--format", "table")
    assert plain.code == 0
    text = " ".join(plain.out.split())
    assert "Week 1" in text
    assert "Blocks" in text
    for session in expected["weeks"][0]["sessions"]:
        assert session["title"] in text
    explained = " ".join(redwood(*PLAN, "--format", "table", "--explain").out.split())
    assert "Why this program" in explained
    assert expected["rationale"]
    assert " ".join(expected["rationale"][0].split())[:40] in explained


def test_activate_saves_it_as_the_active_program(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*PLAN, "--format", "json", "--activate")
    assert result.code == 0
    assert "it is now your active program" in result.err
    [row] = redwood("program", "list", "--format", "json").json()
    assert row["active"] is True
    assert redwood("program", "show", "--format", "json").json() == result.json()


def test_home_equipment_is_all_it_uses(redwood) -> None:  # type: ignore[no-untyped-def]
    kit = "dumbbells,bands,pullup_bar"
    args = ("plan", *BASE, "--setting", "home", "--equipment", kit, "--format", "json")
    document = redwood(*args).json()
    allowed = {*kit.split(","), "none"}
    catalogue = {row["id"]: row for row in redwood("exercises", "list", "--format", "json").json()}
    for week in document["weeks"]:
        for session in week["sessions"]:
            for block in session["blocks"]:
                for item in block["exercises"]:
                    assert set(catalogue[item["exercise"]]["equipment"]) <= allowed


def test_lower_back_leaves_out_spine_loaded_moves(redwood) -> None:  # type: ignore[no-untyped-def]
    document = redwood(*PLAN, "--limitations", "lower_back", "--format", "json").json()
    catalogue = {row["id"]: row for row in redwood("exercises", "list", "--format", "json").json()}
    used = {
        item["exercise"]
        for week in document["weeks"]
        for session in week["sessions"]
        for block in session["blocks"]
        for item in block["exercises"]
    }
    assert used
    assert all(catalogue[ex]["spinal_load"] < 2 for ex in used)
    assert all("lower_back" not in catalogue[ex]["stresses"] for ex in used)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan",), "missing --goal, --level, --days (or --weekdays), --minutes, --setting"),
        (("plan", *BASE), "missing --setting"),
        ((*PLAN[:-2], "--setting", "beach"), "setting: unknown value 'beach'"),
        (("plan", *BASE[:-1], "150", "--setting", "gym"), "minutes must be 20-120 (got 150)"),
        (("plan", *BASE[:-1], "15", "--setting", "gym"), "minutes must be 20-120 (got 15)"),
        ((*PLAN, "--equipment", "kettlebells"), "equipment: unknown value 'kettlebells' (use one"),
        ((*PLAN[:6], "7", *PLAN[7:]), "days must be 2-6 (got 7)"),
        ((*PLAN[:6], "x", *PLAN[7:]), "Invalid value for '--days'"),
        ((*PLAN, "--weekdays", "mon,thu"), "days says 3 but weekdays names 2 days"),
        ((*PLAN, "--weeks", "3"), "weeks must be 4-16 (got 3)"),
        ((*PLAN, "--priority", "arms"), "priority: unknown value 'arms'"),
        ((*PLAN, "--supersets", "maybe"), "supersets: unknown value 'maybe'"),
        ((*PLAN, "--limitations", "neck"), "limitations: unknown value 'neck'"),
        ((*PLAN, "--bodyweight", "heavy"), "bodyweight:"),
        ((*PLAN, "--template", "option-c"), "template: unknown value 'option-c'"),
        ((*PLAN, "--format", "pdf"), "'pdf' is not one of"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(redwood, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("redwood: ")
    assert message in result.err
