"""Field readers and load units: reps, RPE, durations, clocks, distances, times, float noise,
and the kg-or-lb guess with its confidence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from redwood.domain.mass import Mass, Unit
from redwood.io.importers import UnitEvidence, clean_load, values
from redwood.io.importers.records import FieldError


@pytest.mark.parametrize(
    ("text", "reps"), [("5", 5), ("10.0", 10), (" 8 ", 8), ("", None), ("0", None)]
)
def test_reps(text: str, reps: int | None) -> None:
    assert values.reps(text, "Reps") == reps


@pytest.mark.parametrize("text", ["5.5", "-1", "five", "nan", "1e3", "20000"])
def test_reps_refused(text: str) -> None:
    with pytest.raises(FieldError) as exc:
        values.reps(text, "Reps")
    assert exc.value.field == "Reps"


@pytest.mark.parametrize(
    ("text", "rpe"),
    [("", None), ("0", None), ("7.5", Decimal("7.5")), ("8", Decimal(8)), ("10", Decimal(10))],
)
def test_rpe_zero_means_not_logged(text: str, rpe: Decimal | None) -> None:
    assert values.rpe(text, "RPE") == rpe
    if rpe is not None:
        assert str(values.rpe(text, "RPE")) == text


@pytest.mark.parametrize("text", ["0.5", "11", "-3"])
def test_rpe_out_of_range(text: str) -> None:
    with pytest.raises(FieldError, match="RPE must be 1-10"):
        values.rpe(text, "RPE")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h 5m", 3900),
        ("45m", 2700),
        ("264h 1m", 264 * 3600 + 60),
        ("1h", 3600),
        ("90s", 90),
        ("3900", 3900),
        ("1:05:00", 3900),
        ("", None),
    ],
)
def test_durations(text: str, seconds: int | None) -> None:
    assert values.duration(text, "Duration") == seconds


@pytest.mark.parametrize(
    ("text", "seconds"), [("0:01:30", 90), ("1:00:00", 3600), ("12:30", 750), ("0:00:00", None)]
)
def test_clock_times(text: str, seconds: int | None) -> None:
    assert values.clock_seconds(text, "Time") == seconds


@pytest.mark.parametrize("text", ["1:75:00", "a:b", "half an hour"])
def test_bad_clock_times_and_durations(text: str) -> None:
    with pytest.raises(FieldError):
        values.clock_seconds(text, "Time")
    with pytest.raises(FieldError):
        values.duration(text, "Duration")


@pytest.mark.parametrize(
    ("text", "unit", "metres"),
    [
        ("5.2", "km", Decimal("5200.00")),
        ("1", "mi", Decimal("1609.34")),
        ("2000", "m", Decimal("2000.00")),
        ("3", "mi.", Decimal("4828.03")),
        ("0", "km", None),
    ],
)
def test_distances(text: str, unit: str, metres: Decimal | None) -> None:
    assert values.distance(text, "Distance", unit) == metres


def test_unknown_distance_unit() -> None:
    with pytest.raises(FieldError, match="unknown distance unit"):
        values.distance("3", "Distance", "leagues")


def test_local_times_offsets_and_bare_dates() -> None:
    zone = ZoneInfo("Australia/Sydney")
    local = values.moment("2024-01-31 23:30:00", "Date", zone)
    assert local.local_date == date(2024, 1, 31)
    assert local.instant == datetime(2024, 1, 31, 12, 30, tzinfo=UTC)
    assert local.key == "2024-01-31T23:30:00"
    offset = values.moment("2024-01-31T20:00:00+0000", "Date", zone)
    assert offset.local_date == date(2024, 2, 1)  # 07:00 next morning in Sydney
    assert offset.key == "2024-01-31T20:00:00+0000"
    day = values.moment("2024-01-31", "Date", zone)
    assert (day.local_date, day.key) == (date(2024, 1, 31), "2024-01-31")
    with pytest.raises(FieldError, match="the date is missing"):
        values.moment("", "Date", zone)


def test_decimal_commas_and_refusals() -> None:
    assert values.number("82,5", "Poids") == Decimal("82.5")
    for text in ("1,000.5", "Infinity", "1e400", "12kg"):
        with pytest.raises(FieldError):
            values.number(text, "Weight")


def test_a_note_too_long() -> None:
    with pytest.raises(FieldError, match="at most 10,000"):
        values.note("x" * 10_001, "Notes")


@pytest.mark.parametrize(
    ("raw", "unit", "mass"),
    [
        ("102.49999", Unit.KG, Mass(Decimal("102.5"))),
        ("185.00000000000003", Unit.LB, Mass.of(185, Unit.LB)),
        ("6.80388555", Unit.KG, Mass.of(15, Unit.LB)),
        ("220.46226218487757", Unit.LB, Mass(Decimal(100))),
        ("102.058", Unit.KG, Mass(Decimal("102.058"))),
        ("100", Unit.LB, Mass.of(100, Unit.LB)),
    ],
)
def test_float_noise(raw: str, unit: Unit, mass: Mass) -> None:
    assert clean_load(Decimal(raw), unit) == mass


def _guess(*loads: str) -> tuple[Unit, float]:
    evidence = UnitEvidence()
    for load in loads:
        evidence.add(Decimal(load))
    guess = evidence.guess()
    return guess.unit, guess.confidence


def test_pound_plate_loads_say_pounds() -> None:
    unit, confidence = _guess("135", "185", "225", "225", "315", "95", "45")
    assert unit is Unit.LB
    assert confidence >= 0.9


def test_half_kilos_and_pound_conversions_say_kilograms() -> None:
    assert _guess("102.5", "62.5", "42.5", "100", "20")[0] is Unit.KG
    unit, confidence = _guess("6.80388555", "20.41165665", "102.0582")
    assert unit is Unit.KG
    assert confidence >= 0.9


def test_no_clue_is_a_low_confidence_kilogram_guess() -> None:
    evidence = UnitEvidence()
    for load in ("100", "60", "80", "0", "-5"):
        evidence.add(Decimal(load))
    guess = evidence.guess()
    assert (guess.unit, guess.confidence, guess.is_low) == (Unit.KG, 0.5, True)
    assert "none of the 3 loads" in guess.reason


def test_mixed_evidence_lowers_confidence() -> None:
    unit, confidence = _guess("135", "225", "102.5")
    assert unit is Unit.LB
    assert 0.5 < confidence < 0.8
