"""`redwood plan --setting-on`, `--favourites` and `--exclude` reach the generated program."""

from __future__ import annotations

import pytest

from redwood.catalog import load_catalogue

BASE = [
    "plan",
    "--goal",
    "hypertrophy",
    "--level",
    "intermediate",
    "--days",
    "2",
    "--minutes",
    "60",
]


def exercises_by_day(doc: dict) -> dict[str, set[str]]:  # type: ignore[type-arg]
    return {
        session["weekday"]: {
            item["exercise"] for block in session["blocks"] for item in block["exercises"]
        }
        for session in doc["weeks"][0]["sessions"]
    }


@pytest.mark.slow
def test_setting_on_a_day_uses_that_settings_kit(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*BASE, "--setting", "gym", "--setting-on", "thu=home", "-f", "json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["profile"]["setting_by_day"] == {"thu": "home"}
    home_kit = {"dumbbells", "bands", "pullup_bar", "none"}
    catalogue = load_catalogue()
    thursday = next(s for s in doc["weeks"][0]["sessions"] if s["weekday"] == "thu")
    assert thursday["setting"] == "home"
    for block in thursday["blocks"]:
        for item in block["exercises"]:
            exercise = catalogue.get(item["exercise"])
            assert exercise is not None
            assert set(exercise.equipment) <= home_kit


@pytest.mark.slow
def test_excluded_exercises_never_appear_and_favourites_are_kept(redwood) -> None:  # type: ignore[no-untyped-def]
    first = redwood(*BASE, "--setting", "gym", "-f", "json").json()
    used = set().union(*exercises_by_day(first).values())
    banned = sorted(used)[0]
    second = redwood(*BASE, "--setting", "gym", "--exclude", banned, "-f", "json").json()
    assert banned not in set().union(*exercises_by_day(second).values())
    assert banned in second["profile"]["excluded"]
    liked = redwood(
        *BASE, "--setting", "gym", "--favourites", "Squat (Barbell)", "-f", "json"
    ).json()
    assert liked["profile"]["favourites"] == ["barbell-back-squat"]


@pytest.mark.parametrize(
    ("flag", "value", "needle"),
    [
        ("--setting-on", "thursday", "day=setting"),
        ("--setting-on", "thu=beach", "beach"),
        ("--setting-on", "sun=home", "not a training day"),
        ("--exclude", "no such lift", "unknown exercise"),
    ],
)
def test_bad_option_values_are_one_line(redwood, flag: str, value: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*BASE, "--setting", "gym", flag, value)
    assert result.code == 2
    assert needle in result.err
    assert len(result.err.strip().splitlines()) == 1
