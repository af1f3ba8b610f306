"""Blocks, deloads, RIR, focus, set ramp and the rotation rule (spec, Periodisation)."""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby, pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.catalog import load_catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.periodisation import (
    PeriodisationError,
    WeekPlan,
    block_lengths,
    deload_rir,
    deload_sets,
    plan_weeks,
    rotate,
)
from redwood.domain.profile import make_profile
from redwood.domain.program import WeekFocus, WeekKind
from redwood.domain.vocab import Equipment, Goal, Level, Pattern
from tests.domain.conftest import build_exercise

LENGTHS = range(4, 17)


def _plans(weeks: int, goal: Goal, level: Level) -> tuple[WeekPlan, ...]:
    return plan_weeks(make_profile(goal=goal, level=level, days=3, minutes=60, weeks=weeks))


def _blocks(plans: tuple[WeekPlan, ...]) -> list[list[WeekPlan]]:
    return [list(group) for _, group in groupby(plans, key=lambda p: p.block)]


@pytest.mark.parametrize(
    ("weeks", "level", "expected"),
    [
        (4, Level.BEGINNER, (4,)),
        (5, Level.INTERMEDIATE, (5,)),
        (6, Level.ADVANCED, (6,)),
        (7, Level.INTERMEDIATE, (7,)),
        (8, Level.BEGINNER, (4, 4)),
        (8, Level.INTERMEDIATE, (4, 4)),
        (9, Level.INTERMEDIATE, (5, 4)),
        (10, Level.INTERMEDIATE, (5, 5)),
        (10, Level.BEGINNER, (5, 5)),
        (12, Level.BEGINNER, (4, 4, 4)),
        (12, Level.INTERMEDIATE, (6, 6)),
        (15, Level.ADVANCED, (5, 5, 5)),
        (16, Level.BEGINNER, (4, 4, 4, 4)),
        (16, Level.INTERMEDIATE, (6, 5, 5)),
    ],
)
def test_block_lengths_table(weeks: int, level: Level, expected: tuple[int, ...]) -> None:
    assert block_lengths(weeks, level) == expected


@pytest.mark.parametrize("weeks", [3, 17, 0])
def test_block_lengths_refuse_lengths_outside_4_to_16(weeks: int) -> None:
    with pytest.raises(PeriodisationError, match="4-16 weeks"):
        block_lengths(weeks, Level.BEGINNER)


@pytest.mark.parametrize("weeks", LENGTHS)
@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("goal", list(Goal))
def test_every_length_level_and_goal(weeks: int, level: Level, goal: Goal) -> None:
    plans = _plans(weeks, goal, level)
    assert [p.index for p in plans] == list(range(1, weeks + 1))
    blocks = _blocks(plans)
    assert [b[0].block for b in blocks] == list(range(1, len(blocks) + 1))
    for block in blocks:
        if weeks == 7:
            assert len(block) == 7  # the one length no 4-6-week blocks add up to
        else:
            assert 4 <= len(block) <= 6
        assert [p.week_in_block for p in block] == list(range(1, len(block) + 1))
        *builds, deload = block
        assert deload.kind is WeekKind.DELOAD
        assert deload.extra_sets == 0
        assert all(p.kind is WeekKind.BUILD for p in builds)
        rirs = [p.rir for p in builds]
        assert all(1 <= r <= 3 for r in rirs)
        assert rirs == sorted(rirs, reverse=True)
        assert rirs[0] == 3
        assert deload.rir == min(rirs[-1] + 2, 5)
        extras = [p.extra_sets for p in builds]
        assert extras[0] == 0
        assert extras == sorted(extras)
        assert all(b - a in (0, 1) for a, b in pairwise(extras))
        focus = [p.focus for p in builds]
        if goal is Goal.STRENGTH:
            assert focus[0::2] == [WeekFocus.STRENGTH] * len(focus[0::2])
            assert focus[1::2] == [WeekFocus.HYPERTROPHY] * len(focus[1::2])
        elif goal is Goal.HYPERTROPHY:
            assert focus == [WeekFocus.HYPERTROPHY] * (len(focus) - 1) + [WeekFocus.STRENGTH]
        elif goal is Goal.ENDURANCE:
            assert set(focus) == {WeekFocus.ENDURANCE}
        else:
            assert set(focus) == {WeekFocus.HYPERTROPHY}
        assert deload.focus is focus[0]


@pytest.mark.parametrize(
    ("level", "rirs", "extras"),
    [
        (Level.BEGINNER, [3, 3, 2, 4], [0, 1, 1, 0]),
        (Level.INTERMEDIATE, [3, 2, 1, 3], [0, 1, 2, 0]),
    ],
)
def test_a_four_week_block(level: Level, rirs: list[int], extras: list[int]) -> None:
    plans = _plans(4, Goal.HYPERTROPHY, level)
    assert [p.rir for p in plans] == rirs
    assert [p.extra_sets for p in plans] == extras
    assert [p.kind for p in plans] == [WeekKind.BUILD] * 3 + [WeekKind.DELOAD]


@pytest.mark.parametrize(("sets", "half"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3)])
def test_deload_sets_table(sets: int, half: int) -> None:
    assert deload_sets(sets) == half


@pytest.mark.parametrize("sets", [0, -1, True])
def test_deload_sets_refuses_nonsense(sets: int) -> None:
    with pytest.raises(PeriodisationError, match="1 or more"):
        deload_sets(sets)


@given(st.integers(min_value=1, max_value=1000))
def test_deload_sets_is_about_half_and_at_least_one(sets: int) -> None:
    half = deload_sets(sets)
    assert 1 <= half <= sets
    assert sets // 2 <= half <= sets // 2 + 1


@given(st.integers(min_value=0, max_value=5))
def test_deload_rir_is_two_easier_capped_at_5(rir: int) -> None:
    assert deload_rir(rir) == min(rir + 2, 5)


CATALOGUE = load_catalogue()
GYM = {e.id: e for e in CATALOGUE}
HOME = {e.id: e for e in CATALOGUE if e.doable_with({Equipment.BANDS, Equipment.PULLUP_BAR})}


def _ex(ex_id: str) -> Exercise:
    found = CATALOGUE.get(ex_id)
    assert found is not None
    return found


def test_rotate_takes_the_first_substitute_of_the_same_pattern() -> None:
    pulldown = _ex("lat-pulldown")
    assert pulldown.substitutes[0] == "machine-lat-pulldown"
    assert rotate(pulldown, GYM, {"lat-pulldown"}).id == "machine-lat-pulldown"


def test_rotate_skips_used_and_unavailable_substitutes() -> None:
    pulldown = _ex("lat-pulldown")
    used = {"lat-pulldown", "machine-lat-pulldown"}
    assert rotate(pulldown, GYM, used).id == "close-grip-lat-pulldown"
    assert rotate(pulldown, HOME, set()).id == "pull-up"


def test_rotate_skips_another_pattern_and_keeps_the_exercise_when_nothing_fits() -> None:
    base = build_exercise(id="a", pattern=Pattern.SQUAT, substitutes=("b", "c"))
    other = build_exercise(id="b", pattern=Pattern.HINGE)
    same = build_exercise(id="c", pattern=Pattern.SQUAT)
    assert rotate(base, {"b": other, "c": same}, ()) is same
    assert rotate(base, {"b": other}, ()) is base
    assert rotate(base, {"b": other, "c": same}, {"c"}) is base
    lonely = replace(base, substitutes=())
    assert rotate(lonely, {"c": same}, ()) is lonely


@given(
    st.sampled_from(CATALOGUE.exercises),
    st.sets(st.sampled_from([e.id for e in CATALOGUE.exercises]), max_size=40),
    st.sets(st.sampled_from([e.id for e in CATALOGUE.exercises]), max_size=5),
)
def test_rotate_answers_the_exercise_or_an_allowed_unused_same_pattern_substitute(
    exercise: Exercise, allowed: set[str], used: set[str]
) -> None:
    candidates = {ex_id: _ex(ex_id) for ex_id in allowed}
    got = rotate(exercise, candidates, used)
    if got is not exercise:
        assert got.id in exercise.substitutes
        assert got.id in candidates
        assert got.pattern is exercise.pattern
        assert got.id not in used
        first = next(
            ref
            for ref in exercise.substitutes
            if ref in candidates and ref not in used and _ex(ref).pattern is exercise.pattern
        )
        assert got.id == first
    else:
        assert not any(
            ref in candidates and ref not in used and _ex(ref).pattern is exercise.pattern
            for ref in exercise.substitutes
        )
