"""Fitbod exports: the current 11-column layout and the older one with a set count per row.

`Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,
multiplier` writes one set per row, loads in kilograms (a pound account's loads come as
conversions such as 45.359237, which `clean_load` turns back into 100 lb), distances in
metres and times in seconds. The older `Date,Exercise,Sets,Reps,Weight,isWarmup,Note` writes
one row per exercise with the number of sets, and does not say its unit (`--unit`, or
inferred from the loads like Strong's S1).

Fitbod logs no workout names: every set of a workout carries the workout's start, written
with its offset (`2024-02-01 18:02:13 +0000`), so the sets of one start make one session.
Numbers may come with leading spaces (` 8`, ` 60.0`); `isWarmup` is true or false; a
treadmill's incline and a bike's resistance, when set, go into the set's note.

`multiplier` is how many of the implement the load counts for: 2 for a pair of dumbbells, 1
otherwise. Fitbod's weight is that of one implement, which is how Redwood logs dumbbells
(per hand), so loads are kept as written and not multiplied; the report names the exercises
that had a multiplier other than 1 so the athlete can check them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from redwood.domain.mass import Mass
from redwood.domain.vocab import SetType
from redwood.io.importers import values
from redwood.io.importers.headers import KnownHeader
from redwood.io.importers.records import (
    FieldError,
    Item,
    Layout,
    Notice,
    ReadOptions,
    Records,
    SkippedRow,
    Workout,
    WorkoutSet,
    each_row,
    unless_empty,
)
from redwood.io.importers.units import clean_load

NAME = "fitbod"
TITLE = "Fitbod"
SESSION_TITLE = "Fitbod workout"
MAX_SETS = 100
"""The most sets one row of the older layout may stand for."""
TRUE, FALSE = frozenset({"true", "yes", "1"}), frozenset({"false", "no", "0", ""})
NAMED = 5
"""Exercises named in the multiplier notice before "and N more"."""


def _current(weight: str, unit: str) -> KnownHeader:
    names = (
        f"date,exercise,reps,{weight},duration(s),distance(m),incline,resistance,iswarmup,note,"
        "multiplier"
    )
    fields = "date exercise reps weight seconds distance incline resistance warmup note multiplier"
    return KnownHeader(
        NAME,
        f"{weight.replace('weight', 'Weight')}, one set per row",
        tuple(names.split(",")),
        tuple(fields.split()),
        weight_unit=unit,
        distance_unit="m",
    )


HEADERS: tuple[KnownHeader, ...] = (
    _current("weight(kg)", "kg"),
    _current("weight(lbs)", "lb"),
    _current("weight(lb)", "lb"),
    KnownHeader(
        NAME,
        "older, sets per row",
        ("date", "exercise", "sets", "reps", "weight", "iswarmup", "note"),
        ("date", "exercise", "sets", "reps", "weight", "warmup", "note"),
    ),
)


def warmup(text: str) -> bool:
    """`isWarmup`: true or false (yes/no, 1/0 and empty accepted)."""
    word = text.strip().lower()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise FieldError("isWarmup", f"expected true or false, got {word[:20]!r}")


def multiplier(text: str | None) -> Decimal:
    """`multiplier`: a positive number, 1 when empty."""
    found = values.number(text, "multiplier")
    if found is None:
        return Decimal(1)
    if found <= 0:
        raise FieldError("multiplier", f"expected a positive number, got {found}")
    return found


class _Reader:
    """Reads rows into sets: one session per workout start, positions in file order."""

    def __init__(self, layout: Layout, options: ReadOptions) -> None:
        self.layout = layout
        self.cols = layout.columns
        self.options = options
        self.unit = layout.weight_unit or options.unit
        self.weight_name = layout.header[layout.columns["weight"]]
        self.workouts: dict[str, Workout] = {}
        self.ordinals: dict[str, int] = {}
        self.multiplied: dict[str, tuple[int, Decimal]] = {}

    def field(self, fields: list[str], name: str) -> str | None:
        at = self.cols.get(name)
        return None if at is None else fields[at]

    def workout(self, text: str) -> Workout:
        found = self.workouts.get(text)
        if found is None:
            moment = values.moment(text, "Date", self.options.zone)
            found = Workout(moment.key, SESSION_TITLE, moment.local_date, moment.instant)
            self.workouts[text] = found
        return found

    def load(self, text: str) -> Mass | None:
        number = values.number(text, self.weight_name)
        if number is not None and number < 0:
            raise FieldError(self.weight_name, f"a load must not be negative, got {number}")
        return None if not number else clean_load(number, self.unit)

    def note(self, fields: list[str]) -> str | None:
        """The row's note, with a treadmill's incline and a bike's resistance when set."""
        parts = [values.note(self.field(fields, "note"), "Note")]
        for name, word in (("incline", "Incline"), ("resistance", "Resistance")):
            setting = values.number(self.field(fields, name), word)
            if setting:
                parts.append(f"{name} {setting.normalize():f}")
        kept = [part for part in parts if part]
        return "; ".join(kept) or None

    def rows(self, line: int, fields: list[str]) -> Iterator[Item]:
        """The sets of one row (several for the older layout's set count)."""
        workout = self.workout(fields[self.cols["date"]])
        exercise = fields[self.cols["exercise"]].strip()
        if not exercise:
            raise FieldError("Exercise", "the exercise name is missing")
        count = values.whole(self.field(fields, "sets"), "Sets", "a whole number of sets")
        if count is not None and count > MAX_SETS:
            raise FieldError("Sets", f"{count} sets in one row is more than {MAX_SETS}")
        load = self.load(fields[self.cols["weight"]])
        factor = multiplier(self.field(fields, "multiplier"))
        template = WorkoutSet(
            line=line,
            workout=workout,
            identity="",
            exercise=exercise,
            set_type=SetType.WARMUP if warmup(fields[self.cols["warmup"]]) else SetType.WORKING,
            reps=values.reps(fields[self.cols["reps"]], "Reps"),
            load=load,
            seconds=values.seconds(self.field(fields, "seconds"), "Duration(s)"),
            distance_m=values.distance(self.field(fields, "distance"), "Distance(m)", "m"),
            note=self.note(fields),
        )
        if template.is_empty:
            yield unless_empty(template)
            return
        if count == 0:
            yield SkippedRow(line, "a row of 0 sets")
            return
        if factor != 1 and load is not None:
            self.multiplied.setdefault(exercise, (line, factor))
        for copy in range(count or 1):
            ordinal = self.ordinals.get(workout.key, 0)
            self.ordinals[workout.key] = ordinal + 1
            yield WorkoutSet(
                line=line,
                workout=workout,
                identity=f"{workout.key}#{ordinal}",
                exercise=exercise,
                set_type=template.set_type,
                position=ordinal,
                reps=template.reps,
                load=template.load,
                seconds=template.seconds,
                distance_m=template.distance_m,
                note=template.note if copy == 0 else None,
            )

    def notice(self) -> Notice | None:
        """One notice naming the exercises whose loads had a multiplier other than 1."""
        if not self.multiplied:
            return None
        items = list(self.multiplied.items())
        line = min(at for _, (at, _) in items)
        shown = ", ".join(
            f"{name!r} (x{factor.normalize():f})" for name, (_, factor) in items[:NAMED]
        )
        more = f" and {len(items) - NAMED} more" if len(items) > NAMED else ""
        return Notice(
            line,
            f"Fitbod's multiplier: {shown}{more}: loads kept as the weight of one implement "
            "(per dumbbell, as Redwood logs them), not multiplied",
        )


def read(records: Records, layout: Layout, options: ReadOptions) -> Iterator[Item]:
    """The items of a Fitbod file, in file order."""
    reader = _Reader(layout, options)
    yield from each_row(records, layout, reader.rows)
    notice = reader.notice()
    if notice is not None:
        yield notice
