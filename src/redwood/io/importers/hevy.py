"""Hevy exports: metric, imperial and mixed units, both column sets, and their dates.

The 14-column header (`title, start_time, end_time, description, exercise_title,
superset_id, exercise_notes, set_index, set_type, weight_kg, reps, distance_km,
duration_seconds, rpe`) names its units: imperial accounts write `weight_lbs` and
`distance_miles`, and one real file mixes `weight_kg` with `distance_miles`, so each column's
unit is read from its own name. The older 13-column layout lacks `superset_id`. A spreadsheet
re-save can turn the file into `;` with broken quoting; it is read with `;`, and the lines
that lost their shape are reported.

Dates come as `7 Apr 2026, 10:14` or, from US phones, `Oct 1, 2024, 6:48 PM` (month names
in English, read without the machine's locale); they are local times, read in the athlete's
zone. `set_type` is normal, warmup, dropset or failure. The exercise's notes (repeated on
each of its rows) go with its first set; the workout's `description` becomes the session's
notes; the end time gives the session's end. A bodyweight row has an empty weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from redwood.domain.mass import Mass, Unit
from redwood.domain.vocab import SetType
from redwood.io.importers import values
from redwood.io.importers.headers import KnownHeader
from redwood.io.importers.records import (
    FieldError,
    Item,
    Layout,
    ReadOptions,
    Records,
    Workout,
    WorkoutSet,
    each_row,
    unless_empty,
)
from redwood.io.importers.units import clean_load

NAME = "hevy"
TITLE = "Hevy"
SET_TYPES = {
    "normal": SetType.WORKING,
    "": SetType.WORKING,
    "warmup": SetType.WARMUP,
    "dropset": SetType.DROP,
    "failure": SetType.FAILURE,
}
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?"
_DAY_FIRST = re.compile(rf"^(\d{{1,2}})\s+([A-Za-z]+)\.?\s+(\d{{4}}),?\s+{_TIME}$")
_MONTH_FIRST = re.compile(rf"^([A-Za-z]+)\.?\s+(\d{{1,2}}),?\s+(\d{{4}}),?\s+{_TIME}$")


def _headers() -> list[KnownHeader]:
    found = []
    for weight, unit in (("weight_kg", "kg"), ("weight_lbs", "lb")):
        for dist, dunit in (("distance_km", "km"), ("distance_miles", "mi")):
            for superset in (True, False):
                names = [
                    "title",
                    "start_time",
                    "end_time",
                    "description",
                    "exercise_title",
                    *(["superset_id"] if superset else []),
                    "exercise_notes",
                    "set_index",
                    "set_type",
                    weight,
                    "reps",
                    dist,
                    "duration_seconds",
                    "rpe",
                ]
                fields = [
                    "workout",
                    "start",
                    "end",
                    "description",
                    "exercise",
                    *(["superset"] if superset else []),
                    "exercise_notes",
                    "set_index",
                    "set_type",
                    "weight",
                    "reps",
                    "distance",
                    "seconds",
                    "rpe",
                ]
                found.append(
                    KnownHeader(
                        NAME,
                        f"{weight}, {dist}" + ("" if superset else ", no superset_id"),
                        tuple(names),
                        tuple(fields),
                        (",", ";"),
                        weight_unit=unit,
                        distance_unit=dunit,
                    )
                )
    return found


HEADERS: tuple[KnownHeader, ...] = tuple(_headers())


@lru_cache(maxsize=4096)
def moment(text: str, zone: ZoneInfo) -> values.Moment:
    """A Hevy start or end time ("7 Apr 2026, 10:14", "Oct 1, 2024, 6:48 PM", or ISO)."""
    value = text.strip()
    day_first = _DAY_FIRST.match(value)
    month_first = _MONTH_FIRST.match(value)
    if day_first is None and month_first is None:
        return values.moment(value, "start_time", zone)
    if day_first is not None:
        day, month, year, hour, minute, second, half = day_first.groups()
    else:
        assert month_first is not None
        month, day, year, hour, minute, second, half = month_first.groups()
    number = MONTHS.get(month.lower())
    if number is None:
        raise FieldError("start_time", f"unknown month {month!r} in {value!r}")
    clock = int(hour)
    if half is not None:
        if not 1 <= clock <= 12:
            raise FieldError("start_time", f"{value!r} is not a real time")
        clock = clock % 12 + (12 if half.lower() == "pm" else 0)
    try:
        naive = datetime(int(year), number, int(day), clock, int(minute), int(second or 0))
    except ValueError as exc:
        raise FieldError("start_time", f"{value!r} is not a real date or time ({exc})") from None
    return values.at_local(naive, zone, None, has_time=True)


class _Reader:
    """Reads rows into sets, remembering workouts and the exercise seen last."""

    def __init__(self, layout: Layout, options: ReadOptions) -> None:
        self.layout = layout
        self.cols = layout.columns
        self.zone = options.zone
        self.unit = layout.weight_unit or Unit.KG
        self.weight_name = layout.header[layout.columns["weight"]]
        self.distance_name = layout.header[layout.columns["distance"]]
        self.workouts: dict[tuple[str, str], Workout] = {}
        self.ordinals: dict[str, int] = {}
        self.loads: dict[str, Mass | None] = {}
        self.previous: tuple[str, str] | None = None

    def workout(self, fields: list[str]) -> Workout:
        start = fields[self.cols["start"]]
        title = fields[self.cols["workout"]].strip()
        found = self.workouts.get((start, title))
        if found is None:
            began = moment(start, self.zone) if start.strip() else None
            if began is None:
                raise FieldError("start_time", "the start time is missing")
            end_text = fields[self.cols["end"]].strip()
            length = None
            if end_text:
                ended = moment(end_text, self.zone)
                length = max(0, int((ended.instant - began.instant).total_seconds()))
            notes = values.note(fields[self.cols["description"]], "description")
            found = Workout(
                f"{began.key} {title}", title, began.local_date, began.instant, length, notes
            )
            self.workouts[(start, title)] = found
        return found

    def load(self, text: str) -> Mass | None:
        if text not in self.loads:
            number = values.number(text, self.weight_name)
            if number is not None and number < 0:
                raise FieldError(self.weight_name, f"a load must not be negative, got {number}")
            self.loads[text] = None if not number else clean_load(number, self.unit)
        return self.loads[text]

    def row(self, line: int, fields: list[str]) -> WorkoutSet:
        workout = self.workout(fields)
        exercise = fields[self.cols["exercise"]].strip()
        if not exercise:
            raise FieldError("exercise_title", "the exercise name is missing")
        kind = fields[self.cols["set_type"]].strip().lower()
        set_type = SET_TYPES.get(kind)
        if set_type is None:
            raise FieldError(
                "set_type", f"expected normal, warmup, dropset or failure, got {kind!r}"
            )
        ordinal = self.ordinals.get(workout.key, 0)
        self.ordinals[workout.key] = ordinal + 1
        group = (workout.key, exercise)
        note = None
        if group != self.previous:
            note = values.note(fields[self.cols["exercise_notes"]], "exercise_notes")
        self.previous = group
        return WorkoutSet(
            line=line,
            workout=workout,
            identity=f"{workout.key}#{ordinal}",
            exercise=exercise,
            set_type=set_type,
            position=ordinal,
            reps=values.reps(fields[self.cols["reps"]], "reps"),
            load=self.load(fields[self.cols["weight"]]),
            rpe=values.rpe(fields[self.cols["rpe"]], "rpe"),
            seconds=values.seconds(fields[self.cols["seconds"]], "duration_seconds"),
            distance_m=values.distance(
                fields[self.cols["distance"]], self.distance_name, self.layout.distance_unit
            ),
            note=note,
        )


def read(records: Records, layout: Layout, options: ReadOptions) -> Iterator[Item]:
    """The items of a Hevy file, in file order."""
    reader = _Reader(layout, options)
    hint = " (broken quoting from a spreadsheet re-save, or a cut-off file?)"

    def row(line: int, fields: list[str]) -> list[Item]:
        return [unless_empty(reader.row(line, fields))]

    yield from each_row(records, layout, row, hint=hint)
