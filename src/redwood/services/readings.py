"""Readings about the athlete rather than the bar: bodyweight and readiness check-ins.

Bodyweight is typed as a mass ("80.5kg", "177lb", or a bare number in the athlete's unit),
kept between 20 and 400 kg, one reading per day (a second one that day replaces the first,
and says so). A check-in records sleep (0-24 h), soreness and energy (1-5) and where it hurts
(limitation names: lower_back, knee, shoulder, hip, elbow, wrist); the coach reads the
latest one of a day. Neither can be dated after today. Lists come newest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from redwood.domain.mass import Mass, MassError, Unit, parse_mass
from redwood.domain.vocab import Limitation
from redwood.services.errors import ServiceError
from redwood.services.logsupport import athlete_work, check_date, decimal_out

if TYPE_CHECKING:
    from redwood.store import BodyweightRecord, CheckinRecord

MIN_BODYWEIGHT = Mass(Decimal(20))
MAX_BODYWEIGHT = Mass(Decimal(400))
MAX_NOTE = 2000
AREAS = ", ".join(area.value for area in Limitation)


def _limit(limit: int) -> int:
    if not 1 <= limit <= 1000:
        raise ServiceError(f"limit: must be 1-1000 (got {limit})", "limit")
    return limit


def _note(note: str | None) -> str | None:
    cleaned = (note or "").strip()
    if len(cleaned) > MAX_NOTE:
        raise ServiceError(f"note: at most {MAX_NOTE} characters", "note")
    return cleaned or None


# ---- bodyweight ----------------------------------------------------------------------------


def _weight(record: BodyweightRecord, unit: Unit) -> dict[str, Any]:
    return {
        "date": record.measured_on.isoformat(),
        "kg": decimal_out(record.kg),
        "weight": Mass(record.kg).format(unit, places=1),
        "source": record.source,
        "note": record.note,
    }


def add_bodyweight(
    text: str, on: date, *, today: date, note: str | None = None, url: str | None = None
) -> dict[str, Any]:
    """Record the bodyweight of a day (replacing that day's earlier reading, if any)."""
    from redwood.store import Bodyweights

    check_date(on, today)
    with athlete_work(url) as work:
        try:
            mass = parse_mass(text, work.unit)
        except MassError as exc:
            raise ServiceError(f"bodyweight: {exc}", "bodyweight") from None
        if not MIN_BODYWEIGHT <= mass <= MAX_BODYWEIGHT:
            low, high = MIN_BODYWEIGHT.format(work.unit), MAX_BODYWEIGHT.format(work.unit)
            raise ServiceError(
                f"bodyweight: {text.strip()!r} is outside {low}-{high}: check the number "
                "and its unit",
                "bodyweight",
            )
        weights = Bodyweights(work.session, work.athlete.id)
        earlier = weights.get(on)
        stored = weights.put(on, mass.kg, note=_note(note))
        result = _weight(stored, work.unit)
        result["replaced"] = None if earlier is None else Mass(earlier.kg).format(work.unit)
        return result


def list_bodyweights(
    *,
    start: date | None = None,
    end: date | None = None,
    limit: int = 30,
    url: str | None = None,
) -> list[dict[str, Any]]:
    """Readings in [start, end] (either open), newest first, at most `limit`; each with the
    change since the reading before it (`change_kg`, None for the first)."""
    from redwood.store import Bodyweights

    _limit(limit)
    with athlete_work(url) as work:
        readings = Bodyweights(work.session, work.athlete.id).between(start, end)
        shown = []
        for before, record in zip([None, *readings], readings, strict=False):
            row = _weight(record, work.unit)
            row["change_kg"] = None if before is None else decimal_out(record.kg - before.kg)
            shown.append(row)
        return shown[::-1][:limit]


# ---- check-ins -----------------------------------------------------------------------------


def read_sleep(value: Decimal | float | int | str | None) -> Decimal | None:
    """Hours of sleep, 0-24, to 0.1 h ("7.5", "7.5h"); None when not answered."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        hours = Decimal(str(value).strip().lower().removesuffix("h").strip())
    except InvalidOperation:
        raise ServiceError(f"sleep: expected hours such as 7.5 (got {value!r})", "sleep") from None
    if not (hours.is_finite() and 0 <= hours <= 24):
        raise ServiceError(f"sleep: must be 0-24 hours (got {value})", "sleep")
    return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def read_scale(field: str, value: int | str | None) -> int | None:
    """A 1-5 answer (soreness, energy); None when not answered."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= 5:
        raise ServiceError(f"{field}: must be a whole number from 1 to 5 (got {value!r})", field)
    return int(text)


def pain_areas(value: str | Iterable[str] | None) -> list[str]:
    """Where it hurts, as limitation names: "knee,lower_back", a list, or none."""
    if value is None:
        return []
    items = re.split(r"[,\s]+", value) if isinstance(value, str) else list(value)
    areas: list[str] = []
    for item in items:
        word = str(item).strip().lower().replace("-", "_").replace(" ", "_")
        if not word or word in {"none", "no"}:
            continue
        if word not in {area.value for area in Limitation}:
            raise ServiceError(f"pain: unknown area {item!r} (use {AREAS})", "pain")
        if word not in areas:
            areas.append(word)
    return areas


def _checkin(record: CheckinRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "date": record.local_date.isoformat(),
        "sleep_hours": decimal_out(record.sleep_hours),
        "soreness": record.soreness,
        "energy": record.energy,
        "pain": record.pain,
        "pain_where": list(record.pain_where),
        "note": record.note,
        "created_at": record.created_at.isoformat(),
    }


def add_checkin(
    on: date,
    *,
    today: date,
    sleep_hours: Decimal | float | int | str | None = None,
    soreness: int | str | None = None,
    energy: int | str | None = None,
    pain_where: str | Iterable[str] | None = (),
    note: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Record a readiness check-in; every value is checked before anything is written, and
    a check-in with no answer at all is refused."""
    from redwood.store import Checkins

    check_date(on, today)
    sleep = read_sleep(sleep_hours)
    sore, vigour = read_scale("soreness", soreness), read_scale("energy", energy)
    areas, text = pain_areas(pain_where), _note(note)
    if sleep is None and sore is None and vigour is None and not areas and text is None:
        raise ServiceError(
            "checkin: give at least one answer (sleep, soreness, energy, pain or a note)",
            "checkin",
        )
    with athlete_work(url) as work:
        record = Checkins(work.session, work.athlete.id).add(
            on, sleep_hours=sleep, soreness=sore, energy=vigour, pain_where=areas, note=text
        )
        return _checkin(record)


def list_checkins(
    *,
    start: date | None = None,
    end: date | None = None,
    limit: int = 30,
    url: str | None = None,
) -> list[dict[str, Any]]:
    """Check-ins in [start, end] (either open), newest first, at most `limit`."""
    from redwood.store import Checkins

    _limit(limit)
    with athlete_work(url) as work:
        records = Checkins(work.session, work.athlete.id).between(start, end)
        return [_checkin(record) for record in records[::-1][:limit]]
