"""The runner's state rebuilt from logged sets: the next set after each log, supersets
alternating, warm-ups gone past, swaps, skips, the rest after the latest set, pre-fills."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from redwood.coach.document import SetLine
from redwood.coach.workout import DoneSet, Workout, carried, default_spec
from redwood.domain.mass import Mass
from redwood.domain.vocab import SetType
from tests.coach.test_flow import line

START = datetime(2026, 11, 2, 18, 0, tzinfo=UTC)


def done(exercise: str, minute: int, *, warmup: bool = False, load: int | None = 100) -> DoneSet:
    return DoneSet(
        id=f"{exercise}-{minute}",
        exercise=exercise,
        at=START + timedelta(minutes=minute),
        warmup=warmup,
        load=None if load is None else Mass(Decimal(load)),
    )


def session() -> Workout:
    return Workout.start(
        [
            line("squat", 1, 2, warmups=1),
            line("curl", 2, 2, superset=True),
            line("pulldown", 2, 2, superset=True),
        ]
    )


def upcoming(state: Workout) -> tuple[str, int] | None:
    step = state.next
    return None if step is None else (state.flow.line_of(step).exercise, step.set_index)


def test_the_next_set_after_each_log_alternates_the_superset() -> None:
    state = session()
    logged: list[DoneSet] = []
    seen = [upcoming(state)]
    plan = [("squat", True), ("squat", False), ("squat", False)]
    plan += [("curl", False), ("pulldown", False), ("curl", False), ("pulldown", False)]
    for minute, (exercise, warmup) in enumerate(plan):
        logged.append(done(exercise, minute * 3, warmup=warmup))
        state = session().record(logged)
        seen.append(upcoming(state))
    assert seen == [
        ("squat", 0),
        ("squat", 1),
        ("squat", 2),
        ("curl", 0),
        ("pulldown", 0),
        ("curl", 1),
        ("pulldown", 1),
        None,
    ]
    assert not state.unmatched
    assert [d.id for d in state.done_on(1)] == ["curl-9", "curl-15"]


def test_the_rest_is_the_steps_own_from_the_logged_time() -> None:
    state = session().record([done("squat", 0, warmup=True)])
    assert state.rest_until() == START + timedelta(seconds=150)
    squats = [done("squat", 0, warmup=True), done("squat", 3), done("squat", 6)]
    state = session().record([*squats, done("curl", 10)])
    assert state.rest_until() == START + timedelta(minutes=10, seconds=30)  # between the moves
    state = session().record([*squats, done("curl", 10), done("pulldown", 11)])
    assert state.rest_until() == START + timedelta(minutes=11, seconds=120)  # after the pair
    assert session().rest_until() is None


def test_a_working_set_goes_past_the_warmups_and_extra_sets_stay_apart() -> None:
    state = session().record(
        [done("squat", 0), done("squat", 5), done("squat", 9), done("row", 12)]
    )
    assert upcoming(state) == ("curl", 0)
    assert [d.id for d in state.unmatched] == ["squat-9", "row-12"]
    assert len(state.done_on(0)) == 2


def test_order_of_the_input_does_not_matter_only_the_time() -> None:
    sets = [done("squat", 0, warmup=True), done("squat", 3), done("curl", 8), done("pulldown", 9)]
    assert session().record(sets) == session().record(list(reversed(sets)))


def test_swap_takes_over_the_remaining_sets_and_skip_drops_them() -> None:
    state = session().record([done("squat", 0, warmup=True), done("squat", 3)])
    assert state.remaining_working(0) == 1
    swapped = state.swap(0, line("leg-press", 1, 3))
    assert upcoming(swapped) == ("leg-press", 2)  # the last of its three: one set left
    after = Workout(swapped.flow, swapped.matched).record([done("leg-press", 6)])
    assert upcoming(after) == ("curl", 0)
    skipped = after.skip(1)
    assert [upcoming(skipped)] == [("pulldown", 0)]
    assert skipped.remaining_working(1) == 0


def test_prefill_carries_the_load_found_when_none_is_prescribed() -> None:
    bare = SetLine("working", 10, 15, 2, None)
    state = Workout.start([replace(line("curl", 1, 2), sets=(bare, bare))])
    assert state.prefill(state.flow.steps[0]).load is None
    state = state.record([done("curl", 0, load=35)])
    assert state.next is not None
    assert state.prefill(state.next).load == Mass(Decimal(35))
    assert state.prefill(state.next).rir == Decimal(2)


def test_default_spec_is_the_bottom_of_the_range_without_rir_on_warmups() -> None:
    working, warmup = line("squat", 1, 1, warmups=1).sets[1], line("squat", 1, 0, warmups=1).sets[0]
    assert default_spec(working).reps == 5
    assert default_spec(working).rir == Decimal(2)
    assert default_spec(warmup).rir is None
    assert default_spec(warmup).set_type is SetType.WARMUP
    spec = default_spec(working)
    assert carried(spec, "squat", [("squat", Mass(Decimal(1)))]) == spec  # prescribed load wins


@given(st.lists(st.sampled_from(["squat", "curl", "pulldown", "row"]), max_size=12))
def test_every_logged_set_is_matched_or_kept_and_steps_are_never_lost(names: list[str]) -> None:
    sets = [done(name, minute) for minute, name in enumerate(names)]
    state = session().record(sets)
    assert len(state.matched) + len(state.unmatched) == len(sets)
    total = len(session().flow.steps)
    assert len(state.flow.steps) + len(state.flow.done) <= total
    assert len(state.flow.done) == len(state.matched)
