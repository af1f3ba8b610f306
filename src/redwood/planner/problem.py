"""The week the solver is asked to plan, what it answers, and the objective's weights.

Values only, no OR-Tools. The weights are integers, largest first: a template slot
outweighs everything, then reaching every band low, favourites, 2-3 moves per body part,
variety across the week, the priority groups' targets, the dose's own set range,
compounds, ... and catalogue order last, the tie-break that makes equal programs come out
the same way every time. The model and its greedy hint share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from redwood.domain.exercise import Exercise
from redwood.domain.profile import OrderPreference, SupersetPreference
from redwood.domain.vocab import Region
from redwood.domain.volume import VolumeGroup
from redwood.planner.candidates import Candidate, SessionSpec

W_SESSION = 1_000_000_000
"""Per session kept in the week: more than everything else a session can be worth, so the
model drops a session only when no rule-keeping version of it exists (rule 10)."""
W_SESSION_BL = 100_000_000
"""More per back & legs session kept: push and upper days go first when one must."""
W_SESSION_EARLY = 1_000_000
"""Per place earlier in the week: then the latest session goes first."""
W_SLOT = 100_000
"""Per template slot filled (earlier slots weigh more, so later ones drop first)."""
W_SHORT = 1_000
"""Per half set below a planned group's band low (the slack the warnings report)."""
W_FAV = 300
"""Per favourite exercise in the week."""
W_FEW = 400
"""Per missing move below 2 per body part on a back & legs day."""
W_DUP = 150
"""Per exercise repeated in another session of the week."""
W_SAME_PATTERN = 150
"""Per second move of one pattern in a session."""
W_TARGET = 100
"""Per half set toward a planned group's target."""
W_SUPERSET_ON = 80
"""Per superset when the athlete asked for them."""
W_BELOW_DOSE = 60
"""Per set under the dose's own set range."""
W_ABOVE_BASE = 400
"""Per set above the base week's preferred top (the ramp's room): more than a set toward
a target gives (2 x W_TARGET), less than a set toward a band low (2 x W_SHORT)."""
W_COMPOUND = 20
"""Per compound exercise."""
W_OPENER = 10
"""Times the opener's score: a heavy main lift opens."""
W_OTHER = 15
"""Per half set toward the band low of a non-planned group (push, arms, core, calves)."""
W_SUPERSET_AUTO = 10
"""Cost per superset when supersets are `auto`: used when they buy volume."""
W_RANK = 3
"""Per place down the catalogue within a pattern."""
W_MAIN_LIFT = 120
"""Per main-pattern compound for a strength athlete (TRAINING.md 2: 5-10 sets on the main
lifts, plus accessories)."""
W_FATIGUE = 2
"""Per set times the exercise's systemic fatigue (1-5)."""


def opener_score(c: Candidate) -> int:
    """Main lifts, then spine-loading and demanding ones, open a session."""
    ex = c.exercise
    return (3 if c.main_eligible else 0) + ex.spinal_load + ex.systemic_fatigue


def slot_weight(c: Candidate) -> int:
    """Earlier template slots weigh more; an optional slot least of all."""
    return 1 if c.optional else max(2, 20 - (c.slot or 0))


@dataclass(frozen=True, slots=True)
class WeekProblem:
    """Everything one week's model needs. Volumes are in half sets, all by the domain's
    `group_sets` count (best credit per exercise per group; see rules.py)."""

    sessions: tuple[SessionSpec, ...]
    candidates: tuple[tuple[Candidate, ...], ...]
    budget_seconds: int
    effective_region: Region
    lows: dict[VolumeGroup, int]
    highs: dict[VolumeGroup, int]
    targets: dict[VolumeGroup, int]
    other_lows: dict[VolumeGroup, int]
    supersets: SupersetPreference
    seed: int = 0
    deterministic_time: float = 0.4
    retry_time: float = 4.0
    """Deterministic time for a second try when the first finds no week at all."""
    preferred_pairs: tuple[tuple[int, int, int], ...] = ()
    """(session, i, j) supersets a template asks for."""
    main_bonus: int = 0
    """Objective credit per main-pattern compound (strength: the main lifts are the goal)."""
    open_any: frozenset[int] = frozenset()
    """Legs-and-back sessions with no compound of the effective region: they open with the
    best compound of any region (a warning names them)."""
    order: OrderPreference = OrderPreference.AUTO
    """The athlete's order preference (`alternating` interleaves legs and back)."""

    def opening_region(self, s: int) -> Region | None:
        """The region session `s` must open with on a legs-and-back day (None: any)."""
        return None if s in self.open_any else self.effective_region


@dataclass(frozen=True, slots=True)
class Chosen:
    """An exercise picked for a session, with its build-week sets."""

    candidate: Candidate
    sets: int

    @property
    def exercise(self) -> Exercise:
        """The exercise."""
        return self.candidate.exercise


@dataclass(frozen=True, slots=True)
class SessionChoice:
    """One session's picks in the order the model placed them: each block is one move
    (straight sets) or two (a superset, the move done first first)."""

    spec: SessionSpec
    blocks: tuple[tuple[Chosen, ...], ...]
    planned_seconds: int

    @property
    def opener(self) -> Chosen:
        """The first block's move: a straight compound."""
        return self.blocks[0][0]

    @property
    def straight(self) -> tuple[Chosen, ...]:
        """The moves done as straight sets, in order."""
        return tuple(block[0] for block in self.blocks if len(block) == 1)

    @property
    def pairs(self) -> tuple[tuple[Chosen, Chosen], ...]:
        """The supersets, in order."""
        return tuple((block[0], block[1]) for block in self.blocks if len(block) == 2)

    def chosen(self) -> tuple[Chosen, ...]:
        """Every pick: straight ones (opener included), then pair members."""
        return self.straight + tuple(c for pair in self.pairs for c in pair)


@dataclass(frozen=True, slots=True)
class WeekSolution:
    """The solved week and the band lows it misses (`group_sets` count, in sets).

    `sessions` are the kept ones, `kept` their indices in the problem; `off` says why a
    session was dropped before the search (nothing fits it); a session the search drops
    has no entry there.
    """

    sessions: tuple[SessionChoice, ...]
    shortfall: dict[VolumeGroup, Decimal]
    status: str
    objective: int = 0
    notes: tuple[str, ...] = field(default=())
    kept: tuple[int, ...] = ()
    off: dict[int, str] = field(default_factory=dict)


class InfeasibleError(ValueError):
    """The solver found no week at all, not even the greedy hint's (a bug: the model
    always has one, if need be with sessions dropped)."""
