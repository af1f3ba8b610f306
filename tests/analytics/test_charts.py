"""Charts: self-contained, accessible SVG that renders to a picture a person can read."""

from __future__ import annotations

import io
import math
import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageStat

from redwood.analytics import charts

START = date(2026, 1, 5)
LINE = [(START + timedelta(days=3 * i), 100 + i * 0.8 + (i % 4) * 2) for i in range(30)]
BARS = [(START + timedelta(weeks=i), float(v)) for i, v in enumerate([8, 12, 14, 16, 9, 18])]
E1RM = charts.Chart("Squat: e1RM", "Best estimated 1RM per session.", "estimated 1RM (kg)")
BAND = charts.Band(10, 20, "band 10-20")
VOLUME = charts.Chart("Quads: hard sets a week", "Weekly hard sets.", "hard sets a week", BAND)
SVG = "{http://www.w3.org/2000/svg}"


def _variance(svg: str) -> float:
    picture = Image.open(io.BytesIO(charts.png(svg, width=400))).convert("L")
    assert picture.size[0] == 400
    return float(ImageStat.Stat(picture).var[0])


@pytest.mark.parametrize(
    ("svg", "what"),
    [
        (charts.line_chart(LINE, E1RM), "line"),
        (charts.bar_chart(BARS, VOLUME), "bars with a band"),
        (charts.line_chart(LINE[:1], E1RM), "one point"),
        (charts.line_chart(LINE, charts.Chart("Bodyweight", "x", "kg", BAND)), "line, band"),
        (charts.line_chart([], E1RM), "no data"),
    ],
)
def test_every_chart_renders_to_a_picture_that_is_not_blank(svg: str, what: str) -> None:
    assert _variance(svg) > 100, what


def test_a_chart_is_self_contained_accessible_and_scales() -> None:
    svg = charts.bar_chart(BARS, VOLUME)
    root = ElementTree.fromstring(svg)
    assert root.get("viewBox") == "0 0 400 250"
    assert root.get("width") == "100%"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "Quads: hard sets a week"
    assert desc is not None
    assert desc.text == "Weekly hard sets."
    assert set(root.get("aria-labelledby", "").split()) == {title.get("id"), desc.get("id")}
    outside = re.findall(r"(https?://[^\"']+)", svg)
    assert outside == ["http://www.w3.org/2000/svg"]
    for forbidden in ("<script", "<style", "href=", "@import", "<image", "font-face"):
        assert forbidden not in svg


def test_a_chart_shows_its_axes_units_dates_and_band() -> None:
    svg = charts.bar_chart(BARS, VOLUME)
    texts = [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert "hard sets a week" in texts
    assert "band 10-20" in texts
    assert "5 Jan 2026" in texts
    assert {"0", "5", "10", "15", "20"} <= set(texts)
    line = charts.line_chart(LINE, E1RM)
    assert "<polyline" in line
    assert "estimated 1RM (kg)" in line
    assert "5 Jan 2026" in line


def test_long_series_get_yearly_dates_and_no_markers() -> None:
    points = [(date(2016, 1, 4) + timedelta(days=3 * i), 60 + i * 0.1) for i in range(1200)]
    svg = charts.line_chart(points, E1RM)
    texts = [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert {"2017", "2019", "2021", "2023", "2025"} <= set(texts)
    assert "<circle" not in svg


def test_text_is_escaped() -> None:
    svg = charts.line_chart(LINE, charts.Chart("<b>Squat & co</b>", 'say "hi"', "kg"))
    assert "<b>" not in svg
    assert "&lt;b&gt;Squat &amp; co&lt;/b&gt;" in svg
    ElementTree.fromstring(svg)


def test_no_data_says_so() -> None:
    assert "No data yet" in charts.bar_chart([], VOLUME)


@given(
    st.floats(min_value=-1e5, max_value=1e5, allow_nan=False),
    st.floats(min_value=1e-3, max_value=1e5, allow_nan=False),
)
def test_the_value_axis_covers_the_values_in_round_steps(low: float, span: float) -> None:
    bottom, top, step = charts.nice_range(low, low + span)
    assert bottom <= low
    assert top >= low + span
    magnitude = 10 ** math.floor(math.log10(step))
    assert round(step / magnitude, 6) in {1, 2, 2.5, 5, 10}
    assert (top - bottom) / step <= 2 * charts.TICKS + 2
