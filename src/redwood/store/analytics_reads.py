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
- `key_bests`: the same groups over everything before an instant, each with its heaviest
  load and when that was first lifted; `volume_bests`: each exercise's best session of
  load x reps; `first_loads`: when loads were first reached; `session_tops`: each
  session's heaviest set of a few exercises.
- `hard_sets_by_day` and `training_days`: counts and dates for volume and consistency.

Windows over sets are instants (`performed_at`, a column of the index); days are the local
dates of the sessions the sets belong to (DESIGN.md: a training day is a local date), and
"first lifted" is an instant the caller turns into the athlete's local date.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    TextClause,
    and_,
    cast,
    exists,
    func,
    select,
    text,
)

from redwood.store.base import AthleteRepository
from redwood.store.models import LIVE_HARD_SETS, PerformedSessionRow, SetRow

VOLUME_PLACES = Decimal("0.001")
TIME_SHIFT = 2**32
"""Seconds since 1970 fit in 32 bits until 2106; grams (under 10^8) times this fit in 63."""


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
class KeyBest:
    """One exercise at one rep count and logged effort: its heaviest load and when that
    was first lifted (None, None: no set had a load), and when a set without load was
    first done (None: never)."""

    exercise_id: str
    reps: int
    rpe: Decimal | None
    rir: Decimal | None
    top_kg: Decimal | None
    first_at: datetime | None
    bare_at: datetime | None


@dataclass(frozen=True, slots=True)
class DayVolume:
    """An exercise's best session of load x reps, and when that session began."""

    exercise_id: str
    volume_kg: Decimal
    at: datetime


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
    ) -> list[SetGroup]:
        """The hard sets with reps performed in [since, until), grouped by exercise, day,
        reps and logged effort; oldest day first."""
        top = func.max(SetRow.load_kg).filter(SetRow.load_kg > 0)
        volume = func.sum(SetRow.load_kg * SetRow.reps).filter(SetRow.load_kg > 0)
        day = PerformedSessionRow.local_date
        keys = (SetRow.exercise_id, day, SetRow.reps, SetRow.rpe, SetRow.rir)
        query = self._hard(
            *keys, top, volume, func.count(), exercises=exercises, since=since, until=until
        )
        query = self._with_day(query.where(SetRow.reps >= 1)).group_by(*keys).order_by(day)
        return [
            SetGroup(ex, on, reps, rpe, rir, top_kg, _volume(vol), count)
            for ex, on, reps, rpe, rir, top_kg, vol, count in self.session.execute(query)
        ]

    def _epoch(self, column: Any) -> ColumnElement[int]:
        """An instant as whole seconds since 1970 (each backend spells it its own way)."""
        if self.session.get_bind().dialect.name == "postgresql":
            return cast(func.extract("epoch", column), BigInteger)
        return cast(func.strftime("%s", column), BigInteger)

    def key_bests(
        self, before: datetime | None = None, exercises: Collection[str] | None = None
    ) -> list[KeyBest]:
        """Per exercise, reps and logged effort: the heaviest load of the hard sets
        performed before `before` (all, when None), when it was first lifted (the start
        of the first session that reached it), and when a set of the group without load
        was first done.

        The sets are first summed per session in the index's own order (no sort); then
        one MAX over grams x 2^32 - seconds since 1970 gives the heaviest load and the
        earliest session that lifted it (the larger load wins, then the earlier time), in
        64-bit integers on both backends."""
        keys = (SetRow.exercise_id, SetRow.reps, SetRow.rpe, SetRow.rir)
        top = func.max(SetRow.load_kg).filter(SetRow.load_kg > 0).label("top")
        first = func.min(SetRow.performed_at).label("first")
        bare = func.min(SetRow.performed_at).filter(func.coalesce(SetRow.load_kg, 0) == 0)
        sessions = self._hard(
            *keys, top, first, bare.label("bare"), exercises=exercises, until=before
        )
        sessions = sessions.where(SetRow.reps >= 1)
        per = sessions.group_by(SetRow.exercise_id, SetRow.session_id, *keys[1:]).subquery()
        grams = cast(func.round(per.c.top * 1000), BigInteger)
        packed = func.max(grams * TIME_SHIFT - self._epoch(per.c.first))
        outer = (per.c.exercise_id, per.c.reps, per.c.rpe, per.c.rir)
        query = select(*outer, packed, func.min(per.c.bare)).group_by(*outer)
        out = []
        for exercise, reps, rpe, rir, best, first_bare in self.session.execute(query):
            top_kg, first_at = None, None
            if best is not None:
                grams_top = -(-int(best) // TIME_SHIFT)
                top_kg = (Decimal(grams_top) / 1000).quantize(VOLUME_PLACES)
                first_at = datetime.fromtimestamp(grams_top * TIME_SHIFT - int(best), UTC)
            out.append(KeyBest(exercise, reps, rpe, rir, top_kg, first_at, first_bare))
        return out

    def volume_bests(
        self, before: datetime | None = None, exercises: Collection[str] | None = None
    ) -> list[DayVolume]:
        """Each exercise's best session of load x reps before `before` (all, when None),
        with when it began; the earliest on a tie."""
        volume = func.sum(SetRow.load_kg * SetRow.reps).label("volume")
        first = func.min(SetRow.performed_at).label("first")
        per_session = self._hard(
            SetRow.exercise_id, volume, first, exercises=exercises, until=before
        ).where(SetRow.load_kg > 0, SetRow.reps >= 1)
        sums = per_session.group_by(SetRow.exercise_id, SetRow.session_id).subquery()
        rank = func.row_number().over(
            partition_by=sums.c.exercise_id, order_by=(sums.c.volume.desc(), sums.c.first)
        )
        ranked = select(sums, rank.label("rank")).subquery()
        query = select(ranked.c.exercise_id, ranked.c.volume, ranked.c.first)
        query = query.where(ranked.c.rank == 1)
        return [DayVolume(ex, _volume(vol), at) for ex, vol, at in self.session.execute(query)]

    def first_loads(
        self, exercises: Collection[str], loads_kg: Sequence[Decimal], until: datetime
    ) -> list[datetime | None]:
        """For each load, when a hard set of `exercises` first reached it (None: never)."""
        if not exercises or not loads_kg:
            return [None] * len(loads_kg)
        firsts = [func.min(SetRow.performed_at).filter(SetRow.load_kg >= load) for load in loads_kg]
        query = self._hard(*firsts, exercises=exercises, until=until)
        return list(self.session.execute(query).one())

    def session_tops(
        self, exercises: Collection[str], min_kg: Decimal, until: datetime
    ) -> list[tuple[datetime, Decimal]]:
        """(when it began, heaviest load) of each exercise of `exercises` in every session
        before `until` whose heaviest hard set of it had at least `min_kg`, oldest first."""
        if not exercises:
            return []
        first = func.min(SetRow.performed_at)
        query = self._hard(first, func.max(SetRow.load_kg), exercises=exercises, until=until)
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
