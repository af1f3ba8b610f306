"""One CP-SAT model per week: which sessions, exercises and sets, the order, the supersets.

All sessions of the week are solved together, since weekly volume, variety and recovery
join them. Hard constraints (spec rules 1-10 as they apply to one week):

- candidates already pass rules 1-3 (candidates.py);
- sessions: `on[s]` keeps session s; a session no rule-keeping version of which exists is
  dropped (rule 10), and keeping one is worth more than anything it could hold, so the
  model drops as few as it can (push and upper days, then the latest, first);
- time: warm-up + blocks by the exact time model (domain/timing.py), with the longest dose
  the program gives each exercise, is at most the session budget;
- spine: at most one spinal-load-3 exercise; a loaded hinge never after a maximal squat
  (the order below);
- order (ordering.py, a compact formulation): one opener per kept session, a straight
  compound (of the effective region on legs-and-back days) at position 0; every other
  block follows a precedence ranking that keeps compounds before isolation within a
  region and loaded hinges before maximal squats; a maximal squat opens only without a
  loaded hinge in the session;
- supersets: two moves of different regions, no shared primary muscle, not both spine
  loading, none at spinal load 3, equal sets (one variable per set count), never the
  opener; a template's slots pair only as the template writes them;
- recovery: sessions under 48 h apart share no primary muscle; sessions under 72 h apart
  do not both hold heavy lower-body barbell work;
- rule 10: 1-3 legs and 1-3 back moves on kept back & legs days, 2-4 sets each;
- volume: quads, hamstrings, glutes and back stay at or under their band top (hard), and
  reach their band low or pay per missing half set (soft, reported as warnings).

The objective (weights in problem.py) then prefers priority groups near their target,
favourites, two or three moves per body part, variety across the week, compounds, little
fatigue, and catalogue order last. The greedy hint (greedy.py) is a feasible week, so the
model always has an answer. OR-Tools is imported inside `solve_week` only: importing it
costs about 0.3 s.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from itertools import combinations
from typing import Any

from redwood.domain.recovery import HEAVY_LOWER_HOURS, MIN_HOURS_SAME_MUSCLE, is_heavy_lower_barbell
from redwood.domain.vocab import Muscle
from redwood.domain.volume import VolumeGroup
from redwood.planner.greedy import Hint, greedy_week
from redwood.planner.model import SessionModel, more_than
from redwood.planner.ordering import block_order, pair_head
from redwood.planner.problem import (
    W_DUP,
    W_OTHER,
    W_SHORT,
    W_TARGET,
    Chosen,
    InfeasibleError,
    SessionChoice,
    WeekProblem,
    WeekSolution,
)
from redwood.planner.rules import PLANNED_GROUPS, group_half, min_gap


class _Model(SessionModel):
    """The week model: the sessions, then recovery, volume and variety across them."""

    def build(self) -> None:
        self.sessions()
        self._recovery()
        self._volume()
        self._variety()
        self.selection = sum(self.terms)
        self.m.maximize(self.selection)

    def _recovery(self) -> None:
        m, sessions, cands = self.m, self.p.sessions, self.p.candidates
        used: dict[tuple[int, Muscle], Any] = {}
        heavy: dict[int, Any] = {}

        def flag(s: int, idx: list[int], name: str) -> Any:
            var = m.new_bool_var(name)
            for i in idx:
                m.add_implication(self.x[s, i], var)
            self._aux(var, partial(more_than, s=s, idx=idx, count=0))
            return var

        def muscle(s: int, mu: Muscle) -> Any:
            if (s, mu) not in used:
                idx = [i for i, c in enumerate(cands[s]) if mu in c.exercise.primary]
                used[s, mu] = flag(s, idx, f"u{s}_{mu}")
            return used[s, mu]

        for s, t in combinations(range(len(sessions)), 2):
            gap = min_gap(sessions[s], sessions[t])
            if gap < MIN_HOURS_SAME_MUSCLE:
                mine = {mu for c in cands[s] for mu in c.exercise.primary}
                theirs = {mu for c in cands[t] for mu in c.exercise.primary}
                for mu in sorted(mine & theirs):
                    m.add(muscle(s, mu) + muscle(t, mu) <= 1)
            if gap < HEAVY_LOWER_HOURS:
                for r in (s, t):
                    if r not in heavy:
                        idx = [
                            i for i, c in enumerate(cands[r]) if is_heavy_lower_barbell(c.exercise)
                        ]
                        heavy[r] = flag(r, idx, f"h{r}")
                m.add(heavy[s] + heavy[t] <= 1)

    def _group(self, group: VolumeGroup) -> Any:
        expr: list[Any] = []
        for s, cands in enumerate(self.p.candidates):
            for i, c in enumerate(cands):
                share = group_half(c.exercise, group)
                if share:
                    expr.extend(k * share * self.y[s, i, k] for k in c.set_options)
        return sum(expr)

    def _volume(self) -> None:
        m, p = self.m, self.p
        for group in PLANNED_GROUPS:
            volume = self._group(group)
            m.add(volume <= p.highs[group])
            short = m.new_int_var(0, p.lows[group], f"short_{group}")
            m.add(volume + short >= p.lows[group])
            reach = m.new_int_var(0, p.targets[group], f"reach_{group}")
            m.add(reach <= volume)
            self.terms += [-W_SHORT * short, W_TARGET * reach]
            low, target = p.lows[group], p.targets[group]
            self._aux(short, partial(self._short, group, low))
            self._aux(reach, partial(self._reach, group, target))
        for group, low in sorted(p.other_lows.items()):
            volume = self._group(group)
            if low and not isinstance(volume, int):
                reach = m.new_int_var(0, low, f"other_{group}")
                m.add(reach <= volume)
                self.terms.append(W_OTHER * reach)
                self._aux(reach, partial(self._reach, group, low))

    def _variety(self) -> None:
        """Variety across the week: each repeat of an exercise costs, except a template's
        slots, which repeat by design (`Template.design`)."""
        seen: dict[str, list[Any]] = {}
        for (s, i), x in self.x.items():
            if self.p.candidates[s][i].slot is None:
                seen.setdefault(self.p.candidates[s][i].id, []).append(x)
        for ex_id, xs in seen.items():
            if len(xs) > 1:
                dup = self.m.new_int_var(0, len(xs) - 1, f"dup_{ex_id}")
                self.m.add(dup >= sum(xs) - 1)
                self.terms.append(-W_DUP * dup)
                self._aux(dup, partial(self._dup, ex_id))

    def _short(self, group: VolumeGroup, low: int, hint: Hint) -> int:
        return max(0, low - self._credit(hint, group))

    def _reach(self, group: VolumeGroup, cap: int, hint: Hint) -> int:
        return min(cap, self._credit(hint, group))

    def _dup(self, ex_id: str, hint: Hint) -> int:
        return max(0, self._uses(hint, ex_id) - 1)

    def _credit(self, hint: Hint, group: VolumeGroup) -> int:
        return sum(
            group_half(self.p.candidates[s][i].exercise, group) * sets
            for s, picks in enumerate(hint.picks)
            for i, sets in picks.items()
        )

    def _uses(self, hint: Hint, ex_id: str) -> int:
        return sum(
            1
            for s, picks in enumerate(hint.picks)
            for i in picks
            if self.p.candidates[s][i].id == ex_id and self.p.candidates[s][i].slot is None
        )

    def hint(self, hint: Hint) -> None:
        for (s, i), x in self.x.items():
            self.m.add_hint(x, i in hint.picks[s])
        for (s, i, k), y in self.y.items():
            self.m.add_hint(y, hint.picks[s].get(i) == k)
        for (s, i), o in self.o.items():
            self.m.add_hint(o, hint.openers[s] == i)
        for z in self.z.values():
            self.m.add_hint(z, False)
        for var, value in self.aux:
            self.m.add_hint(var, value(hint))

    def read(self, solver: Any) -> tuple[tuple[SessionChoice, ...], tuple[int, ...]]:
        """The kept sessions' blocks in the model's order (`block_order` of the choice),
        and the kept sessions' indices."""
        out = []
        kept = tuple(s for s, on in self.on.items() if solver.boolean_value(on))
        for s in kept:
            cands = self.p.candidates[s]
            rank = self.ranks[s]
            chosen: dict[int, Chosen] = {}
            for (ss, i, k), y in self.y.items():
                if ss == s and solver.boolean_value(y):
                    chosen[i] = Chosen(cands[i], k)
            pairs: dict[int, tuple[int, int]] = {}
            for (ss, i, j, _), z in self.z.items():
                if ss == s and solver.boolean_value(z):
                    head = pair_head(rank, i, j)
                    pairs[head] = (j if head == i else i, head)
            paired = {n for pair in pairs.values() for n in pair}
            opener = next(i for (ss, i), o in self.o.items() if ss == s and solver.boolean_value(o))
            straight = {i for i in chosen if i not in paired}
            order = block_order(self.p, s, rank, straight, set(pairs), opener)
            blocks = tuple(
                tuple(chosen[n] for n in pairs[i]) if i in pairs else (chosen[i],) for i in order
            )
            out.append(
                SessionChoice(
                    spec=self.p.sessions[s],
                    blocks=blocks,
                    planned_seconds=int(solver.value(self.seconds[s])),
                )
            )
        return tuple(out), kept


def shortfall(
    problem: WeekProblem, sessions: tuple[SessionChoice, ...]
) -> dict[VolumeGroup, Decimal]:
    """Sets each planned group misses its band low by (`group_sets` count); only misses."""
    missing = {}
    for group in PLANNED_GROUPS:
        got = sum(
            group_half(c.exercise, group) * c.sets for session in sessions for c in session.chosen()
        )
        if got < problem.lows[group]:
            missing[group] = Decimal(problem.lows[group] - got) / 2
    return missing


def solve_week(problem: WeekProblem) -> WeekSolution:
    """Solve one week: the best week the search finds, sessions dropped where no
    rule-keeping version of them exists (`kept`, `off`).

    Deterministic for a problem and seed: one worker, the seed as the solver's seed and a
    deterministic (not wall-clock) time limit, starting from the greedy hint. The model
    always has a week (the hint's); when the search finds none in its time, it tries once
    more for `problem.retry_time`, then takes the hint itself. `InfeasibleError` only if even the
    hint fails, which would be a bug.
    """
    from ortools.sat.python import cp_model

    hint = greedy_week(problem)
    model = _Model(problem, cp_model)
    model.keep_all = all(opener is not None for opener in hint.openers)
    model.build()
    model.hint(hint)
    found = (cp_model.OPTIMAL, cp_model.FEASIBLE)
    solver, status = None, cp_model.UNKNOWN
    tries = ((problem.deterministic_time, False), (problem.retry_time, False), (0.0, True))
    for limit, fixed in tries:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = problem.seed
        if limit:
            solver.parameters.max_deterministic_time = limit
        solver.parameters.fix_variables_to_their_hinted_value = fixed
        status = solver.solve(model.m)
        if status in found:
            break
    if status not in found or solver is None:
        raise InfeasibleError("no week found, not even the greedy one")
    sessions, kept = model.read(solver)
    return WeekSolution(
        sessions=sessions,
        shortfall=shortfall(problem, sessions),
        status="HINT" if fixed else solver.status_name(status),
        objective=int(solver.value(model.selection)),
        kept=kept,
        off=dict(model.off),
    )
