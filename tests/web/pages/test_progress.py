"""/progress and /progress/review: the API's progress and review documents inside the
page, e1RM and volume charts as inline SVG, the exercise picker, bad queries answered 422
beside their field, and the review as a PDF download."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from redwood.services import logbook
from redwood.services.identity import acting_as
from tests.web.pages.signed_in import bearer, signed_in
from tests.web.pages.workouts import athlete_of, today


@pytest.fixture
def web(db_url: str) -> Iterator[TestClient]:
    """Ana, signed in, with squats and bench presses over three weeks."""
    with signed_in(db_url) as client:
        with acting_as(athlete_of(client.cookies["rw_session"], db_url)):
            for n, load in ((20, 100), (13, 105), (6, 110)):
                day = (today() - timedelta(days=n)).isoformat()
                logbook.add_line(f"{day} squat {load}kg 5,5,5 @8", today=today(), url=db_url)
                logbook.add_line(
                    f"{day} bench press {load - 30}kg 5,5 @8", today=today(), url=db_url
                )
        yield client


@pytest.mark.parametrize("path", ["/progress", "/progress/review", "/progress/review.pdf"])
def test_signed_out_goes_to_sign_in(db_url: str, path: str) -> None:
    from redwood.web.app import create_app

    with TestClient(create_app(db_url)) as client:
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/signin?next={path}"


def test_json_embeds_the_api_document(web: TestClient) -> None:
    page = web.get("/progress?format=json&weeks=8")
    assert page.status_code == 200
    view = page.json()
    api = web.get("/api/v1/progress?weeks=8", headers=bearer(web)).json()
    assert view["progress"] == api
    assert view["weeks"] == 8
    assert [lift["name"] for lift in view["lifts"]][:2] == [lift["name"] for lift in api["lifts"]][
        :2
    ]
    charted = [chart["exercise"] for chart in view["e1rm_charts"]]
    assert charted == [lift["exercise"] for lift in api["lifts"]][:2]
    assert view["volume"]
    assert view["volume"][0]["average"] > 0
    assert view["errors"] == {}


def test_page_shows_charts_records_and_volume(web: TestClient) -> None:
    html = web.get("/progress").text
    figures = re.findall(r'<figure class="card chart-card"[^>]*>(.*?)</figure>', html, re.S)
    assert len(figures) == 3  # two lifts and the volume chart
    squat = next(f for f in figures if "Squat" in f and "e1RM" in f)
    assert 'viewBox="0 0 400 250"' in squat
    points = re.search(r'<polyline points="([^"]+)"', squat)
    assert points is not None
    assert len(points.group(1).split()) == 3
    assert "estimated 1RM (kg)" in squat
    assert "hard sets a week" in html
    assert '<table class="records-table">' in html
    assert "Milestones" in html


def test_exercise_picker_charts_one_lift(web: TestClient) -> None:
    view = web.get("/progress?format=json&exercise=barbell-bench-press").json()
    assert [c["exercise"] for c in view["e1rm_charts"]] == ["barbell-bench-press"]
    assert "<polyline" in view["e1rm_charts"][0]["svg"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("weeks=0", "weeks"),
        ("weeks=lots", "weeks"),
        ("end=someday", "end"),
        ("exercise=zzqx", "exercise"),
        ("muscle=elbows", "muscle"),
    ],
)
def test_bad_queries_are_named(web: TestClient, query: str, field: str) -> None:
    answer = web.get(f"/progress?{query}&format=json")
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {field}
    html = web.get(f"/progress?{query}")
    assert html.status_code == 422
    assert 'role="alert"' in html.text


def test_empty_log_says_so(db_url: str) -> None:
    with signed_in(db_url, "bo@example.com") as client:
        html = client.get("/progress").text
        assert "Nothing logged in this window yet" in html
        assert client.get("/progress?format=json").json()["e1rm_charts"] == []


def test_review_embeds_the_review_document_and_html(web: TestClient) -> None:
    end = today().isoformat()
    view = web.get(f"/progress/review?format=json&weeks=4&end={end}").json()
    api = web.get(f"/api/v1/review?weeks=4&end={end}", headers=bearer(web)).json()
    assert view["review"] == api
    assert view["pdf"] == f"/progress/review.pdf?weeks=4&end={end}"
    html = web.get(f"/progress/review?weeks=4&end={end}").text
    assert '<article class="rw-review">' in html
    assert "Core lifts: estimated 1RM" in html
    assert html.count("<svg") >= 2


def test_review_refuses_bad_weeks(web: TestClient) -> None:
    answer = web.get("/progress/review?weeks=-1&format=json")
    assert answer.status_code == 422
    assert "weeks" in answer.json()["errors"]
    assert web.get("/progress/review.pdf?end=nope").status_code == 422


@pytest.mark.slow
def test_review_pdf_downloads(web: TestClient) -> None:
    answer = web.get(f"/progress/review.pdf?weeks=4&end={today().isoformat()}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert f"review-{today().isoformat()}.pdf" in answer.headers["content-disposition"]
