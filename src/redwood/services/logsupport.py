"""What the logging use cases share: the local athlete's unit of work, dates typed by
people, exercise names resolved for one athlete, and sets as JSON-ready dicts.

A set dict (coach-design.md, "services/logbook.py"): `{"id", "short_id", "date", "session",
"exercise", "name", "set_type", "position", "reps", "seconds", "load_kg", "load", "rpe",
"rir", "rest_seconds", "note", "version", "performed_at"}`; `load` is the load shown in the
athlete's unit ("102.5 kg", "225 lb") and None for a bodyweight set, like `load_kg`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from redwood.domain.exercise import Exercise, normalize_name
from redwood.domain.logbook import LoggedSet
from redwood.domain.mass import Mass, Unit
from redwood.services import catalogue as catalogue_service
from redwood.services.errors import NotFoundError, ServiceError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redwood.store import AthleteRecord

UNDO_HINT = "redwood log undo"
SHORT_ID = 8
"""Set ids are shown, and may be typed, by their first 8 characters."""


@dataclass(frozen=True, slots=True)
class Work:
    """One transaction for the local athlete: the session, the athlete and their unit."""

    session: Session
    athlete: AthleteRecord

    @property
    def unit(self) -> Unit:
        """The unit the athlete reads and types loads in."""
        return Unit.LB if self.athlete.unit == Unit.LB.value else Unit.KG


@contextmanager
def athlete_work(url: str | None = None) -> Iterator[Work]:
    """Create or migrate the database if needed, then one unit of work for the local athlete
    (committed at the end, rolled back on any error: nothing is half-written)."""
    from redwood.services.athletes import local_athlete
    from redwood.services.database import ensure_schema, unit_of_work

    ensure_schema(url)
    with unit_of_work(url) as session:
        yield Work(session, local_athlete(session))


def refused(exc: ValueError, default_field: str | None = None) -> ServiceError:
    """A domain or store refusal as a `ServiceError` with the same one-line message."""
    field = getattr(exc, "field", None) or default_field
    return ServiceError(str(exc), field)


def check_date(on: date, today: date, field: str = "date") -> date:
    """`on` unless it is after `today`: nothing can be logged for a day to come."""
    if on > today:
        raise ServiceError(
            f"{field}: {on.isoformat()} is in the future (today is {today.isoformat()})", field
        )
    return on


def read_date(text: str, today: date, field: str = "date", *, future: bool = False) -> date:
    """A date typed by a person: YYYY-MM-DD, `today` or `yesterday`; a future one only when
    `future` (a filter may reach past today, a logged day may not)."""
    word = text.strip().lower()
    if word in {"today", "yesterday"}:
        return today - timedelta(days=word == "yesterday")
    try:
        on = date.fromisoformat(word)
    except ValueError:
        raise ServiceError(
            f"{field}: {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-02", field
        ) from None
    return on if future else check_date(on, today, field)


def resolve_exercise(work: Work, name: str) -> Exercise:
    """The athlete's own exercise or mapping, else the catalogue's (id, name or alias);
    an unknown name is refused with the closest catalogue names."""
    from redwood.store import Exercises

    text = name.strip()
    if not text:
        raise ServiceError("exercise: name the exercise, e.g. 'squat'", "exercise")
    exercises = Exercises(work.session, work.athlete.id)
    folded = normalize_name(text)
    for own in exercises.custom():
        if own.id == text or folded in {normalize_name(n) for n in own.names()}:
            return own
    mapped = exercises.mapped(text)
    found = exercises.get(mapped) if mapped else None
    if found is not None:
        return found
    try:
        return catalogue_service.find_exercise(text)
    except NotFoundError as exc:
        raise NotFoundError(f"exercise: {exc.message}", "exercise") from None


def resolve_set_id(work: Work, text: str, *, include_deleted: bool = False) -> UUID:
    """The id of the athlete's set that `text` (a full id or its first 8+ characters) names."""
    from redwood.store.journal import Journal

    typed = text.strip().lower()
    if len(typed.replace("-", "")) < SHORT_ID:
        raise ServiceError(
            f"set: give at least the first {SHORT_ID} characters of the set id (got {text!r}); "
            "'redwood log list' shows them",
            "set",
        )
    try:
        found = Journal(work.session, work.athlete.id).set_ids_with_prefix(
            typed, limit=2, include_deleted=include_deleted
        )
    except ValueError as exc:
        raise refused(exc, "set") from None
    if not found:
        raise NotFoundError(f"set: no set {text!r} (see 'redwood log list')", "set")
    if len(found) > 1:
        raise ServiceError(f"set: {text!r} matches more than one set: type more of it", "set")
    return found[0]


def decimal_out(value: Decimal | None) -> Decimal | None:
    """A stored decimal without trailing zeros (102.500 -> 102.5), exponent-free."""
    if value is None:
        return None
    text = f"{value:f}"
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)


def show_load(load_kg: Decimal | None, unit: Unit) -> str | None:
    """A stored load in the athlete's unit, to 0.01: "102.5 kg", "225 lb"."""
    return None if load_kg is None else Mass(load_kg).format(unit, places=2)


class SetViews:
    """Turns stored sets into set dicts, looking each session and exercise up once."""

    def __init__(self, work: Work) -> None:
        from redwood.store import Exercises, Logbook

        self.work = work
        self.log = Logbook(work.session, work.athlete.id)
        self.exercises = Exercises(work.session, work.athlete.id)
        self._dates: dict[UUID, date | None] = {}
        self._names: dict[str, str] = {}

    def name(self, exercise_id: str) -> str:
        """The display name of an exercise id (the id itself if it is unknown)."""
        if exercise_id not in self._names:
            found = self.exercises.get(exercise_id)
            self._names[exercise_id] = found.name if found else exercise_id
        return self._names[exercise_id]

    def day(self, session_id: UUID) -> date | None:
        """The local date of a performed session."""
        if session_id not in self._dates:
            found = self.log.get_session(session_id)
            self._dates[session_id] = found.local_date if found else None
        return self._dates[session_id]

    def view(self, logged: LoggedSet) -> dict[str, Any]:
        """The set dict of a stored set."""
        day = self.day(logged.session_id)
        return {
            "id": str(logged.id),
            "short_id": str(logged.id)[:SHORT_ID],
            "date": day.isoformat() if day else None,
            "session": str(logged.session_id),
            "exercise": logged.exercise_id,
            "name": self.name(logged.exercise_id),
            "set_type": str(logged.set_type),
            "position": logged.position,
            "reps": logged.reps,
            "seconds": logged.seconds,
            "load_kg": decimal_out(logged.load_kg),
            "load": show_load(logged.load_kg, self.work.unit),
            "rpe": decimal_out(logged.rpe),
            "rir": decimal_out(logged.rir),
            "rest_seconds": logged.rest_seconds,
            "note": logged.note,
            "version": logged.version,
            "performed_at": logged.performed_at.isoformat(),
            "deleted": logged.deleted_at is not None,
        }


def describe(view: dict[str, Any]) -> str:
    """A set in a few words: "100 kg x 5 @8", "bw x 8 rir2", "45 s", "20 kg x 10 (warm-up)"."""
    load = view["load"] or "bw"
    amount = f"{view['seconds']} s" if view["reps"] is None else f"{view['reps']}"
    text = f"{load} x {amount}" if view["reps"] is not None or view["load"] else amount
    if view["rpe"] is not None:
        text += f" @{view['rpe']}"
    if view["rir"] is not None:
        text += f" rir{view['rir']}"
    if view["set_type"] != "working":
        text += f" ({'warm-up' if view['set_type'] == 'warmup' else view['set_type']})"
    return text
