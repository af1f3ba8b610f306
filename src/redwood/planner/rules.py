"""Rule helpers shared by the solver, its greedy hint and the week builder.

Weekly volume has one count, the domain's `group_sets` (Pelland 2025): per exercise a group
gets the best credit of its muscles (primary 1.0, secondary 0.5), so one row set is one
back set. Band lows, targets and tops all use it (`group_half`), as do the validator and
the independent checker. Values are in half sets, so every coefficient is an integer.
"""

from __future__ import annotations

from itertools import product

from redwood.domain.exercise import Exercise
from redwood.domain.profile import OrderPreference, Priority, Profile, gap_hours
from redwood.domain.program import SessionKind
from redwood.domain.timing import DEFAULT_PAIR_REST_SECONDS, superset_seconds
from redwood.domain.vocab import Pattern, Region
from redwood.domain.volume import VolumeGroup, group_sets
from redwood.planner.candidates import Candidate, SessionSpec

PLANNED_GROUPS = (VolumeGroup.QUADS, VolumeGroup.HAMSTRINGS, VolumeGroup.GLUTES, VolumeGroup.BACK)
"""Always planned to a band (spec rule 9)."""

OTHER_GROUPS = (
    VolumeGroup.CHEST,
    VolumeGroup.SIDE_DELTS,
    VolumeGroup.TRICEPS,
    VolumeGroup.BICEPS,
    VolumeGroup.ABS,
    VolumeGroup.CALVES,
    VolumeGroup.REAR_DELTS,
)
"""Groups the solver gives a little credit up to their band low (push days, arms, core)."""

REGION_COUNTS: dict[SessionKind, dict[Region, tuple[int, int]]] = {
    SessionKind.BACK_LEGS: {Region.LEGS: (1, 3), Region.BACK: (1, 3), Region.CORE: (0, 1)},
    SessionKind.FULL_BODY: {
        Region.LEGS: (1, 2),
        Region.BACK: (1, 2),
        Region.PUSH: (1, 2),
        Region.CORE: (0, 1),
    },
    SessionKind.PUSH_UPPER: {Region.PUSH: (1, 3), Region.ARMS: (0, 2), Region.CORE: (0, 1)},
    SessionKind.UPPER: {Region.BACK: (1, 3), Region.PUSH: (1, 2), Region.ARMS: (0, 2)},
    SessionKind.LOWER: {Region.LEGS: (1, 4), Region.CORE: (0, 1)},
}
"""Exercises per region by session kind. The lows are hard on back & legs days (rule 10:
1-3 legs and 1-3 back) and wishes elsewhere; the highs are always hard."""
DEFAULT_COUNTS = (0, 2)
WANTED_PER_REGION = 2
"""Back & legs days aim for 2-3 moves per body part (seed 000); fewer is explained."""
MAX_PER_PATTERN = 2
MAX_EXERCISES = 7


_HALVES: dict[tuple[str, object, object, VolumeGroup], int] = {}


def group_half(exercise: Exercise, group: VolumeGroup) -> int:
    """Half sets `group` gets from one set of `exercise` (`group_sets`: best credit, doubled).

    Cached by what the count reads (id, primary and secondary muscles): hashing a whole
    `Exercise` for an lru_cache cost more than the count itself."""
    key = (exercise.id, exercise.primary, exercise.secondary, group)
    half = _HALVES.get(key)
    if half is None:
        half = _HALVES[key] = int(group_sets(exercise, 1).get(group, 0) * 2)
    return half


def effective_region(profile: Profile) -> Region:
    """The region a legs-and-back session opens with (rule 6)."""
    if profile.order is OrderPreference.LEGS_FIRST:
        return Region.LEGS
    if profile.order is OrderPreference.BACK_FIRST:
        return Region.BACK
    return Region.BACK if profile.priority is Priority.BACK else Region.LEGS


def trains_both(spec: SessionSpec) -> bool:
    """Sessions that train legs and back open in the effective region (rule 6)."""
    return Region.LEGS in spec.regions and Region.BACK in spec.regions


def min_gap(a: SessionSpec, b: SessionSpec) -> int:
    """Hours between two sessions of a repeating week, the shorter way round (0: same day)."""
    if a.weekday is b.weekday:
        return 0
    return min(gap_hours(a.weekday, b.weekday), gap_hours(b.weekday, a.weekday))


def opener_ok(spec: SessionSpec, cand: Candidate, effective: Region | None) -> bool:
    """A compound, of the effective region on a legs-and-back day (any region when
    `effective` is None: the session has no compound of that region, and a warning says so)."""
    if not cand.exercise.is_compound:
        return False
    return cand.region is effective if trains_both(spec) and effective is not None else True


def lacks_opener(spec: SessionSpec, cands: tuple[Candidate, ...], effective: Region) -> bool:
    """A legs-and-back session with no compound of the effective region but another compound:
    it opens with the best compound it has, and a warning names the session (rule 6)."""
    if not trains_both(spec) or any(opener_ok(spec, c, effective) for c in cands):
        return False
    return any(c.exercise.is_compound for c in cands)


def pair_allowed(a: Exercise, b: Exercise) -> bool:
    """Spec rule 7 for two moves, plus: different regions (a leg move with a back move)."""
    if a.region is b.region or set(a.primary) & set(b.primary):
        return False
    if a.spinal_load >= 3 or b.spinal_load >= 3:
        return False
    return not (a.spinal_load >= 2 and b.spinal_load >= 2)


def pair_worst_seconds(a: Candidate, b: Candidate, sets: int) -> int:
    """The longest superset time for `sets` rounds over every dose variant of the two."""
    return max(
        superset_seconds(sets, wa, ra, wb, rb, DEFAULT_PAIR_REST_SECONDS)
        for (wa, ra), (wb, rb) in product(a.variants, b.variants)
    )


def pair_saving(a: Candidate, b: Candidate, sets: int) -> int:
    """Seconds a superset saves over the two straight blocks, at the longest doses."""
    return a.worst_seconds(sets) + b.worst_seconds(sets) - pair_worst_seconds(a, b, sets)


def is_squat3(ex: Exercise) -> bool:
    """A maximal squat: squat pattern at spinal load 3."""
    return ex.pattern is Pattern.SQUAT and ex.spinal_load >= 3


def is_heavy_hinge(ex: Exercise) -> bool:
    """A hinge that loads the spine (2+): never after a maximal squat (rule 5)."""
    return ex.pattern is Pattern.HINGE and ex.spinal_load >= 2


def spine_clash(a: Exercise, b: Exercise) -> bool:
    """Two moves that may not share a session: two spinal-load-3 lifts, or a maximal squat
    with a loaded hinge (the planner keeps them apart rather than order them)."""
    if a.spinal_load >= 3 and b.spinal_load >= 3:
        return True
    return (is_squat3(a) and is_heavy_hinge(b)) or (is_squat3(b) and is_heavy_hinge(a))


def region_limits(spec: SessionSpec, region: Region) -> tuple[int, int]:
    """(low, high) exercises of `region` in a session of this kind."""
    return REGION_COUNTS.get(spec.kind, {}).get(region, DEFAULT_COUNTS)


def low_is_hard(spec: SessionSpec, region: Region) -> bool:
    """Rule 10's 1-3 legs and back on back & legs days; other lows are wishes."""
    return spec.kind is SessionKind.BACK_LEGS and region in (Region.LEGS, Region.BACK)


def pattern_ranks(cands: tuple[Candidate, ...]) -> list[int]:
    """Each candidate's place among the session's candidates of its pattern (0 = first)."""
    seen: dict[Pattern, int] = {}
    ranks = []
    for c in cands:
        ranks.append(seen.get(c.exercise.pattern, 0))
        seen[c.exercise.pattern] = ranks[-1] + 1
    return ranks


PARTNERS = 2
"""Superset partners considered per exercise: the first few allowed ones in list order."""


def pair_candidates(cands: tuple[Candidate, ...]) -> list[tuple[int, int]]:
    """Index pairs the solver may superset: allowed pairs, each move with its first
    `PARTNERS` allowed partners (both ways), in a fixed order."""
    partners: dict[int, list[int]] = {i: [] for i in range(len(cands))}
    for i, a in enumerate(cands):
        for j, b in enumerate(cands):
            if i != j and len(partners[i]) < PARTNERS and pair_allowed(a.exercise, b.exercise):
                partners[i].append(j)
    return sorted({(min(i, j), max(i, j)) for i, js in partners.items() for j in js})
