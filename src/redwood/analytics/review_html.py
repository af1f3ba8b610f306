"""The block review as HTML and PDF, from one Jinja2 template and the shared SVG charts.

`fragment` is the review's content (what the web page embeds), `document` a standalone
page with inline CSS and inline SVG charts (nothing loaded from elsewhere), and `pdf` that
page printed by WeasyPrint. The text is the Markdown review's (`review_text`), so every
format says the same thing.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from redwood.analytics import charts
from redwood.analytics.review import Review
from redwood.analytics.review_text import (
    adherence_rows,
    bodyweight_line,
    checkin_lines,
    lift_rows,
    volume_rows,
)

_ENV = Environment(
    loader=PackageLoader("redwood.analytics", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _svg(svg: str) -> Markup:
    """A chart made by `charts` (escaped text inside): safe to place as it is."""
    return Markup(svg)


def lift_charts(review: Review) -> list[Markup]:
    """One e1RM line per core lift, in the athlete's unit."""
    unit = review.unit
    out = []
    for lift in review.lifts:
        name = review.name(lift.exercise)
        points = [(p.on, float(p.e1rm.to(unit))) for p in lift.points]
        chart = charts.Chart(
            f"{name}: e1RM",
            f"Best estimated 1RM of each session of {name} from {review.start} to {review.end}.",
            f"estimated 1RM ({unit})",
        )
        out.append(_svg(charts.line_chart(points, chart)))
    return out


def volume_charts(review: Review) -> list[Markup]:
    """Weekly hard sets of each muscle group trained, with its band shaded."""
    out = []
    for group in review.volume:
        name = group.group.value.replace("_", " ")
        bars = [(w.week, float(w.sets)) for w in review.weekly if w.group is group.group]
        band = None
        if group.band is not None:
            low, high = float(group.band.low), float(group.band.high)
            band = charts.Band(low, high, f"band {group.band.low}-{group.band.high}")
        chart = charts.Chart(
            f"{name.capitalize()}: hard sets a week",
            f"Fractional hard sets of {name} each week from {review.start} to {review.end}, "
            f"averaging {group.average}.",
            "hard sets a week",
            band,
        )
        out.append(_svg(charts.bar_chart(bars, chart)))
    return out


def context(review: Review) -> dict[str, Any]:
    """What the template reads (the web page passes the same to its own layout)."""
    unit = review.unit
    readings = [(d, float(m.to(unit))) for d, m in review.bodyweight.readings]
    body = None
    if len(readings) > 1:
        body = _svg(
            charts.line_chart(
                readings,
                charts.Chart(
                    "Bodyweight",
                    f"Bodyweight readings from {review.start} to {review.end}.",
                    f"bodyweight ({unit})",
                ),
            )
        )
    planned = sum(w.planned for w in review.adherence)
    done = sum(w.done for w in review.adherence)
    return {
        "r": review,
        "lifts": lift_rows(review),
        "lift_charts": lift_charts(review),
        "volume": volume_rows(review),
        "volume_charts": volume_charts(review),
        "adherence": adherence_rows(review),
        "adherence_total": (
            f"{done} of {planned} planned sessions done ({review.adherence_percent}%)."
        ),
        "checkins": checkin_lines(review),
        "bodyweight": bodyweight_line(review),
        "bodyweight_chart": body,
        "records": [f"{r.on}: {r.sentence(review.name(r.exercise), unit)}" for r in review.records],
    }


def fragment(review: Review) -> str:
    """The review's content as an HTML fragment (an `<article>`), for a page to embed."""
    return _ENV.get_template("review_fragment.html").render(context(review))


def document(review: Review) -> str:
    """The review as a standalone HTML document: inline CSS and SVG, nothing external."""
    return _ENV.get_template("review.html").render(context(review))


def pdf(review: Review) -> bytes:
    """The HTML document printed to PDF by WeasyPrint (imported when needed: it is slow)."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    printed = HTML(string=document(review)).write_pdf()
    assert isinstance(printed, bytes)
    return printed
