"""Progress you can see: the signed-in athlete's progress, block review, charts and
backtests.

`GET /progress` answers the `redwood progress --format json` document, `GET /review` the
`redwood review --format json` one, `GET /backtest` the `redwood backtest --format json`
one; `GET /charts/e1rm` and `GET /charts/volume` answer the same SVG the CLI writes
(`image/svg+xml`). Everything runs inside `acting_as`: only the athlete's own log is read.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import Field

from redwood.services import backtest, progress, review
from redwood.services.identity import acting_as
from redwood.services.progress_scope import MAX_WEEKS
from redwood.web.api.inputs import Database, DayQuery, Name, SignedIn, Word

router = APIRouter(tags=["analytics"])

Weeks = Annotated[int, Field(ge=1, le=MAX_WEEKS)]
SVG: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/svg+xml": {"schema": {"type": "string"}}}}
}


def _svg(text: str) -> Response:
    return Response(text, media_type="image/svg+xml")


@router.get("/progress", response_model=None)
def get_progress(
    athlete_id: SignedIn,
    url: Database,
    weeks: Annotated[Weeks, Query(description="Weeks back (records are all-time).")] = 12,
    end: DayQuery = None,
) -> dict[str, Any]:
    """Each lift's e1RM and records, weekly volume against the band, adherence, the
    streak, milestones and bodyweight."""
    with acting_as(athlete_id):
        return progress.progress(weeks, end, url=url)


@router.get("/review", response_model=None)
def get_review(
    athlete_id: SignedIn,
    url: Database,
    weeks: Annotated[Weeks, Query(description="Weeks to review.")] = 4,
    end: DayQuery = None,
) -> dict[str, Any]:
    """The block review's sections (default: the 4 weeks up to the last Sunday)."""
    with acting_as(athlete_id):
        return review.review(weeks, end, url=url)


@router.get("/charts/e1rm", response_class=Response, responses=SVG)
def get_e1rm_chart(
    athlete_id: SignedIn,
    url: Database,
    exercise: Annotated[Name, Query(description="An exercise id or name.")],
    weeks: Annotated[Weeks | None, Query(description="Only the last weeks.")] = None,
    end: DayQuery = None,
) -> Response:
    """The best e1RM of each session of one exercise, as SVG."""
    with acting_as(athlete_id):
        return _svg(progress.e1rm_chart(exercise, weeks, end, url=url))


@router.get("/charts/volume", response_class=Response, responses=SVG)
def get_volume_chart(
    athlete_id: SignedIn,
    url: Database,
    muscle: Annotated[Word, Query(description="A muscle or group, e.g. quads.")],
    weeks: Annotated[Weeks, Query(description="Weeks to show.")] = 12,
    end: DayQuery = None,
) -> Response:
    """Hard sets a week of one muscle group with the athlete's band shaded, as SVG."""
    with acting_as(athlete_id):
        return _svg(progress.volume_chart(muscle, weeks, end, url=url))


@router.get("/backtest", response_model=None)
def get_backtest(
    athlete_id: SignedIn,
    url: Database,
    rule: Annotated[Word, Query(description="e.g. double-progression.")] = "double_progression",
    exercise: Annotated[Name | None, Query(description="One exercise (default: all).")] = None,
    weeks: Annotated[Weeks, Query(description="Weeks to replay.")] = 52,
    end: DayQuery = None,
) -> dict[str, Any]:
    """The log replayed through every progression rule against what was lifted."""
    with acting_as(athlete_id):
        return backtest.backtest(rule, exercise, weeks, end, url=url)
