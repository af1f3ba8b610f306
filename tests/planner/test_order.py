"""Order in the week model (rule 6 and rule 5's order): the ranking, the opener, the blocks.

The model ranks each session's candidates before the solve, chooses the opener and the
blocks, and a block's place follows from both (planner/positions.py). These tests check
the ranking itself, the order the solver's answers come in, and the two order rules the
model enforces as constraints (a maximal squat never opens before a loaded hinge; a loaded
hinge sharing a session with a maximal squat is done as straight sets, before the squat).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from redwood.catalog import load_catalogue
from redwood.domain.vocab import Region
from redwood.planner.generator import generate_program, prepare
from redwood.planner.ordering import block_order, positions_of, ranking
from redwood.planner.problem import SessionChoice, WeekProblem
from redwood.planner.rules import is_heavy_hinge, is_squat3, trains_both
from redwood.planner.solver import solve_week
from redwood.planner.validate import validate_program
from tests.planner.builders import typical_profile
from tests.planner.checker import check_program

pytestmark = pytest.mark.slow

CATALOGUE = load_catalogue()

PROFILES: list[dict[str, Any]] = [
    {},
    {"days": 2, "minutes": 45, "supersets": "on", "order": "alternating"},
    {"days": 4, "goal": "strength", "order": "alternating", "priority": "back"},
    {"days": 5, "minutes": 40, "order": "back_first", "supersets": "on"},
    {"days": 3, "level": "beginner", "goal": "general", "order": "alternating"},
    {"days": 2, "minutes": 90, "favourites": ["barbell-back-squat", "barbell-romanian-deadlift"]},
    {"setting": "home", "equipment": ["dumbbells", "bands", "pullup_bar"], "order": "legs_first"},
]
IDS = ["seed", "alt-supersets", "alt-upper-lower", "back-first", "alt-full-body", "hinge", "home"]


def problem_for(**overrides: Any) -> WeekProblem:
    return prepare(typical_profile(**overrides), CATALOGUE).problem


@pytest.mark.parametrize("overrides", PROFILES, ids=IDS)
def test_the_ranking_keeps_the_order_rules_for_any_subset(overrides: dict[str, Any]) -> None:
    """Isolation never ranks before a compound of its region, a maximal squat never
    before a loaded hinge: any choice, read in ranking order, keeps rule 6 and rule 5."""
    problem = problem_for(**overrides)
    for s, cands in enumerate(problem.candidates):
        order = ranking(problem, s)
        assert sorted(order) == list(range(len(cands)))
        for place, i in enumerate(order):
            for j in order[place + 1 :]:
                a, b = cands[i].exercise, cands[j].exercise
                assert not (a.region is b.region and b.is_compound and not a.is_compound), (
                    a.id,
                    b.id,
                )
                assert not (is_squat3(a) and is_heavy_hinge(b)), (a.id, b.id)


def assert_ordered(problem: WeekProblem, s: int, choice: SessionChoice) -> None:
    """The solved session's blocks keep every order rule, read block by block."""
    blocks = choice.blocks
    first = blocks[0]
    assert len(first) == 1
    assert first[0].exercise.is_compound
    if trains_both(choice.spec) and s not in problem.open_any:
        assert first[0].candidate.region is problem.effective_region
    isolated: set[Region] = set()
    squatted = False
    for block in blocks:
        for chosen in block:
            ex = chosen.exercise
            assert not (squatted and is_heavy_hinge(ex)), ex.id
            squatted = squatted or is_squat3(ex)
        if len(block) == 1:
            ex = block[0].exercise
            assert not (ex.is_compound and ex.region in isolated), ex.id
            if not ex.is_compound:
                isolated.add(ex.region)
    if problem.order.value == "alternating" and trains_both(choice.spec):
        chain = [b[0].candidate.region for b in blocks if len(b) == 1]
        chain = [r for r in chain if r in (Region.LEGS, Region.BACK)]
        for n in range(1, len(chain)):
            if chain[n] is chain[n - 1]:
                assert set(chain[n:]) == {chain[n]}, chain


@pytest.mark.parametrize("overrides", PROFILES, ids=IDS)
def test_solved_sessions_come_in_rule_keeping_order(overrides: dict[str, Any]) -> None:
    problem = problem_for(**overrides)
    solution = solve_week(problem)
    for s, choice in enumerate(solution.sessions):
        assert_ordered(problem, s, choice)
        rank = positions_of(ranking(problem, s))
        index = {id(c): i for i, c in enumerate(problem.candidates[s])}
        heads = [max((index[id(c.candidate)] for c in b), key=rank.__getitem__)
                 for b in choice.blocks]  # fmt: skip
        straight = {index[id(c.candidate)] for c in choice.straight}
        pair_heads = {h for h, b in zip(heads, choice.blocks, strict=True) if len(b) == 2}
        assert tuple(heads) == block_order(problem, s, rank, straight, pair_heads, heads[0])


def _only(problem: WeekProblem, s: int, ids: set[str]) -> WeekProblem:
    cands = tuple(c for c in problem.candidates[s] if c.id in ids or c.region is Region.BACK)
    candidates = tuple(cands if t == s else c for t, c in enumerate(problem.candidates))
    return replace(problem, candidates=candidates)


def test_a_loaded_hinge_and_a_maximal_squat_share_a_session_hinge_first() -> None:
    """Once the planner kept them in different sessions; now the model orders them."""
    both = {"barbell-back-squat", "barbell-romanian-deadlift"}
    problem = _only(problem_for(days=2, minutes=90, favourites=sorted(both)), 0, both)
    session = solve_week(problem).sessions[0]
    ids = [c.exercise.id for block in session.blocks for c in block]
    assert both <= set(ids), ids
    assert ids.index("barbell-romanian-deadlift") < ids.index("barbell-back-squat")
    assert session.opener.exercise.id != "barbell-back-squat"
    assert all(len(b) == 1 for b in session.blocks if "barbell-romanian-deadlift" in
               {c.exercise.id for c in b})  # fmt: skip


def test_a_maximal_squat_alone_opens_its_session() -> None:
    problem = _only(problem_for(days=2, minutes=60), 0, {"barbell-back-squat", "leg-press"})
    session = solve_week(problem).sessions[0]
    assert session.opener.exercise.id == "barbell-back-squat"


def test_supersets_take_the_place_of_their_later_move() -> None:
    """Supersets are placed by the ranking, not always at the end."""
    problem = problem_for(days=3, minutes=45, supersets="on")
    solution = solve_week(problem)
    assert any(
        len(block) == 2 and any(len(later) == 1 for later in s.blocks[n + 1 :])
        for s in solution.sessions
        for n, block in enumerate(s.blocks)
    )
    for s, choice in enumerate(solution.sessions):
        rank = positions_of(ranking(problem, s))
        index = {id(c): i for i, c in enumerate(problem.candidates[s])}
        places = [max(rank[index[id(c.candidate)]] for c in b) for b in choice.blocks[1:]]
        assert places == sorted(places)


def test_a_program_with_hinge_before_squat_says_why_and_keeps_every_rule() -> None:
    """With the squat and the Romanian deadlift the only leg compounds (and favourites),
    both go in each session: the hinge first, and a rationale line says why."""
    favourites = ["barbell-back-squat", "barbell-romanian-deadlift"]
    others = [
        ex.id
        for ex in CATALOGUE
        if ex.region is Region.LEGS and ex.is_compound and ex.id not in favourites
    ]
    profile = typical_profile(days=2, minutes=75, favourites=favourites, excluded=others)
    program = generate_program(profile, CATALOGUE)
    assert [str(v) for v in validate_program(program, CATALOGUE)] == []
    assert check_program(json.loads(json.dumps(program.to_dict())), CATALOGUE) == []
    for session in program.weeks[0].sessions:
        first = [rx.exercise for rx in session.prescriptions()]
        assert first[:2] == ["barbell-romanian-deadlift", "barbell-back-squat"]
    assert any(
        "Barbell Romanian Deadlift before Barbell Back Squat: a loaded hinge never follows" in line
        for line in program.rationale
    )
