"""The block review on the hand-worked log (tests/analytics/sample_log.py) and on a stalled
squat, on SQLite and PostgreSQL: every section as data, and each format."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from redwood.services import review
from redwood.services.errors import ServiceError
from tests.analytics import sample_log
from tests.analytics.sample_log import END, SQUAT

STALLED = (
    "2026-01-05 barbell-back-squat 100kg 5,5,5 @8",
    "2026-01-08 barbell-back-squat 100kg 5,5,5 @8",
    "2026-01-12 barbell-back-squat 100kg 5,5,5 @8",
    "2026-01-15 barbell-back-squat 100kg 5,5,5 @8",
)


def test_every_section_as_data(db_url: str) -> None:
    sample_log.load(db_url)
    data = review.review(2, END, url=db_url)
    assert data["period"] == {"start": "2026-01-05", "end": "2026-01-15", "weeks": 2}
    (squat,) = data["lifts"]
    assert squat["exercise"] == SQUAT
    assert [p["kg"] for p in squat["e1rm"]] == list(sample_log.E1RM.values())
    assert (squat["change_kg"], squat["change_percent"]) == (3.362, 2.7)
    assert data["stalls"] == []
    volume = {v["muscle"]: (v["average_sets"], v["position"]) for v in data["volume"]}
    assert volume == {
        "back": (2.5, "below"), "quads": (4.5, "below"), "hamstrings": (1.0, "below"),
        "glutes": (5.5, "below"), "adductors": (2.8, "below"), "biceps": (1.3, "below"),
        "forearms": (1.8, "below"),
    }  # fmt: skip
    assert data["adherence"]["percent"] == 80
    assert data["checkins"]["now"] == {
        "count": 2, "sleep_hours": 6.5, "soreness": 2, "energy": 4, "poor": 1,
    }  # fmt: skip
    assert [r["kind"] for r in data["records"]] == ["e1rm", "load", "rep", "e1rm", "load"]
    assert [m["title"] for m in data["milestones"]][:2] == [
        "First session logged",
        "A plate a side on the bar (60 kg)",
    ]
    changes = [c["change"] for c in data["next_block"]]
    assert changes[0] == "Add 1-2 hard sets a week for adductors"
    assert "Keep progressing the lifts that rose, the same way" in changes
    assert not any("deload" in c for c in changes)


def test_a_stalled_lift_gets_its_fix_in_the_next_block(db_url: str) -> None:
    sample_log.load(db_url, STALLED)
    data = review.review(2, END, url=db_url)
    (stall,) = data["stalls"]
    assert (stall["exercise"], stall["sessions"], stall["fix"]) == (SQUAT, 3, "reset")
    assert stall["best_e1rm_kg"] == 123.305
    assert "reset to 90 kg (10% off 100 kg, rounded down)" in stall["reason"]
    assert data["next_block"][0] == {
        "change": "Barbell Back Squat: reset to 90 kg and build back up",
        "why": stall["reason"],
    }


def test_the_formats(db_url: str) -> None:
    sample_log.load(db_url)
    markdown = review.render("md", 2, END, url=db_url)
    assert isinstance(markdown.content, str)
    assert markdown.content.startswith("# Training review: 2026-01-05 to 2026-01-15 (2 weeks)")
    html = review.render("HTML", 2, END, url=db_url).content
    assert isinstance(html, str)
    assert "<svg" in html
    data = review.render("json", 2, END, url=db_url)
    assert isinstance(data.content, dict)
    assert data.file_name == "review-2026-01-15.json"
    with pytest.raises(ServiceError) as caught:
        review.render("docx", url=db_url)
    assert caught.value.field == "format"


@pytest.mark.slow
def test_the_pdf(db_url: str) -> None:
    sample_log.load(db_url)
    printed = review.render("pdf", 2, END, url=db_url)
    assert isinstance(printed.content, bytes)
    assert printed.content.startswith(b"%PDF")
    assert printed.file_name == "review-2026-01-15.pdf"


def test_by_default_the_review_ends_on_the_last_sunday(db_url: str) -> None:
    data = review.review(url=db_url)
    end = date.fromisoformat(data["period"]["end"])
    start = date.fromisoformat(data["period"]["start"])
    assert end.weekday() == 6
    assert (end - start, data["period"]["weeks"]) == (timedelta(days=27), 4)
    assert date.today() - end < timedelta(days=8)


def test_bad_weeks_are_refused(db_url: str) -> None:
    with pytest.raises(ServiceError) as caught:
        review.review(0, url=db_url)
    assert caught.value.field == "weeks"
