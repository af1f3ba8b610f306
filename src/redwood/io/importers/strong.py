"""Strong (iOS/Android) exports: every layout FORMATS.md lists, and the body-weight export.

Layouts, told apart by the header alone: S1 (2021-2025, 12 columns, no unit), the older
10- and 11-column S1, S2 (Android, `;`, a unit per row), S3 (2025, `;`, every field quoted,
kilograms and metres), legacy (units as column names: `kg`/`lbs`, `km`/`mi.`), the French
translation of S1, and the body-weight export (`"Date";"Weight (kg)"`).

`Set Order` is a number (from 0 or 1) for a working set, or a tag: `W` warm-up, `F` failure,
`D` drop set, `Note` (a row that only carries a note for the exercise) and `Rest Timer` (a
row whose `Seconds` is the rest taken after the set before it). Rows are read one exercise
of one workout at a time, so a note reaches the first set of its exercise and a rest timer
the set it followed, wherever the pseudo-row sits. A workout's `Duration` (`1h 5m`, `45m`)
sets the session's end; a duration of more than a day (`264h 1m`, seen in real files) is
kept as written and flagged. S1's distance is read in kilometres when loads are in kg and in
miles when they are in pounds, as Strong pairs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from redwood.domain.mass import Mass, Unit
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
    bodyweight_reading,
    each_row,
    unless_empty,
)
from redwood.io.importers.units import clean_load

NAME = "strong"
TITLE = "Strong"
LONG_WORKOUT_SECONDS = 24 * 3600
TAGS = {"w": SetType.WARMUP, "f": SetType.FAILURE, "d": SetType.DROP}

_S1 = "date,workout name,duration,exercise name,set order,weight,reps,distance,seconds,notes"
_S1_FIELDS = "date workout duration exercise set_order weight reps distance seconds notes"
_OLD = "date,workout name,exercise name,set order,weight,reps,distance,seconds,notes,workout notes"
_OLD_FIELDS = "date workout exercise set_order weight reps distance seconds notes workout_notes"
_FRENCH = (
    "date,nom de l'entraînement,durée,nom de l'exercice,ordre de la série,poids,réps,"
    "distance,secondes,notes,notes d'entraînement,rpe"
)


def _known(
    name: str,
    names: str,
    fields: str,
    sep: str = ",",
    *,
    weight_unit: str | None = None,
    distance_unit: str | None = None,
    kind: str = "sets",
    per_row_unit: bool = False,
) -> KnownHeader:
    return KnownHeader(
        NAME,
        name,
        tuple(names.split(sep)),
        tuple(fields.split()),
        (sep,),
        weight_unit=weight_unit,
        distance_unit=distance_unit,
        kind=kind,
        per_row_unit=per_row_unit,
    )


def _legacy() -> list[KnownHeader]:
    found = []
    for sep in (",", ";"):
        for weight, unit in (("kg", "kg"), ("lbs", "lb")):
            for dist, dunit in (("km", "km"), ("mi.", "mi"), ("mi", "mi")):
                names = (
                    f"date,workout name,exercise name,set order,{weight},reps,{dist},seconds,notes"
                )
                fields = "date workout exercise set_order weight reps distance seconds notes"
                found.append(
                    _known(
                        "legacy",
                        names.replace(",", sep),
                        fields,
                        sep,
                        weight_unit=unit,
                        distance_unit=dunit,
                    )
                )
    return found


HEADERS: tuple[KnownHeader, ...] = (
    _known("S1", f"{_S1},workout notes,rpe", f"{_S1_FIELDS} workout_notes rpe"),
    _known("S1 older", _OLD, _OLD_FIELDS),
    _known("S1 older with RPE", f"{_OLD},rpe", f"{_OLD_FIELDS} rpe"),
    _known(
        "S2",
        "date;workout name;exercise name;set order;weight;weight unit;reps;rpe;distance;"
        "distance unit;seconds;notes;workout notes;workout duration",
        "date workout exercise set_order weight weight_unit reps rpe distance distance_unit "
        "seconds notes workout_notes duration",
        ";",
        per_row_unit=True,
    ),
    _known(
        "S3",
        "workout #;date;workout name;duration (sec);exercise name;set order;weight (kg);reps;"
        "rpe;distance (meters);seconds;notes;workout notes",
        "workout_number date workout duration exercise set_order weight reps rpe distance "
        "seconds notes workout_notes",
        ";",
        weight_unit="kg",
        distance_unit="m",
    ),
    *_legacy(),
    _known("S1 in French", _FRENCH, f"{_S1_FIELDS} workout_notes rpe"),
    *(
        _known(
            "body weight",
            f"date;weight ({word})",
            "date bodyweight",
            ";",
            kind="bodyweight",
            weight_unit=unit,
        )
        for word, unit in (("kg", "kg"), ("lbs", "lb"))
    ),
)


@dataclass(slots=True)
class _Row:
    """One parsed line: a set, or a `Note` / `Rest Timer` pseudo-row of an exercise.

    Kept open until its exercise's rows are all read, so a rest timer or note that follows
    can still be added before the set is made."""

    kind: str
    line: int
    workout: Workout
    exercise: str
    set_type: SetType = SetType.WORKING
    position: int = 0
    reps: int | None = None
    load: Mass | None = None
    rpe: Decimal | None = None
    seconds: int | None = None
    distance_m: Decimal | None = None
    rest_seconds: int | None = None
    note: str | None = None

    def item(self) -> WorkoutSet:
        """The set this row is."""
        workout = self.workout
        return WorkoutSet(
            self.line,
            workout,
            f"{workout.key}#{self.position}",
            self.exercise,
            self.set_type,
            self.position,
            self.reps,
            self.load,
            self.rpe,
            self.seconds,
            self.distance_m,
            self.rest_seconds,
            self.note,
        )


class _Reader:
    """Reads the rows of one file, caching what repeats (workouts, loads)."""

    def __init__(self, layout: Layout, options: ReadOptions) -> None:
        self.layout = layout
        self.options = options
        cols = layout.columns
        self.cols = cols
        self.names = {field: layout.header[at] for field, at in cols.items()}
        self.at_date, self.at_workout = cols["date"], cols["workout"]
        self.at_exercise, self.at_order = cols["exercise"], cols["set_order"]
        self.at_reps, self.at_seconds = cols["reps"], cols["seconds"]
        self.at_distance, self.at_notes = cols["distance"], cols["notes"]
        self.at_rpe = cols.get("rpe")
        self.workouts: dict[tuple[str, str], Workout] = {}
        self.ordinals: dict[str, int] = {}
        self.loads: dict[tuple[str, Unit], tuple[Mass | None, str | None]] = {}
        self.distance_unit = layout.distance_unit or ("mi" if options.unit is Unit.LB else "km")

    def text(self, fields: list[str], field: str) -> str | None:
        at = self.cols.get(field)
        return None if at is None else fields[at]

    def workout(self, line: int, fields: list[str]) -> tuple[Workout, Notice | None]:
        when = fields[self.at_date]
        title = fields[self.at_workout].strip()
        found = self.workouts.get((when, title))
        if found is not None:
            return found, None
        moment = values.moment(when, self.names["date"], self.options.zone)
        length = values.duration(self.text(fields, "duration"), self.names.get("duration", ""))
        notes = values.note(self.text(fields, "workout_notes"), self.names.get("workout_notes", ""))
        found = Workout(
            f"{moment.key} {title}", title, moment.local_date, moment.instant, length, notes
        )
        self.workouts[(when, title)] = found
        notice = None
        if length is not None and length > LONG_WORKOUT_SECONDS:
            shown = (self.text(fields, "duration") or "").strip()
            notice = Notice(line, f"workout {title!r} lasted {shown}: kept as written, check it")
        return found, notice

    def load(self, fields: list[str]) -> tuple[Mass | None, str | None]:
        """The load of a row and, for a negative (assisted) one, a note saying so."""
        raw = fields[self.cols["weight"]]
        unit = self.options.unit if self.layout.weight_unit is None else self.layout.weight_unit
        if self.layout.per_row_unit:
            unit = row_unit(self.text(fields, "weight_unit"), unit)
        key = (raw, unit)
        found = self.loads.get(key)
        if found is None:
            number = values.number(raw, self.names["weight"])
            mass = None if not number or number < 0 else clean_load(number, unit)
            assisted = None
            if number is not None and number < 0:
                assisted = f"assisted: {abs(number).normalize():f} {unit}"
            found = self.loads[key] = (mass, assisted)
        return found

    def row(self, line: int, fields: list[str]) -> tuple[_Row, Notice | None]:
        workout, notice = self.workout(line, fields)
        exercise = fields[self.at_exercise].strip()
        names = self.names
        if not exercise:
            raise FieldError(names["exercise"], "the exercise name is missing")
        order = fields[self.at_order].strip()
        tag = order.casefold()
        if tag == "rest timer":
            rest = values.seconds(fields[self.at_seconds], names["seconds"])
            return _Row("rest", line, workout, exercise, rest_seconds=rest), notice
        note = values.note(fields[self.at_notes], names["notes"])
        if tag == "note":
            return _Row("note", line, workout, exercise, note=note), notice
        set_type = TAGS.get(tag)
        if set_type is None:
            if order and not order.replace(".", "", 1).isdigit():
                raise FieldError(
                    names["set_order"],
                    f"expected a number or W, F, D, Note, Rest Timer, got {order[:20]!r}",
                )
            set_type = SetType.WORKING
        ordinal = self.ordinals.get(workout.key, 0)
        self.ordinals[workout.key] = ordinal + 1
        load, assisted = self.load(fields)
        if assisted:
            note = assisted if note is None else f"{note}\n{assisted}"
        dist_unit = self.distance_unit
        if self.layout.per_row_unit:
            dist_unit = (self.text(fields, "distance_unit") or "").strip() or dist_unit
        at_rpe = self.at_rpe
        row = _Row(
            "set",
            line,
            workout,
            exercise,
            set_type,
            ordinal,
            values.reps(fields[self.at_reps], names["reps"]),
            load,
            None if at_rpe is None else values.rpe(fields[at_rpe], names["rpe"]),
            values.seconds(fields[self.at_seconds], names["seconds"]),
            values.distance(fields[self.at_distance], names["distance"], dist_unit),
            None,
            note,
        )
        return row, notice


def row_unit(text: str | None, fallback: Unit) -> Unit:
    """The unit a "Weight Unit" field names (kg, kgs, lb, lbs), else `fallback` when empty."""
    word = (text or "").strip().lower().rstrip(".")
    if not word:
        return fallback
    if word in {"kg", "kgs", "kilo", "kilos"}:
        return Unit.KG
    if word in {"lb", "lbs", "pound", "pounds"}:
        return Unit.LB
    raise FieldError("Weight Unit", f"expected kg or lbs, got {text!r}")


def _group(rows: list[_Row]) -> Iterator[Item]:
    """The sets of one exercise in one workout, with its notes and rest timers merged."""
    sets: list[_Row] = []
    notes: list[_Row] = []
    for row in rows:
        if row.kind == "rest":
            if sets and row.rest_seconds is not None:
                sets[-1].rest_seconds = row.rest_seconds
        elif row.kind == "note":
            if row.note:
                notes.append(row)
        else:
            sets.append(row)
    if notes and not sets:
        yield SkippedRow(
            notes[0].line, f"a note for {rows[0].exercise!r} with no sets in its workout"
        )
    elif notes:
        text = "\n".join(row.note or "" for row in notes)
        first = sets[0]
        first.note = text if first.note is None else f"{text}\n{first.note}"
    for row in sets:
        yield unless_empty(row.item())


def read(records: Records, layout: Layout, options: ReadOptions) -> Iterator[Item]:
    """The items of a Strong file, in file order (sets grouped per exercise and workout)."""
    if layout.kind == "bodyweight":
        yield from each_row(records, layout, _bodyweight(layout, options))
        return
    reader = _Reader(layout, options)
    group: list[_Row] = []
    current: tuple[str, str] | None = None

    def take(line: int, fields: list[str]) -> list[Item]:
        """The row's notice, and the group of sets it closes; the row joins the next."""
        nonlocal group, current
        row, notice = reader.row(line, fields)
        done: list[Item] = [] if notice is None else [notice]
        key = (row.workout.key, row.exercise)
        if key != current and group:
            done.extend(_group(group))
            group = []
        current = key
        group.append(row)
        return done

    yield from each_row(records, layout, take)
    if group:
        yield from _group(group)


def _bodyweight(layout: Layout, options: ReadOptions) -> Callable[[int, list[str]], list[Item]]:
    """A reader of one row of the body-weight export."""
    unit = layout.weight_unit or options.unit
    column = layout.header[layout.columns["bodyweight"]]

    def reading(line: int, fields: list[str]) -> list[Item]:
        on = values.moment(fields[layout.columns["date"]], "Date", options.zone).local_date
        number = values.number(fields[layout.columns["bodyweight"]], column)
        if number is None:
            return [SkippedRow(line, "no body weight on this row")]
        return [bodyweight_reading(line, on, clean_load(number, unit), column)]

    return reading
