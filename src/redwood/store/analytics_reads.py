"""Reads for the analytics, aggregated in the database: a ten-year log never comes into
Python set by set.

Every query reads one athlete's live hard sets (working, drop and failure; warm-ups never
count, TRAINING.md 1) through the partial index `ix_sets_hard_lifts` (migration 0006: the
exercise, session, reps, effort, load and time of each live hard set), and hands back
small frozen rows:

- `day_groups`: per exercise, local date, reps and logged effort, the heaviest load, the
  load x reps volume and the set count. The heaviest set of a (reps, effort) group holds
  the group's best e1RM (an estimate grows with the load), so the groups of a day give
  exactly the day's best e1RM, heaviest load and rep bests (`domain.records.day_best`).
  A window of a few days is read by its sessions' ids; the record book
  (`store.record_book`) keeps the bests of the days before it, so no read here needs the
  whole log.
- `session_tops`: each session's heaviest set of a few exercises.
- `hard_sets_by_day` and `training_days`: counts and dates for volume and consistency;
  `bodyweights`: the readings, for the bodyweight milestones.

Windows over sets are instants (`performed_at`, a column of the index) or the local dates
of the sessions the sets belong to (DESIGN.md: a training day is a local date); days are
always the sessions' local dates.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, TextClause, and_, exists, func, select, text

from redwood.store.base import AthleteRepository
from redwood.store.models import LIVE_HARD_SETS, BodyweightRow, PerformedSessionRow, SetRow

VOLUME_PLACES = Decimal("0.001")
SESSION_LIST = 1000
"""Up to this many sessions, a window of days is read by its sessions' ids."""


@dataclass(frozen=True, slots=True)
class SetGroup:
    """The hard sets of one exercise on one day with the same reps and logged effort:
    the heaviest load (None: no set had a load), load x reps summed, and how many."""

    exercise_id: str
    on: date
    reps: int
    rpe: Decimal | None
    rir: Decimal | None
    top_kg: Decimal | None
    volume_kg: Decimal
    sets: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many hard sets of one exercise were done on one day."""

    on: date
    exercise_id: str
    sets: int


def _live_hard(table: str) -> TextClause:
    """The partial index's own predicate, its columns qualified by `table` (both planners
    use the index only when the query says what its predicate says)."""
    qualified = LIVE_HARD_SETS.replace("deleted_at", f"{table}.deleted_at")
    return text(qualified.replace("set_type", f"{table}.set_type"))


def _volume(value: Any) -> Decimal:
    """A summed volume at the load column's scale (SQLite sums floats)."""
    return Decimal(value or 0).quantize(VOLUME_PLACES)


class AnalyticsReads(AthleteRepository):
    """One athlete's log, aggregated for progress, reviews and charts."""

    def _hard(
        self,
        *columns: Any,
        exercises: Collection[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Select[Any]:
        """A select of `columns` over the athlete's live hard sets performed in
        [since, until) (either open), of `exercises` when given. The filter repeats the
        partial index's own text so both planners can use it."""
        query = select(*columns).select_from(SetRow)
        query = query.where(SetRow.athlete_id == self.athlete_id, _live_hard("sets"))
        if exercises is not None:
            query = query.where(SetRow.exercise_id.in_(sorted(exercises)))
        if since is not None:
            query = query.where(SetRow.performed_at >= since)
        if until is not None:
            query = query.where(SetRow.performed_at < until)
        return query

    def _with_day(self, query: Select[Any]) -> Select[Any]:
        """`query` joined to the sets' sessions (for their local dates)."""
        return query.join(
            PerformedSessionRow,
            and_(
                PerformedSessionRow.id == SetRow.session_id,
                PerformedSessionRow.athlete_id == self.athlete_id,
            ),
        )

    def day_groups(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        exercises: Collection[str] | None = None,
        *,
        first_day: date | None = None,
        last_day: date | None = None,
    ) -> list[SetGroup]:
        """The hard sets with reps performed in [since, until) of the sessions dated
        [first_day, last_day] (any open), grouped by exercise, day, reps and logged effort;
        oldest day first."""
        top = func.max(SetRow.load_kg).filter(SetRow.load_kg > 0)
        volume = func.sum(SetRow.load_kg * SetRow.reps).filter(SetRow.load_kg > 0)
        day = PerformedSessionRow.local_date
        if first_day is not None or last_day is not None:
            dated = self._sessions_dated(first_day, last_day)
            if dated is not None:
                return self._session_groups(dated, since, until, exercises)
        keys = (SetRow.exercise_id, day, SetRow.reps, SetRow.rpe, SetRow.rir)
        query = self._hard(
            *keys, top, volume, func.count(), exercises=exercises, since=since, until=until
        )
        query = self._with_day(query.where(SetRow.reps >= 1))
        if first_day is not None:
            query = query.where(day >= first_day)
        if last_day is not None:
            query = query.where(day <= last_day)
        query = query.group_by(*keys).order_by(day)
        return [
            SetGroup(ex, on, reps, rpe, rir, top_kg, _volume(vol), count)
            for ex, on, reps, rpe, rir, top_kg, vol, count in self.session.execute(query)
        ]

    def _sessions_dated(self, first: date | None, last: date | None) -> dict[Any, date] | None:
        """The athlete's sessions dated [first, last] (either open) with their dates; None
        when there are more than `SESSION_LIST` (a long window reads through the join)."""
        query = select(PerformedSessionRow.id, PerformedSessionRow.local_date).where(
            PerformedSessionRow.athlete_id == self.athlete_id
        )
        if first is not None:
            query = query.where(PerformedSessionRow.local_date >= first)
        if last is not None:
            query = query.where(PerformedSessionRow.local_date <= last)
        rows = self.session.execute(query.limit(SESSION_LIST + 1)).all()
        found: dict[Any, date] = dict(rows)
        return None if len(found) > SESSION_LIST else found

    def _session_groups(
        self,
        dated: dict[Any, date],
        since: datetime | None,
        until: datetime | None,
        exercises: Collection[str] | None,
    ) -> list[SetGroup]:
        """`day_groups` of a few sessions, read by their ids (the sets' own index: both
        planners then skip the rest of the log) and summed per day here."""
        if not dated:
            return []
        top = func.max(SetRow.load_kg).filter(SetRow.load_kg > 0)
        volume = func.sum(SetRow.load_kg * SetRow.reps).filter(SetRow.load_kg > 0)
        keys = (SetRow.exercise_id, SetRow.session_id, SetRow.reps, SetRow.rpe, SetRow.rir)
        query = self._hard(
            *keys, top, volume, func.count(), exercises=exercises, since=since, until=until
        )
        query = query.where(SetRow.reps >= 1, SetRow.session_id.in_(sorted(dated, key=str)))
        merged: dict[tuple[Any, ...], SetGroup] = {}
        for ex, session_id, reps, rpe, rir, top_kg, vol, count in self.session.execute(
            query.group_by(*keys)
        ):
            key = (ex, dated[session_id], reps, rpe, rir)
            group = SetGroup(ex, key[1], reps, rpe, rir, top_kg, _volume(vol), count)
            old = merged.get(key)
            if old is not None:
                tops = [kg for kg in (old.top_kg, top_kg) if kg is not None]
                group = SetGroup(
                    *key,
                    max(tops) if tops else None,
                    old.volume_kg + group.volume_kg,
                    old.sets + count,
                )
            merged[key] = group
        return sorted(merged.values(), key=lambda g: g.on)

    def session_tops(
        self,
        exercises: Collection[str],
        min_kg: Decimal,
        until: datetime,
        since: datetime | None = None,
    ) -> list[tuple[datetime, Decimal]]:
        """(when it began, heaviest load) of each exercise of `exercises` in every session
        in [since, until) whose heaviest hard set of it had at least `min_kg`, oldest
        first."""
        if not exercises:
            return []
        first = func.min(SetRow.performed_at)
        query = self._hard(
            first, func.max(SetRow.load_kg), exercises=exercises, since=since, until=until
        )
        query = query.where(SetRow.load_kg >= min_kg)
        query = query.group_by(SetRow.exercise_id, SetRow.session_id)
        return sorted((at, top) for at, top in self.session.execute(query))

    def hard_sets_by_day(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        exercises: Collection[str] | None = None,
    ) -> list[DayCount]:
        """How many hard sets of each exercise were performed in [since, until), per local
        day; oldest day first."""
        day = PerformedSessionRow.local_date
        query = self._hard(
            day, SetRow.exercise_id, func.count(), exercises=exercises, since=since, until=until
        )
        query = self._with_day(query).group_by(day, SetRow.exercise_id)
        query = query.order_by(day, SetRow.exercise_id)
        return [DayCount(on, ex, count) for on, ex, count in self.session.execute(query)]

    def bodyweights(self, end: date) -> list[tuple[date, Decimal]]:
        """Every bodyweight reading up to `end` (day, kg), oldest first: two columns, for
        the milestones that hold every day's lift against that day's bodyweight."""
        query = select(BodyweightRow.measured_on, BodyweightRow.kg).where(
            BodyweightRow.athlete_id == self.athlete_id, BodyweightRow.measured_on <= end
        )
        rows = self.session.execute(query.order_by(BodyweightRow.measured_on))
        return [(on, Decimal(kg)) for on, kg in rows]

    def training_days(self, end: date | None = None) -> list[date]:
        """The local dates, up to `end`, of sessions holding at least one live set, oldest
        first."""
        day = PerformedSessionRow.local_date
        has_sets = exists().where(
            SetRow.session_id == PerformedSessionRow.id,
            SetRow.athlete_id == self.athlete_id,
            SetRow.deleted_at.is_(None),
        )
        query = select(day).distinct().where(PerformedSessionRow.athlete_id == self.athlete_id)
        if end is not None:
            query = query.where(day <= end)
        return list(self.session.scalars(query.where(has_sets).order_by(day)))
