"""`redwood exercises list|show|search` as a user runs them."""

from __future__ import annotations

import pytest

from redwood.domain.vocab import Equipment, Muscle, Pattern, Region, Setting

VOCAB = {
    "pattern": {str(v) for v in Pattern},
    "region": {str(v) for v in Region},
    "muscles": {str(v) for v in Muscle},
    "equipment": {str(v) for v in Equipment},
    "settings": {str(v) for v in Setting},
}


def test_list_json_prints_the_whole_contract(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood("exercises", "list", "--format", "json")
    assert result.code == 0
    entries = result.json()
    assert len(entries) >= 200
    for entry in entries:
        assert entry["pattern"] in VOCAB["pattern"]
        assert entry["region"] in VOCAB["region"]
        assert set(entry["primary"]) | set(entry["secondary"]) <= VOCAB["muscles"]
        assert set(entry["equipment"]) <= VOCAB["equipment"]
        assert set(entry["settings"]) <= VOCAB["settings"]
        assert entry["mechanic"] in {"compound", "isolation"}
        assert 0 <= entry["spinal_load"] <= 3
        assert 1 <= entry["systemic_fatigue"] <= 5
        assert isinstance(entry["unilateral"], bool)
    ids = {entry["id"] for entry in entries}
    assert all(sub in ids for entry in entries for sub in entry["substitutes"])


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--setting", "home", "--region", "legs"], lambda e: "home" in e["settings"]),
        (["--pattern", "hinge"], lambda e: e["pattern"] == "hinge"),
        (["--muscle", "hamstrings"], lambda e: "hamstrings" in e["primary"]),
        (["--region", "back", "--level", "beginner"], lambda e: e["level"] == "beginner"),
        (
            ["--equipment", "dumbbells", "--equipment", "bench"],
            lambda e: set(e["equipment"]) <= {"dumbbells", "bench", "none"},
        ),
        (["--setting", "outdoor"], lambda e: "outdoor" in e["settings"]),
    ],
)
def test_list_filters(redwood, args: list[str], check) -> None:  # type: ignore[no-untyped-def]
    result = redwood("exercises", "list", *args, "--format", "json")
    assert result.code == 0
    entries = result.json()
    assert entries
    assert all(check(entry) for entry in entries)


def test_show_by_an_other_apps_name(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood("exercises", "show", "Squat (Barbell)", "--format", "json")
    assert result.code == 0
    detail = result.json()
    assert detail["id"] == "barbell-back-squat"
    assert len(detail["substitute_names"]) == len(detail["substitutes"])
    assert detail["substitute_names"][0]["id"] == detail["substitutes"][0]


def test_show_table_has_cues_mistakes_and_substitutes(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood("exercises", "show", "barbell-back-squat", "--format", "table")
    assert result.code == 0
    for heading in ("Cues", "Common mistakes", "Substitutes"):
        assert heading in result.out


def test_search_finds_words_and_typos(redwood) -> None:  # type: ignore[no-untyped-def]
    words = redwood("exercises", "search", "split", "squat", "--format", "json").json()
    assert words
    assert all("split" in (e["matched"]) for e in words)
    typo = redwood("exercises", "search", "romanain", "deadlfit", "--format", "json").json()
    assert any("romanian" in e["id"] for e in typo)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["exercises", "show", "squatt barbel"], "unknown exercise"),
        (["exercises", "show", "zzzz qqqq"], "unknown exercise"),
        (["exercises", "list", "--pattern", "twerk"], "twerk"),
        (["exercises", "list", "--format", "xml"], "xml"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(redwood, args: list[str], needle: str) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*args)
    assert result.code == 2
    assert needle in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
