"""Progress, the review, charts and backtests over the API, SQLite and PostgreSQL: the
signed-in athlete's own log only, SVG for charts, the error shape for bad input."""

from __future__ import annotations

import pytest

from redwood.services.identity import acting_as
from tests.analytics import sample_log
from tests.web.client import Api, Athlete

WINDOW = {"weeks": 2, "end": "2026-01-15"}


@pytest.fixture
def ana(api: Api) -> Athlete:
    athlete = api.signup("Ana", timezone="UTC")
    with acting_as(athlete.id):
        sample_log.load(api.url)
    return athlete


def test_progress_and_review_are_the_cli_documents(api: Api, ana: Athlete) -> None:
    progress = api.client.get("/api/v1/progress", headers=ana.headers, params=WINDOW)
    assert progress.status_code == 200, progress.text
    data = progress.json()
    assert data["streak_days"] == 11
    assert [p["kg"] for p in data["lifts"][0]["e1rm"]] == list(sample_log.E1RM.values())
    review = api.client.get("/api/v1/review", headers=ana.headers, params=WINDOW).json()
    assert review["adherence"]["percent"] == 80
    assert review["lifts"][0]["exercise"] == sample_log.SQUAT


def test_charts_are_svg(api: Api, ana: Athlete) -> None:
    e1rm = api.client.get("/api/v1/charts/e1rm", headers=ana.headers, params={"exercise": "squat"})
    assert e1rm.status_code == 200
    assert e1rm.headers["content-type"].startswith("image/svg+xml")
    assert e1rm.text.startswith("<svg")
    assert "Barbell Back Squat: e1RM" in e1rm.text
    volume = api.client.get(
        "/api/v1/charts/volume", headers=ana.headers, params={"muscle": "quads", **WINDOW}
    )
    assert volume.status_code == 200
    assert "band 10-20" in volume.text


def test_backtest(api: Api, ana: Athlete) -> None:
    found = api.client.get(
        "/api/v1/backtest",
        headers=ana.headers,
        params={"rule": "two-for-two", "exercise": "squat", **WINDOW},
    )
    assert found.status_code == 200, found.text
    assert found.json()["rule"] == "two_for_two"
    assert len(found.json()["exercises"][0]["sessions"]) == 3


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/api/v1/progress", {"weeks": 0}, 422, "weeks"),
        ("/api/v1/review", {"end": "3001-01-01"}, 422, "end"),
        ("/api/v1/charts/e1rm", {}, 422, "exercise"),
        ("/api/v1/charts/e1rm", {"exercise": "no such lift"}, 404, "exercise"),
        ("/api/v1/charts/volume", {"muscle": "elbows"}, 422, "muscle"),
        ("/api/v1/backtest", {"rule": "bogus"}, 422, "rule"),
    ],
)
def test_bad_input_answers_the_error_shape(
    api: Api, ana: Athlete, path: str, params: dict[str, object], status: int, field: str
) -> None:
    answer = api.client.get(path, headers=ana.headers, params=params)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["field"] == field


def test_another_athlete_sees_none_of_it(api: Api, ana: Athlete) -> None:
    bo = api.signup("Bo")
    progress = api.client.get("/api/v1/progress", headers=bo.headers, params=WINDOW).json()
    assert (progress["lifts"], progress["streak_days"], progress["milestones"]) == ([], 0, [])
    chart = api.client.get("/api/v1/charts/e1rm", headers=bo.headers, params={"exercise": "squat"})
    assert "No data yet" in chart.text
    backtest = api.client.get("/api/v1/backtest", headers=bo.headers, params=WINDOW).json()
    assert backtest["exercises"] == []
