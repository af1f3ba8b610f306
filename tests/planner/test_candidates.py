"""Candidates: what a session may hold under hard rules 1-3, each with its dose."""

from __future__ import annotations

from typing import Any

import pytest

from redwood.catalog import load_catalogue
from redwood.domain.profile import Profile, Weekday
from redwood.domain.program import SessionKind, WeekFocus
from redwood.domain.timing import set_work_seconds, straight_seconds
from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Region, Setting
from redwood.planner.candidates import (
    SessionSpec,
    dose_for,
    is_main_eligible,
    light_penalty,
    make_candidate,
    refusal,
    session_candidates,
    set_range,
)
from tests.planner.builders import typical_profile as profile

CATALOGUE = load_catalogue()
FOCUSES = (WeekFocus.HYPERTROPHY, WeekFocus.STRENGTH)
BL = (Region.LEGS, Region.BACK)


def spec(
    athlete: Profile,
    day: Weekday = Weekday.MON,
    regions: tuple[Region, ...] = BL,
    kind: SessionKind = SessionKind.BACK_LEGS,
) -> SessionSpec:
    return SessionSpec(
        day, kind, "Back & Legs A", regions, athlete.setting_on(day), athlete.equipment_on(day)
    )


def candidates(athlete: Profile, **kwargs: Any) -> list[Any]:
    return list(session_candidates(athlete, spec(athlete, **kwargs), CATALOGUE, FOCUSES))


def test_home_kit_uses_nothing_else() -> None:
    athlete = profile(setting="home", equipment=["dumbbells", "bands", "pullup_bar"])
    kit = {Equipment.DUMBBELLS, Equipment.BANDS, Equipment.PULLUP_BAR, Equipment.NONE}
    found = candidates(athlete)
    assert found
    for cand in found:
        assert set(cand.exercise.equipment) <= kit, cand.id
        assert Setting.HOME in cand.exercise.settings


def test_lower_back_excludes_spine_loading_and_lower_back_stress() -> None:
    found = candidates(profile(limitations=["lower_back"]))
    assert found
    for cand in found:
        assert cand.exercise.spinal_load < 2, cand.id
        assert Limitation.LOWER_BACK not in cand.exercise.stresses


def test_level_exclusions_and_regions() -> None:
    athlete = profile(level="beginner", excluded=["leg-press", "lat-pulldown"])
    found = candidates(athlete)
    assert all(c.exercise.level is Level.BEGINNER for c in found)
    assert not {"leg-press", "lat-pulldown"} & {c.id for c in found}
    assert {c.region for c in found} == {Region.LEGS, Region.BACK}


def test_favourites_are_always_kept() -> None:
    athlete = profile(favourites=["single-leg-press", "towel-pull-up"], level="advanced")
    ids = {c.id for c in candidates(athlete)}
    assert "single-leg-press" in ids
    assert "towel-pull-up" not in ids  # favourite, but no towel at the gym
    fav = next(c for c in candidates(athlete) if c.id == "single-leg-press")
    assert fav.favourite


def test_a_weekday_override_uses_that_days_kit() -> None:
    athlete = profile(
        days=2,
        setting_by_day={"thu": "home"},
        equipment_by_setting={"home": ["dumbbells"]},
    )
    monday = {c.id for c in candidates(athlete, day=Weekday.MON)}
    thursday = candidates(athlete, day=Weekday.THU)
    assert "barbell-back-squat" in monday
    assert thursday
    for cand in thursday:
        assert set(cand.exercise.equipment) <= {Equipment.DUMBBELLS, Equipment.NONE}


def test_the_list_is_small_and_deterministic() -> None:
    athlete = profile()
    first, again = candidates(athlete), candidates(athlete)
    assert [c.id for c in first] == [c.id for c in again]
    assert 10 <= len(first) <= 45
    assert len({c.id for c in first}) == len(first)


def test_loaded_moves_come_first_in_a_gym() -> None:
    ids = [c.id for c in candidates(profile()) if c.exercise.pattern.value == "vertical_pull"]
    assert ids[0] == "lat-pulldown"


def test_a_session_without_a_compound_borrows_one() -> None:
    athlete = profile(setting="home", equipment=[], limitations=["wrist", "shoulder"])
    found = candidates(
        athlete, regions=(Region.PUSH, Region.ARMS, Region.CORE), kind=SessionKind.PUSH_UPPER
    )
    assert any(c.exercise.is_compound for c in found)


@pytest.mark.parametrize(
    ("exercise_id", "athlete", "reason"),
    [
        ("leg-press", {"setting": "home"}, "no leg press at home"),
        ("barbell-back-squat", {"limitations": ["knee"]}, "it loads your knee"),
        (
            "smith-machine-row",
            {"limitations": ["lower_back"]},
            "it loads your lower back",
        ),
        ("weighted-pull-up", {"level": "beginner"}, "it is an advanced move"),
        ("lat-pulldown", {"excluded": ["lat-pulldown"]}, "you excluded it"),
        ("lat-pulldown", {}, None),
    ],
)
def test_refusal_says_why(exercise_id: str, athlete: dict[str, Any], reason: str | None) -> None:
    exercise = CATALOGUE.get(exercise_id)
    assert exercise is not None
    assert refusal(exercise, profile(**athlete), Weekday.MON) == reason


def test_spinal_load_alone_is_refused_with_lower_back() -> None:
    row = CATALOGUE.get("barbell-rear-delt-row")
    assert row is not None
    assert row.spinal_load >= 2
    reason = refusal(row, profile(limitations=["lower_back"]), Weekday.MON)
    assert reason is not None


def reps(goal: Goal, level: Level, ex_id: str, main: bool, focus: WeekFocus) -> tuple[int, ...]:
    exercise = CATALOGUE.get(ex_id)
    assert exercise is not None
    dose = dose_for(goal, level, exercise, main=main, focus=focus)
    return (dose.reps_min, dose.reps_max, dose.rest_seconds)


HYP, STR, INT = WeekFocus.HYPERTROPHY, WeekFocus.STRENGTH, Level.INTERMEDIATE


@pytest.mark.parametrize(
    ("goal", "level", "ex_id", "main", "focus", "expected"),
    [
        (Goal.HYPERTROPHY, INT, "barbell-back-squat", True, HYP, (6, 12, 150)),
        # a hypertrophy block's strength week: main lifts 4-6 reps, 3 min rest
        (Goal.HYPERTROPHY, INT, "barbell-back-squat", True, STR, (4, 6, 180)),
        (Goal.HYPERTROPHY, INT, "lying-leg-curl", False, STR, (10, 15, 90)),
        (Goal.STRENGTH, INT, "barbell-back-squat", True, STR, (3, 6, 180)),
        (Goal.STRENGTH, INT, "barbell-back-squat", False, STR, (6, 10, 120)),
        # a strength block's hypertrophy week uses the hypertrophy rows
        (Goal.STRENGTH, INT, "barbell-back-squat", True, HYP, (6, 12, 150)),
        (Goal.HYPERTROPHY, INT, "plank", False, HYP, (20, 40, 90)),
        (Goal.HYPERTROPHY, Level.BEGINNER, "dumbbell-goblet-squat", False, HYP, (12, 15, 150)),
        (Goal.ENDURANCE, INT, "lat-pulldown", True, WeekFocus.ENDURANCE, (12, 20, 60)),
    ],
)
def test_doses_by_goal_and_focus(
    goal: Goal,
    level: Level,
    ex_id: str,
    main: bool,
    focus: WeekFocus,
    expected: tuple[int, int, int],
) -> None:
    assert reps(goal, level, ex_id, main, focus) == expected


@pytest.mark.parametrize(
    ("low", "high", "ramp", "options", "preferred", "top"),
    [
        (2, 4, True, (2, 3), (2, 3), 4),  # hypertrophy: base leaves the 4th set to the ramp
        (2, 4, False, (2, 3, 4), (2, 4), 4),
        (3, 5, True, (2, 3), (3, 3), 4),  # strength: 3-5 capped at 4
        (1, 3, True, (2,), (2, 2), 3),  # general: never under 2 in a build week
        (3, 3, True, (2, 3), (3, 3), 3),  # a template's fixed 3 sets stay 3
        (2, 2, True, (2,), (2, 2), 2),
    ],
)
def test_set_range(
    low: int,
    high: int,
    ramp: bool,
    options: tuple[int, ...],
    preferred: tuple[int, int],
    top: int,
) -> None:
    assert set_range(low, high, ramp=ramp) == (options, preferred, top)


def test_a_template_slot_may_reach_its_top_in_the_base_week_at_a_cost() -> None:
    """A slot's 3-4 sets: the base prefers 3 (ramp room) but may take 4 for a group that
    would otherwise start below its band (the solver charges W_ABOVE_BASE for it)."""
    assert set_range(3, 4, ramp=True, full=True) == ((2, 3, 4), (3, 3), 4)
    assert set_range(3, 4, ramp=True) == ((2, 3), (3, 3), 4)


def test_a_candidate_plans_time_with_its_longest_dose() -> None:
    athlete = profile()
    squat = CATALOGUE.get("barbell-back-squat")
    assert squat is not None
    assert is_main_eligible(squat)
    cand = make_candidate(athlete, squat, FOCUSES, 0)
    # hypertrophy 6-12 @150 s (work 36 s) vs strength week 4-6 @180 s (work 20 s)
    assert set(cand.variants) == {(36, 150), (20, 180)}
    assert cand.worst_seconds(3) == max(straight_seconds(3, 36, 150), straight_seconds(3, 20, 180))
    assert cand.worst_seconds(3) == 3 * 20 + 2 * 180 + 60
    lunge = CATALOGUE.get("dumbbell-walking-lunge")
    assert lunge is not None
    assert set_work_seconds(lunge, 6, 12) == 72


def test_light_moves_cost_a_little_when_weights_are_at_hand() -> None:
    gym = profile().equipment_on(Weekday.MON)
    home = frozenset({Equipment.BANDS, Equipment.NONE})
    band_row = CATALOGUE.get("band-row")
    scap = CATALOGUE.get("scapular-pull-up")
    squat = CATALOGUE.get("barbell-back-squat")
    assert band_row is not None
    assert scap is not None
    assert squat is not None
    assert light_penalty(squat, gym) == 0
    assert light_penalty(band_row, gym) > 0
    assert light_penalty(band_row, home) == 0
    assert light_penalty(scap, frozenset({Equipment.PULLUP_BAR})) > 0
