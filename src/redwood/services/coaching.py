"""Use cases of the coach: today's session, the athlete's status, the day's readiness.

Reads the active program, the log, the check-ins and the athlete's kit from the store,
hands them to `redwood.coach` as values and returns plain data (the `redwood today
--format json` document). One read-only transaction per call.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy.orm import Session

from redwood.catalog.catalogue import Catalogue
from redwood.coach.context import CoachSettings, Context, DayReadiness, SettingsError
from redwood.coach.document import ExerciseLine, Today
from redwood.coach.history import LogRow, doses, exposures, form_flags
from redwood.coach.prescribe import Planned, prescribe
from redwood.coach.schedule import Done, Scheduled, default_start, schedule_for, week_at
from redwood.coach.status import state_rows, suggest_next
from redwood.coach.summary import summary
from redwood.coach.today import DayFacts, build_today, rest_day
from redwood.domain.exercise import Exercise
from redwood.domain.fatigue import muscle_states
from redwood.domain.logbook import HARD_SET_TYPES, LoggedSet, PerformedSession
from redwood.domain.mass import Unit
from redwood.domain.program import (
    PlannedSession,
    Prescription,
    Program,
    ProgramError,
    WeekKind,
    program_from_dict,
)
from redwood.domain.recovery import RecoveryError, is_poor_checkin, readiness_adjustment
from redwood.domain.vocab import Limitation, Region
from redwood.services import catalogue as catalogue_service
from redwood.services.athletes import kit_of, local_athlete, local_today
from redwood.services.errors import NotFoundError, ServiceError
from redwood.store import AthleteRecord, Checkins, Logbook, Programs
from redwood.store.logreads import LogReads

HISTORY_DAYS = 84
"""Twelve weeks of log feed progression and stall detection (for today's exercises only)."""
RECENT_DAYS = 14
"""Two weeks of every set place the schedule (this week's sessions, the 48 h rule) and
feed the recovery model."""
RECOVERY_DAYS = 4
"""Doses older than 72 h are fully recovered; four days cover every window."""
POOR_RECOVERY_DAYS = 14
POOR_RECOVERY_CHECKINS = 2
"""Two poor check-ins in two weeks count as poor recovery for stall fixes [practitioner]."""


@dataclass(frozen=True, slots=True)
class ActiveProgram:
    """The athlete's active program as values, with the ids of its planned sessions."""

    id: int
    program: Program
    starts_on: date
    planned_ids: Mapping[tuple[int, int], int]
    keys: Mapping[int, tuple[int, int]]


def active_program(session: Session, athlete: AthleteRecord) -> ActiveProgram | None:
    """The athlete's active program as values with its start Monday, or None."""
    programs = Programs(session, athlete.id)
    record = programs.active()
    if record is None:
        return None
    try:
        program = program_from_dict(dict(record.document))
    except ProgramError as exc:
        raise ServiceError(f"the active program cannot be read: {exc}", "program") from None
    starts = record.starts_on or default_start(
        program, record.updated_at.astimezone(athlete.zone).date()
    )
    planned = programs.planned_sessions(record.id)
    ids = {(p.week_index, p.position): p.id for p in planned}
    return ActiveProgram(record.id, program, starts, ids, {v: k for k, v in ids.items()})


def planned_targets(
    active: ActiveProgram | None, key: tuple[int, int] | None
) -> dict[str, Prescription]:
    """What the active program prescribed, by exercise, in the planned session `key`
    (week index, position); empty when there is no such session."""
    if active is None or key is None:
        return {}
    week = next((w for w in active.program.weeks if w.index == key[0]), None)
    if week is None or key[1] >= len(week.sessions):
        return {}
    return {p.exercise: p for p in week.sessions[key[1]].prescriptions()}


def _is_deload(active: ActiveProgram | None, on: date, key: tuple[int, int] | None) -> bool:
    """True for sessions of a deload week (by the planned session, else by the date)."""
    if active is None:
        return False
    if key is not None:
        week = next((w for w in active.program.weeks if w.index == key[0]), None)
    else:
        week = week_at(active.program, active.starts_on, on)
    return week is not None and week.kind is WeekKind.DELOAD


def _done(
    active: ActiveProgram | None,
    performed: PerformedSession,
    key: tuple[int, int] | None,
    hard_exercises: Iterable[str],
    catalogue: Catalogue,
) -> Done | None:
    """The session as the schedule sees it: the regions its hard sets trained (and its
    planned session's), or None when it neither trained a region nor did a planned one."""
    regions: set[Region] = set()
    for exercise_id in hard_exercises:
        exercise = catalogue.get(exercise_id)
        if exercise is not None:
            regions.add(exercise.region)
    if key is not None and active is not None:
        week = next(w for w in active.program.weeks if w.index == key[0])
        regions |= set(week.sessions[key[1]].regions)
    if regions or key is not None:
        return Done(performed.local_date, frozenset(regions), key)
    return None


def _planned_key(
    active: ActiveProgram | None, performed: PerformedSession
) -> tuple[int, int] | None:
    if active is None or performed.planned_session_id is None:
        return None
    return active.keys.get(performed.planned_session_id)


def _rows(
    active: ActiveProgram | None,
    performed_sessions: Iterable[PerformedSession],
    by_session: Mapping[UUID, list[LoggedSet]],
) -> list[LogRow]:
    """Every set of the sessions as a `LogRow` with its date, target and deload flag."""
    rows: list[LogRow] = []
    for performed in performed_sessions:
        sets = by_session.get(performed.id)
        if not sets:
            continue
        key = _planned_key(active, performed)
        targets = planned_targets(active, key)
        deload = _is_deload(active, performed.local_date, key)
        rows.extend(
            LogRow(performed.local_date, s, targets.get(s.exercise_id), deload) for s in sets
        )
    return rows


def _log(
    session: Session,
    athlete: AthleteRecord,
    active: ActiveProgram | None,
    start: date,
    end: date,
    exercises: Collection[str],
) -> list[LogRow]:
    """Every live set of `exercises` in [start, end] with its date and target."""
    performed_sessions = Logbook(session, athlete.id).sessions(start, end)
    by_session = LogReads(session, athlete.id).sets_by_session(
        (performed.id for performed in performed_sessions), exercises
    )
    return _rows(active, performed_sessions, by_session)


def _recent(
    session: Session, athlete: AthleteRecord, active: ActiveProgram | None, on: date
) -> tuple[list[LogRow], list[Done]]:
    """Every live set of the last `RECOVERY_DAYS` days up to `on` (the recovery model's
    doses), and the sessions of the last `RECENT_DAYS` days as `Done` (the schedule). A
    session without live sets (every set deleted) is no session: it neither does its
    planned session nor counts for the 48 h rule. The older sessions are read as their
    distinct (exercise, set type) pairs, not set by set: a busy athlete's two weeks are
    thousands of sets, and the schedule only needs the regions each session trained."""
    performed_sessions = Logbook(session, athlete.id).sessions(on - timedelta(days=RECENT_DAYS), on)
    reads = LogReads(session, athlete.id)
    kinds = reads.kinds_by_session(performed.id for performed in performed_sessions)
    first_dose = on - timedelta(days=RECOVERY_DAYS)
    dosing = [p for p in performed_sessions if p.local_date >= first_dose and p.id in kinds]
    rows = _rows(active, dosing, reads.sets_by_session(p.id for p in dosing))
    catalogue = catalogue_service.catalogue()
    done: list[Done] = []
    for performed in performed_sessions:
        pairs = kinds.get(performed.id)
        if not pairs:
            continue
        hard = {exercise for exercise, kind in pairs if kind in HARD_SET_TYPES}
        entry = _done(active, performed, _planned_key(active, performed), hard, catalogue)
        if entry is not None:
            done.append(entry)
    return rows, done


def _readiness(
    checkins: Checkins, on: date
) -> tuple[DayReadiness | None, frozenset[Limitation], tuple[str, ...]]:
    checkin = checkins.latest(on)
    if checkin is None or checkin.local_date != on:
        return None, frozenset(), ()
    try:
        adjustment = readiness_adjustment(
            checkin.sleep_hours, checkin.soreness, checkin.energy, checkin.pain
        )
    except RecoveryError as exc:
        raise ServiceError(f"check-in: {exc}", "checkin") from None
    areas = frozenset(Limitation(a) for a in checkin.pain_where if a in set(Limitation))
    return DayReadiness(adjustment, on), areas, adjustment.reasons


def _instant(on: date, athlete: AthleteRecord, now: datetime) -> datetime:
    if now.astimezone(athlete.zone).date() == on:
        return now
    return datetime.combine(on, time(18), tzinfo=athlete.zone).astimezone(UTC)


def _lookup(catalogue: Catalogue) -> Callable[[str], Exercise | None]:
    return catalogue.get


def _settings(athlete: AthleteRecord) -> CoachSettings:
    try:
        return CoachSettings.from_json(athlete.coach_settings)
    except SettingsError as exc:
        raise ServiceError(f"coach settings: {exc}", exc.field) from None


@dataclass(frozen=True, slots=True)
class _Day:
    """Everything read from the store for one date."""

    active: ActiveProgram
    facts: DayFacts
    ctx: Context | None
    unit: Unit


def _wanted(planned: PlannedSession, catalogue: Catalogue) -> frozenset[str]:
    """The exercises whose history today's prescription reads: the session's, and their
    listed substitutes (stall swaps and pain swaps carry loads over from them)."""
    wanted: set[str] = set()
    for prescription in planned.prescriptions():
        wanted.add(prescription.exercise)
        exercise = catalogue.get(prescription.exercise)
        wanted.update(() if exercise is None else exercise.substitutes)
    return frozenset(wanted)


def _day(session: Session, on: date | None, now: datetime) -> _Day:
    athlete = local_athlete(session)
    on = on or local_today(athlete, now)
    active = active_program(session, athlete)
    if active is None:
        raise ServiceError(
            "no active program: make one with 'redwood plan ... --activate'", "program"
        )
    at = _instant(on, athlete, now)
    recent, done = _recent(session, athlete, active, on)
    catalogue = catalogue_service.catalogue()
    scheduled = schedule_for(active.program, active.starts_on, on, done)
    if not scheduled.already_done:
        recent = [r for r in recent if r.on < on]
    last = max((d.on for d in done if d.on < on), default=None)
    checkins = Checkins(session, athlete.id)
    readiness, pain, notes = _readiness(checkins, on)
    window = checkins.between(on - timedelta(days=POOR_RECOVERY_DAYS), on)
    facts = DayFacts(
        scheduled=scheduled,
        program_id=active.id,
        planned_session_id=None
        if scheduled.slot is None
        else active.planned_ids.get(scheduled.slot.key),
        session_minutes=active.program.profile.session_minutes,
        states=muscle_states(doses(recent, catalogue.get), at),
        at=at,
        days_since_training=RECENT_DAYS if last is None else (on - last).days,
        readiness_notes=notes,
    )
    kit = kit_of(athlete)
    if scheduled.slot is None:
        return _Day(active, facts, None, kit.unit)
    start = on - timedelta(days=HISTORY_DAYS)
    rows = _log(session, athlete, active, start, on, _wanted(scheduled.slot.session, catalogue))
    before_today = [r for r in rows if r.on < on]
    ctx = Context(
        on=on,
        profile=active.program.profile,
        week=scheduled.slot.week,
        catalogue=catalogue,
        equipment=active.program.profile.equipment_on(scheduled.slot.session.weekday),
        kit=kit,
        settings=_settings(athlete),
        history=exposures(before_today, unit=kit.unit),
        readiness=readiness,
        pain_where=pain,
        form_flags=form_flags(before_today),
        poor_recovery=sum(is_poor_checkin(c.sleep_hours, c.soreness, c.pain) for c in window)
        >= POOR_RECOVERY_CHECKINS,
    )
    return _Day(active, facts, ctx, kit.unit)


def today_plan(
    on: date | None = None, *, url: str | None = None, now: datetime | None = None
) -> Today:
    """Today's session (or rest day) as a value: what the runner and `redwood today` use."""
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        day = _day(session, on, now or datetime.now(UTC))
        if day.ctx is None:
            return rest_day(day.unit, day.facts)
        return build_today(day.ctx, day.facts)


def swap_options(on: date, exercise_id: str, *, url: str | None = None) -> list[Exercise]:
    """Substitutes of an exercise the athlete can do with today's kit, best first."""
    from redwood.services.database import unit_of_work

    with unit_of_work(url) as session:
        day = _day(session, on, datetime.now(UTC))
        catalogue = catalogue_service.catalogue()
        exercise = catalogue.get(exercise_id)
        if exercise is None or day.ctx is None:
            return []
        kit = day.ctx.equipment
        return [s for s in catalogue.substitutes_for(exercise) if s.doable_with(kit)]


def swap_line(
    on: date, line: ExerciseLine, new_id: str, sets: int, *, url: str | None = None
) -> ExerciseLine:
    """The prescription for `new_id` in place of `line`, for `sets` working sets."""
    from redwood.services.database import unit_of_work

    working = line.working_sets
    if not working:
        raise ServiceError("exercise: nothing left to swap", "exercise")
    first = working[0]
    with unit_of_work(url) as session:
        day = _day(session, on, datetime.now(UTC))
        if day.ctx is None:
            raise ServiceError("exercise: today is a rest day", "exercise")
        prescription = Prescription(
            new_id,
            max(1, sets),
            first.reps_min,
            first.reps_max,
            first.rir if first.rir is not None else 2,
            line.rest_seconds,
        )
        planned = Planned(prescription, line.block, line.block_type, line.pair_rest_seconds)
        outcome = prescribe(replace(day.ctx, readiness=None), planned)
        if outcome.line is None:
            raise ServiceError(f"exercise: {new_id} cannot be done today", "exercise")
        return replace(outcome.line, swapped_from=line.exercise)


def session_summary(session_id: UUID, *, url: str | None = None) -> dict[str, Any]:
    """Sets, hard sets, tonnage, volume per muscle and new records of one performed session.

    Records are those the session set when it was done: its sets are compared with the
    sets performed before its first one, never with later sessions (a session logged
    after a heavier one, or read back later, keeps its records)."""
    from redwood.services.database import unit_of_work

    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        book = Logbook(session, athlete.id)
        performed = book.get_session(session_id)
        if performed is None:
            raise NotFoundError("session: no such session", "session")
        today_rows = [LogRow(performed.local_date, s) for s in book.session_sets(session_id)]
        exercises = {r.set.exercise_id for r in today_rows}
        since = datetime.combine(
            performed.local_date - timedelta(days=365 * 3), time(0), tzinfo=UTC
        )
        until = min((r.set.performed_at for r in today_rows), default=None)
        before = [
            LogRow(performed.local_date, s)
            for exercise in exercises
            for s in book.sets_for_exercise(exercise, since=since, until=until)
        ]
        data = summary(today_rows, before, catalogue_service.catalogue().get, kit_of(athlete).unit)
        return {"session": str(session_id), "date": performed.local_date.isoformat(), **data}


def today(on: date | None = None, *, url: str | None = None) -> dict[str, Any]:
    """The `redwood today --format json` document."""
    return today_plan(on, url=url).to_dict()


def status(
    on: date | None = None, *, url: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Each muscle's readiness, when it was last trained, and the suggested next session."""
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    now = now or datetime.now(UTC)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        on = on or local_today(athlete, now)
        at = _instant(on, athlete, now)
        active = active_program(session, athlete)
        recent, done = _recent(session, athlete, active, on)
        catalogue = catalogue_service.catalogue()
        states = muscle_states(doses(recent, catalogue.get), at)
        data: dict[str, Any] = {
            "date": on.isoformat(),
            "muscles": state_rows(states),
            "last_session": None,
            "next": None,
            "off_plan_sessions": sum(
                1 for d in done if d.planned is None and d.on >= on - timedelta(days=7)
            ),
        }
        last = max(done, key=lambda d: d.on, default=None)
        if last is not None:
            data["last_session"] = {
                "date": last.on.isoformat(),
                "regions": sorted(str(r) for r in last.regions),
                "planned": last.planned is not None,
            }
        if active is not None:
            scheduled: Scheduled = schedule_for(active.program, active.starts_on, on, done)
            suggestion = suggest_next(scheduled, active.starts_on, done, states, at, catalogue.get)
            if suggestion is not None:
                data["next"] = {
                    "title": suggestion.title,
                    "date": suggestion.on.isoformat(),
                    "reason": suggestion.reason,
                }
        return data
