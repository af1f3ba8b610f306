"""Reading the fields of export rows: numbers, reps, RPE, durations, distances and times.

Every function takes the field's text and the column name as the file spells it, and either
returns the value (None for an empty field) or raises `FieldError` naming the column and
what was expected, so a bad row is reported as "line 57: Reps: expected a whole number of
reps, got '5.5'". The quirks of real exports are absorbed here: reps written `10.0`, RPE `0`
meaning "not logged", durations `1h 5m`, FitNotes times `h:mm:ss`, decimal commas from
localized exports, local times without a zone (read in the athlete's zone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from redwood.io.importers.records import FieldError

CACHE = 4096
"""Field readers remember this many texts each: exports repeat the same few values."""
MAX_SECONDS = 10 * 24 * 3600
MAX_REPS = 10_000
METRES_PER: dict[str, Decimal] = {
    "m": Decimal(1),
    "meter": Decimal(1),
    "meters": Decimal(1),
    "metre": Decimal(1),
    "metres": Decimal(1),
    "km": Decimal(1000),
    "kms": Decimal(1000),
    "kilometers": Decimal(1000),
    "mi": Decimal("1609.344"),
    "mile": Decimal("1609.344"),
    "miles": Decimal("1609.344"),
    "ft": Decimal("0.3048"),
    "feet": Decimal("0.3048"),
    "yd": Decimal("0.9144"),
    "yards": Decimal("0.9144"),
}
"""Metres per distance unit, exact by definition (the international mile is 1,609.344 m)."""

_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DURATION = re.compile(
    r"^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$"
)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\.\d+)?$")
_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def cleaned(text: str | None) -> str | None:
    """The field without surrounding spaces, or None when nothing is left."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def number(text: str | None, column: str) -> Decimal | None:
    """A finite decimal number ("102.5", "102,5", "1e2" refused), None when empty."""
    if not text:
        return None
    return _number(text, column)


@lru_cache(maxsize=CACHE)
def _number(text: str, column: str) -> Decimal | None:
    value = text.strip()
    if not value:
        return None
    if _DECIMAL_COMMA.match(value):
        value = value.replace(",", ".")
    try:
        parsed = Decimal(value)
    except InvalidOperation:
        raise FieldError(column, f"expected a number, got {_show(value)}") from None
    if not parsed.is_finite() or "e" in value.lower():
        raise FieldError(column, f"expected a plain number, got {_show(value)}")
    if abs(parsed) >= Decimal(10) ** 9:
        raise FieldError(column, f"{_show(value)} is far too large")
    return parsed


def whole(text: str | None, column: str, what: str = "a whole number") -> int | None:
    """A whole number of at least 0 ("10" or "10.0"), None when empty."""
    parsed = number(text, column)
    if parsed is None:
        return None
    if parsed < 0 or parsed != parsed.to_integral_value():
        raise FieldError(column, f"expected {what}, got {_show(cleaned(text) or '')}")
    return int(parsed)


@lru_cache(maxsize=CACHE)
def reps(text: str | None, column: str) -> int | None:
    """Reps of a set: a whole number up to 10,000; 0 and empty mean none."""
    count = whole(text, column, "a whole number of reps")
    if count is not None and count > MAX_REPS:
        raise FieldError(column, f"{count} reps is more than {MAX_REPS}")
    return count or None


@lru_cache(maxsize=CACHE)
def seconds(text: str | None, column: str) -> int | None:
    """Seconds of a timed set or a rest (rounded to whole seconds); 0 and empty mean none."""
    parsed = number(text, column)
    if parsed is None:
        return None
    if parsed < 0:
        raise FieldError(column, f"expected seconds of at least 0, got {_show(str(parsed))}")
    whole_seconds = int(parsed.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if whole_seconds > MAX_SECONDS:
        raise FieldError(column, f"{whole_seconds} seconds is more than ten days")
    return whole_seconds or None


@lru_cache(maxsize=CACHE)
def rpe(text: str | None, column: str) -> Decimal | None:
    """RPE 1-10 in half steps or finer; empty and `0` mean "not logged"."""
    parsed = number(text, column)
    if parsed is None or parsed == 0:
        return None
    if not Decimal(1) <= parsed <= Decimal(10):
        raise FieldError(column, f"RPE must be 1-10 (0 or empty: not logged), got {parsed}")
    return parsed.quantize(Decimal(1)) if parsed == parsed.to_integral_value() else parsed


@lru_cache(maxsize=CACHE)
def duration(text: str | None, column: str) -> int | None:
    """A workout's length in seconds: "1h 5m", "45m", "90s", "1:05:00" or plain seconds."""
    value = cleaned(text)
    if value is None:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return seconds(value, column)
    clock = _CLOCK.match(value)
    if clock:
        return clock_seconds(value, column)
    match = _DURATION.match(value.lower())
    if match is None or not any(match.groups()):
        raise FieldError(
            column, f"expected a duration such as '1h 5m' or '45m', got {_show(value)}"
        )
    days, hours, minutes, secs = (int(part) if part else 0 for part in match.groups())
    return days * 86400 + hours * 3600 + minutes * 60 + secs


@lru_cache(maxsize=CACHE)
def clock_seconds(text: str | None, column: str) -> int | None:
    """A time written as a clock, "h:mm:ss" or "mm:ss" (FitNotes), in seconds; 0 is none."""
    value = cleaned(text)
    if value is None:
        return None
    match = _CLOCK.match(value)
    if match is None:
        if re.fullmatch(r"\d+(?:\.\d+)?", value):
            return seconds(value, column)
        raise FieldError(column, f"expected a time such as 0:01:30, got {_show(value)}")
    hours, minutes, secs = (int(part) if part else 0 for part in match.groups())
    if (match[1] is not None and minutes >= 60) or secs >= 60:
        raise FieldError(column, f"expected a time such as 0:01:30, got {_show(value)}")
    total = hours * 3600 + minutes * 60 + secs
    return total or None


@lru_cache(maxsize=CACHE)
def distance(text: str | None, column: str, unit_word: str | None) -> Decimal | None:
    """A distance in metres (to the centimetre) from a number in the named unit."""
    parsed = number(text, column)
    if parsed is None or parsed == 0:
        return None
    if parsed < 0:
        raise FieldError(column, f"a distance must not be negative, got {parsed}")
    word = (unit_word or "").strip().lower().rstrip(".")
    factor = METRES_PER.get(word)
    if factor is None:
        raise FieldError(column, f"unknown distance unit {_show(unit_word or '')} (m, km or mi)")
    metres = (parsed * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if metres >= Decimal("99999999.99"):
        raise FieldError(column, f"{parsed} {word} is far too long")
    return metres or None


@dataclass(frozen=True, slots=True)
class Moment:
    """A time from a file: the instant, the training day, and the text key for identities.

    `key` is the time as the file wrote it, normalised (`2021-06-01T18:02:13`), so a session
    keeps its import key even when the athlete later moves to another time zone.
    """

    instant: datetime
    local_date: date
    key: str


def moment(text: str | None, column: str, zone: ZoneInfo) -> Moment:
    """An ISO-like date and time ("2021-06-01 18:02:13", "2021-06-01", with or without an
    offset); a time without an offset is local to the athlete's zone."""
    value = cleaned(text)
    if value is None:
        raise FieldError(column, "the date is missing")
    return _moment(value, column, zone)


@lru_cache(maxsize=2 * CACHE)
def _moment(value: str, column: str, zone: ZoneInfo) -> Moment:
    match = _ISO.match(value)
    if match is None:
        raise FieldError(column, f"expected a date such as 2021-06-01 18:02:13, got {_show(value)}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        naive = datetime(
            int(year),
            int(month),
            int(day),
            12 if hour is None else int(hour),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
        )
    except ValueError as exc:
        raise FieldError(column, f"{_show(value)} is not a real date or time ({exc})") from None
    return at_local(naive, zone, offset, has_time=minute is not None)


def at_local(naive: datetime, zone: ZoneInfo, offset: str | None, *, has_time: bool) -> Moment:
    """The `Moment` of a wall-clock time: in `offset` when the file gave one, else in the
    athlete's zone. A date without a time is placed at local noon (like logged days)."""
    if offset is None:
        instant = naive.replace(tzinfo=zone)
        local = naive
    else:
        instant = naive.replace(tzinfo=_offset(offset))
        local = instant.astimezone(zone).replace(tzinfo=None)
    key = naive.isoformat() if has_time else naive.date().isoformat()
    if offset is not None:
        key += offset
    return Moment(instant, local.date(), key)


def _offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def note(text: str | None, column: str, limit: int = 10_000) -> str | None:
    """A note as written (newlines kept, ends trimmed); refused when absurdly long."""
    value = cleaned(text)
    if value is None:
        return None
    if len(value) > limit:
        raise FieldError(column, f"the text is {len(value):,} characters long; at most {limit:,}")
    return value


def _show(value: str) -> str:
    """A field's text for a message: quoted, and cut short when long."""
    shown = value if len(value) <= 40 else value[:37] + "..."
    return repr(shown)
