"""The session half of the week model: choices, sets, supersets, opener, counts, spine, time.

`SessionModel` holds the CP-SAT variables of every session of a week and adds the
constraints one session keeps on its own (spec rules 4-7 and 10); `solver.py` adds the
rules that join the sessions (recovery, weekly volume, variety), the hint and the solve.
Every variable that is not a choice is registered with the value it takes for a given
hint, so the greedy week can be handed to CP-SAT complete.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import combinations
from typing import Any

from redwood.domain.profile import SupersetPreference
from redwood.domain.timing import GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS, needs_ramp_up
from redwood.domain.vocab import Pattern
from redwood.planner.candidates import Candidate
from redwood.planner.greedy import Hint
from redwood.planner.problem import (
    W_BELOW_DOSE,
    W_COMPOUND,
    W_FATIGUE,
    W_FAV,
    W_FEW,
    W_OPENER,
    W_RANK,
    W_SAME_PATTERN,
    W_SLOT,
    W_SUPERSET_AUTO,
    W_SUPERSET_ON,
    NoOpenerError,
    WeekProblem,
    opener_score,
    slot_weight,
)
from redwood.planner.rules import (
    MAX_EXERCISES,
    MAX_PER_PATTERN,
    WANTED_PER_REGION,
    low_is_hard,
    opener_ok,
    pair_allowed,
    pair_candidates,
    pair_saving,
    pattern_ranks,
    region_limits,
    spine_clash,
)


class SessionModel:
    """The variables of a week's sessions and the constraints each session keeps alone.

    `x[s, i]`: candidate i is in session s; `y[s, i, k]`: with k sets; `z[s, i, j, k]`:
    i and j as a superset of k rounds; `o[s, i]`: i opens session s.
    """

    def __init__(self, problem: WeekProblem, cp_model: Any) -> None:
        self.p = problem
        self.m = cp_model.CpModel()
        self.x: dict[tuple[int, int], Any] = {}
        self.y: dict[tuple[int, int, int], Any] = {}
        self.z: dict[tuple[int, int, int, int], Any] = {}
        self.o: dict[tuple[int, int], Any] = {}
        self.terms: list[Any] = []
        self.seconds: dict[int, Any] = {}
        self.aux: list[tuple[Any, Callable[[Hint], int]]] = []

    def sessions(self) -> None:
        """Add every session's variables and its own constraints."""
        for s, cands in enumerate(self.p.candidates):
            self._choices(s, cands)
            self._pairs(s, cands)
            self._openers(s, cands)
            self._counts(s, cands)
            self._spine(s, cands)
            self._time(s, cands)

    def _choices(self, s: int, cands: tuple[Candidate, ...]) -> None:
        m = self.m
        for i, (c, rank) in enumerate(zip(cands, pattern_ranks(cands), strict=True)):
            x = self.x[s, i] = m.new_bool_var(f"x{s}_{i}")
            ys = []
            for k in c.set_options:
                y = self.y[s, i, k] = m.new_bool_var(f"y{s}_{i}_{k}")
                ys.append(y)
                self.terms.append(-W_FATIGUE * k * c.exercise.systemic_fatigue * y)
                if k < c.preferred_sets[0]:
                    self.terms.append(-W_BELOW_DOSE * (c.preferred_sets[0] - k) * y)
            m.add(sum(ys) == x)
            value = W_FAV * c.favourite + W_COMPOUND * c.exercise.is_compound - W_RANK * rank
            value += self.p.main_bonus * c.main_eligible - c.penalty
            if c.slot is not None:
                value += W_SLOT * slot_weight(c)
            if value:
                self.terms.append(value * x)

    def _pairs(self, s: int, cands: tuple[Candidate, ...]) -> None:
        if self.p.supersets is SupersetPreference.OFF:
            return
        weight = W_SUPERSET_ON if self.p.supersets is SupersetPreference.ON else -W_SUPERSET_AUTO
        wanted = {(i, j) for ss, i, j in self.p.preferred_pairs if ss == s}
        allowed = {
            (min(i, j), max(i, j))
            for i, j in wanted
            if pair_allowed(cands[i].exercise, cands[j].exercise)
        }
        for i, j in sorted(set(pair_candidates(cands)) | allowed):
            a, b = cands[i], cands[j]
            bonus = W_SLOT // 10 if (i, j) in allowed else weight
            for k in sorted(set(a.set_options) & set(b.set_options)):
                if pair_saving(a, b, k) <= 0:
                    continue
                z = self.z[s, i, j, k] = self.m.new_bool_var(f"z{s}_{i}_{j}_{k}")
                self.m.add_implication(z, self.y[s, i, k])
                self.m.add_implication(z, self.y[s, j, k])
                self.terms.append(bonus * z)

    def _pair_use(self, s: int, i: int) -> list[Any]:
        return [z for (ss, a, b, _), z in self.z.items() if ss == s and i in (a, b)]

    def _openers(self, s: int, cands: tuple[Candidate, ...]) -> None:
        spec, openers = self.p.sessions[s], []
        for i, c in enumerate(cands):
            use = self._pair_use(s, i)
            if opener_ok(spec, c, self.p.opening_region(s)):
                o = self.o[s, i] = self.m.new_bool_var(f"o{s}_{i}")
                openers.append(o)
                use = [o, *use]
                self.terms.append(W_OPENER * opener_score(c) * o)
            if use:
                self.m.add(sum(use) <= self.x[s, i])
        if not openers:
            raise NoOpenerError(
                f"{spec.title} ({str(spec.weekday).capitalize()}): no compound exercise "
                f"fits the {spec.setting} kit, level and limitations, and a session opens "
                "with one"
            )
        self.m.add_exactly_one(openers)

    def _counts(self, s: int, cands: tuple[Candidate, ...]) -> None:
        m, spec = self.m, self.p.sessions[s]
        m.add(sum(self.x[s, i] for i in range(len(cands))) <= MAX_EXERCISES)
        for region in spec.regions:
            members = [self.x[s, i] for i, c in enumerate(cands) if c.region is region]
            low, high = region_limits(spec, region)
            hard = low_is_hard(spec, region)
            if hard and len(members) < low:
                raise NoOpenerError(
                    f"{spec.title} ({str(spec.weekday).capitalize()}): no {region} exercise fits "
                    f"the {spec.setting} kit, level and limitations"
                )
            if not members:
                continue
            m.add(sum(members) <= high)
            if hard:
                m.add(sum(members) >= low)
            wanted = WANTED_PER_REGION if hard else low
            if wanted:
                few = m.new_int_var(0, wanted, f"few{s}_{region}")
                m.add(few >= wanted - sum(members))
                self.terms.append(-W_FEW * few)
                idx = [i for i, c in enumerate(cands) if c.region is region]
                self._aux(few, partial(_missing, s=s, idx=idx, wanted=wanted))
        patterns: dict[Pattern, list[Any]] = {}
        for i, c in enumerate(cands):
            patterns.setdefault(c.exercise.pattern, []).append(self.x[s, i])
        for pattern, members in patterns.items():
            if len(members) > 1:
                m.add(sum(members) <= MAX_PER_PATTERN)
                second = m.new_bool_var(f"second{s}_{pattern}")
                m.add(second >= sum(members) - 1)
                self.terms.append(-W_SAME_PATTERN * second)
                idx = [i for i, c in enumerate(cands) if c.exercise.pattern is pattern]
                self._aux(second, partial(more_than, s=s, idx=idx, count=1))

    def _spine(self, s: int, cands: tuple[Candidate, ...]) -> None:
        for i, j in combinations(range(len(cands)), 2):
            if spine_clash(cands[i].exercise, cands[j].exercise):
                self.m.add(self.x[s, i] + self.x[s, j] <= 1)

    def _time(self, s: int, cands: tuple[Candidate, ...]) -> None:
        expr: list[Any] = []
        for i, c in enumerate(cands):
            if needs_ramp_up(c.exercise):
                expr.append(RAMP_UP_SECONDS * self.x[s, i])
            elif (s, i) in self.o:
                expr.append(RAMP_UP_SECONDS * self.o[s, i])
            expr.extend(c.worst_seconds(k) * self.y[s, i, k] for k in c.set_options)
        for (ss, i, j, k), z in self.z.items():
            if ss == s:
                expr.append(-pair_saving(cands[i], cands[j], k) * z)
        total = GENERAL_WARMUP_SECONDS + sum(expr)
        self.m.add(total <= self.p.budget_seconds)
        self.seconds[s] = total

    def _aux(self, var: Any, value: Callable[[Hint], int]) -> None:
        self.aux.append((var, value))


def picked_count(hint: Hint, s: int, idx: list[int]) -> int:
    """How many of the candidates `idx` of session `s` the hint picks."""
    return sum(1 for i in idx if i in hint.picks[s])


def _missing(hint: Hint, *, s: int, idx: list[int], wanted: int) -> int:
    return max(0, wanted - picked_count(hint, s, idx))


def more_than(hint: Hint, *, s: int, idx: list[int], count: int) -> int:
    """1 when the hint picks more than `count` of the candidates `idx` of session `s`."""
    return int(picked_count(hint, s, idx) > count)
