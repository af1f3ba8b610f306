"""The recovery model: fractional sets (Pelland 2025) fading over 48-72 h (TRAINING.md 5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.catalog.loader import load_catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.fatigue import (
    FULL_FATIGUE,
    HARD_DOSE,
    SESSION_HOURS,
    Dose,
    FatigueError,
    MuscleState,
    muscle_states,
    readiness_of,
    state_reason,
    too_soon,
)
from redwood.domain.vocab import Equipment, Mechanic, Muscle, Pattern, Region

from .conftest import build_exercise

D = Decimal
MONDAY = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)

SQUAT = build_exercise()  # quads, glutes primary; adductors, erectors secondary; 72 h
PULLDOWN = build_exercise(
    id="lat-pulldown",
    pattern=Pattern.VERTICAL_PULL,
    region=Region.BACK,
    primary=(Muscle.LATS,),
    secondary=(Muscle.BICEPS,),
    equipment=(Equipment.LAT_PULLDOWN,),
    spinal_load=0,
)
ROW = build_exercise(
    id="cable-row",
    pattern=Pattern.HORIZONTAL_PULL,
    region=Region.BACK,
    primary=(Muscle.UPPER_BACK,),
    secondary=(Muscle.BICEPS,),
    equipment=(Equipment.SEATED_ROW,),
    spinal_load=0,
)
CURL = build_exercise(
    id="cable-curl",
    pattern=Pattern.ELBOW_FLEXION,
    region=Region.ARMS,
    mechanic=Mechanic.ISOLATION,
    primary=(Muscle.BICEPS,),
    secondary=(),
    equipment=(Equipment.CABLE,),
    spinal_load=0,
)


@cache
def catalogue_exercises() -> tuple[Exercise, ...]:
    return tuple(load_catalogue())


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def test_constants() -> None:
    assert HARD_DOSE == 2
    assert FULL_FATIGUE == 8
    assert SESSION_HOURS == 3


@pytest.mark.parametrize(
    ("fatigue", "readiness"),
    [
        (D(0), 100),
        (D(1), 88),  # 87.5 rounds half up
        (D(2), 75),
        (D(4), 50),
        (D("7.96"), 1),  # 0.5 rounds half up
        (D(8), 0),
        (D(12), 0),
    ],
)
def test_readiness_of(fatigue: Decimal, readiness: int) -> None:
    assert readiness_of(fatigue) == readiness


@pytest.mark.parametrize(
    ("after", "quads", "erectors", "readiness"),
    [
        (0, D(4), D(2), 50),
        (18, D(3), D("1.5"), 63),  # 62.5 rounds half up
        (36, D(2), D(1), 75),
        (54, D(1), D("0.5"), 88),
        (71, D("0.06"), D("0.03"), 99),  # 4/72 = 0.0556 -> 0.06
        (72, D(0), D(0), 100),
        (200, D(0), D(0), 100),
    ],
)
def test_heavy_squat_fades_linearly_over_72_hours(
    after: int, quads: Decimal, erectors: Decimal, readiness: int
) -> None:
    states = muscle_states([Dose(SQUAT, D(4), MONDAY)], MONDAY + hours(after))
    assert states[Muscle.QUADS].fatigue == quads
    assert states[Muscle.GLUTES].fatigue == quads
    assert states[Muscle.ERECTORS].fatigue == erectors  # synergist: half a set each
    assert states[Muscle.QUADS].readiness == readiness
    assert states[Muscle.QUADS].window_hours == 72


@pytest.mark.parametrize(
    ("to_failure", "after", "lats"),
    [
        (False, 0, D(3)),
        (False, 24, D("1.5")),
        (False, 48, D(0)),
        (True, 24, D(2)),  # failure widens the window to 72 h
        (True, 48, D(1)),
        (True, 72, D(0)),
    ],
)
def test_window_is_48_or_72_hours(to_failure: bool, after: int, lats: Decimal) -> None:
    dose = Dose(PULLDOWN, D(3), MONDAY, to_failure=to_failure)
    states = muscle_states([dose], MONDAY + hours(after))
    assert states[Muscle.LATS].fatigue == lats
    assert states[Muscle.BICEPS].fatigue == lats / 2
    assert states[Muscle.LATS].window_hours == (72 if to_failure else 48)


def test_every_muscle_is_present_and_untrained_ones_are_ready() -> None:
    states = muscle_states([Dose(PULLDOWN, D(3), MONDAY)], MONDAY + hours(1))
    assert list(states) == list(Muscle)
    calves = states[Muscle.CALVES]
    assert calves == MuscleState(Muscle.CALVES, D(0), 100, None, None, 48)
    assert states[Muscle.LATS].last_trained == MONDAY


def test_doses_add_up_and_readiness_floors_at_zero() -> None:
    doses = [Dose(SQUAT, D(5), MONDAY), Dose(SQUAT, D(5), MONDAY + hours(1))]
    quads = muscle_states(doses, MONDAY + hours(1))[Muscle.QUADS]
    assert quads.fatigue > FULL_FATIGUE
    assert quads.readiness == 0
    assert quads.last_trained == MONDAY + hours(1)


def test_doses_after_the_moment_are_left_out() -> None:
    states = muscle_states([Dose(SQUAT, D(4), MONDAY + hours(5))], MONDAY)
    assert states[Muscle.QUADS].fatigue == 0
    assert states[Muscle.QUADS].last_trained is None


def test_zero_sets_train_nothing() -> None:
    quads = muscle_states([Dose(SQUAT, D(0), MONDAY)], MONDAY)[Muscle.QUADS]
    assert quads.last_trained is None
    assert quads.fatigue == 0


def test_time_zones_are_respected() -> None:
    later_elsewhere = (MONDAY + hours(24)).astimezone(timezone(timedelta(hours=-5)))
    lats = muscle_states([Dose(PULLDOWN, D(4), MONDAY)], later_elsewhere)[Muscle.LATS]
    assert lats.fatigue == D(2)


def test_ready_at_marks_the_end_of_the_hard_window() -> None:
    states = muscle_states([Dose(SQUAT, D(3), MONDAY)], MONDAY + hours(10))
    assert states[Muscle.QUADS].ready_at == MONDAY + hours(72)
    # adductors got 1.5 fractional sets: not a hard dose, no window to wait out
    assert states[Muscle.ADDUCTORS].ready_at is None
    later = muscle_states([Dose(SQUAT, D(3), MONDAY)], MONDAY + hours(72))
    assert later[Muscle.QUADS].ready_at is None


@pytest.mark.parametrize(("gap", "hard"), [(0, True), (2, True), (3, True), (5, False)])
def test_doses_within_a_session_add_up_to_a_hard_dose(gap: int, hard: bool) -> None:
    # rows and pulldowns give the biceps 1.5 sets each: 3 in one session is hard
    doses = [Dose(ROW, D(3), MONDAY), Dose(PULLDOWN, D(3), MONDAY + hours(gap))]
    biceps = muscle_states(doses, MONDAY + hours(gap))[Muscle.BICEPS]
    assert (biceps.ready_at is not None) is hard


def test_ready_at_takes_the_window_that_ends_last() -> None:
    # a heavy squat (72 h) then, a day later, leg extensions with a 48 h window
    extension = build_exercise(
        id="leg-extension",
        pattern=Pattern.KNEE_EXTENSION,
        mechanic=Mechanic.ISOLATION,
        primary=(Muscle.QUADS,),
        secondary=(),
        equipment=(Equipment.LEG_EXTENSION,),
        spinal_load=0,
    )
    doses = [Dose(SQUAT, D(4), MONDAY), Dose(extension, D(3), MONDAY + hours(12))]
    quads = muscle_states(doses, MONDAY + hours(13))[Muscle.QUADS]
    assert quads.ready_at == MONDAY + hours(72)
    assert quads.window_hours == 72
    doses = [Dose(SQUAT, D(4), MONDAY), Dose(extension, D(3), MONDAY + hours(36))]
    quads = muscle_states(doses, MONDAY + hours(37))[Muscle.QUADS]
    assert quads.ready_at == MONDAY + hours(84)
    assert quads.window_hours == 48


@pytest.mark.parametrize(
    ("session_at", "expected"),
    [
        (47, [Muscle.QUADS, Muscle.GLUTES, Muscle.LATS]),
        (48, [Muscle.QUADS, Muscle.GLUTES]),  # lats: 48 h window over
        (71, [Muscle.QUADS, Muscle.GLUTES]),
        (72, []),  # heavy lower barbell: 72 h
    ],
)
def test_too_soon(session_at: int, expected: list[Muscle]) -> None:
    doses = [Dose(SQUAT, D(4), MONDAY), Dose(PULLDOWN, D(3), MONDAY)]
    at = MONDAY + hours(session_at)
    states = muscle_states(doses, at)
    session = [Muscle.QUADS, Muscle.GLUTES, Muscle.LATS, Muscle.QUADS, Muscle.CALVES]
    found = too_soon(states, session, at)
    assert [state.muscle for state in found] == expected


def test_too_soon_uses_states_taken_earlier() -> None:
    states = muscle_states([Dose(SQUAT, D(4), MONDAY)], MONDAY + hours(1))
    assert too_soon(states, [Muscle.QUADS], MONDAY + hours(71))
    assert not too_soon(states, [Muscle.QUADS], MONDAY + hours(72))
    assert not too_soon({}, [Muscle.QUADS], MONDAY + hours(1))


def test_a_light_dose_is_never_too_soon() -> None:
    states = muscle_states([Dose(CURL, D(1), MONDAY)], MONDAY + hours(1))
    assert states[Muscle.BICEPS].fatigue > 0
    assert too_soon(states, [Muscle.BICEPS], MONDAY + hours(1)) == []


def test_state_reason() -> None:
    at = MONDAY + hours(30)
    states = muscle_states([Dose(SQUAT, D(4), MONDAY)], at)
    line = state_reason(states[Muscle.QUADS], at)
    assert "quads" in line
    assert "72 h" in line
    assert "42 h more" in line
    assert "recovered" in state_reason(states[Muscle.CALVES], at)
    assert "\n" not in line


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Dose(SQUAT, D(-1), MONDAY), "hard_sets"),
        (lambda: Dose(SQUAT, D("NaN"), MONDAY), "hard_sets"),
        (lambda: Dose(SQUAT, True, MONDAY), "hard_sets"),  # type: ignore[arg-type]
        (lambda: Dose(SQUAT, D(3), datetime(2025, 3, 3, 18)), "at"),
        (lambda: muscle_states([], datetime(2025, 3, 3, 18)), "at"),
        (lambda: too_soon({}, [], datetime(2025, 3, 3, 18)), "at"),
        (lambda: muscle_states(["squat"], MONDAY), "doses"),  # type: ignore[list-item]
    ],
)
def test_bad_input_names_the_field(build: object, field: str) -> None:
    assert callable(build)
    with pytest.raises(FatigueError) as caught:
        build()
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_whole_numbers_of_sets_are_accepted() -> None:
    assert Dose(SQUAT, 3, MONDAY).hard_sets == D(3)  # type: ignore[arg-type]


def test_every_catalogue_exercise_loads_its_primary_movers() -> None:
    for exercise in catalogue_exercises():
        states = muscle_states([Dose(exercise, D(3), MONDAY)], MONDAY)
        for muscle in exercise.primary:
            assert states[muscle].fatigue == 3, exercise.id
            assert states[muscle].ready_at is not None, exercise.id
        for muscle in set(exercise.secondary) - set(exercise.primary):
            assert states[muscle].fatigue == D("1.5"), exercise.id


DOSES = st.lists(
    st.builds(
        Dose,
        exercise=st.sampled_from([SQUAT, PULLDOWN, ROW, CURL]),
        hard_sets=st.decimals(min_value=0, max_value=10, places=1),
        at=st.integers(min_value=0, max_value=24 * 14).map(lambda h: MONDAY + hours(h)),
        to_failure=st.booleans(),
    ),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(doses=DOSES, gaps=st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=5))
def test_fatigue_never_negative_and_never_rises_without_new_doses(
    doses: list[Dose], gaps: list[int]
) -> None:
    start = max((dose.at for dose in doses), default=MONDAY)
    moments = [start]
    for gap in gaps:
        moments.append(moments[-1] + hours(gap))
    before: dict[Muscle, MuscleState] | None = None
    for moment in moments:
        states = muscle_states(doses, moment)
        for muscle, state in states.items():
            assert state.fatigue >= 0
            assert 0 <= state.readiness <= 100
            assert state.readiness == readiness_of(state.fatigue)
            if state.ready_at is not None:
                assert state.ready_at > moment
            if before is not None:
                assert state.fatigue <= before[muscle].fatigue
                assert state.readiness >= before[muscle].readiness
        before = states


@settings(max_examples=40, deadline=None)
@given(doses=DOSES, after=st.integers(min_value=0, max_value=24 * 20))
def test_too_soon_lists_exactly_the_open_hard_windows(doses: list[Dose], after: int) -> None:
    at = MONDAY + hours(after)
    states = muscle_states(doses, at)
    flagged = {state.muscle for state in too_soon(states, list(Muscle), at)}
    assert flagged == {m for m, s in states.items() if s.ready_at is not None and s.ready_at > at}
    for muscle in flagged:
        state = states[muscle]
        assert state.last_trained is not None
        assert state.ready_at is not None
        assert state.ready_at - state.last_trained <= hours(72)
        assert at - state.last_trained < hours(72)
