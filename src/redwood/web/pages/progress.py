"""/progress: e1RM charts of the main lifts, records, weekly hard sets against the band,
adherence, the streak, milestones and bodyweight; /progress/review: the 4-week review.

The view-model embeds the GET /api/v1/progress document (`services.progress.progress`)
unchanged and adds the charts, drawn by the same service as GET /charts/e1rm and
/charts/volume (inline SVG with a viewBox, so they scale down to a 360 px phone). Without
a pick the page charts the lifts trained most often in the window (up to `CHARTED_LIFTS`);
the exercise picker is a GET form, so a chosen lift is a link that can be shared or kept.

The review page embeds the HTML `redwood review --format html` renders (its template and
charts, `services.review_page`) and the GET /api/v1/review document; the PDF download
prints the same review (`services.review.render("pdf")`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.services import progress, review
from redwood.services.errors import ServiceError
from redwood.services.progress_scope import MAX_WEEKS
from redwood.services.review_page import review_page
from redwood.web.api.inputs import Database
from redwood.web.pages.errors import error_page
from redwood.web.pages.rendering import render
from redwood.web.pages.session import PageAthlete

router = APIRouter(include_in_schema=False)

DEFAULT_WEEKS = progress.DEFAULT_WEEKS
CHARTED_LIFTS = 3
"""Lifts charted when none is picked: the most trained ones (the list is by sessions)."""
WEEK_CHOICES = (4, 8, 12, 26, 52)


@dataclass(frozen=True, slots=True)
class ProgressView:
    """The progress page: the API's progress document, the picks, and the charts as SVG."""

    progress: dict[str, Any] | None
    weeks: int
    exercise: str
    muscle: str
    lifts: list[dict[str, str]]
    muscles: list[str]
    e1rm_charts: list[dict[str, str]]
    volume: list[dict[str, Any]]
    volume_chart: str | None
    week_choices: tuple[int, ...] = WEEK_CHOICES
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReviewView:
    """The review page: the GET /review document, its HTML, and the PDF's address."""

    review: dict[str, Any] | None
    html: str
    weeks: int
    end: str
    pdf: str
    errors: dict[str, str] = field(default_factory=dict)


def read_weeks(text: str, default: int) -> int:
    """A `weeks` query as typed: a whole number from 1 to `MAX_WEEKS`, else ServiceError."""
    if not text.strip():
        return default
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_WEEKS:
        raise ServiceError(f"weeks: use a whole number from 1 to {MAX_WEEKS}", "weeks")
    return int(value)


def read_day(text: str, name: str) -> date | None:
    """A date query (yyyy-mm-dd), or None when left empty."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ServiceError(f"{name}: {text[:40]!r} is not a date like 2026-11-02", name) from None


def _volume_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Per muscle: the latest week's hard sets, the window's average and the band, with
    where the latest week sits (below, within or above the band), most sets first."""
    weeks = sorted({w["week"] for w in document["weekly_volume"]})
    rows: dict[str, dict[str, Any]] = {}
    for item in document["weekly_volume"]:
        row = rows.setdefault(
            item["muscle"], {"muscle": item["muscle"], "band": item["band"], "by_week": {}}
        )
        row["by_week"][item["week"]] = item["sets"]
    out = []
    for row in rows.values():
        latest = row["by_week"].get(weeks[-1], 0.0) if weeks else 0.0
        average = sum(row["by_week"].values()) / max(1, len(weeks))
        band = row["band"]
        where = ""
        if band is not None:
            where = "below" if latest < band["low"] else "above" if latest > band["high"] else "in"
        out.append(
            {
                "muscle": row["muscle"],
                "name": row["muscle"].replace("_", " "),
                "latest": round(latest, 1),
                "average": round(average, 1),
                "band": band,
                "where": where,
            }
        )
    return sorted(out, key=lambda r: (-r["average"], r["muscle"]))


def _charts(
    document: dict[str, Any], exercise: str, weeks: int, end: date | None, url: str
) -> list[dict[str, str]]:
    if exercise:
        picked = [{"exercise": exercise, "name": exercise}]
    else:
        picked = [
            {"exercise": lift["exercise"], "name": lift["name"]}
            for lift in document["lifts"][:CHARTED_LIFTS]
        ]
    return [
        {**lift, "svg": progress.e1rm_chart(lift["exercise"], weeks, end, url=url)}
        for lift in picked
    ]


def _progress_view(
    visitor: PageAthlete, url: str, weeks_text: str, exercise: str, muscle: str, end_text: str
) -> ProgressView:
    errors: dict[str, str] = {}
    weeks = DEFAULT_WEEKS
    document: dict[str, Any] | None = None
    charts: list[dict[str, str]] = []
    volume_svg: str | None = None
    rows: list[dict[str, Any]] = []
    try:
        weeks = read_weeks(weeks_text, DEFAULT_WEEKS)
        end = read_day(end_text, "end")
        with visitor.acting():
            document = progress.progress(weeks, end, url=url)
            rows = _volume_rows(document)
            try:
                charts = _charts(document, exercise, weeks, end, url)
            except ServiceError as exc:
                errors["exercise"] = exc.message
                charts = _charts(document, "", weeks, end, url)
            chosen = muscle or (rows[0]["muscle"] if rows else "")
            if chosen:
                try:
                    volume_svg = progress.volume_chart(chosen, weeks, end, url=url)
                except ServiceError as exc:
                    errors["muscle"] = exc.message
    except ServiceError as exc:
        errors[exc.field or "weeks"] = exc.message
    lifts = [] if document is None else document["lifts"]
    return ProgressView(
        progress=document,
        weeks=weeks,
        exercise=exercise,
        muscle=muscle,
        lifts=[{"exercise": lift["exercise"], "name": lift["name"]} for lift in lifts],
        muscles=[row["muscle"] for row in rows],
        e1rm_charts=charts,
        volume=rows,
        volume_chart=volume_svg,
        errors=errors,
    )


@router.get("/progress")
def progress_page(
    request: Request,
    visitor: PageAthlete,
    url: Database,
    weeks: str = "",
    exercise: str = "",
    muscle: str = "",
    end: str = "",
) -> Response:
    """Progress over the last `weeks` (default 12): charts, records, volume, adherence."""
    view = _progress_view(
        visitor, url, weeks[:10], exercise.strip()[:200], muscle.strip()[:60], end[:40]
    )
    return render(
        request, "progress.html", view, active="progress", status=422 if view.errors else 200
    )


def _review_window(weeks: str, end: str) -> tuple[int, date | None]:
    """The review's weeks and last day as the query gave them (ServiceError naming one)."""
    return read_weeks(weeks[:10], review.DEFAULT_WEEKS), read_day(end[:40], "end")


def _review_query(weeks: int, end: str) -> str:
    return urlencode({k: v for k, v in {"weeks": str(weeks), "end": end}.items() if v})


@router.get("/progress/review")
def review_page_route(
    request: Request, visitor: PageAthlete, url: Database, weeks: str = "", end: str = ""
) -> Response:
    """The block review (default: the 4 weeks up to the last Sunday)."""
    try:
        count, last = _review_window(weeks, end)
        with visitor.acting():
            document, html = review_page(count, last, url=url)
    except ServiceError as exc:
        view = ReviewView(
            None, "", review.DEFAULT_WEEKS, end[:40], "", {exc.field or "weeks": exc.message}
        )
        return render(request, "review.html", view, active="progress", status=422)
    shown_end = "" if last is None else last.isoformat()
    view = ReviewView(
        document, html, count, shown_end, f"/progress/review.pdf?{_review_query(count, shown_end)}"
    )
    return render(request, "review.html", view, active="progress")


@router.get("/progress/review.pdf")
def review_pdf(
    request: Request, visitor: PageAthlete, url: Database, weeks: str = "", end: str = ""
) -> Response:
    """The same review printed to PDF, as a download."""
    try:
        count, last = _review_window(weeks, end)
        with visitor.acting():
            printed = review.render("pdf", count, last, url=url)
    except ServiceError as exc:
        return error_page(request, 422, exc.message)
    assert isinstance(printed.content, bytes)
    return Response(
        printed.content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{printed.file_name}"'},
    )
