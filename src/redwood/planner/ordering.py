"""Order in the week model (compact formulation; see notes/planner-design.md).

Every session's candidates get a fixed precedence ranking before the solve (`ranking`):
highest *order value* first among the moves whose rule predecessors are placed. The value
is a session's own ranking of its candidates, all distinct:

1. a template's slots first, in slot order (seed 000 writes the order out);
2. on a legs-and-back day, the effective region (rule 6: legs first, back first, or the
   priority's) before the other one, and legs and back before core; with `alternating`
   (or when the effective region has no compound to open with) legs and back rank alike;
   other sessions keep their regions' order;
3. compounds before isolation moves, heavy before light: spinal load, then systemic
   fatigue (Simao 2012; Nunes 2021);
4. catalogue order last.

A rule predecessor (`must_wait`): an isolation move waits for every compound of its region,
a maximal squat for every loaded hinge. So any subset of the ranking, in ranking order,
keeps rule 6's compounds before isolation and rule 5's "never a loaded hinge after a
maximal squat".

The model (`PositionModel`, mixed into `SessionModel`) chooses the blocks and the opener
`o[s, i]`, which takes position 0. Every other block follows in ranking order (a superset
takes the place of its later move, `pair_head`); with `alternating` the straight legs and
back moves come first and take turns (`lanes`), then the rest. A block's position is thus
a function of the model's own variables (`block_order` reads it), and the order rules left
to the model are constraints on the opener:

- exactly one opener in a kept session (`on[s]`), a straight compound (of the effective
  region on a legs-and-back day unless the session has none there, `open_any`): `o[s, i]`
  exists only for those;
- the opener moves to the front, so a maximal squat opens only when no loaded hinge is in
  the session; and a loaded hinge that shares a session with a maximal squat is done as
  straight sets (a superset takes the place of its later move, which could follow the
  squat).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from redwood.domain.profile import OrderPreference
from redwood.domain.vocab import Region
from redwood.planner.candidates import Candidate
from redwood.planner.problem import W_OPENER, WeekProblem, opener_score
from redwood.planner.rules import is_heavy_hinge, is_squat3, opener_ok, trains_both

LEGS_AND_BACK = (Region.LEGS, Region.BACK)


def interleaves(problem: WeekProblem, s: int) -> bool:
    """Session `s` alternates legs and back blocks (rule 6, `alternating`)."""
    spec = problem.sessions[s]
    return problem.order is OrderPreference.ALTERNATING and trains_both(spec)


def _region_rank(problem: WeekProblem, s: int, region: Region) -> int:
    spec = problem.sessions[s]
    if trains_both(spec):
        if region in LEGS_AND_BACK:
            even = interleaves(problem, s) or s in problem.open_any
            return 0 if even or region is problem.effective_region else 1
        return 2 + (spec.regions.index(region) if region in spec.regions else len(Region))
    return spec.regions.index(region) if region in spec.regions else len(spec.regions)


def order_values(problem: WeekProblem, s: int) -> tuple[int, ...]:
    """Each candidate's order value in session `s`: distinct, 1..n, higher goes earlier."""
    cands = problem.candidates[s]

    def key(i: int) -> tuple[int, ...]:
        c = cands[i]
        ex = c.exercise
        slot = (0, c.slot) if c.slot is not None else (1, 0)
        region = _region_rank(problem, s, c.region)
        heavy = (-ex.spinal_load, -ex.systemic_fatigue)
        return (*slot, region, not ex.is_compound, *heavy, c.rank, i)

    ranked = sorted(range(len(cands)), key=key)
    values = [0] * len(cands)
    for place, i in enumerate(ranked):
        values[i] = len(cands) - place
    return tuple(values)


def must_wait(cands: Sequence[Candidate], i: int, pending: Iterable[int]) -> bool:
    """Candidate i may not be placed while any of `pending` is still to come: an isolation
    move waits for the compounds of its region, a maximal squat for every loaded hinge."""
    me = cands[i].exercise
    for j in pending:
        other = cands[j].exercise
        if j == i:
            continue
        if is_squat3(me) and is_heavy_hinge(other):
            return True
        if other.region is me.region and not me.is_compound and other.is_compound:
            return True
    return False


def ranking(problem: WeekProblem, s: int) -> tuple[int, ...]:
    """Session `s`'s candidates in precedence order: again and again the highest order
    value among those whose predecessors (`must_wait`) are placed. Any subset of the
    ranking, in ranking order, keeps rule 6's compounds before isolation and rule 5's
    order."""
    cands, values = problem.candidates[s], order_values(problem, s)
    todo = sorted(range(len(cands)), key=lambda i: -values[i])
    out: list[int] = []
    while todo:
        pick = next(i for i in todo if not must_wait(cands, i, todo))
        todo.remove(pick)
        out.append(pick)
    return tuple(out)


def pair_head(rank: Mapping[int, int], i: int, j: int) -> int:
    """The member whose place a superset takes: the later one in the ranking."""
    return i if rank[i] > rank[j] else j


def lanes(problem: WeekProblem, s: int) -> tuple[Region, Region]:
    """With `alternating`: the lane that follows the opener first, then the other. The
    opener is of the effective region unless the session has no compound there."""
    effective = problem.effective_region
    other = Region.BACK if effective is Region.LEGS else Region.LEGS
    return (effective, other) if s in problem.open_any else (other, effective)


def block_order(
    problem: WeekProblem,
    s: int,
    rank: Mapping[int, int],
    straight: Collection[int],
    pair_heads: Collection[int],
    opener: int | None,
) -> tuple[int, ...]:
    """The blocks of a choice in order, each named by its head (a straight move, or the
    later member of a superset): the opener, then the rest by rank; with `alternating`
    the straight legs and back moves first, taking turns (the first lane of `lanes`
    first), then the rest by rank."""
    cands = problem.candidates[s]
    heads = sorted((i for i in {*straight, *pair_heads} if i != opener), key=rank.__getitem__)
    order = [] if opener is None else [opener]
    if interleaves(problem, s):
        first, second = lanes(problem, s)
        queues = {
            r: [i for i in heads if i in straight and cands[i].region is r] for r in (first, second)
        }
        turn = first
        while queues[first] or queues[second]:
            lane = queues[turn] or queues[second if turn is first else first]
            order.append(lane.pop(0))
            turn = second if turn is first else first
        heads = [i for i in heads if i not in order]
    return (*order, *heads)


def hint_order(
    problem: WeekProblem, s: int, picks: Mapping[int, int], opener: int | None
) -> tuple[int, ...]:
    """The greedy's picks (all straight) in block order."""
    rank = positions_of(ranking(problem, s))
    return block_order(problem, s, rank, set(picks), (), opener)


def positions_of(order: Sequence[int]) -> dict[int, int]:
    """Candidate index -> position."""
    return {i: p for p, i in enumerate(order)}


class PositionModel:
    """Mixin: the opener variables and order constraints of `SessionModel`."""

    p: WeekProblem
    m: Any
    x: dict[tuple[int, int], Any]
    z: dict[tuple[int, int, int, int], Any]
    o: dict[tuple[int, int], Any]
    on: dict[int, Any]
    terms: list[Any]
    _switch_off: Callable[[int, str], None]
    """SessionModel's: session `s` can hold no rule-keeping exercise, so it is dropped."""

    def _init_positions(self) -> None:
        self.ranks: dict[int, dict[int, int]] = {}

    def _pair_use(self, s: int, i: int) -> list[Any]:
        return [z for (ss, a, b, _), z in self.z.items() if ss == s and i in (a, b)]

    def _positions(self, s: int, cands: tuple[Candidate, ...]) -> None:
        spec, openers = self.p.sessions[s], []
        self.ranks[s] = positions_of(ranking(self.p, s))
        region = self.p.opening_region(s)
        for i, c in enumerate(cands):
            use = self._pair_use(s, i)
            if opener_ok(spec, c, region):
                o = self.o[s, i] = self.m.new_bool_var(f"o{s}_{i}")
                openers.append(o)
                use = [o, *use]
                self.terms.append(W_OPENER * opener_score(c) * o)
            if use:
                self.m.add(sum(use) <= self.x[s, i])
        if not openers:
            self._switch_off(
                s,
                f"no compound exercise fits the {spec.setting} kit, level and limitations, "
                "and a session opens with one",
            )
        self.m.add(sum(openers) == self.on[s])
        self._hinge_before_squat(s, cands)

    def _hinge_before_squat(self, s: int, cands: tuple[Candidate, ...]) -> None:
        hinges = [i for i, c in enumerate(cands) if is_heavy_hinge(c.exercise)]
        squats = [i for i, c in enumerate(cands) if is_squat3(c.exercise)]
        for q in squats:
            for h in hinges:
                if (s, q) in self.o:
                    self.m.add(self.o[s, q] + self.x[s, h] <= 1)
                for z in self._pair_use(s, h):
                    self.m.add(z + self.x[s, q] <= 1)
