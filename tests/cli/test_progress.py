"""`redwood progress`, `redwood chart`, `redwood review` and `redwood backtest` at the
terminal, on the hand-worked log of tests/analytics/sample_log.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.analytics import sample_log
from tests.cli.conftest import Result

Run = Callable[..., Result]
WINDOW = ("--weeks", "2", "--end", "2026-01-15")


@pytest.fixture
def logged(redwood: Run) -> Run:
    sample_log.load(None)
    return redwood


def test_progress_as_json_and_as_tables(logged: Run) -> None:
    data = logged("progress", *WINDOW, "-f", "json").json()
    assert set(data) >= {"lifts", "weekly_volume", "adherence", "streak_days", "milestones"}
    squat = data["lifts"][0]
    assert [p["kg"] for p in squat["e1rm"]] == list(sample_log.E1RM.values())
    assert data["streak_days"] == 11
    table = logged("progress", *WINDOW, "-f", "table")
    assert table.code == 0, table.err
    assert "Progress, 2026-01-05 to 2026-01-15 (2 weeks): streak 11 days" in table.out
    assert "▁▅█▇" in table.out  # 123.3, 125.4, 127.5, 126.7 kg
    assert "127.5 kg" in table.out
    assert "2026-01-12" in table.out
    assert "3: 110 kg" in table.out
    assert "2026-01-12: New heaviest load on Barbell Back Squat: 110 kg (was 105 kg)." in table.out
    assert "Planned sessions done, week by week: 2/3, 2/2 (80.0%)." in table.out
    assert "* 2026-01-05: First bodyweight squat" in table.out


def test_progress_with_nothing_logged(redwood: Run) -> None:
    result = redwood("progress", "-f", "table")
    assert result.code == 0
    assert "No hard sets in these weeks" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("progress", "--weeks", "0"),
            "redwood: weeks: must be a whole number of weeks from 1 to 520",
        ),
        (
            ("progress", "--end", "soon"),
            "redwood: end: expected a date such as 2026-11-02 (got 'soon')",
        ),
        (
            ("chart", "volume", "--muscle", "elbows", "-o", "x.svg"),
            "redwood: muscle: no weekly volume",
        ),
        (
            ("chart", "e1rm", "squat", "-o", "x.gif"),
            "redwood: output: 'x.gif' must end in .svg or .png",
        ),
        (("review", "-f", "docx"), "redwood: format: use one of md, html, pdf, json (got 'docx')"),
        (("backtest", "--rule", "bogus"), "redwood: rule: unknown rule 'bogus'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    redwood: Run, args: tuple[str, ...], message: str
) -> None:
    result = redwood(*args)
    assert result.code == 2
    assert result.err.startswith(message)
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_charts_as_svg_and_png(logged: Run, tmp_path: Path) -> None:
    svg = tmp_path / "squat.svg"
    result = logged("chart", "e1rm", "back", "squat", "-o", str(svg), "-f", "table")
    assert result.code == 0, result.err
    assert result.out == f"Wrote {svg} (SVG, Barbell Back Squat, 4 points).\n"
    assert svg.read_text().startswith("<svg")
    png = tmp_path / "quads.png"
    made = logged("chart", "volume", "--muscle", "quads", "-o", str(png), *WINDOW, "-f", "json")
    assert made.json()["points"] == 2
    assert png.read_bytes().startswith(b"\x89PNG")
    empty = logged("chart", "e1rm", "pull-up", "-o", str(tmp_path / "p.svg"), "-f", "table")
    assert "0 points) (no data yet: the chart says so)." in empty.out


def test_review_in_markdown_json_and_html(logged: Run, tmp_path: Path) -> None:
    markdown = logged("review", *WINDOW)
    assert markdown.code == 0, markdown.err
    assert markdown.out.startswith("# Training review: 2026-01-05 to 2026-01-15 (2 weeks)\n")
    assert "## The next block" in markdown.out
    data = logged("review", *WINDOW, "-f", "json").json()
    assert data["adherence"]["percent"] == 80
    page = tmp_path / "review.html"
    written = logged("review", *WINDOW, "-f", "html", "-o", str(page))
    assert written.out == f"Wrote the review to {page}.\n"
    assert page.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.slow
def test_review_as_pdf_goes_to_a_file(
    logged: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = logged("review", *WINDOW, "-f", "pdf")
    assert result.out == "Wrote the review to review-2026-01-15.pdf.\n"
    assert (tmp_path / "review-2026-01-15.pdf").read_bytes().startswith(b"%PDF")


def test_backtest_tables_and_json(logged: Run) -> None:
    table = logged(
        "backtest", "--rule", "linear-load", "--exercise", "squat", *WINDOW, "-f", "table"
    )
    assert table.code == 0, table.err
    assert "Backtest, 2026-01-05 to 2026-01-15: linear load" in table.out
    assert "Every rule on these sessions" in table.out
    data = logged("backtest", "-e", "squat", *WINDOW, "-f", "json").json()
    assert data["rule"] == "double_progression"
    assert [s["date"] for s in data["exercises"][0]["sessions"]] == [
        "2026-01-08", "2026-01-12", "2026-01-15",
    ]  # fmt: skip
