"""RIR-based RPE (Zourdos 2016; Helms 2016) and the hard-set rule (Robinson 2024)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.effort import (
    RIR_RELIABLE_MAX,
    EffortError,
    is_hard_set,
    resolve_rir,
    rir_is_reliable,
    rir_to_rpe,
    rpe_to_rir,
    validate_rir,
    validate_rpe,
)
from redwood.domain.vocab import SetType

D = Decimal


@pytest.mark.parametrize(
    ("rpe", "rir"),
    [
        (D(10), D(0)),
        (D("9.5"), D("0.5")),
        (D(9), D(1)),
        (D(8), D(2)),
        (D("7.5"), D("2.5")),
        (D(7), D(3)),
        (D("6.5"), D("3.5")),
        (D(6), D(4)),
        (D("5.5"), D(5)),
        (D(5), D(6)),
    ],
)
def test_rpe_rir_table(rpe: Decimal, rir: Decimal) -> None:
    assert rpe_to_rir(rpe) == rir
    assert rir_to_rpe(rir) == rpe


def test_rir_in_the_five_to_six_band_gives_quarter_points() -> None:
    assert rir_to_rpe(D("4.5")) == D("5.75")
    assert rir_to_rpe(D("5.5")) == D("5.25")


half_points = st.integers(min_value=10, max_value=20).map(lambda n: D(n) / 2)


@given(half_points, half_points)
def test_mapping_is_strictly_decreasing(a: Decimal, b: Decimal) -> None:
    if a < b:
        assert rpe_to_rir(a) > rpe_to_rir(b)


@given(half_points)
def test_inverse(rpe: Decimal) -> None:
    assert rir_to_rpe(rpe_to_rir(rpe)) == rpe


@pytest.mark.parametrize("rpe", [D("4.5"), D("10.5"), D("8.3"), D(0), D("NaN")])
def test_bad_rpe(rpe: Decimal) -> None:
    with pytest.raises(EffortError, match=r"RPE must be 5-10 in half points|finite"):
        validate_rpe(rpe)


@pytest.mark.parametrize("rir", [D(-1), D("6.5"), D(7), D("1.2")])
def test_bad_rir(rir: Decimal) -> None:
    with pytest.raises(EffortError, match="RIR must be 0-6 in half reps"):
        validate_rir(rir)


def test_validators_accept_whole_numbers() -> None:
    assert validate_rpe(8) == D(8)
    assert validate_rir(2) == D(2)


def test_reliability_threshold() -> None:
    assert RIR_RELIABLE_MAX == 4
    assert rir_is_reliable(4)
    assert not rir_is_reliable(D("4.5"))


def test_resolve_rir() -> None:
    assert resolve_rir() is None
    assert resolve_rir(rir=2) == D(2)
    assert resolve_rir(rpe=D("8.5")) == D("1.5")
    assert resolve_rir(rpe=8, rir=2) == D(2)
    with pytest.raises(EffortError, match="RPE 8 and RIR 3 disagree"):
        resolve_rir(rpe=8, rir=3)


@pytest.mark.parametrize(
    ("set_type", "rir", "hard"),
    [
        (SetType.WARMUP, None, False),
        (SetType.WARMUP, D(0), False),
        (SetType.WORKING, None, True),
        (SetType.WORKING, D(0), True),
        (SetType.WORKING, D(4), True),
        (SetType.WORKING, D("4.5"), False),
        (SetType.WORKING, D(6), False),
        (SetType.DROP, D(1), True),
        (SetType.DROP, None, True),
        (SetType.FAILURE, None, True),
        (SetType.FAILURE, D(0), True),
    ],
)
def test_is_hard_set(set_type: SetType, rir: Decimal | None, hard: bool) -> None:
    assert is_hard_set(set_type, rir) is hard
