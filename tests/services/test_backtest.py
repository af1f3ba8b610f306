"""Backtesting progression rules on the hand-worked log, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from redwood.domain.progression import RuleName
from redwood.services import backtest
from redwood.services.errors import NotFoundError, ServiceError
from tests.analytics import sample_log
from tests.analytics.sample_log import END, SQUAT


def test_the_chosen_rule_session_by_session_and_every_rule_scored(db_url: str) -> None:
    sample_log.load(db_url)
    data = backtest.backtest("Double-Progression", "squat", 2, END, url=db_url)
    assert data["rule"] == "double_progression"
    (squat,) = data["exercises"]
    assert squat["exercise"] == SQUAT
    first = squat["sessions"][0]
    # After 100 kg x 5,5,5 at RIR 2 in a 3-6 range: keep 100 kg, aim for 6. That day's
    # 105 x 5 @9 (e1RM 125.448) allowed 125.448 x 78.6% = 98.602 kg for 6 at RIR 2: within
    # a 5 kg step.
    assert (first["date"], first["action"], first["load_kg"]) == ("2026-01-08", "add_reps", 100)
    assert (first["reps_min"], first["reps_max"], first["rir"]) == (6, 6, 2)
    assert (first["lifted_kg"], first["lifted_reps"]) == (105, [5, 5, 4])
    assert first["capacity_kg"] == 98.602
    assert first["verdict"] == "about_right"
    assert [s["date"] for s in squat["sessions"]] == ["2026-01-08", "2026-01-12", "2026-01-15"]
    assert [s["rule"] for s in data["summary"]] == [str(rule) for rule in RuleName]
    assert all(s["sessions"] == 3 for s in data["summary"])
    for score in data["summary"]:
        counted = score["too_aggressive"] + score["too_timid"] + score["about_right"]
        assert counted == score["judged"]


def test_every_exercise_with_two_sessions_when_none_is_named(db_url: str) -> None:
    sample_log.load(db_url)
    data = backtest.backtest("two-for-two", None, 2, END, url=db_url)
    assert [e["exercise"] for e in data["exercises"]] == [SQUAT, "pull-up"]
    pull_up = data["exercises"][1]
    assert [s["load_kg"] for s in pull_up["sessions"]] == [None, None]
    assert data["summary"][0]["sessions"] == 3 + 2


@pytest.mark.parametrize(
    ("rule", "exercise", "error", "field"),
    [
        ("bogus", None, ServiceError, "rule"),
        ("linear_load", "no such lift", NotFoundError, "exercise"),
    ],
)
def test_bad_input_names_its_field(
    db_url: str, rule: str, exercise: str | None, error: type[ServiceError], field: str
) -> None:
    with pytest.raises(error) as caught:
        backtest.backtest(rule, exercise, url=db_url)
    assert caught.value.field == field
