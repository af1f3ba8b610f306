"""Masses in kilograms, with pounds converted at the edges (DESIGN.md, "Conventions").

Redwood stores every load as a Decimal number of kilograms. A `Mass` keeps its value to
1e-15 kg (a picogram): far below any scale, yet it makes conversions exact both ways, so a
lifter who logs 225 lb always sees 225 lb again, and one who logs 102.5 kg never sees
102.49999 kg. The pound is defined as exactly 0.45359237 kg (international yard and pound
agreement, 1959).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from enum import StrEnum


class Unit(StrEnum):
    """Units a mass is read in and shown in."""

    KG = "kg"
    LB = "lb"


KG_PER_LB = Decimal("0.45359237")
"""The international pound in kilograms: exact by definition."""

KG_PLACES = 15
"""Decimal places of a kilogram a `Mass` keeps (1e-15 kg): enough for exact kg<->lb."""

MAX_KG = Decimal(10) ** 9
"""A bound far past any barbell, so arithmetic never leaves Decimal's working precision."""

_QUANTUM = Decimal(1).scaleb(-KG_PLACES)
_WORKING_PRECISION = 60

_UNIT_WORDS: dict[str, Unit] = {
    "kg": Unit.KG,
    "kgs": Unit.KG,
    "kilo": Unit.KG,
    "kilos": Unit.KG,
    "kilogram": Unit.KG,
    "kilograms": Unit.KG,
    "kilogramme": Unit.KG,
    "kilogrammes": Unit.KG,
    "lb": Unit.LB,
    "lbs": Unit.LB,
    "pound": Unit.LB,
    "pounds": Unit.LB,
}

_MASS_RE = re.compile(r"^(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?P<unit>[a-z]+\.?)?$")


class MassError(ValueError):
    """A mass that cannot be read or held; the message is one line for the athlete."""


def _canonical(value: Decimal) -> Decimal:
    """`value` held to 1e-15 kg, without trailing zeros or exponent notation."""
    if not value.is_finite():
        raise MassError(f"mass must be a finite number (got {value})")
    if abs(value) >= MAX_KG:
        raise MassError(f"mass of {value} kg is out of range: it must be under {MAX_KG:f} kg")
    with localcontext() as ctx:
        ctx.prec = _WORKING_PRECISION
        held = value.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
        if held.is_zero():
            return Decimal(0)
        if held == held.to_integral_value():
            return held.quantize(Decimal(1))
        return held.normalize()


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise MassError(f"mass must be a Decimal, whole number or text (got {value!r})")
    try:
        return Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise MassError(f"{value!r} is not a number") from None


@dataclass(frozen=True, slots=True, order=True)
class Mass:
    """A mass in kilograms; masses add, subtract and scale, and order by weight.

    A difference of two masses may be negative; `parse_mass` refuses negative input.
    """

    kg: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "kg", _canonical(_to_decimal(self.kg)))

    @classmethod
    def of(cls, value: Decimal | int | str, unit: Unit) -> Mass:
        """The mass `value` `unit` (for example `Mass.of(225, Unit.LB)`); exact for pounds."""
        number = _to_decimal(value)
        if not number.is_finite():
            raise MassError(f"mass must be a finite number (got {value})")
        if unit is Unit.KG:
            return cls(number)
        with localcontext() as ctx:
            ctx.prec = _WORKING_PRECISION
            return cls(number * KG_PER_LB)

    @classmethod
    def zero(cls) -> Mass:
        """No load: bodyweight moves and empty sums."""
        return cls(Decimal(0))

    def to(self, unit: Unit) -> Decimal:
        """The value in `unit`, unrounded (pounds to 40 significant digits when inexact)."""
        if unit is Unit.KG:
            return self.kg
        with localcontext() as ctx:
            ctx.prec = 40
            pounds = self.kg / KG_PER_LB
            return pounds.normalize() if pounds != pounds.to_integral_value() else pounds

    def __add__(self, other: Mass) -> Mass:
        if not isinstance(other, Mass):
            return NotImplemented
        return Mass(self.kg + other.kg)

    def __sub__(self, other: Mass) -> Mass:
        if not isinstance(other, Mass):
            return NotImplemented
        return Mass(self.kg - other.kg)

    def __mul__(self, factor: Decimal | int) -> Mass:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        with localcontext() as ctx:
            ctx.prec = _WORKING_PRECISION
            return Mass(self.kg * factor)

    __rmul__ = __mul__

    def format(self, unit: Unit = Unit.KG, places: int = 1) -> str:
        """The mass for people: "116.7 kg", "142.5 kg", "100 kg", "225 lb".

        Rounds half up to `places` decimals, then drops trailing zeros, so whole loads read
        as whole numbers.
        """
        if places < 0:
            raise MassError(f"places must be 0 or more (got {places})")
        rounded = self.to(unit).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{rounded:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text == "-0":
            text = "0"
        return f"{text} {unit}"

    def __str__(self) -> str:
        return self.format()


def _hundredths(value: Decimal) -> bool:
    return (value * 100) == (value * 100).to_integral_value()


def likely_unit(*masses: Mass) -> Unit:
    """The unit `masses` were most likely written in, for messages about them.

    Kilograms when each is a whole number of hundredths of a kilogram, else pounds when each
    is so in pounds, else kilograms: a 45 lb bar (20.41165665 kg) reads as pounds.
    """
    if all(_hundredths(mass.kg) for mass in masses):
        return Unit.KG
    if all(_hundredths(mass.to(Unit.LB)) for mass in masses):
        return Unit.LB
    return Unit.KG


def written_unit(text: str) -> Unit | None:
    """The unit named in a typed mass ("225 lbs" -> lb), or None when none is (or the text
    is not a mass); `parse_mass` says what is wrong with bad text."""
    match = _MASS_RE.match(text.strip().lower())
    if match is None or match["unit"] is None:
        return None
    return _UNIT_WORDS.get(match["unit"].rstrip("."))


def parse_mass(text: str, default_unit: Unit | None = None) -> Mass:
    """Read a mass typed by a person: "100kg", "100 kg", "225 lbs", "225 pounds", "102.5".

    Case is ignored. A bare number takes `default_unit`, and is refused when there is none.
    Negative, non-finite and comma-written masses are refused with a one-line reason, as
    are unknown units ("80 stone").
    """
    shown = text.strip()
    if not shown:
        raise MassError("mass is empty: write a number and a unit, such as '100 kg' or '225 lb'")
    if "," in shown:
        raise MassError(
            f"commas are not allowed in a mass ('{shown}'): "
            "use a decimal point and no thousands separator, such as '1.5 kg'"
        )
    match = _MASS_RE.match(shown.lower())
    if match is None:
        if re.search(r"nan|inf", shown.lower()):
            raise MassError(f"mass must be a finite number (got '{shown}')")
        raise MassError(
            f"'{shown}' is not a mass: write a number and a unit, such as '100 kg' or '225 lb'"
        )
    number = Decimal(match["number"])
    if number < 0:
        raise MassError(f"mass must not be negative (got '{shown}')")
    word = match["unit"]
    if word is None:
        if default_unit is None:
            raise MassError(f"'{shown}' has no unit: write '{shown} kg' or '{shown} lb'")
        return Mass.of(number, default_unit)
    unit = _UNIT_WORDS.get(word.rstrip("."))
    if unit is None:
        raise MassError(f"unknown unit '{word.rstrip('.')}' in '{shown}': use kg or lb")
    return Mass.of(number, unit)


STORED_KG_PLACES = 3
"""The store keeps loads to the gram (DESIGN.md: Decimal kg), exact to 0.01 lb."""


def from_stored_kg(value: Decimal, unit: Unit = Unit.KG) -> Mass:
    """A load read back from the store, made exact again for an athlete who uses `unit`.

    Loads are stored to the gram, so a load typed in pounds comes back a hair off
    (225 lb is stored as 102.058 kg). For a pound athlete, when a value to 0.01 lb rounds
    to exactly the stored grams, that pound value is the load, so plate maths in pounds
    stays exact (225 lb + 10 lb is 235 lb, not 234.999). Otherwise, and for kilogram
    athletes, the kilograms as stored.
    """
    value = Decimal(value)
    if unit is Unit.LB:
        grams = Decimal(1).scaleb(-STORED_KG_PLACES)
        pounds = (value / KG_PER_LB).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        if (pounds * KG_PER_LB).quantize(grams, rounding=ROUND_HALF_EVEN) == value:
            return Mass.of(pounds, Unit.LB)
    return Mass(value)
