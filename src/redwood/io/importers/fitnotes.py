"""FitNotes (Android) exports: the training log in its two layouts, and the body tracker.

`Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time` (or `Weight (kgs)`)
names its unit in the header; `Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,
Distance Unit,Time[,Comment]` names it on each row. FitNotes logs days, not workouts: the
sets of one date make one session. A bodyweight move has weight `0.0` (no load), `Time` is
`h:mm:ss`, and `Distance Unit` is m, km or mi.

FitNotes does not quote names with commas (`Overhead Press (Each Side, Dumbbells)`), so such a
row has one field too many. It is repaired with the known column count: the surplus is put
back into the exercise name (or, failing that, into the trailing comment) and the row must
then read cleanly; otherwise it is reported.

The body tracker (`Date,Time,Measurement,Value,Unit`) gives body-weight readings; other
measurements are listed as skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from redwood.domain.mass import Mass, Unit
from redwood.io.importers import values
from redwood.io.importers.headers import KnownHeader
from redwood.io.importers.records import (
    BadRow,
    FieldError,
    Item,
    Layout,
    ReadOptions,
    Records,
    SkippedRow,
    Workout,
    WorkoutSet,
    bodyweight_reading,
    each_row,
    unless_empty,
)
from redwood.io.importers.strong import row_unit
from redwood.io.importers.units import clean_load

NAME = "fitnotes"
TITLE = "FitNotes"
SESSION_TITLE = "FitNotes"
BODYWEIGHT_NAMES = frozenset({"bodyweight", "body weight", "weight"})


def _headers() -> list[KnownHeader]:
    found = []
    tail = ["reps", "distance", "distance unit", "time"]
    tail_fields = ["reps", "distance", "distance_unit", "time"]
    for comment in (False, True):
        extra = ["comment"] if comment else []
        extra_fields = ["comment"] if comment else []
        for word, unit in (("lbs", "lb"), ("kgs", "kg")):
            found.append(
                KnownHeader(
                    NAME,
                    f"weight in {word}" + (", comments" if comment else ""),
                    ("date", "exercise", "category", f"weight ({word})", *tail, *extra),
                    ("date", "exercise", "category", "weight", *tail_fields, *extra_fields),
                    weight_unit=unit,
                )
            )
        found.append(
            KnownHeader(
                NAME,
                "weight unit per row" + (", comments" if comment else ""),
                ("date", "exercise", "category", "weight", "weight unit", *tail, *extra),
                (
                    "date",
                    "exercise",
                    "category",
                    "weight",
                    "weight_unit",
                    *tail_fields,
                    *extra_fields,
                ),
                per_row_unit=True,
            )
        )
    found.append(
        KnownHeader(
            NAME,
            "body tracker",
            ("date", "time", "measurement", "value", "unit"),
            ("date", "time", "measurement", "value", "unit"),
            kind="bodyweight",
        )
    )
    return found


HEADERS: tuple[KnownHeader, ...] = tuple(_headers())


class _Reader:
    """Reads rows into sets; one session per date."""

    def __init__(self, layout: Layout, options: ReadOptions) -> None:
        self.layout = layout
        self.cols = layout.columns
        self.options = options
        self.weight_name = layout.header[layout.columns["weight"]]
        self.workouts: dict[str, Workout] = {}
        self.ordinals: dict[str, int] = {}
        self.loads: dict[tuple[str, Unit], Mass | None] = {}

    def workout(self, text: str) -> Workout:
        found = self.workouts.get(text)
        if found is None:
            moment = values.moment(text, "Date", self.options.zone)
            day = moment.local_date.isoformat()
            found = Workout(day, SESSION_TITLE, moment.local_date)
            self.workouts[text] = found
        return found

    def load(self, fields: list[str]) -> Mass | None:
        text = fields[self.cols["weight"]]
        unit = self.layout.weight_unit or self.options.unit
        if self.layout.per_row_unit:
            unit = row_unit(fields[self.cols["weight_unit"]], unit)
        key = (text, unit)
        if key not in self.loads:
            number = values.number(text, self.weight_name)
            if number is not None and number < 0:
                raise FieldError(self.weight_name, f"a load must not be negative, got {number}")
            self.loads[key] = None if not number else clean_load(number, unit)
        return self.loads[key]

    def row(self, line: int, fields: list[str]) -> WorkoutSet:
        workout = self.workout(fields[self.cols["date"]])
        exercise = fields[self.cols["exercise"]].strip()
        if not exercise:
            raise FieldError("Exercise", "the exercise name is missing")
        comment = self.cols.get("comment")
        return WorkoutSet(
            line=line,
            workout=workout,
            identity="",
            exercise=exercise,
            reps=values.reps(fields[self.cols["reps"]], "Reps"),
            load=self.load(fields),
            seconds=values.clock_seconds(fields[self.cols["time"]], "Time"),
            distance_m=values.distance(
                fields[self.cols["distance"]],
                "Distance",
                fields[self.cols["distance_unit"]] or "m",
            ),
            note=None if comment is None else values.note(fields[comment], "Comment"),
        )

    def numbered(self, item: WorkoutSet) -> WorkoutSet:
        """The set with its identity: its date and its place among that date's sets."""
        key = item.workout.key
        ordinal = self.ordinals.get(key, 0)
        self.ordinals[key] = ordinal + 1
        return replace(item, identity=f"{key}#{ordinal}", position=ordinal)


def _repairs(fields: list[str], layout: Layout) -> list[list[str]]:
    """Ways to put a row with surplus fields back together (commas in a name or comment)."""
    extra = len(fields) - layout.width
    at = layout.columns["exercise"]
    ways = [[*fields[:at], ",".join(fields[at : at + extra + 1]), *fields[at + extra + 1 :]]]
    if "comment" in layout.columns:
        last = layout.width - 1
        ways.append([*fields[:last], ",".join(fields[last:])])
    return ways


def read(
    records: Iterable[tuple[int, list[str]] | BadRow], layout: Layout, options: ReadOptions
) -> Iterator[Item]:
    """The items of a FitNotes file, in file order."""
    if layout.kind == "bodyweight":
        yield from _tracker(records, layout, options)
        return
    reader = _Reader(layout, options)
    for record in records:
        if isinstance(record, BadRow):
            yield record
            continue
        line, fields = record
        if len(fields) < layout.width:
            yield BadRow(line, f"{len(fields)} fields where the header has {layout.width}")
            continue
        candidates = [fields] if len(fields) == layout.width else _repairs(fields, layout)
        item: WorkoutSet | BadRow | None = None
        for candidate in candidates:
            try:
                item = reader.row(line, candidate)
                break
            except FieldError as exc:
                item = item or BadRow(line, str(exc))
        if isinstance(item, WorkoutSet):
            kept = unless_empty(item)
            yield reader.numbered(kept) if isinstance(kept, WorkoutSet) else kept
        elif len(fields) > layout.width:
            yield BadRow(line, f"{len(fields)} fields where the header has {layout.width}")
        elif item is not None:
            yield item


def _tracker(records: Records, layout: Layout, options: ReadOptions) -> Iterator[Item]:
    cols = layout.columns

    def reading(line: int, fields: list[str]) -> list[Item]:
        measurement = fields[cols["measurement"]].strip()
        if measurement.casefold() not in BODYWEIGHT_NAMES:
            return [
                SkippedRow(line, f"measurement {measurement!r} is not imported (body weight is)")
            ]
        on = values.moment(fields[cols["date"]], "Date", options.zone).local_date
        number = values.number(fields[cols["value"]], "Value")
        if number is None:
            return [SkippedRow(line, "no body weight on this row")]
        unit = row_unit(fields[cols["unit"]], options.unit)
        return [bodyweight_reading(line, on, clean_load(number, unit), "Value")]

    yield from each_row(records, layout, reading)
