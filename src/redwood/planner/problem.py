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
from redwood.domain.profile import SupersetPreference
from redwood.domain.vocab import Region
from redwood.domain.volume import VolumeGroup
from redwood.planner.candidates import Candidate, SessionSpec

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
    """Earlier template slots weigh more."""
    return max(1, 20 - (c.slot or 0))


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
    preferred_pairs: tuple[tuple[int, int, int], ...] = ()
    """(session, i, j) supersets a template asks for."""
    main_bonus: int = 0
    """Objective credit per main-pattern compound (strength: the main lifts are the goal)."""
    open_any: frozenset[int] = frozenset()
    """Legs-and-back sessions with no compound of the effective region: they open with the
    best compound of any region (a warning names them)."""

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
    """One session's picks: the opener, the straight exercises and the superset pairs."""

    spec: SessionSpec
    opener: Chosen
    straight: tuple[Chosen, ...]
    pairs: tuple[tuple[Chosen, Chosen], ...]
    planned_seconds: int

    def chosen(self) -> tuple[Chosen, ...]:
        """Every pick: straight ones (opener included), then pair members."""
        return self.straight + tuple(c for pair in self.pairs for c in pair)


@dataclass(frozen=True, slots=True)
class WeekSolution:
    """The solved week and the band lows it misses (`group_sets` count, in sets)."""

    sessions: tuple[SessionChoice, ...]
    shortfall: dict[VolumeGroup, Decimal]
    status: str
    objective: int = 0
    notes: tuple[str, ...] = field(default=())


class InfeasibleError(ValueError):
    """No week satisfies the hard rules; the message says what stands in the way.

    `proven` is False when the solver ran out of time before finding any week.
    """

    def __init__(self, message: str, *, proven: bool = True) -> None:
        super().__init__(message)
        self.proven = proven


class NoOpenerError(InfeasibleError):
    """A session has no exercise that may open it: no search can help."""
