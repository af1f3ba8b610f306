"""Progress and charts on the hand-worked log of tests/analytics/sample_log.py, on SQLite and
PostgreSQL: e1RM per session, records as they happened and all-time, weekly sets per
muscle, adherence, the streak and milestones, exactly."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat

from redwood.services import progress
from redwood.services.athletes import set_unit
from redwood.services.errors import NotFoundError, ServiceError
from tests.analytics import sample_log
from tests.analytics.sample_log import E1RM, END, SQUAT


@pytest.fixture
def url(db_url: str) -> str:
    sample_log.load(db_url)
    return db_url


def _lift(data: dict[str, Any], exercise: str) -> dict[str, Any]:
    return next(lift for lift in data["lifts"] if lift["exercise"] == exercise)


def test_each_lift_has_its_session_e1rms_and_records(url: str) -> None:
    data = progress.progress(2, END, url=url)
    assert data["period"] == {"start": "2026-01-05", "end": "2026-01-15", "weeks": 2}
    assert [lift["exercise"] for lift in data["lifts"]] == [
        SQUAT, "pull-up", "barbell-romanian-deadlift",
    ]  # fmt: skip
    squat = _lift(data, SQUAT)
    assert {p["date"]: p["kg"] for p in squat["e1rm"]} == E1RM
    assert squat["sessions"] == 4
    assert squat["change_kg"] == 3.362
    records = {(r["kind"], r["reps"]): (r["kg"], r["date"]) for r in squat["records"]}
    assert records == {
        ("e1rm", None): (127.462, "2026-01-12"),
        ("load", None): (110, "2026-01-12"),
        ("rep", 3): (110, "2026-01-12"),
        ("rep", 4): (105, "2026-01-08"),
        ("rep", 5): (105, "2026-01-08"),
        ("rep", 8): (100, "2026-01-15"),
        ("volume", None): (1500, "2026-01-05"),
    }
    assert [r["text"] for r in data["new_records"]] == [
        "New estimated 1RM on Barbell Back Squat: 125.4 kg (was 123.3 kg).",
        "New heaviest load on Barbell Back Squat: 105 kg (was 100 kg).",
        "New 5-rep best on Barbell Back Squat: 105 kg (was 100 kg).",
        "New estimated 1RM on Barbell Back Squat: 127.5 kg (was 125.4 kg).",
        "New heaviest load on Barbell Back Squat: 110 kg (was 105 kg).",
        "New most reps in a set on Pull-Up: 10 reps (was 8 reps).",
    ]
    pull_up = _lift(data, "pull-up")
    assert pull_up["e1rm"] == []
    assert [(r["kind"], r["value"]) for r in pull_up["records"]] == [("most_reps", 10)]


def test_records_before_the_window_are_kept_with_their_dates(url: str) -> None:
    data = progress.progress(1, END, url=url)
    assert data["period"]["start"] == "2026-01-12"
    squat = _lift(data, SQUAT)
    assert [p["date"] for p in squat["e1rm"]] == ["2026-01-12", "2026-01-15"]
    records = {
        (r["kind"], r["reps"]): (r["kg"], r["date"], r["previous_kg"]) for r in squat["records"]
    }
    assert records[("rep", 5)] == (105, "2026-01-08", None)  # set before the window
    assert records[("volume", None)] == (1500, "2026-01-05", None)
    assert records[("e1rm", None)] == (127.462, "2026-01-12", 125.448)
    assert [(r["kind"], r["date"]) for r in squat["new_records"]] == [
        ("e1rm", "2026-01-12"),
        ("load", "2026-01-12"),
    ]


def test_weekly_sets_adherence_streak_and_milestones(url: str) -> None:
    data = progress.progress(2, END, url=url)
    weekly = {(w["week"], w["muscle"]): w["sets"] for w in data["weekly_volume"]}
    assert weekly == {
        ("2026-01-05", "back"): 2, ("2026-01-05", "quads"): 6, ("2026-01-05", "hamstrings"): 2,
        ("2026-01-05", "glutes"): 8, ("2026-01-05", "adductors"): 4, ("2026-01-05", "biceps"): 1,
        ("2026-01-05", "forearms"): 2,
        ("2026-01-12", "back"): 3, ("2026-01-12", "quads"): 3, ("2026-01-12", "hamstrings"): 0,
        ("2026-01-12", "glutes"): 3, ("2026-01-12", "adductors"): 1.5,
        ("2026-01-12", "biceps"): 1.5, ("2026-01-12", "forearms"): 1.5,
    }  # fmt: skip
    assert data["weekly_volume"][0]["band"] == {"low": 10, "high": 20}
    assert [(w["planned"], w["done"], w["extra"]) for w in data["adherence"]] == [
        (3, 2, 0),
        (2, 2, 1),
    ]
    assert data["adherence_percent"] == 80
    assert data["streak_days"] == 11
    assert data["sessions"] == 5
    assert [(m["title"], m["date"]) for m in data["milestones"]] == [
        ("First session logged", "2026-01-05"),
        ("A plate a side on the bar (60 kg)", "2026-01-05"),
        ("2 plates a side on the bar (100 kg)", "2026-01-05"),
        ("First bodyweight squat", "2026-01-05"),
    ]
    assert data["bodyweight"] == {"readings": [], "change_kg": None, "per_week_kg": None}


def test_json_carries_kilograms_and_texts_the_athletes_unit(url: str) -> None:
    set_unit("lb", url=url)
    squat = _lift(progress.progress(2, END, url=url), SQUAT)
    heaviest = next(r for r in squat["records"] if r["kind"] == "load")
    assert heaviest["kg"] == 110
    assert heaviest["shown"] == "242.5 lb"


def test_a_log_without_a_program_has_no_adherence(db_url: str) -> None:
    sample_log.load(db_url, program=False)
    data = progress.progress(2, END, url=db_url)
    assert data["adherence"] == []
    assert data["adherence_percent"] is None
    assert data["weekly_volume"][0]["band"] is None


def test_the_chart_data_and_pictures(url: str, tmp_path: Path) -> None:
    series = progress.e1rm_series("squat", url=url)
    assert {p["date"]: p["kg"] for p in series["e1rm"]} == E1RM
    assert progress.e1rm_series("squat", 1, END, url=url)["e1rm"][0]["date"] == "2026-01-12"
    volume = progress.volume_series("lats", 2, END, url=url)
    assert volume == {
        "muscle": "back",
        "band": {"low": 10, "high": 20},
        "weeks": [{"week": "2026-01-05", "sets": 2}, {"week": "2026-01-12", "sets": 3}],
    }
    assert "<title id=" in progress.e1rm_chart("squat", url=url)
    assert "Back: hard sets a week" in progress.volume_chart("back", 2, END, url=url)
    written = progress.write_chart("e1rm", "back squat", str(tmp_path / "squat.png"), url=url)
    assert written == {
        "file": str(tmp_path / "squat.png"), "format": "png", "points": 4,
        "exercise": SQUAT, "name": "Barbell Back Squat", "unit": "kg",
    }  # fmt: skip
    picture = Image.open(io.BytesIO((tmp_path / "squat.png").read_bytes())).convert("L")
    assert ImageStat.Stat(picture).var[0] > 100
    progress.write_chart("volume", "quads", str(tmp_path / "quads.svg"), 2, END, url=url)
    assert (tmp_path / "quads.svg").read_text().startswith("<svg")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda url: progress.e1rm_series("no such lift", url=url), NotFoundError, "exercise"),
        (lambda url: progress.progress(0, url=url), ServiceError, "weeks"),
        (lambda url: progress.progress(521, url=url), ServiceError, "weeks"),
        (lambda url: progress.volume_series("elbows", url=url), ServiceError, "muscle"),
        (
            lambda url: progress.write_chart("e1rm", "squat", "x.gif", url=url),
            ServiceError,
            "output",
        ),
        (
            lambda url: progress.write_chart("e1rm", "squat", "/nope/x.svg", url=url),
            ServiceError,
            "output",
        ),
        (lambda url: progress.write_chart("pie", "squat", "x.svg", url=url), ServiceError, "chart"),
    ],
)
def test_bad_input_names_its_field(call: Any, error: type[Exception], field: str, url: str) -> None:
    with pytest.raises(error) as caught:
        call(url)
    assert getattr(caught.value, "field", None) == field


def test_an_empty_log(db_url: str) -> None:
    data = progress.progress(end=date(2026, 1, 15), url=db_url)
    assert (data["lifts"], data["streak_days"], data["milestones"]) == ([], 0, [])
    assert "No data yet" in progress.e1rm_chart("squat", url=db_url)
