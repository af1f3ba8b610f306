"""The training log as values: what the athlete reports for a set, and what was stored.

Pure domain code (standard library only). `SetEntry` is the input for one set, checked
field by field so a bad value is refused with the field's name before anything is written;
`LoggedSet` and `PerformedSession` are what the store hands back: frozen, never ORM rows.

Every set carries a client-made UUID (DESIGN.md): a retried request sends the same id and
the store returns the set it already has instead of logging it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from uuid import UUID

from redwood.domain.vocab import SetType

MAX_LOAD_KG = Decimal("99999.999")
HARD_SET_TYPES = frozenset({SetType.WORKING, SetType.DROP, SetType.FAILURE})


class LogbookError(ValueError):
    """A set or session value outside what can be logged; `field` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _decimal(field: str, value: Decimal | None, low: Decimal, high: Decimal) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal):
        raise LogbookError(field, f"expected a Decimal, got {type(value).__name__}")
    try:
        inside = value.is_finite() and low <= value <= high
    except InvalidOperation:
        inside = False
    if not inside:
        raise LogbookError(field, f"must be between {low} and {high}, got {value}")


def _count(field: str, value: int | None, high: int | None = None) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LogbookError(field, f"must be a whole number of at least 0, got {value!r}")
    if high is not None and value > high:
        raise LogbookError(field, f"must be at most {high}, got {value}")


def check_aware(field: str, value: datetime | None) -> None:
    """Instants must carry a time zone: a naive time is ambiguous once the athlete travels."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise LogbookError(field, "needs a time zone (a naive time is ambiguous)")


@dataclass(frozen=True, slots=True)
class SetEntry:
    """One set as reported: reps and load for lifts, seconds or distance for timed work.

    `position` None means "after the last set of the session". RPE runs 1-10 and RIR
    0-10 in half steps or finer; both may be given (the coach prefers RIR when present).
    """

    id: UUID
    exercise_id: str
    performed_at: datetime
    set_type: SetType = SetType.WORKING
    reps: int | None = None
    load_kg: Decimal | None = None
    rpe: Decimal | None = None
    rir: Decimal | None = None
    seconds: int | None = None
    distance_m: Decimal | None = None
    rest_seconds: int | None = None
    note: str | None = None
    position: int | None = None

    def __post_init__(self) -> None:
        check_set(
            self.id,
            self.exercise_id,
            self.performed_at,
            self.set_type,
            self.reps,
            self.load_kg,
            self.rpe,
            self.rir,
            self.seconds,
            self.distance_m,
            self.rest_seconds,
            self.position,
        )


_ZERO, _ONE, _TEN = Decimal(0), Decimal(1), Decimal(10)
MAX_DISTANCE_M = Decimal("99999999.99")


def check_set(
    set_id: UUID,
    exercise_id: str,
    performed_at: datetime,
    set_type: SetType,
    reps: int | None,
    load_kg: Decimal | None,
    rpe: Decimal | None,
    rir: Decimal | None,
    seconds: int | None,
    distance_m: Decimal | None,
    rest_seconds: int | None,
    position: int | None,
) -> None:
    """The checks of a `SetEntry`, field by field (`LogbookError` names the first bad one);
    an import of 200,000 rows runs them without building an entry per row."""
    if not isinstance(set_id, UUID):
        raise LogbookError("id", "must be a UUID made by the client")
    if not isinstance(exercise_id, str) or not exercise_id:
        raise LogbookError("exercise", "is missing")
    if set_type.__class__ is not SetType:
        try:
            SetType(set_type)
        except ValueError:
            kinds = ", ".join(kind.value for kind in SetType)
            raise LogbookError("type", f"must be one of {kinds}") from None
    check_aware("performed_at", performed_at)
    _count("reps", reps)
    _count("seconds", seconds)
    _count("rest_seconds", rest_seconds)
    _count("position", position)
    _decimal("load_kg", load_kg, _ZERO, MAX_LOAD_KG)
    _decimal("rpe", rpe, _ONE, _TEN)
    _decimal("rir", rir, _ZERO, _TEN)
    _decimal("distance_m", distance_m, _ZERO, MAX_DISTANCE_M)


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """A stored set. `version` rises on every edit (optimistic concurrency); a deleted set
    keeps a tombstone (`deleted_at`) so a replayed create cannot bring it back."""

    id: UUID
    session_id: UUID
    exercise_id: str
    position: int
    set_type: SetType
    reps: int | None
    load_kg: Decimal | None
    rpe: Decimal | None
    rir: Decimal | None
    seconds: int | None
    distance_m: Decimal | None
    rest_seconds: int | None
    note: str | None
    performed_at: datetime
    created_at: datetime
    updated_at: datetime
    version: int
    deleted_at: datetime | None = None

    @property
    def is_hard(self) -> bool:
        """Working, drop and failure sets count toward volume and records; warm-ups never."""
        return self.set_type in HARD_SET_TYPES and self.deleted_at is None

    @property
    def volume_kg(self) -> Decimal | None:
        """Load times reps, or None when either is missing."""
        if self.load_kg is None or self.reps is None:
            return None
        return self.load_kg * self.reps

    def entry(self) -> SetEntry:
        """The editable part of this set, e.g. to apply changes and check them again."""
        return SetEntry(
            id=self.id,
            exercise_id=self.exercise_id,
            performed_at=self.performed_at,
            set_type=self.set_type,
            reps=self.reps,
            load_kg=self.load_kg,
            rpe=self.rpe,
            rir=self.rir,
            seconds=self.seconds,
            distance_m=self.distance_m,
            rest_seconds=self.rest_seconds,
            note=self.note,
            position=self.position,
        )


@dataclass(frozen=True, slots=True)
class PerformedSession:
    """A session that happened on the athlete's local date, maybe from a planned one."""

    id: UUID
    local_date: date
    title: str
    source: str
    started_at: datetime | None = None
    ended_at: datetime | None = None
    notes: str | None = None
    planned_session_id: int | None = None
    import_key: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
