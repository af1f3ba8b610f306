"""Fractional set counting (Pelland 2025), volume groups, weekly bands and landmarks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redwood.domain.vocab import Goal, Level, Mechanic, Muscle, Pattern, Region
from redwood.domain.volume import (
    BACK_MUSCLES,
    LANDMARKS,
    MINIMUM_EFFECTIVE_SETS,
    MUSCLE_GROUP,
    SESSION_SETS,
    BandPosition,
    SetBand,
    VolumeError,
    VolumeGroup,
    add_volume,
    fractional_sets,
    group_of,
    group_volume,
    landmarks_for,
    spine_loading_sets,
    weekly_band,
    weekly_volume,
)

from .conftest import ExerciseFactory

D = Decimal


def test_fractional_sets(make_exercise: ExerciseFactory) -> None:
    squat = make_exercise()
    assert fractional_sets(squat, 4) == {
        Muscle.QUADS: D(4),
        Muscle.GLUTES: D(4),
        Muscle.ADDUCTORS: D(2),
        Muscle.ERECTORS: D(2),
    }
    assert fractional_sets(squat, D(0)) == dict.fromkeys(
        (Muscle.QUADS, Muscle.GLUTES, Muscle.ADDUCTORS, Muscle.ERECTORS), D(0)
    )


@pytest.mark.parametrize("bad", [-1, D("-0.5"), D("NaN")])
def test_fractional_sets_refuses_bad_counts(make_exercise: ExerciseFactory, bad: Decimal) -> None:
    with pytest.raises(VolumeError, match="hard sets"):
        fractional_sets(make_exercise(), bad)


def test_add_and_weekly_volume(make_exercise: ExerciseFactory) -> None:
    row = make_exercise(
        id="barbell-row",
        pattern=Pattern.HORIZONTAL_PULL,
        region=Region.BACK,
        primary=(Muscle.UPPER_BACK, Muscle.LATS),
        secondary=(Muscle.BICEPS, Muscle.ERECTORS),
        spinal_load=2,
    )
    squat = make_exercise()
    total = add_volume(fractional_sets(squat, 3), fractional_sets(row, 4))
    assert total[Muscle.ERECTORS] == D("3.5")
    assert total[Muscle.LATS] == D(4)
    assert weekly_volume([(squat, 3), (row, 4)]) == total
    groups = group_volume(total)
    assert groups[VolumeGroup.BACK] == D(8)
    assert VolumeGroup.QUADS in groups
    assert "erectors" not in {str(g) for g in groups}


def test_groups() -> None:
    assert BACK_MUSCLES == (Muscle.LATS, Muscle.UPPER_BACK)
    assert group_of(Muscle.LATS) is VolumeGroup.BACK
    assert group_of(Muscle.UPPER_BACK) is VolumeGroup.BACK
    assert group_of(Muscle.QUADS) is VolumeGroup.QUADS
    assert group_of(Muscle.ERECTORS) is None
    assert set(MUSCLE_GROUP.values()) == set(VolumeGroup)


@pytest.mark.parametrize(
    ("goal", "level", "group", "low", "high"),
    [
        (Goal.HYPERTROPHY, Level.BEGINNER, VolumeGroup.QUADS, 6, 10),
        (Goal.HYPERTROPHY, Level.INTERMEDIATE, VolumeGroup.QUADS, 10, 20),
        (Goal.HYPERTROPHY, Level.ADVANCED, VolumeGroup.BACK, 10, 20),
        (Goal.HYPERTROPHY, Level.INTERMEDIATE, VolumeGroup.GLUTES, 10, 16),
        (Goal.HYPERTROPHY, Level.INTERMEDIATE, VolumeGroup.BICEPS, 10, 20),
        (Goal.STRENGTH, Level.BEGINNER, VolumeGroup.QUADS, 5, 10),
        (Goal.STRENGTH, Level.ADVANCED, VolumeGroup.HAMSTRINGS, 5, 10),
        (Goal.ENDURANCE, Level.BEGINNER, VolumeGroup.CALVES, 6, 10),
        (Goal.ENDURANCE, Level.INTERMEDIATE, VolumeGroup.CALVES, 10, 20),
        (Goal.GENERAL, Level.BEGINNER, VolumeGroup.BACK, 4, 10),
        (Goal.GENERAL, Level.ADVANCED, VolumeGroup.TRAPS, 4, 10),
    ],
)
def test_weekly_band(goal: Goal, level: Level, group: VolumeGroup, low: int, high: int) -> None:
    band = weekly_band(goal, level, group)
    assert (band.low, band.high) == (D(low), D(high))
    assert band.source


def test_weekly_band_sources() -> None:
    assert (
        "Schoenfeld" in weekly_band(Goal.HYPERTROPHY, Level.INTERMEDIATE, VolumeGroup.QUADS).source
    )
    assert "Pelland" in weekly_band(Goal.STRENGTH, Level.INTERMEDIATE, VolumeGroup.QUADS).source
    assert "derived" in weekly_band(Goal.ENDURANCE, Level.INTERMEDIATE, VolumeGroup.QUADS).source
    assert "Iversen" in weekly_band(Goal.GENERAL, Level.INTERMEDIATE, VolumeGroup.QUADS).source
    assert "MRV" in weekly_band(Goal.HYPERTROPHY, Level.ADVANCED, VolumeGroup.GLUTES).source


def test_weekly_band_reads_muscles_and_refuses_erectors() -> None:
    assert weekly_band(Goal.HYPERTROPHY, Level.INTERMEDIATE, Muscle.LATS) == weekly_band(
        Goal.HYPERTROPHY, Level.INTERMEDIATE, VolumeGroup.BACK
    )
    with pytest.raises(VolumeError, match="spine-loading sets"):
        weekly_band(Goal.HYPERTROPHY, Level.INTERMEDIATE, Muscle.ERECTORS)


def test_minimum_effective_dose() -> None:
    assert D(4) == MINIMUM_EFFECTIVE_SETS


@pytest.mark.parametrize(
    ("group", "mv", "mev", "mav_low", "mav_high", "mrv"),
    [
        (VolumeGroup.BACK, 6, 10, 14, 22, 25),
        (VolumeGroup.QUADS, 6, 8, 12, 18, 20),
        (VolumeGroup.HAMSTRINGS, 4, 6, 10, 16, 20),
        (VolumeGroup.GLUTES, 0, 0, 4, 12, 16),
        (VolumeGroup.CALVES, 6, 8, 12, 16, 20),
        (VolumeGroup.TRAPS, 0, 0, 12, 20, 26),
    ],
)
def test_landmarks_table(
    group: VolumeGroup, mv: int, mev: int, mav_low: int, mav_high: int, mrv: int
) -> None:
    marks = landmarks_for(group)
    assert marks is not None
    assert (marks.mv, marks.mev, marks.mav_low, marks.mav_high, marks.mrv) == (
        D(mv),
        D(mev),
        D(mav_low),
        D(mav_high),
        D(mrv),
    )
    assert "[practitioner]" in marks.source


def test_landmarks_only_for_the_table() -> None:
    assert len(LANDMARKS) == 6
    assert landmarks_for(VolumeGroup.BICEPS) is None


def test_session_band_and_positions() -> None:
    assert (SESSION_SETS.low, SESSION_SETS.high) == (D(4), D(12))
    assert "[practitioner]" in SESSION_SETS.source
    band = SetBand(D(10), D(20), "test")
    assert band.where(D("9.5")) is BandPosition.BELOW
    assert band.where(10) is BandPosition.WITHIN
    assert band.where(20) is BandPosition.WITHIN
    assert band.where(D("20.5")) is BandPosition.ABOVE


def test_spine_loading_sets(make_exercise: ExerciseFactory) -> None:
    squat = make_exercise(spinal_load=3)
    row = make_exercise(id="barbell-row", spinal_load=2)
    curl = make_exercise(id="leg-curl", spinal_load=0, mechanic=Mechanic.ISOLATION)
    lunge = make_exercise(id="goblet-lunge", spinal_load=1)
    assert spine_loading_sets([(squat, 4), (row, 3), (curl, 3), (lunge, 3)]) == D(7)
    assert spine_loading_sets([]) == D(0)
