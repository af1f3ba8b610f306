"""Progress you can see: each lift's e1RM and records, weekly volume against the band,
adherence, the streak, milestones and bodyweight (`redwood progress`, GET /progress), and
the charts (`redwood chart`, GET /charts/...).

Everything is aggregated by the database (`store.analytics_reads`) and computed by
`redwood.analytics`; JSON carries kilograms, and the texts use the athlete's unit.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

from redwood.analytics import charts, consistency
from redwood.analytics.adherence import WeekAdherence, adherence, total_percent
from redwood.analytics.body import bodyweight_trend
from redwood.analytics.consistency import Milestone
from redwood.analytics.lifts import LiftHistory, days_of, lift_history
from redwood.analytics.review import bodyweight_dict, kg, milestone_dict, record_dict, week_dict
from redwood.analytics.volume import WeekSets, band_for, read_group, weekly_sets, weeks_between
from redwood.domain.exercise import Exercise
from redwood.domain.records import Bests
from redwood.domain.vocab import Equipment, Pattern
from redwood.domain.volume import VolumeError, group_sets
from redwood.services.errors import ServiceError
from redwood.services.logsupport import resolve_exercise
from redwood.services.progress_scope import Scope, exercises_where, midnight, open_scope
from redwood.store import Logbook
from redwood.store.analytics_reads import DayCount
from redwood.store.record_book import RecordBook

DEFAULT_WEEKS = 12
"""`redwood progress` looks at the last 12 weeks (records are all-time)."""
VOLUME_CHART_WEEKS = 12
BARBELLS = frozenset({Equipment.BARBELL, Equipment.TRAP_BAR})
BODYWEIGHT_SCAN = timedelta(weeks=26)
"""How much of the log a bodyweight milestone reads at a time, from the first day it can be."""


# ---- lifts -----------------------------------------------------------------------------------


def lift_histories(scope: Scope, exercises: Collection[str] | None = None) -> list[LiftHistory]:
    """Each lift trained in the window: its session e1RMs, the records set in the window,
    and its all-time bests (dated), most sessions first. The bests before the window come
    from the record book (`store.record_book`), not from the earlier log."""
    reads = scope.reads
    groups = reads.day_groups(
        exercises=exercises, first_day=scope.start, last_day=scope.end, until=scope.until
    )
    days = days_of(groups, scope.unit)
    if not days:
        return []
    earlier = {ex: Bests(ex) for ex in days}
    if scope.start is not None:
        book = RecordBook(scope.session, scope.athlete.id)
        earlier = book.bests_before(scope.start, set(days), scope.unit)
    out = [lift_history(earlier[ex], days[ex]) for ex in days]
    return sorted(out, key=lambda lift: (-lift.sessions, scope.name(lift.exercise)))


def lift_dict(lift: LiftHistory, scope: Scope) -> dict[str, Any]:
    """A lift as JSON: its session e1RMs, change, all-time records and those of the window.
    A record's `previous_kg` is the best it beat when it was set inside the window (None for
    records set before it: the earlier log is read as bests, not as a history)."""
    name = scope.name(lift.exercise)
    return {
        "exercise": lift.exercise,
        "name": name,
        "sessions": lift.sessions,
        "e1rm": [{"date": p.on.isoformat(), "kg": kg(p.e1rm)} for p in lift.points],
        "change_kg": kg(lift.change),
        "records": [record_dict(r, name, scope.unit, new=False) for r in lift.bests],
        "new_records": [record_dict(r, name, scope.unit) for r in lift.new],
    }


# ---- volume, adherence, consistency ---------------------------------------------------------


def weekly_volume(scope: Scope, counts: Sequence[DayCount] | None = None) -> list[WeekSets]:
    """Fractional hard sets per group for each week of the window (from `counts`, the
    window's hard sets per day and exercise, when already read)."""
    start = scope.start or scope.end
    if counts is None:
        counts = scope.reads.hard_sets_by_day(scope.since, scope.until)
    return weekly_sets(counts, scope.lookup, weeks_between(start, scope.end))


def week_volume_dict(item: WeekSets, scope: Scope) -> dict[str, Any]:
    goal, level = scope.goal_and_level()
    band = band_for(goal, level, item.group)
    return {
        "week": item.week.isoformat(),
        "muscle": item.group.value,
        "sets": float(item.sets),
        "band": None if band is None else {"low": float(band.low), "high": float(band.high)},
    }


def program_adherence(scope: Scope, start: date) -> list[WeekAdherence]:
    """Planned against done for the active program's weeks in [start, end]."""
    active = scope.active
    if active is None:
        return []
    performed = Logbook(scope.session, scope.athlete.id).sessions(start, scope.end)
    sessions = [
        (
            p.local_date,
            None if p.planned_session_id is None else active.keys.get(p.planned_session_id),
        )
        for p in performed
    ]
    return adherence(active.program, active.starts_on, sessions, start, scope.end)


def _bodyweight_milestones(
    scope: Scope, readings: Sequence[tuple[date, Decimal]]
) -> list[Milestone]:
    """The first sessions whose heaviest barbell squat or hinge reached a multiple of the
    athlete's bodyweight (`consistency.BODYWEIGHT_LIFTS`; `readings` oldest first).

    Only the days on which the heaviest load so far (the record book) was at least the
    multiple of that day's bodyweight can hold one (`consistency.candidate_spans`); the
    sessions of those spans are read, a few months at a time, until the first that counts."""
    if not readings:
        return []
    book = RecordBook(scope.session, scope.athlete.id)
    out = []
    for pattern in (Pattern.SQUAT, Pattern.HINGE):
        lifts = [(m, title) for p, m, title in consistency.BODYWEIGHT_LIFTS if p is pattern]

        def barbell(exercise: Exercise, pattern: Pattern = pattern) -> bool:
            return exercise.pattern is pattern and bool(BARBELLS & set(exercise.equipment))

        exercises = exercises_where(scope, barbell)
        loads = book.load_steps(exercises, scope.end)
        for multiple, title in lifts:
            spans = consistency.candidate_spans(loads, readings, multiple, scope.end)
            on = _first_multiple_in(scope, exercises, spans, readings, multiple)
            if on is not None:
                out.append(Milestone(consistency.MilestoneKind.BODYWEIGHT, title, on, multiple))
    return out


def _first_multiple_in(
    scope: Scope,
    exercises: Sequence[str],
    spans: Sequence[tuple[date, date, Decimal]],
    readings: Sequence[tuple[date, Decimal]],
    multiple: Decimal,
) -> date | None:
    """The first session in `spans` (first day, last day, lowest bar) whose heaviest set
    of `exercises` reached `multiple` x the bodyweight of its day."""
    for first, last, bar in spans:
        start = first
        while start <= last:
            stop = min(start + BODYWEIGHT_SCAN, last + timedelta(days=1))
            since, until = midnight(start, scope.athlete), midnight(stop, scope.athlete)
            tops = scope.reads.session_tops(exercises, bar, until, since=since)
            sessions = ((scope.day_of(at), top) for at, top in tops)
            on = consistency.first_multiple(sessions, readings, multiple)
            if on is not None:
                return on
            start = stop
    return None


def bodyweights(scope: Scope) -> list[tuple[date, Decimal]]:
    """Every bodyweight reading up to the end of the window (day, kg), oldest first."""
    return scope.reads.bodyweights(scope.end)


def milestones(
    scope: Scope, days: Sequence[date], readings: Sequence[tuple[date, Decimal]]
) -> list[Milestone]:
    """Every milestone reached up to the end of the window, oldest first (`days`: the
    training days; `readings`: the bodyweights, oldest first)."""
    found = consistency.session_milestones(days)
    found += consistency.consistency_milestones(days, scope.end)
    barbell_ids = exercises_where(scope, lambda e: Equipment.BARBELL in e.equipment)
    plates = consistency.plate_loads(scope.unit)
    grams = [load.kg.quantize(Decimal("0.001"), rounding=ROUND_FLOOR) for _, load in plates]
    book = RecordBook(scope.session, scope.athlete.id)
    found += consistency.plate_milestones(
        book.first_days(barbell_ids, grams, scope.end), scope.unit
    )
    found += _bodyweight_milestones(scope, readings)
    return consistency.ordered(found)


# ---- progress -------------------------------------------------------------------------------


def progress(
    weeks: int = DEFAULT_WEEKS, end: date | None = None, *, url: str | None = None
) -> dict[str, Any]:
    """The `redwood progress --format json` document for the last `weeks` weeks."""
    with open_scope(weeks, end, url) as s:
        assert s.start is not None
        lifts = lift_histories(s)
        weeks_sets = weekly_volume(s)
        plan = program_adherence(s, s.start)
        days = s.reads.training_days(s.end)
        readings = bodyweights(s)
        window = [(on, kg) for on, kg in readings if on >= s.start]
        new = sorted((r for lift in lifts for r in lift.new), key=lambda r: (r.on, r.exercise))
        return {
            "period": {"start": s.start.isoformat(), "end": s.end.isoformat(), "weeks": s.weeks},
            "unit": str(s.unit),
            "lifts": [lift_dict(lift, s) for lift in lifts],
            "new_records": [record_dict(r, s.name(r.exercise), s.unit) for r in new],
            "weekly_volume": [week_volume_dict(item, s) for item in weeks_sets],
            "adherence": [week_dict(w) for w in plan],
            "adherence_percent": None if (p := total_percent(plan)) is None else float(p),
            "streak_days": consistency.streak_days(days, s.end),
            "sessions": len(days),
            "milestones": [milestone_dict(m) for m in milestones(s, days, readings)],
            "bodyweight": bodyweight_dict(bodyweight_trend(window)),
        }


# ---- charts ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series:
    """A chart's data: its points (date, value in the athlete's unit) and how it reads."""

    chart: charts.Chart
    points: tuple[tuple[date, float], ...]
    bars: bool
    data: dict[str, Any]

    def svg(self) -> str:
        draw = charts.bar_chart if self.bars else charts.line_chart
        return draw(self.points, self.chart)


def _e1rm(exercise: str, weeks: int | None, end: date | None, url: str | None) -> Series:
    with open_scope(weeks, end, url) as s:
        found = resolve_exercise(s.work, exercise)
        groups = s.reads.day_groups(s.since, s.until, [found.id])
        days = days_of(groups, s.unit).get(found.id, [])
        points = [(d.on, d.e1rm) for d in days if d.e1rm is not None]
        since = "your first session" if s.start is None else s.start.isoformat()
        chart = charts.Chart(
            f"{found.name}: e1RM",
            f"Best estimated 1RM of each session of {found.name}, from {since} to {s.end}, "
            f"in {s.unit}: {len(points)} sessions.",
            f"estimated 1RM ({s.unit}), best set of each session",
        )
        data = {
            "exercise": found.id,
            "name": found.name,
            "unit": str(s.unit),
            "e1rm": [{"date": on.isoformat(), "kg": kg(e1rm)} for on, e1rm in points],
        }
        shown = tuple((on, float(e1rm.to(s.unit))) for on, e1rm in points)
        return Series(chart, shown, False, data)


def _volume(muscle: str, weeks: int, end: date | None, url: str | None) -> Series:
    try:
        group = read_group(muscle)
    except VolumeError as exc:
        raise ServiceError(str(exc), "muscle") from None
    with open_scope(weeks, end, url) as s:
        assert s.start is not None
        ids = exercises_where(s, lambda e: group in group_sets(e, 1))
        counts = s.reads.hard_sets_by_day(s.since, s.until, ids)
        weekly = [
            w
            for w in weekly_sets(counts, s.lookup, weeks_between(s.start, s.end))
            if w.group is group
        ]
        if not weekly:
            weekly = [WeekSets(w, group, Decimal(0)) for w in weeks_between(s.start, s.end)]
        goal, level = s.goal_and_level()
        band = band_for(goal, level, group)
        name = group.value.replace("_", " ")
        shade = (
            None
            if band is None
            else charts.Band(float(band.low), float(band.high), f"band {band.low}-{band.high}")
        )
        chart = charts.Chart(
            f"{name.capitalize()}: hard sets a week",
            f"Fractional hard sets of {name} each week from {s.start} to {s.end}"
            + ("" if band is None else f", against your band of {band.low}-{band.high}")
            + ".",
            "hard sets a week (direct 1, indirect 0.5)",
            shade,
        )
        data = {
            "muscle": group.value,
            "band": None if band is None else {"low": float(band.low), "high": float(band.high)},
            "weeks": [{"week": w.week.isoformat(), "sets": float(w.sets)} for w in weekly],
        }
        return Series(chart, tuple((w.week, float(w.sets)) for w in weekly), True, data)


def e1rm_series(
    exercise: str, weeks: int | None = None, end: date | None = None, *, url: str | None = None
) -> dict[str, Any]:
    """The best e1RM of each session of one exercise (the whole log unless `weeks`)."""
    return _e1rm(exercise, weeks, end, url).data


def volume_series(
    muscle: str, weeks: int = VOLUME_CHART_WEEKS, end: date | None = None, *, url: str | None = None
) -> dict[str, Any]:
    """Hard sets a week of one muscle group, with the athlete's band."""
    return _volume(muscle, weeks, end, url).data


def e1rm_chart(
    exercise: str, weeks: int | None = None, end: date | None = None, *, url: str | None = None
) -> str:
    """The e1RM chart of one exercise as SVG."""
    return _e1rm(exercise, weeks, end, url).svg()


def volume_chart(
    muscle: str, weeks: int = VOLUME_CHART_WEEKS, end: date | None = None, *, url: str | None = None
) -> str:
    """The weekly volume chart of one muscle group as SVG, its band shaded."""
    return _volume(muscle, weeks, end, url).svg()


def write_chart(
    kind: str,
    subject: str,
    output: str,
    weeks: int | None = None,
    end: date | None = None,
    *,
    url: str | None = None,
) -> dict[str, Any]:
    """Draw the `kind` chart ("e1rm" or "volume") of `subject` into `output`: SVG, or PNG
    when the name ends in .png. The file appears only once complete."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in {".svg", ".png"}:
        raise ServiceError(f"output: {output!r} must end in .svg or .png", "output")
    if kind == "e1rm":
        series = _e1rm(subject, weeks, end, url)
    elif kind == "volume":
        series = _volume(subject, weeks or VOLUME_CHART_WEEKS, end, url)
    else:
        raise ServiceError(f"chart: unknown chart {kind!r} (use e1rm or volume)", "chart")
    svg = series.svg()
    content = charts.png(svg) if suffix == ".png" else svg.encode("utf-8")
    write_file(output, content)
    about = {k: v for k, v in series.data.items() if k in {"exercise", "name", "muscle", "unit"}}
    return {"file": str(path), "format": suffix[1:], "points": len(series.points), **about}


def write_file(output: str, content: bytes) -> None:
    """Write `content` to `output` so that the file appears only once complete (a
    temporary file beside it, renamed); a folder that is missing or cannot be written
    to is refused on the `output` field."""
    path = Path(output)
    folder = path.parent
    if not folder.is_dir():
        raise ServiceError(f"output: folder {str(folder)!r} does not exist", "output")
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.part"
    try:
        with temporary.open("xb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ServiceError(f"output: cannot write {output!r} ({exc.strerror})", "output") from None
