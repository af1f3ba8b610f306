"""Loads as exports write them: float noise cleaned, and kg or lb guessed when unsaid.

Float noise (FORMATS.md): apps keep loads as binary floats and convert between units, so a
file says `185.00000000000003`, `102.49999` or `6.80388555` (15 lb written in kilograms).
`clean_load` keeps a value with at most three decimals exactly as written (the store keeps
grams); a longer one is either an exact conversion from the other unit (6.80388555 kg is
15 lb to the hundredth: kept exact, so a pound athlete sees 15 lb again) or noise, rounded
to 0.01 of the file's unit (102.49999 -> 102.5).

Strong's S1 layout does not say its unit. `UnitEvidence` collects what the loads tell:
conversions from pounds (`likely_unit` says a kilogram value is a whole number of hundredths
of a pound) and loads in half kilograms (102.5, 62.5) speak for kilograms; the pound plate
loads (135, 185, 225, 315: a 45 lb bar with 45 lb plates) speak for pounds. The guess comes
with a confidence from 0.5 (no clue) to 0.99, and the reasons in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from redwood.domain.mass import Mass, Unit, likely_unit

EXACT_PLACES = 3
"""Values with at most this many decimals are taken as written."""
HUNDREDTH = Decimal("0.01")
CONVERSION_TOLERANCE_KG = Decimal("0.000001")
LB_PLATE_LOADS = frozenset(Decimal(n) for n in (135, 185, 225, 275, 315, 365, 405, 455, 495))
"""Barbell loads that only pound plates make naturally (45 lb bar plus 45/25 lb plates)."""
LOW_CONFIDENCE = 0.8
"""Below this, a terminal asks the athlete which unit the file is in."""


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def clean_load(raw: Decimal, unit: Unit) -> Mass:
    """The mass a file's load means, float noise removed (see the module docstring)."""
    if _places(raw) <= EXACT_PLACES:
        return Mass.of(raw, unit)
    written = Mass.of(raw, unit)
    other = Unit.LB if unit is Unit.KG else Unit.KG
    converted = written.to(other).quantize(HUNDREDTH, rounding=ROUND_HALF_EVEN)
    candidate = Mass.of(converted, other)
    if abs(candidate.kg - written.kg) <= CONVERSION_TOLERANCE_KG:
        return candidate
    return Mass.of(raw.quantize(HUNDREDTH, rounding=ROUND_HALF_EVEN), unit)


@dataclass(frozen=True, slots=True)
class UnitGuess:
    """Which unit a file's loads are most likely in, how sure (0.5-0.99), and why."""

    unit: Unit
    confidence: float
    reason: str

    @property
    def is_low(self) -> bool:
        """True when the guess is too weak to import without asking."""
        return self.confidence < LOW_CONFIDENCE


class UnitEvidence:
    """Tallies what each load says about the unit; `guess()` weighs it."""

    def __init__(self) -> None:
        self.loads = 0
        self.from_pounds = 0
        self.half_kilos = 0
        self.plate_pounds = 0
        self._examples: dict[str, list[str]] = {"pounds": [], "half": [], "plates": []}

    def add(self, raw: Decimal) -> None:
        """Take one load as written in the file (zero and negative loads say nothing)."""
        if not raw.is_finite() or raw <= 0:
            return
        self.loads += 1
        if _places(raw) > 2 and likely_unit(Mass(raw)) is Unit.LB:
            self.from_pounds += 1
            self._example("pounds", raw)
            return
        rounded = raw.quantize(HUNDREDTH, rounding=ROUND_HALF_EVEN)
        if (
            rounded != rounded.to_integral_value()
            and (rounded * 4) == (rounded * 4).to_integral_value()
        ):
            self.half_kilos += 1
            self._example("half", rounded)
        elif rounded in LB_PLATE_LOADS:
            self.plate_pounds += 1
            self._example("plates", rounded)

    def _example(self, kind: str, value: Decimal) -> None:
        shown = self._examples[kind]
        text = f"{value.normalize():f}"
        if len(shown) < 3 and text not in shown:
            shown.append(text)

    def guess(self) -> UnitGuess:
        """The likelier unit with its confidence; kilograms at 0.5 when nothing tells."""
        kg_score = 3 * self.from_pounds + self.half_kilos
        lb_score = self.plate_pounds
        total = kg_score + lb_score
        if total == 0:
            return UnitGuess(
                Unit.KG,
                0.5,
                f"none of the {self.loads} loads tells kg from lb; kg assumed"
                if self.loads
                else "the file has no loads; kg assumed",
            )
        unit = Unit.LB if lb_score > kg_score else Unit.KG
        share = max(kg_score, lb_score) / total
        strength = min(1.0, total / 6)
        confidence = round(min(0.99, 0.5 + (share - 0.5) * strength), 2)
        return UnitGuess(unit, confidence, self._reason())

    def _reason(self) -> str:
        parts = []
        if self.from_pounds:
            parts.append(
                f"{_loads(self.from_pounds)} pounds converted to kg "
                f"(e.g. {', '.join(self._examples['pounds'])})"
            )
        if self.half_kilos:
            parts.append(
                f"{_loads(self.half_kilos)} in quarter or half steps "
                f"(e.g. {', '.join(self._examples['half'])}), as kg plates make"
            )
        if self.plate_pounds:
            parts.append(
                f"{_loads(self.plate_pounds)} pound plate loads "
                f"(e.g. {', '.join(self._examples['plates'])})"
            )
        return "; ".join(parts) + f" (of {self.loads} loads)"


def _loads(count: int) -> str:
    return "1 load is" if count == 1 else f"{count} loads are"
