"""From the solver's blocks to session plans, and from a session plan to a week's session.

The order is the model's (positions.py): the solver places every block, so nothing here
reorders. Roles: the first main-pattern compound of each region in straight sets is a main lift
(3-6 reps for strength, 4-6 in a hypertrophy block's strength week); the rest are
accessories. The solver planned time with the longest dose of either role.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from redwood.domain.exercise import Exercise
from redwood.domain.profile import Profile
from redwood.domain.program import Block, BlockType, PlannedSession, Prescription, WeekFocus
from redwood.domain.timing import DEFAULT_PAIR_REST_SECONDS, estimated_minutes, session_seconds
from redwood.domain.vocab import Region
from redwood.planner.candidates import Candidate, SessionSpec, dose_for
from redwood.planner.problem import SessionChoice

MAIN, ACCESSORY = "main", "accessory"


@dataclass(frozen=True, slots=True)
class Item:
    """One exercise of a session plan: its candidate, build sets and role."""

    candidate: Candidate
    sets: int
    role: str = ACCESSORY

    @property
    def exercise(self) -> Exercise:
        """The exercise."""
        return self.candidate.exercise


@dataclass(frozen=True, slots=True)
class PlanBlock:
    """Straight sets of one item, or a superset of two."""

    items: tuple[Item, ...]

    @property
    def is_pair(self) -> bool:
        """True for a superset."""
        return len(self.items) == 2


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """A session's exercises in order, the same every week of a block."""

    spec: SessionSpec
    blocks: tuple[PlanBlock, ...]
    templated: bool = False

    def items(self) -> tuple[Item, ...]:
        """Every item in the order done."""
        return tuple(item for block in self.blocks for item in block.items)


def plan_session(choice: SessionChoice, templated: bool) -> SessionPlan:
    """The model's blocks in its order, with roles: the first main-pattern compound in
    straight sets per region is main."""
    mains: set[Region] = set()
    blocks = []
    for members in choice.blocks:
        items = []
        for chosen in members:
            region = chosen.candidate.region
            role = ACCESSORY
            if len(members) == 1 and chosen.candidate.main_eligible and region not in mains:
                mains.add(region)
                role = MAIN
            items.append(Item(chosen.candidate, chosen.sets, role))
        blocks.append(PlanBlock(tuple(items)))
    return SessionPlan(choice.spec, tuple(blocks), templated)


def prescription(
    profile: Profile, item: Item, sets: int, rir: int, focus: WeekFocus
) -> Prescription:
    """An item's prescription for one week: the focus's dose, the week's RIR and sets."""
    cand = item.candidate
    dose = dose_for(profile.goal, profile.level, cand.exercise, main=item.role == MAIN, focus=focus)
    reps_min, reps_max = cand.reps if cand.reps is not None else (dose.reps_min, dose.reps_max)
    rest = cand.rest if cand.rest is not None else dose.rest_seconds
    return Prescription(
        exercise=cand.id,
        sets=sets,
        reps_min=reps_min,
        reps_max=reps_max,
        rir=max(0, min(5, rir)),
        rest_seconds=rest,
        role=item.role,
        reason=dose.source,
    )


def planned_session(
    profile: Profile,
    plan: SessionPlan,
    sets: Sequence[int],
    rir: int,
    focus: WeekFocus,
    lookup: Callable[[str], Exercise],
) -> PlannedSession:
    """The week's session: `sets` per item in order, timed by the time model."""
    counts = iter(sets)
    blocks = []
    for block in plan.blocks:
        rxs = tuple(prescription(profile, item, next(counts), rir, focus) for item in block.items)
        if block.is_pair:
            blocks.append(Block(BlockType.SUPERSET, rxs, DEFAULT_PAIR_REST_SECONDS))
        else:
            blocks.append(Block(BlockType.STRAIGHT, rxs))
    draft = PlannedSession(
        weekday=plan.spec.weekday,
        title=plan.spec.title,
        kind=plan.spec.kind,
        regions=plan.spec.regions,
        estimated_minutes=0,
        blocks=tuple(blocks),
        setting=str(plan.spec.setting),
    )
    return PlannedSession(
        weekday=draft.weekday,
        title=draft.title,
        kind=draft.kind,
        regions=draft.regions,
        estimated_minutes=estimated_minutes(draft, lookup),
        blocks=draft.blocks,
        setting=draft.setting,
    )


def seconds_of(
    profile: Profile,
    plan: SessionPlan,
    sets: Sequence[int],
    focus: WeekFocus,
    lookup: Callable[[str], Exercise],
) -> int:
    """Session seconds for these sets in a week of `focus` (RIR does not change time)."""
    return session_seconds(planned_session(profile, plan, sets, 2, focus, lookup), lookup)
