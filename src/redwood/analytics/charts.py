"""Charts as SVG: one family of functions from a series to a self-contained SVG document.

The web pages, the PDF review and `redwood chart` all draw with these, so a chart looks
the same everywhere. Every chart has a `<title>` and a `<desc>` (screen readers read them),
a `viewBox` so it scales to its container, a date axis, a value axis with its unit,
gridlines, and optionally a shaded band (the weekly set band of TRAINING.md 1). Text uses
the reader's own sans-serif face: no fonts, CSS or scripts come from anywhere else. Sizes
are set for a 400 x 250 view box, readable from 360 px wide.

`line_chart` draws a series over dates (e1RM, bodyweight), `bar_chart` weekly values
(hard sets per muscle). `png` turns any of them into a picture with CairoSVG.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

WIDTH, HEIGHT = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 44, 14, 42, 30
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
TICKS = 5
MARKERS_UP_TO = 40
"""Points get a dot each when there are at most this many."""
COLOURS = {"line": "#2e7d32", "bar": "#2e7d32", "band": "#81c784", "grid": "#d0d7de"}
COLOURS |= {"text": "#24292f", "muted": "#57606a"}
FONT = 'font-family="sans-serif"'
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Band:
    """A range to shade across the plot, such as 10-20 hard sets a week."""

    low: float
    high: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """What every chart says about itself: its title, a sentence for screen readers, the
    unit of its values, and an optional band."""

    title: str
    description: str
    unit: str
    band: Band | None = None


@dataclass(frozen=True, slots=True)
class _Scale:
    """Maps values onto the plot: `low`-`high` on y, `first`-`last` day on x."""

    low: float
    high: float
    step: float
    first: date
    last: date

    def x(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return LEFT + PLOT_W * (day - self.first).days / span

    def y(self, value: float) -> float:
        return TOP + PLOT_H * (1 - (value - self.low) / (self.high - self.low))

    def day_width(self) -> float:
        return PLOT_W / max(1, (self.last - self.first).days)


def nice_range(low: float, high: float, ticks: int = TICKS) -> tuple[float, float, float]:
    """(low, high, step) covering the values with round steps (1, 2, 2.5 or 5 x 10^n)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    if bottom > low:  # low / step rounded to zero (a tiny negative low)
        bottom -= step
    if top < high:
        top += step
    return bottom, top, step


def _number(value: float, step: float) -> str:
    """`value` with as many decimals as `step` needs (up to 3): 85, 84.95, 2.5."""
    places = 0
    while places < 3 and abs(step * 10**places - round(step * 10**places)) > 1e-9:
        places += 1
    return f"{value:,.{places}f}"


def _date_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """At most about five round dates between `first` and `last`, with their labels."""
    span = (last - first).days
    if span > 3 * 365:
        years = list(range(first.year + (first > date(first.year, 1, 1)), last.year + 1))
        every = max(1, math.ceil(len(years) / TICKS))
        return [(date(y, 1, 1), str(y)) for y in years[::every]]
    if span > 120:
        months = []
        cursor = date(first.year, first.month, 1)
        while cursor <= last:
            if cursor >= first:
                months.append(cursor)
            cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        every = max(1, math.ceil(len(months) / TICKS))
        return [(m, f"{MONTHS[m.month - 1]} {m.year}") for m in months[::every]]
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    days = [monday + timedelta(weeks=w) for w in range((last - monday).days // 7 + 1)]
    if span < 14:
        days = [first + timedelta(days=d) for d in range(span + 1)]
    every = max(1, math.ceil(len(days) / TICKS))
    return _week_labels(days[::every])


def _week_labels(weeks: Sequence[date]) -> list[tuple[date, str]]:
    """ "5 Jan 2026", then "12 Jan": the first label carries the year."""
    labels = [(w, f"{w.day} {MONTHS[w.month - 1]}") for w in weeks]
    if labels:
        labels[0] = (labels[0][0], f"{labels[0][1]} {labels[0][0].year}")
    return labels


def _text(x: float, y: float, content: str, size: int = 11, **attrs: str) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attrs.items())
    fill = attrs.get("fill", COLOURS["text"])
    fill_attr = "" if "fill" in attrs else f' fill="{fill}"'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" {FONT}{fill_attr}{extra}>'
        f"{escape(content)}</text>"
    )


def _anchor(x: float) -> str:
    """Labels near an edge of the plot lean inward so they are never cut off."""
    if x > LEFT + PLOT_W - 24:
        return "end"
    return "start" if x < LEFT + 16 else "middle"


def _frame(chart: Chart, scale: _Scale, kind: str, ticks: Sequence[tuple[float, str]]) -> list[str]:
    """The document's head, the band, the gridlines and both axes with their labels;
    `ticks` are the date labels at their x positions."""
    key = hashlib.sha1(f"{kind}{chart.title}{chart.description}".encode()).hexdigest()[:8]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-labelledby="t-{key} d-{key}">',
        f'<title id="t-{key}">{escape(chart.title)}</title>',
        f'<desc id="d-{key}">{escape(chart.description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        _text(8, 16, chart.title, 14, font_weight="bold"),
        _text(8, 29, chart.unit, 11, fill=COLOURS["muted"]),
    ]
    if chart.band is not None:
        top, bottom = scale.y(min(chart.band.high, scale.high)), scale.y(max(chart.band.low, 0))
        bottom = min(bottom, scale.y(scale.low))
        shade = f'fill="{COLOURS["band"]}" fill-opacity="0.35"'
        parts.append(
            f'<rect x="{LEFT}" y="{top:.1f}" width="{PLOT_W}" height="{max(0, bottom - top):.1f}" '
            f"{shade}/>"
        )
        label_x = LEFT + PLOT_W
        parts.append(f'<rect x="{label_x - 9}" y="21" width="9" height="9" {shade}/>')
        parts.append(_text(label_x - 13, 29, chart.band.label, 11, text_anchor="end"))
    value = scale.low
    while value <= scale.high + scale.step / 2:
        y = scale.y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + PLOT_W}" y2="{y:.1f}" '
            f'stroke="{COLOURS["grid"]}" stroke-width="0.8"/>'
        )
        parts.append(_text(LEFT - 5, y + 4, _number(value, scale.step), 11, text_anchor="end"))
        value += scale.step
    axis_y = TOP + PLOT_H
    parts.append(
        f'<line x1="{LEFT}" y1="{axis_y}" x2="{LEFT + PLOT_W}" y2="{axis_y}" '
        f'stroke="{COLOURS["muted"]}" stroke-width="1"/>'
    )
    for x, label in ticks:
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 4}" '
            f'stroke="{COLOURS["muted"]}" stroke-width="1"/>'
        )
        parts.append(_text(x, axis_y + 17, label, 11, text_anchor=_anchor(x)))
    return parts


def _empty(chart: Chart, kind: str) -> str:
    today = date(2000, 1, 3)
    scale = _Scale(0, 10, 2, today, today + timedelta(days=28))
    parts = _frame(Chart(chart.title, chart.description, chart.unit), scale, kind, ())
    parts.append(
        _text(LEFT + PLOT_W / 2, TOP + PLOT_H / 2, "No data yet", 13, text_anchor="middle")
    )
    return "\n".join([*parts, "</svg>"]) + "\n"


def _values_range(
    values: Sequence[float], band: Band | None, from_zero: bool
) -> tuple[float, float, float]:
    """`nice_range` of the values and the band, from zero for bars, padded for lines."""
    span = list(values) + ([band.low, band.high] if band is not None else [])
    low, high = min(span), max(span)
    if from_zero:
        return nice_range(0.0, high * 1.05 if high > 0 else 1.0)
    pad = (high - low) * 0.08 or max(abs(high) * 0.05, 1.0)
    return nice_range(low - pad, high + pad)


def line_chart(points: Sequence[tuple[date, float]], chart: Chart) -> str:
    """`points` (date, value), oldest first, as a line over time."""
    if not points:
        return _empty(chart, "line")
    ordered = sorted(points)
    first, last = ordered[0][0], ordered[-1][0]
    if first == last:
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    low, high, step = _values_range([v for _, v in ordered], chart.band, False)
    scale = _Scale(low, high, step, first, last)
    ticks = [(scale.x(day), label) for day, label in _date_ticks(first, last)]
    parts = _frame(chart, scale, "line", ticks)
    path = " ".join(f"{scale.x(d):.1f},{scale.y(v):.1f}" for d, v in ordered)
    parts.append(
        f'<polyline points="{path}" fill="none" stroke="{COLOURS["line"]}" stroke-width="2" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
    )
    if len(ordered) <= MARKERS_UP_TO:
        dot = f'r="2.5" fill="{COLOURS["line"]}"'
        parts.extend(
            f'<circle cx="{scale.x(d):.1f}" cy="{scale.y(v):.1f}" {dot}/>' for d, v in ordered
        )
    day, value = ordered[-1]
    parts.append(
        _text(scale.x(day) - 4, scale.y(value) - 7, _number(value, 0.1), 10, text_anchor="end")
    )
    return "\n".join([*parts, "</svg>"]) + "\n"


def bar_chart(bars: Sequence[tuple[date, float]], chart: Chart) -> str:
    """`bars` (week's Monday, value), one bar per week, from zero."""
    if not bars:
        return _empty(chart, "bar")
    ordered = sorted(bars)
    first, last = ordered[0][0], ordered[-1][0] + timedelta(days=7)
    low, high, step = _values_range([v for _, v in ordered], chart.band, True)
    scale = _Scale(low, high, step, first, last)
    every = max(1, math.ceil(len(ordered) / TICKS))
    ticks = [
        (scale.x(week + timedelta(days=3.5)), label)
        for week, label in _week_labels([w for w, _ in ordered][::every])
    ]
    parts = _frame(chart, scale, "bar", ticks)
    width = max(1.0, scale.day_width() * 7 * 0.7)
    for week, value in ordered:
        x = scale.x(week) + scale.day_width() * 7 * 0.15
        top = scale.y(value)
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{scale.y(0) - top:.1f}" fill="{COLOURS["bar"]}"/>'
        )
    return "\n".join([*parts, "</svg>"]) + "\n"


def png(svg: str, width: int = 800) -> bytes:
    """The chart as a PNG picture `width` pixels wide (CairoSVG, imported when needed)."""
    import cairosvg  # type: ignore[import-untyped]

    picture = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width)
    assert isinstance(picture, bytes)
    return picture
