"""The training log as CSV, one row per set: Redwood's own columns, or Strong's S1 layout.

The Redwood layout keeps everything a set has (ids included) with loads both in kilograms and
in the athlete's unit. The Strong layout is exactly Strong's S1 export (FORMATS.md), so other
apps that read Strong files read it:

    Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,
    Workout Notes,RPE

`Date` is the workout's local start (`2021-06-01 18:02:13`, local noon when only the day is
known), `Duration` like `1h 5m`, exercise names the Strong spelling where the catalogue knows
one ("Squat (Barbell)"), `Set Order` numbers the working sets of each exercise from 1 and tags
the others (`W` warm-up, `D` drop, `F` failure), loads and distances are in the athlete's unit
(kg with km, lb with miles, as Strong pairs them; S1 does not say which), a bodyweight set
weighs 0, and a rest is a `Rest Timer` row after its set. RIR has no column in S1 and is left
out. Strong's importer reads the file back to the same sets.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, time
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TextIO
from zoneinfo import ZoneInfo

from redwood.domain.exercise import Exercise
from redwood.domain.logbook import LoggedSet, PerformedSession
from redwood.domain.mass import Unit, from_stored_kg
from redwood.domain.vocab import SetType
from redwood.io.exporters.backup import number

STRONG_HEADER = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
REDWOOD_HEADER = (
    "date",
    "workout",
    "exercise",
    "exercise_name",
    "set_type",
    "position",
    "reps",
    "load_kg",
    "load",
    "unit",
    "rpe",
    "rir",
    "seconds",
    "distance_m",
    "rest_seconds",
    "note",
    "performed_at",
    "session_id",
    "set_id",
)
LAYOUTS = ("redwood", "strong")
TAGS = {SetType.WARMUP: "W", SetType.DROP: "D", SetType.FAILURE: "F"}
METRES_PER_MILE = Decimal("1609.344")
_STRONG_NAME = re.compile(r"^[^()]+ \([^()]+\)$")


def strong_name(exercise: Exercise) -> str:
    """The name Strong uses: the first alias like "Squat (Barbell)", else the name."""
    return next((alias for alias in exercise.aliases if _STRONG_NAME.match(alias)), exercise.name)


def _text(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{number(value)}"
    return str(value)


class SetRows:
    """Writes sets to a CSV stream in one layout; call `write` in log order."""

    def __init__(self, out: TextIO, layout: str, unit: Unit, zone: ZoneInfo) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"layout: use one of {', '.join(LAYOUTS)} (got {layout!r})")
        self.layout = layout
        self.unit = unit
        self.zone = zone
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(STRONG_HEADER if layout == "strong" else REDWOOD_HEADER)
        self.rows = 0
        self._group: tuple[object, str] | None = None
        self._order = 0

    def load(self, load_kg: Decimal | None) -> str:
        """A stored load in the athlete's unit, exact (225 lb stays 225)."""
        if load_kg is None:
            return ""
        return _text(from_stored_kg(load_kg, self.unit).to(self.unit))

    def write(self, session: PerformedSession, logged: LoggedSet, exercise: Exercise) -> None:
        """One set (and, in the Strong layout, its rest as a `Rest Timer` row)."""
        if self.layout == "strong":
            self._strong(session, logged, exercise)
            return
        self.writer.writerow(
            (
                session.local_date.isoformat(),
                session.title,
                logged.exercise_id,
                exercise.name,
                str(logged.set_type),
                logged.position,
                _text(logged.reps),
                _text(logged.load_kg),
                self.load(logged.load_kg),
                str(self.unit),
                _text(logged.rpe),
                _text(logged.rir),
                _text(logged.seconds),
                _text(logged.distance_m),
                _text(logged.rest_seconds),
                logged.note or "",
                logged.performed_at.isoformat(),
                str(logged.session_id),
                str(logged.id),
            )
        )
        self.rows += 1

    def _strong(self, session: PerformedSession, logged: LoggedSet, exercise: Exercise) -> None:
        group = (session.id, logged.exercise_id)
        if group != self._group:
            self._group, self._order = group, 0
        tag = TAGS.get(logged.set_type)
        if tag is None:
            self._order += 1
        name = strong_name(exercise)
        head = [self._start(session), session.title or "Workout", _duration(session), name]
        weight = self.load(logged.load_kg)
        if not weight and logged.reps is not None:
            weight = "0"
        self.writer.writerow(
            (
                *head,
                tag or str(self._order),
                weight,
                _text(logged.reps),
                self._distance(logged.distance_m),
                _text(logged.seconds),
                logged.note or "",
                session.notes or "",
                _text(logged.rpe),
            )
        )
        self.rows += 1
        if logged.rest_seconds:
            rest = str(logged.rest_seconds)
            self.writer.writerow(
                (*head, "Rest Timer", "", "", "", rest, "", session.notes or "", "")
            )
            self.rows += 1

    def _start(self, session: PerformedSession) -> str:
        if session.started_at is not None:
            local = session.started_at.astimezone(self.zone)
        else:
            local = datetime.combine(session.local_date, time(12))
        return local.strftime("%Y-%m-%d %H:%M:%S")

    def _distance(self, metres: Decimal | None) -> str:
        if metres is None:
            return ""
        if self.unit is Unit.LB:
            miles = (metres / METRES_PER_MILE).quantize(Decimal("0.000001"), ROUND_HALF_EVEN)
            return _text(miles)
        return _text(metres / 1000)


def _duration(session: PerformedSession) -> str:
    if session.started_at is None or session.ended_at is None:
        return "0m"
    minutes = max(0, int((session.ended_at - session.started_at).total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"
