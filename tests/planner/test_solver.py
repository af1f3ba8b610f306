"""The week model: every hard constraint it owns, checked on its answers by hand."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from typing import Any

import pytest

from redwood.catalog import load_catalogue
from redwood.domain.profile import Weekday, make_profile
from redwood.domain.program import SessionKind
from redwood.domain.recovery import is_heavy_lower_barbell
from redwood.domain.timing import GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS, needs_ramp_up
from redwood.domain.vocab import Equipment, Pattern, Region, Setting
from redwood.planner.generator import prepare
from redwood.planner.greedy import greedy_week
from redwood.planner.problem import WeekProblem, WeekSolution
from redwood.planner.rules import (
    PLANNED_GROUPS,
    group_half,
    min_gap,
    pair_allowed,
    pair_worst_seconds,
    trains_both,
)
from redwood.planner.solver import solve_week
from tests.planner.builders import typical_profile

pytestmark = pytest.mark.slow

CATALOGUE = load_catalogue()


def problem_for(**overrides: Any) -> WeekProblem:
    return prepare(typical_profile(**overrides), CATALOGUE).problem


def planned_seconds(choice: Any) -> int:
    """The session's seconds at its longest doses, worked out from its picks."""
    chosen = choice.chosen()
    ramped = {c.candidate.id for c in chosen if needs_ramp_up(c.exercise)}
    total = GENERAL_WARMUP_SECONDS + RAMP_UP_SECONDS * len(ramped)
    if choice.opener.candidate.id not in ramped:
        total += RAMP_UP_SECONDS
    total += sum(c.candidate.worst_seconds(c.sets) for c in choice.straight)
    total += sum(pair_worst_seconds(a.candidate, b.candidate, a.sets) for a, b in choice.pairs)
    return total


def assert_keeps_the_rules(problem: WeekProblem, solution: WeekSolution) -> None:
    sessions = solution.sessions
    for choice in sessions:
        spec, chosen = choice.spec, choice.chosen()
        exercises = [c.exercise for c in chosen]
        assert len({ex.id for ex in exercises}) == len(exercises)
        assert planned_seconds(choice) == choice.planned_seconds
        assert choice.planned_seconds <= problem.budget_seconds
        assert choice.opener in choice.straight
        assert choice.opener.exercise.is_compound
        if trains_both(spec):
            assert choice.opener.candidate.region is problem.effective_region
        if spec.kind is SessionKind.BACK_LEGS:
            for region in (Region.LEGS, Region.BACK):
                assert 1 <= sum(1 for ex in exercises if ex.region is region) <= 3
        assert all(2 <= c.sets <= 4 for c in chosen)
        assert sum(1 for ex in exercises if ex.spinal_load == 3) <= 1
        in_order = [c.exercise for block in choice.blocks for c in block]
        squats = [
            n
            for n, ex in enumerate(in_order)
            if ex.pattern is Pattern.SQUAT and ex.spinal_load == 3
        ]
        hinges = [
            n
            for n, ex in enumerate(in_order)
            if ex.pattern is Pattern.HINGE and ex.spinal_load >= 2
        ]
        assert not squats or all(n < squats[0] for n in hinges)
        for a, b in choice.pairs:
            assert a.sets == b.sets
            assert pair_allowed(a.exercise, b.exercise)
    for first, second in combinations(sessions, 2):
        gap = min_gap(first.spec, second.spec)
        mine = {m for c in first.chosen() for m in c.exercise.primary}
        theirs = {m for c in second.chosen() for m in c.exercise.primary}
        if gap < 48:
            assert not mine & theirs, (first.spec.title, second.spec.title)
        heavy = [
            any(is_heavy_lower_barbell(c.exercise) for c in s.chosen()) for s in (first, second)
        ]
        if gap < 72:
            assert not all(heavy)
    entries = [(c.exercise, c.sets) for s in sessions for c in s.chosen()]
    for group in PLANNED_GROUPS:
        half = sum(group_half(ex, group) * n for ex, n in entries)
        assert half <= problem.highs[group]
        short = solution.shortfall.get(group)
        assert (half < problem.lows[group]) == (short is not None)


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"setting": "home", "equipment": ["dumbbells", "bands", "pullup_bar"]},
        {"limitations": ["lower_back"], "priority": "back"},
        {"days": 6, "minutes": 45, "goal": "strength", "supersets": "on"},
        {"days": 3, "level": "beginner", "goal": "general", "order": "alternating"},
        {"days": 4, "goal": "strength"},
        {"days": 2, "minutes": 20, "supersets": "on"},
        {"weekdays": ["mon", "tue", "thu"], "minutes": 90, "priority": "legs"},
    ],
    ids=["seed", "home", "lower-back", "six-days", "full-body", "upper-lower", "short", "close"],
)
def test_a_solved_week_keeps_every_rule_the_model_owns(overrides: dict[str, Any]) -> None:
    problem = problem_for(**overrides)
    assert_keeps_the_rules(problem, solve_week(problem))


def test_the_same_problem_gives_the_same_week() -> None:
    problem = problem_for(days=4, minutes=50)

    def picks(solution: WeekSolution) -> list[list[tuple[str, int]]]:
        return [[(c.candidate.id, c.sets) for c in s.chosen()] for s in solution.sessions]

    assert picks(solve_week(problem)) == picks(solve_week(problem))


def test_supersets_off_means_none_and_on_means_some() -> None:
    tight = {"days": 2, "minutes": 30}
    off = solve_week(problem_for(supersets="off", **tight))
    on = solve_week(problem_for(supersets="on", **tight))
    assert not any(s.pairs for s in off.sessions)
    assert any(s.pairs for s in on.sessions)


def test_sessions_a_day_apart_share_no_prime_mover() -> None:
    base = problem_for(days=2)
    monday, thursday = base.sessions
    tuesday = replace(thursday, weekday=Weekday.TUE)
    problem = replace(base, sessions=(monday, tuesday))
    solution = solve_week(problem)
    assert_keeps_the_rules(problem, solution)
    first, second = solution.sessions
    assert not {m for c in first.chosen() for m in c.exercise.primary} & {
        m for c in second.chosen() for m in c.exercise.primary
    }


def test_short_sessions_report_the_band_lows_they_miss() -> None:
    solution = solve_week(problem_for(days=2, minutes=20))
    assert set(solution.shortfall) >= {*PLANNED_GROUPS} - {next(iter(PLANNED_GROUPS))}
    assert all(v > 0 for v in solution.shortfall.values())


def test_priority_groups_get_more_than_the_others() -> None:
    legs = solve_week(problem_for(priority="legs", minutes=75))
    back = solve_week(problem_for(priority="back", minutes=75))

    def credit(solution: WeekSolution, group: Any) -> int:
        return sum(
            group_half(c.exercise, group) * c.sets for s in solution.sessions for c in s.chosen()
        )

    quads = PLANNED_GROUPS[0]
    back_group = PLANNED_GROUPS[3]
    assert credit(legs, quads) >= credit(back, quads)
    assert credit(back, back_group) >= credit(legs, back_group)


def test_a_session_with_no_compound_to_open_with_is_dropped_and_says_why() -> None:
    """Once a NoOpenerError: now the model drops the session and keeps the others."""
    problem = problem_for(days=2)
    spec = problem.sessions[0]
    only_isolation = tuple(c for c in problem.candidates[0] if not c.exercise.is_compound)
    broken = replace(problem, candidates=(only_isolation, problem.candidates[1]))
    solution = solve_week(broken)
    assert solution.kept == (1,)
    assert [s.spec.title for s in solution.sessions] == ["Back & Legs B"]
    assert solution.off[0].startswith("no compound exercise fits the gym kit")
    assert spec.kind is SessionKind.BACK_LEGS


def test_sessions_that_cannot_both_keep_48_hours_lose_one_not_the_week() -> None:
    """Two back & legs days a day apart whose only moves share prime movers: the model
    keeps the first and drops the second instead of failing."""
    base = problem_for(days=2)
    monday, thursday = base.sessions
    tuesday = replace(thursday, weekday=Weekday.TUE)
    squat_row = {"barbell-back-squat", "barbell-bent-over-row"}
    same = tuple(c for c in base.candidates[0] if c.id in squat_row)
    assert len(same) == 2
    problem = replace(base, sessions=(monday, tuesday), candidates=(same, same))
    solution = solve_week(problem)
    assert solution.kept == (0,)
    assert 1 not in solution.off  # dropped by the search, not for want of exercises


def test_the_greedy_hint_is_a_feasible_week() -> None:
    from ortools.sat.python import cp_model

    from redwood.planner.solver import _Model

    for overrides in (
        {},
        {"days": 5, "minutes": 40},
        {"setting": "outdoor"},
        # three back & legs days: every session is opened before any is filled, so the
        # first two cannot use up the band tops the third needs (once an infeasible hint)
        {"goal": "endurance", "days": 5, "minutes": 45, "setting": "outdoor"},
        {"days": 5, "minutes": 45, "setting": "outdoor", "order": "legs_first"},
        {"days": 2, "minutes": 45, "order": "alternating"},
    ):
        problem = problem_for(**overrides)
        model = _Model(problem, cp_model)
        model.build()
        model.hint(greedy_week(problem))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.fix_variables_to_their_hinted_value = True
        assert solver.solve(model.m) in (cp_model.OPTIMAL, cp_model.FEASIBLE), overrides


def test_a_weekday_override_uses_that_days_kit() -> None:
    kit = frozenset({Equipment.DUMBBELLS, Equipment.NONE})
    profile = make_profile(
        goal="hypertrophy",
        level="intermediate",
        days=2,
        minutes=60,
        setting_by_day={"thu": "home"},
        equipment_by_setting={"home": ["dumbbells"]},
    )
    problem = prepare(profile, CATALOGUE).problem
    monday, thursday = problem.sessions
    assert (monday.setting, thursday.setting) == (Setting.GYM, Setting.HOME)
    assert thursday.equipment == kit
    solution = solve_week(problem)
    assert_keeps_the_rules(problem, solution)
    for chosen in solution.sessions[1].chosen():
        assert set(chosen.exercise.equipment) <= kit
        assert Setting.HOME in chosen.exercise.settings


def test_with_no_time_to_search_the_greedy_week_is_the_answer() -> None:
    """The model always has a week: when the search finds none, the hint is taken."""
    problem = replace(problem_for(days=5), deterministic_time=1e-9, retry_time=1e-9)
    solution = solve_week(problem)
    assert solution.status == "HINT"
    assert_keeps_the_rules(problem, solution)
    hint = greedy_week(problem)
    for s, choice in zip(solution.kept, solution.sessions, strict=True):
        assert {problem.candidates[s].index(c.candidate) for c in choice.chosen()} == set(
            hint.picks[s]
        )
