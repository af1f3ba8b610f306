"""Recovery windows (TRAINING.md section 5) and the readiness rule (issue 4; Craven 2022)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.recovery import (
    DELOAD_FACTOR,
    HEAVY_LOWER_HOURS,
    MIN_HOURS_SAME_MUSCLE,
    ONE_SIGN_FACTOR,
    POOR_SLEEP_HOURS,
    SHORT_SLEEP_HOURS,
    ReadinessAdjustment,
    RecoveryError,
    hours_between,
    is_heavy_lower_barbell,
    is_poor_checkin,
    is_recovered,
    readiness_adjustment,
    ready_again_at,
    recovery_hours,
)
from redwood.domain.vocab import Equipment, Mechanic, Muscle, Pattern, Region

from .conftest import ExerciseFactory

D = Decimal
MONDAY = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def test_constants() -> None:
    assert MIN_HOURS_SAME_MUSCLE == 48
    assert HEAVY_LOWER_HOURS == 72


def test_recovery_hours(make_exercise: ExerciseFactory) -> None:
    squat = make_exercise()
    pulldown = make_exercise(
        id="lat-pulldown",
        pattern=Pattern.VERTICAL_PULL,
        region=Region.BACK,
        primary=(Muscle.LATS,),
        secondary=(Muscle.BICEPS,),
        equipment=(Equipment.LAT_PULLDOWN,),
        spinal_load=0,
    )
    leg_curl = make_exercise(
        id="leg-curl",
        pattern=Pattern.KNEE_FLEXION,
        mechanic=Mechanic.ISOLATION,
        equipment=(Equipment.LEG_CURL,),
    )
    trap_bar = make_exercise(
        id="trap-bar-deadlift", pattern=Pattern.HINGE, equipment=(Equipment.TRAP_BAR,)
    )
    assert is_heavy_lower_barbell(squat)
    assert is_heavy_lower_barbell(trap_bar)
    assert not is_heavy_lower_barbell(leg_curl)
    assert recovery_hours(squat, to_failure=False) == 72
    assert recovery_hours(trap_bar, to_failure=False) == 72
    assert recovery_hours(pulldown, to_failure=False) == 48
    assert recovery_hours(pulldown, to_failure=True) == 72
    assert recovery_hours(leg_curl, to_failure=False) == 48


def test_ready_again_and_hours_between() -> None:
    assert ready_again_at(MONDAY, 48) == datetime(2025, 3, 5, 18, 0, tzinfo=UTC)
    assert hours_between(MONDAY, MONDAY + timedelta(hours=47, minutes=30)) == D("47.5")
    assert hours_between(MONDAY + timedelta(hours=2), MONDAY) == D(-2)
    assert is_recovered(MONDAY, MONDAY + timedelta(hours=48), 48)
    assert not is_recovered(MONDAY, MONDAY + timedelta(hours=47, minutes=59), 48)
    with pytest.raises(RecoveryError, match="0 or more"):
        ready_again_at(MONDAY, -1)


def test_mixed_naive_and_aware_refused() -> None:
    with pytest.raises(RecoveryError, match="time zone"):
        hours_between(MONDAY, datetime(2025, 3, 4, 18, 0))


@pytest.mark.parametrize(
    ("sleep", "soreness", "energy", "pain", "factor", "delta", "end_early", "signs"),
    [
        # nothing to adjust
        (None, None, None, False, D(1), 0, False, 0),
        (D(8), 1, 5, False, D(1), 0, False, 0),
        (D(7), 3, 3, False, D(1), 0, False, 0),
        # mild signs alone: sleep 6 to under 7 h, energy 1-2: RIR +1, sets kept
        (D(6), 2, 4, False, D(1), 1, False, 1),
        (D("6.5"), 2, 4, False, D(1), 1, False, 1),
        (D(8), 2, 2, False, D(1), 1, False, 1),
        (D("6.5"), 1, 1, False, D(1), 1, False, 2),
        # one poor sign: sleep under 6 h, soreness 4+, or pain alone
        (D("5.9"), 2, 4, False, D("0.75"), 1, False, 1),
        (D(8), 4, 4, False, D("0.75"), 1, False, 1),
        (D(8), 5, 3, False, D("0.75"), 1, False, 1),
        (D(8), 1, 5, True, D("0.75"), 1, False, 1),
        (None, None, None, True, D("0.75"), 1, False, 1),
        # one poor sign with a mild one (not pain): still one poor sign
        (D(5), 3, 2, False, D("0.75"), 1, False, 2),
        (D("6.5"), 4, 3, False, D("0.75"), 1, False, 2),
        # two or more poor signs, or pain with any other sign: half the sets, RIR +2
        (D(5), 5, 3, False, D("0.5"), 2, True, 2),
        (D(4), 5, 1, False, D("0.5"), 2, True, 3),
        (D(8), 4, 3, True, D("0.5"), 2, True, 2),
        (D(8), 1, 2, True, D("0.5"), 2, True, 2),
        (D("6.5"), 1, 5, True, D("0.5"), 2, True, 2),
    ],
)
def test_readiness_rule(
    sleep: Decimal | None,
    soreness: int | None,
    energy: int | None,
    pain: bool,
    factor: Decimal,
    delta: int,
    end_early: bool,
    signs: int,
) -> None:
    adjustment = readiness_adjustment(sleep, soreness, energy, pain)
    assert isinstance(adjustment, ReadinessAdjustment)
    assert adjustment.sets_factor == factor
    assert adjustment.rir_delta == delta
    assert adjustment.end_early_advice is end_early
    # one line per sign, then one saying what changes today
    assert len(adjustment.reasons) == (signs + 1 if signs else 0)
    assert all("\n" not in reason for reason in adjustment.reasons)
    if signs:
        assert adjustment.reasons[-1].startswith("so today:")


def test_thresholds_match_issue_4() -> None:
    assert POOR_SLEEP_HOURS == 6
    assert SHORT_SLEEP_HOURS == 7
    assert Decimal("0.75") == ONE_SIGN_FACTOR
    assert Decimal("0.5") == DELOAD_FACTOR


@pytest.mark.parametrize(
    ("sleep", "fragment"),
    [(D(5), "under 6 h"), (D("6.5"), "short of the 7 h")],
)
def test_sleep_reasons_cite_craven(sleep: Decimal, fragment: str) -> None:
    reason = readiness_adjustment(sleep, None, None, False).reasons[0]
    assert "Craven 2022" in reason
    assert fragment in reason


def test_pain_reason_says_moves_are_swapped() -> None:
    reasons = readiness_adjustment(None, None, None, True).reasons
    assert "pain" in reasons[0]
    assert "swapped" in reasons[0]


def test_sleep_accepts_whole_numbers_and_floats() -> None:
    assert readiness_adjustment(5, None, None, False).sets_factor == D("0.75")  # type: ignore[arg-type]
    assert readiness_adjustment(6.5, None, None, False).rir_delta == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("factor", "planned", "kept"),
    [
        (D(1), 0, 0),
        (D(1), 1, 1),
        (D(1), 4, 4),
        (D("0.75"), 0, 0),
        (D("0.75"), 1, 1),
        (D("0.75"), 2, 2),  # 1.5 rounds up; under 3 sets nothing must go
        (D("0.75"), 3, 2),  # 2.25 -> 2
        (D("0.75"), 4, 3),
        (D("0.75"), 5, 4),  # 3.75 -> 4, one fewer than planned
        (D("0.75"), 6, 5),  # 4.5 rounds half up to 5
        (D("0.75"), 8, 6),
        (D("0.5"), 1, 1),  # never below one set
        (D("0.5"), 2, 1),
        (D("0.5"), 3, 2),  # 1.5 -> 2
        (D("0.5"), 4, 2),
        (D("0.5"), 5, 3),
        (D("0.5"), 6, 3),
        (D("0.9"), 3, 2),  # 2.7 rounds to 3, but 3+ sets always lose one
        (D("0.9"), 2, 2),
    ],
)
def test_adjust_sets(factor: Decimal, planned: int, kept: int) -> None:
    adjustment = ReadinessAdjustment(factor, 0, False, ())
    assert adjustment.adjust_sets(planned) == kept


@given(
    planned=st.integers(min_value=0, max_value=30), factor=st.sampled_from([D("0.5"), D("0.75")])
)
def test_adjust_sets_cuts_at_least_one_from_three_or_more(planned: int, factor: Decimal) -> None:
    kept = ReadinessAdjustment(factor, 1, False, ()).adjust_sets(planned)
    assert kept <= planned
    assert (kept >= 1) is (planned >= 1)
    if planned >= 3:
        assert kept <= planned - 1


@pytest.mark.parametrize("planned", [-1, True, 2.0])
def test_adjust_sets_refuses_bad_counts(planned: object) -> None:
    with pytest.raises(RecoveryError, match="planned sets"):
        ReadinessAdjustment(D("0.75"), 1, False, ()).adjust_sets(planned)  # type: ignore[arg-type]


@given(
    sleep=st.one_of(st.none(), st.decimals(min_value=0, max_value=24, places=1)),
    soreness=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    energy=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    pain=st.booleans(),
)
def test_readiness_never_adds_work(
    sleep: Decimal | None, soreness: int | None, energy: int | None, pain: bool
) -> None:
    adjustment = readiness_adjustment(sleep, soreness, energy, pain)
    assert adjustment.sets_factor in {D(1), D("0.75"), D("0.5")}
    assert adjustment.rir_delta in {0, 1, 2}
    assert adjustment.end_early_advice is (adjustment.sets_factor == D("0.5"))
    assert (adjustment.rir_delta == 0) is (adjustment.reasons == ())


@pytest.mark.parametrize(
    ("sleep", "soreness", "energy", "fragment"),
    [
        (D(-1), None, None, "sleep must be 0-24"),
        (D(25), None, None, "sleep must be 0-24"),
        (None, 0, None, "soreness must be a whole number from 1 to 5"),
        (None, 6, None, "soreness"),
        (None, None, 0, "energy"),
    ],
)
def test_readiness_refuses_out_of_scale(
    sleep: Decimal | None, soreness: int | None, energy: int | None, fragment: str
) -> None:
    with pytest.raises(RecoveryError, match=fragment) as caught:
        readiness_adjustment(sleep, soreness, energy, False)
    assert caught.value.field in {"sleep_hours", "soreness", "energy"}


@pytest.mark.parametrize(
    ("sleep", "soreness", "pain", "poor"),
    [
        (Decimal("5.9"), None, False, True),
        (Decimal(6), 3, False, False),
        (None, 4, False, True),
        (None, None, True, True),
        (Decimal(8), 1, False, False),
    ],
)
def test_a_poor_check_in(
    sleep: Decimal | None, soreness: int | None, pain: bool, poor: bool
) -> None:
    assert is_poor_checkin(sleep, soreness, pain) is poor
