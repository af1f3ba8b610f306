"""e1RM formulas of TRAINING.md section 3, their validity rules and the RTS inverse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.e1rm import (
    FORMULA_SOURCES,
    FORMULAS,
    E1rmError,
    all_estimates,
    estimate_e1rm,
    formula_named,
    load_for,
)
from redwood.domain.effort import EffortError
from redwood.domain.mass import Mass, Unit

D = Decimal
KG = Unit.KG


def kg(value: Decimal | str | int) -> Mass:
    return Mass.of(value, KG)


# Hand-computed at w = 100 kg, r = 5:
#   Epley    100 (1 + 5/30)                       = 116.667
#   Brzycki  100 * 36 / 32                        = 112.5
#   Lander   10000 / (101.3 - 13.35615)           = 113.709
#   Lombardi 100 * 5^0.1 = 100 e^(0.1 ln 5)       = 117.462
#   Mayhew   10000 / (52.2 + 41.9 e^-0.275)       = 119.011
#   O'Conner 100 * 1.125                          = 112.5
#   Wathan   10000 / (48.8 + 53.8 e^-0.375)       = 116.583
#   RTS      100 / 0.863                          = 115.875
HAND_COMPUTED = {
    "epley": D("116.667"),
    "brzycki": D("112.5"),
    "lander": D("113.709"),
    "lombardi": D("117.462"),
    "mayhew": D("119.011"),
    "oconner": D("112.5"),
    "wathan": D("116.583"),
    "rts": D("115.875"),
}


def test_registry_names() -> None:
    assert set(FORMULAS) == {
        "epley",
        "brzycki",
        "lander",
        "lombardi",
        "mayhew",
        "oconner",
        "wathan",
        "rts",
    }
    assert set(FORMULA_SOURCES) == set(FORMULAS)
    for function in FORMULAS.values():
        assert function.__doc__


def test_epley_100_by_5_formats_as_116_7() -> None:
    estimate = estimate_e1rm(kg(100), 5)
    assert estimate.formula == "epley"
    assert estimate.e1rm.format() == "116.7 kg"
    assert abs(estimate.e1rm.kg - D(350) / 3) < D("1e-12")
    assert estimate.trusted
    assert estimate.note is None


@pytest.mark.parametrize(("name", "expected"), sorted(HAND_COMPUTED.items()))
def test_each_formula_at_100_by_5(name: str, expected: Decimal) -> None:
    estimate = estimate_e1rm(kg(100), 5, formula=name)
    assert abs(estimate.e1rm.kg - expected) < D("0.05")


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_one_rep_returns_the_load(name: str) -> None:
    assert estimate_e1rm(kg("142.5"), 1, formula=name).e1rm == kg("142.5")
    assert FORMULAS[name](D("142.5"), D(1)) == D("142.5")


def test_one_rep_with_rir_uses_effective_reps() -> None:
    estimate = estimate_e1rm(kg(100), 1, rir=2)
    assert estimate.formula == "rts"
    assert estimate.effective_reps == D(3)
    assert abs(estimate.e1rm.kg - D("108.46")) < D("0.01")


def test_fifteen_reps_refused() -> None:
    with pytest.raises(E1rmError) as caught:
        estimate_e1rm(kg(60), 15)
    assert str(caught.value) == (
        "reps must be 1-12 for an e1RM estimate (got 15): "
        "estimates above 12 reps are unreliable (Reynolds 2006)"
    )


def test_reps_plus_rir_above_twelve_refused() -> None:
    with pytest.raises(E1rmError, match=r"got 10 \+ 3 = 13.*Reynolds 2006"):
        estimate_e1rm(kg(60), 10, rir=3)


@pytest.mark.parametrize("reps", [11, 12])
def test_eleven_and_twelve_reps_untrusted(reps: int) -> None:
    estimate = estimate_e1rm(kg(60), reps)
    assert not estimate.trusted
    assert estimate.note is not None
    assert "Reynolds 2006" in estimate.note


def test_ten_reps_trusted() -> None:
    assert estimate_e1rm(kg(60), 10).trusted


def test_high_rir_untrusted() -> None:
    estimate = estimate_e1rm(kg(60), 3, rir=5)
    assert not estimate.trusted
    assert estimate.note is not None
    assert "Hackett 2017" in estimate.note


def test_default_is_rts_with_rir_and_epley_without() -> None:
    assert estimate_e1rm(kg(100), 5, rir=2).formula == "rts"
    assert estimate_e1rm(kg(100), 5).formula == "epley"


def test_non_rts_formulas_use_reps_plus_rir() -> None:
    with_rir = estimate_e1rm(kg(100), 5, rir=2, formula="epley")
    assert with_rir.effective_reps == D(7)
    assert with_rir.e1rm == estimate_e1rm(kg(100), 7, formula="epley").e1rm


def test_rts_without_rir_assumes_failure() -> None:
    estimate = estimate_e1rm(kg(100), 5, formula="rts")
    assert estimate.effective_reps == D(5)
    assert abs(estimate.e1rm.kg - D("115.875")) < D("0.001")


def test_half_rir_interpolates_the_chart() -> None:
    estimate = estimate_e1rm(kg(100), 5, rir=D("0.5"))
    assert estimate.effective_reps == D("5.5")
    assert estimate.e1rm == kg(100) * (D(100) / D(85))


@pytest.mark.parametrize(
    ("load", "reps", "rir", "error", "fragment"),
    [
        (kg(0), 5, None, E1rmError, "load must be more than 0"),
        (kg(-10), 5, None, E1rmError, "load must be more than 0"),
        (kg(100), 0, None, E1rmError, "whole number of at least 1"),
        (kg(100), 5, D(-1), EffortError, "RIR must be 0-6"),
        (kg(100), 5, D("0.3"), EffortError, "RIR must be 0-6"),
    ],
)
def test_refusals(
    load: Mass, reps: int, rir: Decimal | None, error: type[ValueError], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        estimate_e1rm(load, reps, rir=rir)


def test_fractional_reps_refused() -> None:
    with pytest.raises(E1rmError, match="whole number"):
        estimate_e1rm(kg(100), D("5.5"))  # type: ignore[arg-type]


def test_formula_names() -> None:
    assert formula_named("Epley") == "epley"
    assert formula_named("O'Conner") == "oconner"
    with pytest.raises(E1rmError, match="unknown e1RM formula 'bogus': use one of epley"):
        estimate_e1rm(kg(100), 5, formula="bogus")


def test_all_estimates_side_by_side() -> None:
    estimates = all_estimates(kg(100), 5)
    assert [e.formula for e in estimates] == list(FORMULAS)
    for estimate in estimates:
        assert abs(estimate.e1rm.kg - HAND_COMPUTED[estimate.formula]) < D("0.05")


def test_load_for_is_the_rts_inverse() -> None:
    assert load_for(kg(200), 5, 0) == kg("172.6")
    assert load_for(kg(100), 5, 2) == kg("81.1")
    e1rm = estimate_e1rm(kg(100), 5, rir=2).e1rm
    assert abs(load_for(e1rm, 5, 2).kg - D(100)) < D("1e-12")
    with pytest.raises(E1rmError, match="Reynolds 2006"):
        load_for(kg(100), 12, 1)
    with pytest.raises(E1rmError, match="e1RM must be more than 0"):
        load_for(kg(0), 5, 2)


loads = st.decimals(min_value=D("0.5"), max_value=D(500), places=2).map(kg)
reps = st.integers(min_value=1, max_value=12)
formula_names = st.sampled_from(sorted(FORMULAS))


@given(formula_names, loads, loads, reps)
def test_non_decreasing_in_load(name: str, a: Mass, b: Mass, r: int) -> None:
    low, high = min(a, b), max(a, b)
    assert estimate_e1rm(low, r, formula=name).e1rm <= estimate_e1rm(high, r, formula=name).e1rm


@given(formula_names, loads, reps, reps)
def test_non_decreasing_in_reps(name: str, w: Mass, a: int, b: int) -> None:
    low, high = min(a, b), max(a, b)
    assert estimate_e1rm(w, low, formula=name).e1rm <= estimate_e1rm(w, high, formula=name).e1rm


@given(formula_names, loads, st.integers(min_value=3, max_value=24))
def test_non_decreasing_in_half_effective_reps(name: str, w: Mass, doubled: int) -> None:
    function = FORMULAS[name]
    effective = D(doubled) / 2
    assert function(w.kg, effective - D("0.5")) <= function(w.kg, effective)


@given(formula_names, loads, reps)
def test_never_below_the_load(name: str, w: Mass, r: int) -> None:
    assert estimate_e1rm(w, r, formula=name).e1rm >= w
