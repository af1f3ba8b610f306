"""Mass: exact kg/lb conversion, arithmetic, formatting and parsing of typed masses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.mass import (
    KG_PER_LB,
    Mass,
    MassError,
    Unit,
    from_stored_kg,
    likely_unit,
    parse_mass,
    written_unit,
)

KG = Unit.KG
LB = Unit.LB

three_places = st.decimals(
    min_value=Decimal(0), max_value=Decimal(100_000), places=3, allow_nan=False
)


def test_pound_is_exact_definition() -> None:
    assert Decimal("0.45359237") == KG_PER_LB
    assert Mass.of(1, LB).kg == KG_PER_LB


@given(three_places)
def test_pounds_round_trip_exactly(x: Decimal) -> None:
    assert Mass.of(x, LB).to(LB) == x


@given(three_places)
def test_kilograms_round_trip_exactly(x: Decimal) -> None:
    assert Mass.of(x, KG).to(KG) == x


@given(three_places)
def test_kilograms_through_pounds_and_back(x: Decimal) -> None:
    in_pounds = Mass.of(x, KG).to(LB)
    assert Mass.of(in_pounds, LB) == Mass.of(x, KG)


@given(three_places)
def test_pounds_through_kilograms_and_back(x: Decimal) -> None:
    in_kg = Mass.of(x, LB).to(KG)
    assert Mass.of(in_kg, KG).to(LB) == x


def test_arithmetic_and_order() -> None:
    a, b = Mass.of("102.5", KG), Mass.of("2.5", KG)
    assert a + b == Mass.of(105, KG)
    assert a - b == Mass.of(100, KG)
    assert b * 2 == Mass.of(5, KG)
    assert 2 * b == Mass.of(5, KG)
    assert b * Decimal("0.5") == Mass.of("1.25", KG)
    assert b < a
    assert max(a, b) == a
    assert b - a == Mass.of("-100", KG)
    assert Mass.zero() == Mass.of(0, KG)


def test_equal_masses_hash_alike() -> None:
    assert {Mass.of("100.0", KG), Mass.of(100, KG)} == {Mass(Decimal("100.000"))}


@pytest.mark.parametrize(
    ("mass", "unit", "places", "text"),
    [
        (Mass.of("116.6666666", KG), KG, 1, "116.7 kg"),
        (Mass.of("142.5", KG), KG, 1, "142.5 kg"),
        (Mass.of(100, KG), KG, 1, "100 kg"),
        (Mass.of("100.04", KG), KG, 1, "100 kg"),
        (Mass.of(225, LB), LB, 1, "225 lb"),
        (Mass.of("1.25", KG), KG, 2, "1.25 kg"),
        (Mass.of("1.25", KG), KG, 1, "1.3 kg"),
        (Mass.of(100, KG), LB, 1, "220.5 lb"),
        (Mass.of(0, KG), KG, 1, "0 kg"),
        (Mass.of("-0.01", KG), KG, 1, "0 kg"),
        (Mass.of("99.96", KG), KG, 0, "100 kg"),
    ],
)
def test_format(mass: Mass, unit: Unit, places: int, text: str) -> None:
    assert mass.format(unit, places) == text


def test_str_is_kilograms() -> None:
    assert str(Mass.of("142.5", KG)) == "142.5 kg"


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("100kg", None, Mass.of(100, KG)),
        ("100 kg", None, Mass.of(100, KG)),
        ("100 KG", None, Mass.of(100, KG)),
        ("  100 Kilograms ", None, Mass.of(100, KG)),
        ("100 kilos", None, Mass.of(100, KG)),
        ("102.5", KG, Mass.of("102.5", KG)),
        ("102.5", LB, Mass.of("102.5", LB)),
        ("225lb", None, Mass.of(225, LB)),
        ("225 lbs", None, Mass.of(225, LB)),
        ("225 Pounds", None, Mass.of(225, LB)),
        ("225 lb.", None, Mass.of(225, LB)),
        ("0 kg", None, Mass.zero()),
        (".5 kg", None, Mass.of("0.5", KG)),
        ("20 kg", LB, Mass.of(20, KG)),
    ],
)
def test_parse_mass(text: str, default: Unit | None, expected: Mass) -> None:
    assert parse_mass(text, default) == expected


@pytest.mark.parametrize(
    ("text", "default", "fragment"),
    [
        ("80 stone", None, "unknown unit 'stone' in '80 stone': use kg or lb"),
        ("1,5kg", None, "commas are not allowed"),
        ("1,000 lb", None, "commas are not allowed"),
        ("-5 kg", None, "must not be negative"),
        ("nan", KG, "finite"),
        ("inf kg", None, "finite"),
        ("", KG, "mass is empty"),
        ("   ", KG, "mass is empty"),
        ("102.5", None, "has no unit"),
        ("heavy", KG, "is not a mass"),
        ("1e3 kg", None, "is not a mass"),
        ("12 st 4 lb", None, "is not a mass"),
    ],
)
def test_parse_mass_refuses(text: str, default: Unit | None, fragment: str) -> None:
    with pytest.raises(MassError, match=fragment) as caught:
        parse_mass(text, default)
    assert "\n" not in str(caught.value)


def test_mass_error_is_a_value_error() -> None:
    assert issubclass(MassError, ValueError)


@pytest.mark.parametrize("bad", ["NaN", "Infinity", Decimal("1e12"), "abc"])
def test_construction_refuses_unusable_values(bad: Decimal | str) -> None:
    with pytest.raises(MassError):
        Mass.of(bad, KG)


def test_float_is_refused() -> None:
    with pytest.raises(MassError, match="Decimal"):
        Mass.of(1.5, KG)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("225 lbs", LB),
        ("100kg", KG),
        ("100 Kilograms", KG),
        ("102.5", None),
        ("80 stone", None),
        ("heavy", None),
    ],
)
def test_written_unit(text: str, unit: Unit | None) -> None:
    assert written_unit(text) == unit


@pytest.mark.parametrize(
    ("masses", "unit"),
    [
        ((Mass.of(20, KG), Mass.of("1.25", KG)), KG),
        ((Mass.of(45, LB), Mass.of("2.5", LB)), LB),
        ((Mass.of(45, LB), Mass.of("2.5", KG)), KG),
        ((Mass.zero(),), KG),
        ((Mass.of("176.4", LB),), LB),
    ],
)
def test_likely_unit(masses: tuple[Mass, ...], unit: Unit) -> None:
    assert likely_unit(*masses) is unit


@pytest.mark.parametrize(
    ("stored", "unit", "expected"),
    [
        ("102.058", Unit.LB, Mass.of(225, Unit.LB)),  # 225 lb as the store keeps it
        ("102.058", Unit.KG, Mass(Decimal("102.058"))),
        ("100.000", Unit.KG, Mass(Decimal(100))),
        ("8.890", Unit.LB, Mass.of("19.6", Unit.LB)),
        ("1.125", Unit.KG, Mass(Decimal("1.125"))),
    ],
)
def test_stored_loads_come_back_exact(stored: str, unit: Unit, expected: Mass) -> None:
    assert from_stored_kg(Decimal(stored), unit) == expected


@given(st.integers(min_value=1, max_value=200_000))
def test_any_hundredth_of_a_pound_survives_the_store(hundredths: int) -> None:
    pounds = Decimal(hundredths) / 100
    stored = Mass.of(pounds, Unit.LB).kg.quantize(Decimal("0.001"))
    assert from_stored_kg(stored, Unit.LB).to(Unit.LB) == pounds


@given(st.integers(min_value=1, max_value=10_000_000))
def test_kilogram_loads_come_back_as_stored(grams: int) -> None:
    stored = Decimal(grams) / 1000
    assert from_stored_kg(stored, Unit.KG).kg == stored
