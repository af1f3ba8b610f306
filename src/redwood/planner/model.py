"""The session half of the week model: kept or dropped, choices, sets, supersets, opener
and order (ordering.py), counts, spine, time.

`SessionModel` holds the CP-SAT variables of every session of a week and adds the
constraints one session keeps on its own (spec rules 4-7 and 10); a session none of whose
versions keeps them is dropped (`on[s]` 0, and `off` says why when that is known before
the search: nothing fits it). `solver.py` adds the
rules that join the sessions (recovery, weekly volume, variety), the hint and the solve.
Every variable that is not a choice is registered with the value it takes for a given
hint, so the greedy week can be handed to CP-SAT complete.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from redwood.domain.profile import SupersetPreference
from redwood.domain.program import SessionKind
from redwood.domain.timing import GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS, needs_ramp_up
from redwood.domain.vocab import Pattern
from redwood.planner.candidates import Candidate
from redwood.planner.greedy import Hint
from redwood.planner.ordering import PositionModel
from redwood.planner.problem import (
    W_ABOVE_BASE,
    W_BELOW_DOSE,
    W_COMPOUND,
    W_FATIGUE,
    W_FAV,
    W_FEW,
    W_RANK,
    W_SAME_PATTERN,
    W_SESSION,
    W_SESSION_BL,
    W_SESSION_EARLY,
    W_SLOT,
    W_SUPERSET_AUTO,
    W_SUPERSET_ON,
    WeekProblem,
    slot_weight,
)
from redwood.planner.rules import (
    MAX_EXERCISES,
    MAX_PER_PATTERN,
    WANTED_PER_REGION,
    low_is_hard,
    pair_allowed,
    pair_candidates,
    pair_saving,
    pattern_ranks,
    region_limits,
)


class SessionModel(PositionModel):
    """The variables of a week's sessions and the constraints each session keeps alone.

    `x[s, i]`: candidate i is in session s; `y[s, i, k]`: with k sets; `z[s, i, j, k]`:
    i and j as a superset of k rounds; `o[s, i]`: i opens session s (position 0; the
    other blocks' positions follow from the choice, ordering.py).
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
        self.on: dict[int, Any] = {}
        self.off: dict[int, str] = {}
        self.keep_all = False
        """Set when the greedy week keeps every session: then every session is kept (the
        most there can be), and the model need not weigh dropping any."""
        self._init_positions()

    def sessions(self) -> None:
        """Add every session's variables and its own constraints."""
        for s, cands in enumerate(self.p.candidates):
            self._keep(s)
            self._choices(s, cands)
            self._pairs(s, cands)
            self._positions(s, cands)
            self._counts(s, cands)
            self._spine(s, cands)
            self._time(s, cands)

    def _keep(self, s: int) -> None:
        """`on[s]`: the session is kept. Worth more than anything else it could hold, so
        only a session with no rule-keeping version is dropped (rule 10)."""
        on = self.on[s] = self.m.new_bool_var(f"on{s}")
        self._aux(on, partial(_kept, s=s))
        if self.keep_all:
            self.m.add(on == 1)
        else:
            self.terms.append(session_weight(self.p, s) * on)

    def _switch_off(self, s: int, why: str) -> None:
        self.off.setdefault(s, why)
        self.m.add(self.on[s] == 0)

    def _choices(self, s: int, cands: tuple[Candidate, ...]) -> None:
        m = self.m
        for i, (c, rank) in enumerate(zip(cands, pattern_ranks(cands), strict=True)):
            x = self.x[s, i] = m.new_bool_var(f"x{s}_{i}")
            m.add_implication(x, self.on[s])
            ys = []
            for k in c.set_options:
                y = self.y[s, i, k] = m.new_bool_var(f"y{s}_{i}_{k}")
                ys.append(y)
                self.terms.append(-W_FATIGUE * k * c.exercise.systemic_fatigue * y)
                if k < c.preferred_sets[0]:
                    self.terms.append(-W_BELOW_DOSE * (c.preferred_sets[0] - k) * y)
                if k > c.preferred_sets[1]:
                    self.terms.append(-W_ABOVE_BASE * (k - c.preferred_sets[1]) * y)
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
            if (a.slot is not None or b.slot is not None) and (i, j) not in allowed:
                continue  # a template writes its own supersets out
            bonus = W_SLOT // 10 if (i, j) in allowed else weight
            for k in sorted(set(a.set_options) & set(b.set_options)):
                if pair_saving(a, b, k) <= 0:
                    continue
                z = self.z[s, i, j, k] = self.m.new_bool_var(f"z{s}_{i}_{j}_{k}")
                self.m.add_implication(z, self.y[s, i, k])
                self.m.add_implication(z, self.y[s, j, k])
                self.terms.append(bonus * z)

    def _counts(self, s: int, cands: tuple[Candidate, ...]) -> None:
        m, spec = self.m, self.p.sessions[s]
        m.add(sum(self.x[s, i] for i in range(len(cands))) <= MAX_EXERCISES)
        for region in spec.regions:
            members = [self.x[s, i] for i, c in enumerate(cands) if c.region is region]
            low, high = region_limits(spec, region)
            hard = low_is_hard(spec, region)
            if hard and len(members) < low:
                self._switch_off(
                    s, f"no {region} exercise fits the {spec.setting} kit, level and limitations"
                )
            if not members:
                continue
            m.add(sum(members) <= high)
            if hard:
                m.add(sum(members) >= low).only_enforce_if(self.on[s])
            wanted = WANTED_PER_REGION if hard else low
            if wanted:
                few = m.new_int_var(0, wanted, f"few{s}_{region}")
                m.add(few >= wanted - sum(members)).only_enforce_if(self.on[s])
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
        """One spinal-load-3 lift per session (the hinge-before-squat order is positions')."""
        heaviest = [self.x[s, i] for i, c in enumerate(cands) if c.exercise.spinal_load >= 3]
        if len(heaviest) > 1:
            self.m.add(sum(heaviest) <= 1)

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


def session_weight(problem: WeekProblem, s: int) -> int:
    """What keeping session `s` is worth: back & legs days and earlier days a little more."""
    bl = problem.sessions[s].kind is SessionKind.BACK_LEGS
    early = len(problem.sessions) - s
    return W_SESSION + W_SESSION_BL * bl + W_SESSION_EARLY * early


def _kept(hint: Hint, *, s: int) -> int:
    return int(hint.openers[s] is not None)


def picked_count(hint: Hint, s: int, idx: list[int]) -> int:
    """How many of the candidates `idx` of session `s` the hint picks."""
    return sum(1 for i in idx if i in hint.picks[s])


def _missing(hint: Hint, *, s: int, idx: list[int], wanted: int) -> int:
    return max(0, wanted - picked_count(hint, s, idx))


def more_than(hint: Hint, *, s: int, idx: list[int], count: int) -> int:
    """1 when the hint picks more than `count` of the candidates `idx` of session `s`."""
    return int(picked_count(hint, s, idx) > count)
