"""A quick greedy week that keeps every hard rule: the solver's starting hint.

Every session (legs-and-back days first) gets its opener, then every session one move
for each region that wants one, so an early session cannot use up the week's band tops
and recovery before a later one is opened; then each session takes the move that buys
the most objective per second while it fits, then more sets while they help, then a
template's optional slots. A session that cannot be opened, or cannot hold its one legs
and one back move, is left empty (dropped in the hint; the model may still keep it). The
hint never breaks a hard constraint of the model, so CP-SAT starts from a feasible week
and spends its time improving it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redwood.domain.recovery import HEAVY_LOWER_HOURS, MIN_HOURS_SAME_MUSCLE, is_heavy_lower_barbell
from redwood.domain.timing import GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS, needs_ramp_up
from redwood.domain.vocab import Muscle
from redwood.planner.candidates import Candidate
from redwood.planner.ordering import hint_order
from redwood.planner.problem import (
    W_ABOVE_BASE,
    W_BELOW_DOSE,
    W_COMPOUND,
    W_FATIGUE,
    W_FAV,
    W_OTHER,
    W_RANK,
    W_SHORT,
    W_SLOT,
    W_TARGET,
    WeekProblem,
    opener_score,
    slot_weight,
)
from redwood.planner.rules import (
    MAX_EXERCISES,
    MAX_PER_PATTERN,
    PLANNED_GROUPS,
    group_half,
    low_is_hard,
    min_gap,
    opener_ok,
    pattern_ranks,
    region_limits,
    spine_clash,
    trains_both,
)


@dataclass
class _Session:
    picks: dict[int, int] = field(default_factory=dict)
    opener: int | None = None
    seconds: int = GENERAL_WARMUP_SECONDS
    muscles: set[Muscle] = field(default_factory=set)
    heavy: bool = False


@dataclass(frozen=True, slots=True)
class Hint:
    """Picks per session (candidate index -> sets), each session's opener index, and the
    picks in a rule-keeping order (all straight sets; `hint_order`)."""

    picks: tuple[dict[int, int], ...]
    openers: tuple[int | None, ...]
    orders: tuple[tuple[int, ...], ...]


class _Greedy:
    def __init__(self, problem: WeekProblem) -> None:
        self.p = problem
        self.state = [_Session() for _ in problem.sessions]
        self.credit = dict.fromkeys(PLANNED_GROUPS, 0)
        self.other = dict.fromkeys(problem.other_lows, 0)
        self.ranks = [pattern_ranks(cands) for cands in problem.candidates]
        specs = problem.sessions
        self.gaps = [[min_gap(a, b) for b in specs] for a in specs]

    def cost(self, s: int, i: int, sets: int, opener: bool) -> int:
        c = self.p.candidates[s][i]
        ramp = RAMP_UP_SECONDS if needs_ramp_up(c.exercise) or opener else 0
        return c.worst_seconds(sets) + ramp

    def value(self, c: Candidate, sets: int, rank: int = 0) -> int:
        ex, total = c.exercise, 0
        for group in PLANNED_GROUPS:
            gain = group_half(ex, group) * sets
            before = self.credit[group]
            total += W_SHORT * max(0, min(gain, self.p.lows[group] - before))
            total += W_TARGET * max(0, min(gain, self.p.targets[group] - before))
        for group, low in self.p.other_lows.items():
            gain = group_half(ex, group) * sets
            total += W_OTHER * max(0, min(gain, low - self.other[group]))
        total += W_FAV * c.favourite + W_COMPOUND * ex.is_compound - W_RANK * rank - c.penalty
        total += self.p.main_bonus * c.main_eligible
        total += W_SLOT * slot_weight(c) if c.slot is not None else 0
        return total - W_FATIGUE * sets * ex.systemic_fatigue

    def fits(self, s: int, i: int, sets: int, opener: bool = False) -> bool:
        st, c = self.state[s], self.p.candidates[s][i]
        ex, spec = c.exercise, self.p.sessions[s]
        if i in st.picks or sets not in c.set_options or len(st.picks) >= MAX_EXERCISES:
            return False
        for t in range(len(self.state)):
            if t == s:
                continue
            gap = self.gaps[s][t]
            if gap < MIN_HOURS_SAME_MUSCLE and set(ex.primary) & self.state[t].muscles:
                return False
            heavy_there = self.state[t].heavy and is_heavy_lower_barbell(ex)
            if gap < HEAVY_LOWER_HOURS and heavy_there:
                return False
        mine = [self.p.candidates[s][j].exercise for j in st.picks]
        if any(spine_clash(ex, other) for other in mine):
            return False
        if sum(1 for o in mine if o.region is ex.region) >= region_limits(spec, ex.region)[1]:
            return False
        if sum(1 for o in mine if o.pattern is ex.pattern) >= MAX_PER_PATTERN:
            return False
        for group in PLANNED_GROUPS:
            if self.credit[group] + group_half(ex, group) * sets > self.p.highs[group]:
                return False
        return st.seconds + self.cost(s, i, sets, opener) <= self.p.budget_seconds

    def add(self, s: int, i: int, sets: int, opener: bool = False) -> None:
        st, c = self.state[s], self.p.candidates[s][i]
        st.seconds += self.cost(s, i, sets, opener)
        st.picks[i] = sets
        st.muscles |= set(c.exercise.primary)
        st.heavy = st.heavy or is_heavy_lower_barbell(c.exercise)
        if opener:
            st.opener = i
        self._count(c, sets)

    def _count(self, c: Candidate, sets: int) -> None:
        for group in PLANNED_GROUPS:
            self.credit[group] += group_half(c.exercise, group) * sets
        for group in self.other:
            self.other[group] += group_half(c.exercise, group) * sets

    def first_sets(self, c: Candidate) -> int:
        wanted = max(c.preferred_sets[0], min(3, c.preferred_sets[1]))
        return wanted if wanted in c.set_options else c.set_options[-1]

    def best(self, s: int, indices: list[int], opener: bool = False) -> int | None:
        scored = []
        for i in indices:
            c = self.p.candidates[s][i]
            for sets in sorted({self.first_sets(c), c.set_options[0]}, reverse=True):
                if self.fits(s, i, sets, opener):
                    cost = self.cost(s, i, sets, opener)
                    rank = opener_score(c) if opener else 0
                    value = self.value(c, sets, self.ranks[s][i])
                    scored.append((rank, value * 600 // max(cost, 1), -i, sets))
                    break
        if not scored:
            return None
        _, _, neg_i, sets = max(scored)
        self.add(s, -neg_i, sets, opener)
        return -neg_i

    def open(self, s: int) -> None:
        """The session's opener (a template's slotted compound first)."""
        spec, cands = self.p.sessions[s], self.p.candidates[s]
        region = self.p.opening_region(s)
        openers = [i for i, c in enumerate(cands) if opener_ok(spec, c, region) and not c.optional]
        slotted = [i for i in openers if cands[i].slot is not None]
        self.best(s, slotted or openers, opener=True)

    def regions(self, s: int) -> None:
        """One move for every region that wants one."""
        spec, cands = self.p.sessions[s], self.p.candidates[s]
        for region in spec.regions:
            have = sum(1 for j in self.state[s].picks if cands[j].region is region)
            if have < max(1, region_limits(spec, region)[0]) and region_limits(spec, region)[1]:
                self.best(
                    s, [i for i, c in enumerate(cands) if c.region is region and not c.optional]
                )

    def fill(self, s: int) -> None:
        """The move that buys the most per second while it fits, again and again."""
        cands = self.p.candidates[s]
        while True:
            pool = [
                i
                for i, c in enumerate(cands)
                if not c.optional and self.value(c, self.first_sets(c)) > 0
            ]
            if self.best(s, pool) is None:
                break

    def complete(self, s: int) -> bool:
        """The session holds its hard minimum per region (rule 10's 1 legs and 1 back)."""
        spec, cands = self.p.sessions[s], self.p.candidates[s]
        for region in spec.regions:
            low = region_limits(spec, region)[0]
            have = sum(1 for i in self.state[s].picks if cands[i].region is region)
            if low_is_hard(spec, region) and have < low:
                return False
        return True

    def extras(self, s: int) -> None:
        """A template's optional slots last, when they still fit."""
        cands = self.p.candidates[s]
        self.best(s, [i for i, c in enumerate(cands) if c.optional])

    def _more_sets(self, s: int) -> None:
        st = self.state[s]
        for i in sorted(st.picks):
            c = self.p.candidates[s][i]
            while st.picks[i] + 1 in c.set_options:
                sets = st.picks[i]
                gain = self._one_more(c, sets)
                extra = c.worst_seconds(sets + 1) - c.worst_seconds(sets)
                over = any(
                    self.credit[g] + group_half(c.exercise, g) > self.p.highs[g]
                    for g in PLANNED_GROUPS
                )
                if gain <= 0 or over or st.seconds + extra > self.p.budget_seconds:
                    break
                st.seconds += extra
                st.picks[i] = sets + 1
                self._count(c, 1)

    def _one_more(self, c: Candidate, sets: int) -> int:
        ex, total = c.exercise, 0
        for group in PLANNED_GROUPS:
            gain = group_half(ex, group)
            total += W_SHORT * max(0, min(gain, self.p.lows[group] - self.credit[group]))
            total += W_TARGET * max(0, min(gain, self.p.targets[group] - self.credit[group]))
        for group, low in self.p.other_lows.items():
            total += W_OTHER * max(0, min(group_half(ex, group), low - self.other[group]))
        if sets < c.preferred_sets[0]:
            total += W_BELOW_DOSE * 2
        if sets + 1 > c.preferred_sets[1]:
            total -= W_ABOVE_BASE
        return total - W_FATIGUE * ex.systemic_fatigue


def greedy_week(problem: WeekProblem) -> Hint:
    """A feasible-looking week to start the solver from (legs-and-back days first)."""
    greedy = _Greedy(problem)
    order = sorted(
        range(len(problem.sessions)),
        key=lambda s: (not trains_both(problem.sessions[s]), s),
    )
    for s in order:
        greedy.open(s)
    opened = [s for s in order if greedy.state[s].opener is not None]
    for step in (greedy.regions, greedy.fill, greedy._more_sets, greedy.extras):
        for s in opened:
            step(s)
    for s in opened:
        if not greedy.complete(s):
            greedy.state[s] = _Session()  # dropped in the hint: the model may keep it
    picks = tuple(st.picks for st in greedy.state)
    openers = tuple(st.opener for st in greedy.state)
    return Hint(
        picks=picks,
        openers=openers,
        orders=tuple(
            hint_order(problem, s, picks[s], openers[s]) for s in range(len(problem.sessions))
        ),
    )
