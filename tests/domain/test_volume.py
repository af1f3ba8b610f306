"""Fractional set counting (Pelland 2025), volume groups, weekly bands and landmarks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redwood.domain.exercise import Exercise
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
    group_sets,
    landmarks_for,
    spine_loading_sets,
    weekly_band,
    weekly_group_volume,
    weekly_volume,
)

from .conftest import ExerciseFactory, build_exercise

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


ROW = build_exercise(
    id="barbell-row",
    pattern=Pattern.HORIZONTAL_PULL,
    region=Region.BACK,
    primary=(Muscle.UPPER_BACK, Muscle.LATS),
    secondary=(Muscle.BICEPS, Muscle.ERECTORS),
    spinal_load=2,
)
PULLDOWN = build_exercise(
    id="lat-pulldown",
    pattern=Pattern.VERTICAL_PULL,
    region=Region.BACK,
    primary=(Muscle.LATS,),
    secondary=(Muscle.UPPER_BACK, Muscle.BICEPS),
    spinal_load=0,
)
FACE_PULL = build_exercise(
    id="face-pull",
    pattern=Pattern.HORIZONTAL_PULL,
    region=Region.BACK,
    mechanic=Mechanic.ISOLATION,
    primary=(Muscle.REAR_DELTS,),
    secondary=(Muscle.UPPER_BACK, Muscle.TRAPS),
    spinal_load=0,
)
SQUAT = build_exercise()
G = VolumeGroup


def test_add_and_weekly_volume() -> None:
    total = add_volume(fractional_sets(SQUAT, 3), fractional_sets(ROW, 4))
    assert total[Muscle.ERECTORS] == D("3.5")
    assert total[Muscle.LATS] == D(4)
    assert total[Muscle.UPPER_BACK] == D(4)
    assert weekly_volume([(SQUAT, 3), (ROW, 4)]) == total


@pytest.mark.parametrize(
    ("exercise", "sets", "expected"),
    [
        # lats and upper back both primary: one back set per set, not two
        (ROW, 3, {G.BACK: D(3), G.BICEPS: D("1.5")}),
        # lats primary, upper back secondary: the best credit, primary
        (PULLDOWN, 3, {G.BACK: D(3), G.BICEPS: D("1.5")}),
        # only a synergist of the group: half credit
        (FACE_PULL, 4, {G.REAR_DELTS: D(4), G.BACK: D(2), G.TRAPS: D(2)}),
        # one muscle per group: the per-muscle count; erectors dropped
        (SQUAT, 3, {G.QUADS: D(3), G.GLUTES: D(3), G.ADDUCTORS: D("1.5")}),
        (SQUAT, D("2.5"), {G.QUADS: D("2.5"), G.GLUTES: D("2.5"), G.ADDUCTORS: D("1.25")}),
        (ROW, 0, {G.BACK: D(0), G.BICEPS: D(0)}),
    ],
    ids=["row", "pulldown", "face-pull", "squat", "fractional", "zero"],
)
def test_group_sets_counts_a_set_once_per_group(
    exercise: Exercise, sets: int | Decimal, expected: dict[VolumeGroup, Decimal]
) -> None:
    assert group_sets(exercise, sets) == expected


@pytest.mark.parametrize("bad", [-1, D("-0.5"), D("NaN")])
def test_group_sets_refuses_bad_counts(bad: Decimal) -> None:
    with pytest.raises(VolumeError, match="hard sets"):
        group_sets(ROW, bad)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([], {}),
        ([(ROW, 3)], {G.BACK: D(3), G.BICEPS: D("1.5")}),
        ([(ROW, 3), (PULLDOWN, 3)], {G.BACK: D(6), G.BICEPS: D(3)}),
        (
            [(SQUAT, 3), (ROW, 4), (FACE_PULL, 2)],
            {
                G.QUADS: D(3),
                G.GLUTES: D(3),
                G.ADDUCTORS: D("1.5"),
                G.BACK: D(5),
                G.BICEPS: D(2),
                G.REAR_DELTS: D(2),
                G.TRAPS: D(1),
            },
        ),
    ],
    ids=["empty", "row", "row-and-pulldown", "week"],
)
def test_weekly_group_volume_sums_group_sets(
    entries: list[tuple[Exercise, int]], expected: dict[VolumeGroup, Decimal]
) -> None:
    assert weekly_group_volume(entries) == expected
    assert "erectors" not in {str(g) for g in weekly_group_volume(entries)}


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
