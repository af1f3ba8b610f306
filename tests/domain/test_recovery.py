"""Recovery windows (TRAINING.md section 5) and the readiness rule (Craven 2022)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from redwood.domain.recovery import (
    HEAVY_LOWER_HOURS,
    MIN_HOURS_SAME_MUSCLE,
    ReadinessAdjustment,
    RecoveryError,
    hours_between,
    is_heavy_lower_barbell,
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
    ("sleep", "soreness", "energy", "pain", "factor", "delta", "end_early", "reasons"),
    [
        (None, None, None, False, D(1), 0, False, 0),
        (D(8), 1, 5, False, D(1), 0, False, 0),
        (D(7), 3, 3, False, D(1), 0, False, 0),
        (D("6.5"), 2, 4, False, D(1), 1, False, 1),
        (D(8), 4, 4, False, D(1), 1, False, 1),
        (D(8), 2, 2, False, D(1), 1, False, 1),
        (D(5), 5, 3, False, D("0.5"), 2, True, 2),
        (D(4), 5, 1, False, D("0.5"), 2, True, 3),
        (D(8), 1, 5, True, D("0.5"), 2, True, 1),
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
    reasons: int,
) -> None:
    adjustment = readiness_adjustment(sleep, soreness, energy, pain)
    assert isinstance(adjustment, ReadinessAdjustment)
    assert adjustment.sets_factor == factor
    assert adjustment.rir_delta == delta
    assert adjustment.end_early_advice is end_early
    assert len(adjustment.reasons) == reasons
    assert all("\n" not in reason for reason in adjustment.reasons)


def test_short_sleep_reason_cites_craven() -> None:
    (reason,) = readiness_adjustment(D(6), None, None, False).reasons
    assert "Craven 2022" in reason


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
    with pytest.raises(RecoveryError, match=fragment):
        readiness_adjustment(sleep, soreness, energy, False)
