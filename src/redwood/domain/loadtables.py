"""Load tables: the share of a one-rep max that allows a number of reps (TRAINING.md 3).

Two tables, kept as published:

- the RTS chart (Tuchscherer, Reactive Training Systems): %1RM by *effective* reps, that
  is reps done plus reps in reserve, for 1-12 effective reps only;
- the NSCA repetition-maximum table (Baechle & Earle, Essentials of Strength Training and
  Conditioning): %1RM a set of N reps to failure is done at.

Both are population averages: people differ widely at the same %1RM, and legs do more reps
than the upper body (Nuzzo 2024, Sports Med). Percentages are returned as percents
(86.3, not 0.863).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from redwood.domain.effort import validate_rir
from redwood.domain.mass import Mass

RTS_PERCENT: dict[int, Decimal] = {
    1: Decimal("100"),
    2: Decimal("95.5"),
    3: Decimal("92.2"),
    4: Decimal("89.2"),
    5: Decimal("86.3"),
    6: Decimal("83.7"),
    7: Decimal("81.1"),
    8: Decimal("78.6"),
    9: Decimal("76.2"),
    10: Decimal("73.9"),
    11: Decimal("70.7"),
    12: Decimal("68.0"),
}
"""%1RM by effective reps (reps + RIR), RTS chart (Tuchscherer), as in TRAINING.md 3."""

RTS_MAX_REPS = 12
"""The RTS chart is used for 12 effective reps or fewer only (TRAINING.md 3)."""

NSCA_PERCENT: dict[int, Decimal] = {
    1: Decimal("100"),
    2: Decimal("95"),
    3: Decimal("93"),
    4: Decimal("90"),
    5: Decimal("87"),
    6: Decimal("85"),
    7: Decimal("83"),
    8: Decimal("80"),
    9: Decimal("77"),
    10: Decimal("75"),
    12: Decimal("68.5"),
    15: Decimal("65"),
}
"""%1RM for an N-rep maximum, NSCA table (Baechle & Earle). The book gives 67-70% for
12 reps; Redwood stores the midpoint, 68.5. Rows 11, 13 and 14 are not in the book:
`nsca_percent` interpolates them linearly between the neighbouring rows."""

NSCA_MAX_REPS = 15


class LoadTableError(ValueError):
    """Reps outside a table's range; the message is one line for the athlete."""


def _interpolate(table: dict[int, Decimal], reps: Decimal) -> Decimal:
    """Linear interpolation between the table rows either side of `reps`."""
    keys = sorted(table)
    for low, high in itertools.pairwise(keys):
        if low <= reps <= high:
            if reps == low:
                return table[low]
            share = (reps - low) / (high - low)
            return table[low] + (table[high] - table[low]) * share
    return table[keys[-1]]


def rts_percent(effective_reps: Decimal | int) -> Decimal:
    """%1RM for `effective_reps` (reps + RIR) from the RTS chart (Tuchscherer).

    Half reps (from half-point RIR) and other fractions are interpolated linearly between
    the whole-rep rows. Below 1 or above 12 effective reps raises `LoadTableError`.
    """
    reps = Decimal(effective_reps)
    if not (reps.is_finite() and 1 <= reps <= RTS_MAX_REPS):
        raise LoadTableError(
            f"effective reps must be 1-12 for the RTS chart (got {reps}): "
            "the chart stops at 12 reps (Tuchscherer; Reynolds 2006)"
        )
    return _interpolate(RTS_PERCENT, reps)


def nsca_percent(reps: int) -> Decimal:
    """%1RM for a `reps`-rep maximum from the NSCA table (Baechle & Earle), 1-15 reps.

    12 reps is the midpoint of the book's 67-70%; 11, 13 and 14 are interpolated.
    """
    if isinstance(reps, bool) or not isinstance(reps, int) or not 1 <= reps <= NSCA_MAX_REPS:
        raise LoadTableError(
            f"reps must be a whole number from 1 to 15 for the NSCA table (got {reps}): "
            "the table stops at 15 (Baechle & Earle)"
        )
    return _interpolate(NSCA_PERCENT, Decimal(reps))


@dataclass(frozen=True, slots=True)
class PercentRow:
    """One row of a %1RM table view: `reps` done at `rir`, and the load that allows it.

    `nsca_percent` is given when the effective reps are a whole number the NSCA table
    covers, so a view can show both tables side by side; `load` is unrounded.
    """

    reps: int
    rir: Decimal
    effective_reps: Decimal
    percent: Decimal
    load: Mass
    nsca_percent: Decimal | None


def percent_table(
    e1rm: Mass, reps: Iterable[int] = range(1, RTS_MAX_REPS + 1), *, rir: Decimal | int = 0
) -> tuple[PercentRow, ...]:
    """Rows of %1RM and load for each number of `reps` at `rir`, from the RTS chart.

    Every row needs reps + RIR of 1-12 (`LoadTableError` otherwise) and RIR must be 0-6 in
    half reps (`EffortError`). Loads are unrounded:
    round them to the athlete's plates or dumbbells for display.
    """
    reserve = validate_rir(rir)
    rows = []
    for count in reps:
        effective = Decimal(count) + reserve
        percent = rts_percent(effective)
        nsca = None
        if effective == effective.to_integral_value() and 1 <= effective <= NSCA_MAX_REPS:
            nsca = nsca_percent(int(effective))
        rows.append(
            PercentRow(
                reps=count,
                rir=reserve,
                effective_reps=effective,
                percent=percent,
                load=e1rm * (percent / 100),
                nsca_percent=nsca,
            )
        )
    return tuple(rows)
