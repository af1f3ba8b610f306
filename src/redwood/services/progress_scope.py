"""What the progress, review and backtest use cases share: the athlete, the window of weeks
they look at, the exercises (catalogue and the athlete's own), the band, ladders, and the
set-level history of a few exercises.

A window of `weeks` weeks ends on `end` (the athlete's local today by default) and starts
on the Monday `weeks - 1` weeks before `end`'s week, so weekly counts cover whole weeks.
Sets belong to it by the instant they were performed, from local midnight of its first
day to the end of its last, in the athlete's time zone; the lifts' days (e1RM, records)
by the local dates of their sessions, as the record book dates the bests before it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from redwood.analytics.volume import monday_of
from redwood.coach.context import Kit
from redwood.coach.history import LogRow, exposures
from redwood.coach.schedule import week_at
from redwood.domain.exercise import Exercise
from redwood.domain.exposure import Exposure
from redwood.domain.loadsteps import LoadLadder
from redwood.domain.mass import Unit
from redwood.domain.program import Prescription, WeekKind
from redwood.domain.vocab import Goal, Level
from redwood.services import catalogue as catalogue_service
from redwood.services.athletes import kit_of, local_today
from redwood.services.coaching import ActiveProgram, active_program, planned_targets
from redwood.services.errors import ServiceError
from redwood.services.logsupport import Work, athlete_work
from redwood.store import AthleteRecord, Exercises, Logbook
from redwood.store.analytics_reads import AnalyticsReads
from redwood.store.logreads import LogReads

MAX_WEEKS = 520
"""The longest window: ten years."""


def check_weeks(weeks: int | None, field: str = "weeks") -> int | None:
    """`weeks` when it is 1-520 (None stays None: the whole log)."""
    if weeks is None:
        return None
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise ServiceError(f"{field}: must be a whole number of weeks from 1 to {MAX_WEEKS}", field)
    return weeks


def midnight(day: date, athlete: AthleteRecord) -> datetime:
    """The instant a local day begins for the athlete."""
    return datetime.combine(day, time(0), tzinfo=athlete.zone).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Scope:
    """One use case's view: the athlete and their unit, the window, the exercises."""

    work: Work
    end: date
    start: date | None
    active: ActiveProgram | None
    exercises: Mapping[str, Exercise]

    @property
    def session(self) -> Session:
        return self.work.session

    @property
    def athlete(self) -> AthleteRecord:
        return self.work.athlete

    @property
    def unit(self) -> Unit:
        return self.work.unit

    @property
    def reads(self) -> AnalyticsReads:
        return AnalyticsReads(self.session, self.athlete.id)

    @property
    def since(self) -> datetime | None:
        """The first instant of the window (None: the whole log)."""
        return None if self.start is None else midnight(self.start, self.athlete)

    @property
    def until(self) -> datetime:
        """The first instant after the window."""
        return midnight(self.end + timedelta(days=1), self.athlete)

    def day_of(self, at: datetime) -> date:
        """The athlete's local date of an instant."""
        return at.astimezone(self.athlete.zone).date()

    @property
    def weeks(self) -> int:
        first = self.start or self.end
        return (monday_of(self.end) - monday_of(first)).days // 7 + 1

    def lookup(self, exercise_id: str) -> Exercise | None:
        """A catalogue exercise or one of the athlete's own."""
        found = self.exercises.get(exercise_id) or catalogue_service.catalogue().get(exercise_id)
        if found is None:
            found = Exercises(self.session, self.athlete.id).get(exercise_id)
        return found

    def name(self, exercise_id: str) -> str:
        found = self.lookup(exercise_id)
        return exercise_id if found is None else found.name

    def names(self, exercise_ids: Collection[str]) -> dict[str, str]:
        return {ex: self.name(ex) for ex in exercise_ids}

    def goal_and_level(self) -> tuple[Goal | None, Level | None]:
        """The goal and level of the active program, else of the athlete's last plan."""
        if self.active is not None:
            return self.active.program.profile.goal, self.active.program.profile.level
        profile: Mapping[str, Any] = self.athlete.profile or {}
        try:
            return Goal(str(profile.get("goal"))), Level(str(profile.get("level")))
        except ValueError:
            return None, None

    @property
    def kit(self) -> Kit:
        return kit_of(self.athlete)

    def ladder(self, exercise: Exercise) -> LoadLadder:
        """The loads the athlete can set up for `exercise` (their plates, dumbbells, stack)."""
        return self.kit.ladder(exercise)

    def is_deload(self, on: date) -> bool:
        """True on days of the active program's deload weeks."""
        if self.active is None:
            return False
        week = week_at(self.active.program, self.active.starts_on, on)
        return week is not None and week.kind is WeekKind.DELOAD

    def histories(
        self, exercise_ids: Collection[str], start: date, end: date
    ) -> dict[str, tuple[Exposure, ...]]:
        """The exposures (hard sets per day, deload weeks left out, with the program's
        targets when linked) of a few exercises between two local dates."""
        book = Logbook(self.session, self.athlete.id)
        performed = book.sessions(start, end)
        sets = LogReads(self.session, self.athlete.id).sets_by_session(
            (p.id for p in performed), exercise_ids
        )
        rows: list[LogRow] = []
        for p in performed:
            targets = self._targets(p.planned_session_id)
            deload = self.is_deload(p.local_date)
            rows.extend(
                LogRow(p.local_date, s, targets.get(s.exercise_id), deload)
                for s in sets.get(p.id, [])
            )
        return exposures(rows, unit=self.unit)

    def _targets(self, planned_id: int | None) -> dict[str, Prescription]:
        active = self.active
        key = None if active is None or planned_id is None else active.keys.get(planned_id)
        return planned_targets(active, key)


def window_start(end: date, weeks: int) -> date:
    """The Monday `weeks - 1` weeks before `end`'s week."""
    return monday_of(end) - timedelta(weeks=weeks - 1)


@contextmanager
def open_scope(weeks: int | None, end: date | None, url: str | None) -> Iterator[Scope]:
    """A read of the athlete's data over the window of `weeks` ending on `end` (None: the
    whole log, up to today)."""
    checked = check_weeks(weeks)
    with athlete_work(url) as work:
        last = end or local_today(work.athlete)
        start = None if checked is None else window_start(last, checked)
        catalogue = {e.id: e for e in catalogue_service.catalogue()}
        yield Scope(work, last, start, active_program(work.session, work.athlete), catalogue)


def exercises_where(scope: Scope, keep: Callable[[Exercise], bool]) -> list[str]:
    """The ids of catalogue and the athlete's own exercises for which `keep` is true."""
    own = Exercises(scope.session, scope.athlete.id).custom()
    return sorted({e.id for e in (*scope.exercises.values(), *own) if keep(e)})
