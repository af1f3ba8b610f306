"""What an importer reads out of another app's export: plain row values, never database rows.

An importer turns each line of a file into one of these frozen values, in file order:
`WorkoutSet` (a set of one workout), `BodyweightReading`, `BadRow` (a line that cannot be
read, with the reason), `SkippedRow` (a line that is fine but carries nothing to import,
such as an exercise note with no sets) or `Notice` (something imported as written but worth
a look, such as a workout that lasted 264 hours). The service decides what to store; keeping
the values plain keeps the parsers pure and testable without a database.

`Layout` is what the header said: which app, which of its layouts, the separator, and the
units the columns state (None where the file does not say).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from redwood.domain.mass import Mass, Unit
from redwood.domain.vocab import SetType


class ImportFileError(ValueError):
    """A file that cannot be imported at all; the message is one line naming the file."""


class FieldError(ValueError):
    """One field of one row that cannot be read; `field` is the column as the file names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Layout:
    """A recognised header: the app, its layout name and how to read the columns.

    `columns` maps a canonical field ("date", "exercise", "weight", ...) to its column index.
    `weight_unit` is the unit the header states for loads, None when the file does not say
    (Strong S1) or says it per row (Strong S2, FitNotes with a "Weight Unit" column).
    """

    app: str
    name: str
    delimiter: str
    header: tuple[str, ...]
    columns: dict[str, int]
    weight_unit: Unit | None = None
    distance_unit: str | None = None
    kind: str = "sets"
    wrapped: bool = False
    per_row_unit: bool = False

    @property
    def width(self) -> int:
        """The number of fields a data row has."""
        return len(self.header)

    @property
    def states_unit(self) -> bool:
        """True when the file itself says which unit its loads are in."""
        return self.weight_unit is not None or self.per_row_unit or self.kind != "sets"

    def describe(self) -> str:
        """The layout for people: "Strong S1 (12 columns, ',')"."""
        wrapped = ", every line wrapped in quotes (repaired)" if self.wrapped else ""
        return f"{self.name} ({self.width} columns, '{self.delimiter}'{wrapped})"


@dataclass(frozen=True, slots=True)
class Workout:
    """The workout a set belongs to, as the file gives it.

    `key` identifies the workout within the app (start and name), so a re-import finds the
    session it made before. `started_at` is an aware instant (local times are read in the
    athlete's zone); `local_date` is the training day.
    """

    key: str
    title: str
    local_date: date
    started_at: datetime | None = None
    duration_seconds: int | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class WorkoutSet:
    """One set as read from a row: `identity` is stable across re-exports of the same data.

    `exercise` is the name as written (trimmed); mapping it to an exercise is the service's
    job. `position` is the set's place in its workout (from 0). `load` None means no
    external load (bodyweight or cardio).
    """

    line: int
    workout: Workout
    identity: str
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

    @property
    def is_empty(self) -> bool:
        """True when the row records nothing: no reps, load, time or distance."""
        return (
            self.reps is None
            and self.load is None
            and self.seconds is None
            and self.distance_m is None
        )


@dataclass(frozen=True, slots=True)
class BodyweightReading:
    """A body-weight reading on a local date, in kilograms."""

    line: int
    on: date
    kg: Decimal


MIN_BODYWEIGHT_KG, MAX_BODYWEIGHT_KG = Decimal(20), Decimal(400)


def bodyweight_reading(line: int, on: date, mass: Mass, column: str) -> BodyweightReading:
    """A reading checked against 20-400 kg (what `redwood bodyweight add` accepts)."""
    if not MIN_BODYWEIGHT_KG <= mass.kg <= MAX_BODYWEIGHT_KG:
        raise FieldError(column, f"a body weight of {mass} is outside 20-400 kg")
    return BodyweightReading(line, on, mass.kg)


@dataclass(frozen=True, slots=True)
class BadRow:
    """A line that cannot be read; imported files name it with its line number."""

    line: int
    reason: str


def width_error(line: int, fields: list[str], layout: Layout, hint: str | None = None) -> BadRow:
    """A row with more or fewer fields than its header; `hint` says why it may be so
    (by default, for fewer fields: the file may be cut off)."""
    count, width = len(fields), layout.width
    if hint is None:
        hint = " (the file may be cut off here)" if count < width else ""
    return BadRow(line, f"{count} fields where the header has {width}{hint}")


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A readable line that carries nothing Redwood imports (said in the report)."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A line imported as written whose value looks wrong (said in the report)."""

    line: int
    message: str


Item = WorkoutSet | BodyweightReading | BadRow | SkippedRow | Notice


def unless_empty(item: WorkoutSet) -> WorkoutSet | SkippedRow:
    """The set, or a skipped row when it records nothing (no reps, load, time or distance)."""
    if item.is_empty:
        return SkippedRow(item.line, "a set with no reps, load, time or distance")
    return item


Records = Iterable[tuple[int, list[str]] | BadRow]
"""What `Source.records` yields: (first line number, fields), or a line it could not read."""


def each_row(
    records: Records,
    layout: Layout,
    read_row: Callable[[int, list[str]], Iterable[Item]],
    *,
    hint: str | None = None,
) -> Iterator[Item]:
    """The items of the rows that have the header's width, read by `read_row`; lines that
    cannot be read, have another width (`hint` replaces the usual hint) or raise
    `FieldError` become `BadRow`s with their line numbers."""
    for record in records:
        if isinstance(record, BadRow):
            yield record
            continue
        line, fields = record
        if len(fields) != layout.width:
            yield width_error(line, fields, layout, hint)
            continue
        try:
            items = list(read_row(line, fields))
        except FieldError as exc:
            yield BadRow(line, str(exc))
            continue
        yield from items


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader needs besides the rows: the unit of loads the file does not state and
    the athlete's time zone, in which local times are read."""

    unit: Unit
    zone: ZoneInfo
