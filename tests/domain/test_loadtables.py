"""RTS and NSCA %1RM tables (TRAINING.md section 3)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redwood.domain.effort import EffortError
from redwood.domain.loadtables import (
    NSCA_PERCENT,
    RTS_PERCENT,
    LoadTableError,
    nsca_percent,
    percent_table,
    rts_percent,
)
from redwood.domain.mass import Mass, Unit

D = Decimal

TRAINING_MD_RTS = [
    "100",
    "95.5",
    "92.2",
    "89.2",
    "86.3",
    "83.7",
    "81.1",
    "78.6",
    "76.2",
    "73.9",
    "70.7",
    "68.0",
]


def test_rts_chart_is_training_md() -> None:
    assert list(RTS_PERCENT) == list(range(1, 13))
    assert [RTS_PERCENT[e] for e in range(1, 13)] == [D(v) for v in TRAINING_MD_RTS]


@pytest.mark.parametrize(("reps", "percent"), list(enumerate(TRAINING_MD_RTS, start=1)))
def test_rts_percent_whole_reps(reps: int, percent: str) -> None:
    assert rts_percent(reps) == D(percent)


@pytest.mark.parametrize(
    ("reps", "percent"),
    [(D("1.5"), D("97.75")), (D("5.5"), D("85.0")), (D("11.5"), D("69.35"))],
)
def test_rts_percent_interpolates_half_reps(reps: Decimal, percent: Decimal) -> None:
    assert rts_percent(reps) == percent


@pytest.mark.parametrize("reps", [D(0), D("0.5"), D("12.5"), D(13), D("NaN")])
def test_rts_percent_out_of_range(reps: Decimal) -> None:
    with pytest.raises(LoadTableError, match="effective reps must be 1-12"):
        rts_percent(reps)


def test_rts_chart_decreases() -> None:
    values = [rts_percent(D(n) / 2) for n in range(2, 25)]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)


@pytest.mark.parametrize(
    ("reps", "percent"),
    [
        (1, "100"),
        (2, "95"),
        (3, "93"),
        (4, "90"),
        (5, "87"),
        (6, "85"),
        (7, "83"),
        (8, "80"),
        (9, "77"),
        (10, "75"),
        (11, "71.75"),
        (12, "68.5"),
        (13, "67.333333333333333333333"),
        (15, "65"),
    ],
)
def test_nsca_percent(reps: int, percent: str) -> None:
    assert abs(nsca_percent(reps) - D(percent)) < D("1e-20")


def test_nsca_twelve_is_midpoint_of_67_70() -> None:
    assert NSCA_PERCENT[12] == (D(67) + D(70)) / 2


@pytest.mark.parametrize("reps", [0, 16, -1])
def test_nsca_out_of_range(reps: int) -> None:
    with pytest.raises(LoadTableError, match="1 to 15"):
        nsca_percent(reps)


def test_percent_table_default_rows() -> None:
    rows = percent_table(Mass.of(200, Unit.KG))
    assert [row.reps for row in rows] == list(range(1, 13))
    assert rows[0].load == Mass.of(200, Unit.KG)
    assert rows[4].percent == D("86.3")
    assert rows[4].load == Mass.of("172.6", Unit.KG)
    assert rows[4].nsca_percent == D(87)


def test_percent_table_with_rir() -> None:
    rows = percent_table(Mass.of(100, Unit.KG), range(1, 4), rir=D("1.5"))
    assert [row.effective_reps for row in rows] == [D("2.5"), D("3.5"), D("4.5")]
    assert rows[0].percent == D("93.85")
    assert all(row.nsca_percent is None for row in rows)
    with pytest.raises(LoadTableError):
        percent_table(Mass.of(100, Unit.KG), [11], rir=2)


def test_percent_table_checks_rir() -> None:
    with pytest.raises(EffortError, match="RIR must be 0-6"):
        percent_table(Mass.of(100, Unit.KG), [5], rir=D("0.3"))
