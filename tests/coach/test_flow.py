"""The runner's order of sets: straight blocks, alternating supersets, skip, swap, form."""

from __future__ import annotations

from decimal import Decimal

from redwood.coach.document import ExerciseLine, SetLine
from redwood.coach.flow import flow_of
from redwood.domain.mass import Mass


def line(
    exercise: str, block: int, working: int, *, warmups: int = 0, superset: bool = False
) -> ExerciseLine:
    load = Mass(Decimal(100))
    sets = tuple(SetLine("warmup", 5, 5, None, Mass(Decimal(40))) for _ in range(warmups))
    sets += tuple(SetLine("working", 5, 8, 2, load) for _ in range(working))
    return ExerciseLine(
        exercise=exercise,
        name=exercise.replace("-", " ").capitalize(),
        block=block,
        block_type="superset" if superset else "straight",
        rest_seconds=150,
        pair_rest_seconds=30 if superset else None,
        rule="double_progression",
        action="hold",
        reason="",
        sets=sets,
    )


def order(flow) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(flow.line_of(s).exercise, s.set_index) for s in flow.steps]


def test_straight_blocks_run_in_a_row() -> None:
    flow = flow_of([line("squat", 1, 2, warmups=1), line("row", 2, 2)])
    assert order(flow) == [("squat", 0), ("squat", 1), ("squat", 2), ("row", 0), ("row", 1)]
    assert [s.rest_after for s in flow.steps] == [150] * 5


def test_supersets_alternate_with_short_rest_between_moves() -> None:
    flow = flow_of([line("curl", 1, 3, superset=True), line("pulldown", 1, 2, superset=True)])
    assert order(flow) == [
        ("curl", 0),
        ("pulldown", 0),
        ("curl", 1),
        ("pulldown", 1),
        ("curl", 2),
    ]
    rests = [s.rest_after for s in flow.steps]
    assert rests[0] == 30
    assert rests[1] == 120
    assert rests[-1] == 150  # no partner left: the move's own rest


def test_counts_number_working_sets_only() -> None:
    flow = flow_of([line("squat", 1, 3, warmups=2)])
    assert [flow.counts(s) for s in flow.steps] == [(0, 3), (0, 3), (1, 3), (2, 3), (3, 3)]


def test_advance_back_and_skip() -> None:
    flow = flow_of([line("squat", 1, 2), line("row", 2, 1)])
    moved = flow.advance()
    assert order(moved)[0] == ("squat", 1)
    assert order(moved.back()) == order(flow)
    assert order(moved.skip_exercise()) == [("row", 0)]


def test_swap_keeps_the_remaining_number_of_sets() -> None:
    flow = flow_of([line("squat", 1, 3), line("row", 2, 1)]).advance()
    swapped = flow.swap(line("leg-press", 1, 3))
    assert order(swapped) == [("leg-press", 1), ("leg-press", 2), ("row", 0)]


def test_form_breaking_down_drops_a_set_and_adds_reserve() -> None:
    flow = flow_of([line("squat", 1, 3), line("row", 2, 1)]).advance()
    eased, message = flow.ease_current()
    assert order(eased) == [("squat", 1), ("row", 0)]
    assert eased.set_of(eased.steps[0]).rir == 3
    assert "one set fewer" in message
    last, _ = eased.ease_current()
    assert order(last) == [("squat", 1), ("row", 0)]  # never below the set in hand
