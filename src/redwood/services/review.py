"""The block review (`redwood review`, GET /review): every 4 weeks, what changed and what
the next block changes, as data, Markdown, HTML or PDF.

The window is the last `weeks` whole weeks: by default up to the last Sunday (today on a
Sunday), so a review on a Wednesday reads the four weeks that are over. Core lifts are the
active program's main lifts trained in the window, else the loaded compound lifts trained
on the most days of it. Stalls are diagnosed from the last 12 weeks of each core lift, the way
the coach does (`domain.stalls.diagnose`), against its current prescription.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from redwood.analytics import review_html, review_text
from redwood.analytics.backtest import default_target
from redwood.analytics.body import bodyweight_trend, checkin_trend
from redwood.analytics.review import Review, next_block, to_dict
from redwood.analytics.volume import group_volumes
from redwood.domain.exposure import Target
from redwood.domain.recovery import is_poor_checkin
from redwood.domain.stalls import Stall, diagnose
from redwood.domain.vocab import Mechanic
from redwood.services.athletes import local_today
from redwood.services.coaching import HISTORY_DAYS, POOR_RECOVERY_CHECKINS, POOR_RECOVERY_DAYS
from redwood.services.errors import ServiceError
from redwood.services.progress import (
    bodyweights,
    lift_histories,
    milestones,
    program_adherence,
    weekly_volume,
)
from redwood.services.progress_scope import Scope, check_weeks, open_scope
from redwood.store import Bodyweights, Checkins
from redwood.store.analytics_reads import DayCount

DEFAULT_WEEKS = 4
"""Review logs every 4 weeks (seed 004)."""
CORE_WITHOUT_PROGRAM = 6
FORMATS = ("md", "html", "pdf", "json")


def _last_sunday(today: date) -> date:
    return today - timedelta(days=(today.weekday() + 1) % 7)


def core_lifts(scope: Scope, counts: Sequence[DayCount]) -> list[str]:
    """The core lifts trained in the window: the active program's main lifts, else the
    loaded compound lifts trained on the most days (`counts`: hard sets per day and
    exercise in the window)."""
    days: dict[str, int] = {}
    for count in counts:
        days[count.exercise_id] = days.get(count.exercise_id, 0) + 1
    if scope.active is not None:
        main = {
            p.exercise
            for week in scope.active.program.weeks
            for session in week.sessions
            for p in session.prescriptions()
            if p.role == "main"
        }
        chosen = sorted(ex for ex in days if ex in main)
        if chosen:
            return chosen
    compound = []
    for exercise_id in sorted(days, key=lambda ex: (-days[ex], ex)):
        exercise = scope.lookup(exercise_id)
        loaded = exercise is not None and not exercise.is_bodyweight
        if loaded and exercise is not None and exercise.mechanic is Mechanic.COMPOUND:
            compound.append(exercise_id)
    return compound[:CORE_WITHOUT_PROGRAM]


def _target(scope: Scope, exercise: str, history: Sequence[Any]) -> Target:
    """The active program's latest prescription of `exercise` up to the end, else the
    range the athlete trained in (`backtest.default_target`)."""
    active = scope.active
    if active is not None:
        for week in sorted(active.program.weeks, key=lambda w: -w.index):
            first = active.starts_on + timedelta(weeks=week.index - 1)
            if first > scope.end:
                continue
            for session in week.sessions:
                for p in session.prescriptions():
                    if p.exercise == exercise:
                        return Target(p.sets, p.reps_min, p.reps_max, p.rir)
    return default_target(history[-1])


def _poor_recovery(scope: Scope) -> bool:
    start = scope.end - timedelta(days=POOR_RECOVERY_DAYS)
    window = Checkins(scope.session, scope.athlete.id).between(start, scope.end)
    poor = sum(is_poor_checkin(c.sleep_hours, c.soreness, c.pain) for c in window)
    return poor >= POOR_RECOVERY_CHECKINS


def stalls(scope: Scope, exercises: Sequence[str]) -> list[Stall]:
    """The stalled core lifts with their one matched fix, as the coach diagnoses them."""
    wanted = set(exercises)
    for exercise_id in exercises:
        found = scope.lookup(exercise_id)
        wanted.update(() if found is None else found.substitutes)
    start = scope.end - timedelta(days=HISTORY_DAYS)
    histories = scope.histories(wanted, start, scope.end)
    poor = _poor_recovery(scope)
    out = []
    for exercise_id in exercises:
        exercise, history = scope.lookup(exercise_id), histories.get(exercise_id, ())
        if exercise is None or not history:
            continue
        stall = diagnose(
            exercise_id,
            history,
            ladder=scope.ladder(exercise),
            target=_target(scope, exercise_id, history),
            poor_recovery=poor,
            variations={s: histories[s] for s in exercise.substitutes if s in histories},
        )
        if stall is not None:
            out.append(stall)
    return out


def _next_deload(scope: Scope) -> bool:
    after = scope.end + timedelta(days=1)
    return scope.is_deload(after + timedelta(days=(7 - after.weekday()) % 7))


def build_review(
    weeks: int = DEFAULT_WEEKS, end: date | None = None, *, url: str | None = None
) -> Review:
    """The review of the `weeks` weeks ending on `end` (default: the last Sunday)."""
    check_weeks(weeks)
    with open_scope(weeks, end, url) as s:
        if end is None:
            s = replace(s, end=_last_sunday(local_today(s.athlete)))
            s = replace(s, start=s.end - timedelta(weeks=weeks) + timedelta(days=1))
        assert s.start is not None
        counts = s.reads.hard_sets_by_day(s.since, s.until)
        core = core_lifts(s, counts)
        lifts = [lift for lift in lift_histories(s, core) if lift.points] if core else []
        weekly = weekly_volume(s, counts)
        goal, level = s.goal_and_level()
        checkins = Checkins(s.session, s.athlete.id)
        before = s.start - timedelta(weeks=weeks)
        readings = Bodyweights(s.session, s.athlete.id).between(s.start, s.end)
        every = milestones(s, s.reads.training_days(s.end), bodyweights(s))
        reached = [m for m in every if m.on >= s.start]
        found = Review(
            start=s.start,
            end=s.end,
            weeks=s.weeks,
            unit=s.unit,
            names=s.names({lift.exercise for lift in lifts}),
            lifts=tuple(lifts),
            stalls=tuple(stalls(s, [lift.exercise for lift in lifts])),
            volume=tuple(group_volumes(weekly, goal, level)),
            weekly=tuple(weekly),
            adherence=tuple(program_adherence(s, s.start)),
            checkins=checkin_trend(
                checkins.between(s.start, s.end),
                checkins.between(before, s.start - timedelta(days=1)),
            ),
            bodyweight=bodyweight_trend([(r.measured_on, r.kg) for r in readings]),
            milestones=tuple(reached),
            next_deload=_next_deload(s),
        )
        names = dict(found.names) | s.names({st.exercise for st in found.stalls})
        found = replace(found, names=names)
        return replace(found, changes=next_block(found))


def review(
    weeks: int = DEFAULT_WEEKS, end: date | None = None, *, url: str | None = None
) -> dict[str, Any]:
    """The `redwood review --format json` document: the review's sections as data."""
    return to_dict(build_review(weeks, end, url=url))


@dataclass(frozen=True, slots=True)
class Rendered:
    """A review in one format: Markdown or HTML text, PDF bytes or data, and its last day."""

    format: str
    content: str | bytes | dict[str, Any]
    end: date

    @property
    def file_name(self) -> str:
        """The file a PDF goes to unless told otherwise: review-END.pdf."""
        return f"review-{self.end.isoformat()}.{self.format}"


def render(
    fmt: str, weeks: int = DEFAULT_WEEKS, end: date | None = None, *, url: str | None = None
) -> Rendered:
    """The review as Markdown or HTML text, PDF bytes, or data (`fmt` md, html, pdf, json)."""
    kind = fmt.strip().lower()
    if kind not in FORMATS:
        raise ServiceError(f"format: use one of {', '.join(FORMATS)} (got {fmt!r})", "format")
    found = build_review(weeks, end, url=url)
    content: str | bytes | dict[str, Any] = to_dict(found)
    if kind == "md":
        content = review_text.markdown(found)
    elif kind == "html":
        content = review_html.document(found)
    elif kind == "pdf":
        content = review_html.pdf(found)
    return Rendered(kind, content, found.end)
