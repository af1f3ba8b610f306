"""Blocks, deload weeks, effort and focus across the program, and the rotation rule.

Numbers (TRAINING.md 4 unless said):

- **Blocks** of 4-6 weeks, the last week of each a deload (surveyed coaches deload every
  5.6 +- 2.3 weeks: Bell 2023 Delphi; Rogerson/Bell 2024). Beginners plan 4-week blocks
  (3 build + deload), everyone else 5 (4 + 1), as near as the program length allows;
  ties go to fewer, longer blocks. 7 weeks cannot be cut into 4-6-week blocks: it is one
  block of 6 build weeks and a deload, the deload 6 weeks in, inside the surveyed range.
- **RIR** across a block's build weeks: 3, 2, 1, then 1 (hard sets end 0-4 RIR: Robinson
  2024; Refalo 2023); beginners 3, 3, 2, then 2 (dosage: beginners keep 2-3 in reserve).
  A deload week is the block's last build RIR + 2, at most 5 (deload: RIR +2-3).
- **Extra sets** across build weeks, per muscle group: 0, +1, +2, +3 ... (advance by 1-2
  sets a week inside a block: Schoenfeld 2017; Baz-Valle 2022); beginners 0, +1, +1, +2.
  The generator adds them only while the group's band, 4 sets per exercise and the time
  budget allow. Deload weeks have none: their sets are `deload_sets` of the build sets.
- **Focus** by goal (seed `000`: vary intensity across weeks): strength blocks alternate
  strength and hypertrophy weeks, starting heavy; hypertrophy blocks are hypertrophy weeks
  with the last build week a strength week for the main lifts; endurance weeks for
  endurance; hypertrophy weeks for general. A deload keeps its block's first focus.
- **Rotation** at block boundaries only, never at random (Kassiano 2022): see `rotate`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from redwood.domain.exercise import Exercise
from redwood.domain.profile import Profile
from redwood.domain.program import WeekFocus, WeekKind
from redwood.domain.vocab import Goal, Level

MIN_BLOCK_WEEKS, MAX_BLOCK_WEEKS = 4, 6
"""Block length, deload included (Bell 2023: deload every 4-6 weeks)."""
PREFERRED_BLOCK_WEEKS = {Level.BEGINNER: 4, Level.INTERMEDIATE: 5, Level.ADVANCED: 5}
"""3 build + deload for beginners, 4 + 1 otherwise (spec)."""
BUILD_RIR = (3, 2, 1)
"""Target RIR of a block's build weeks, the last repeated for longer blocks."""
BEGINNER_BUILD_RIR = (3, 3, 2)
"""Beginners keep 2-3 reps in reserve (dosage; Zourdos 2016 on RIR accuracy)."""
DELOAD_RIR_STEP, MAX_RIR = 2, 5
"""Deload: RIR +2 (Bell 2023: +2-3), never above 5 (RIR is unreliable past 4-5: Hackett 2017)."""


class PeriodisationError(ValueError):
    """A week count or set count that cannot be periodised; one line for the athlete."""


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """One week of the program: its 1-based `index`, `block` and `week_in_block`, build or
    deload, its focus, its target RIR and the sets to add per muscle group (build weeks)."""

    index: int
    block: int
    kind: WeekKind
    focus: WeekFocus
    rir: int
    extra_sets: int
    week_in_block: int


def block_lengths(weeks: int, level: Level) -> tuple[int, ...]:
    """Weeks per block, deload included, for a program of `weeks` (4-16).

    The block count is the one whose average length is nearest the level's preferred
    length (ties: fewer blocks) among those that fit 4-6-week blocks; the weeks are then
    spread evenly, longer blocks first. 8 = 4+4, 10 = 5+5, 12 = 4+4+4 (beginners) or 6+6,
    16 = 4x4 (beginners) or 6+5+5. 7 weeks is one 7-week block (module docstring).
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 4 <= weeks <= 16:
        raise PeriodisationError(f"a program lasts 4-16 weeks (got {weeks})")
    preferred = PREFERRED_BLOCK_WEEKS[level]
    counts = [
        n
        for n in range(1, weeks // MIN_BLOCK_WEEKS + 1)
        if MIN_BLOCK_WEEKS * n <= weeks <= MAX_BLOCK_WEEKS * n
    ]
    if not counts:
        return (weeks,)
    count = min(counts, key=lambda n: (abs(weeks / n - preferred), n))
    base, longer = divmod(weeks, count)
    return tuple(base + 1 if i < longer else base for i in range(count))


def _build_focus(goal: Goal, build_index: int, builds: int) -> WeekFocus:
    if goal is Goal.STRENGTH:
        return WeekFocus.STRENGTH if build_index % 2 == 0 else WeekFocus.HYPERTROPHY
    if goal is Goal.ENDURANCE:
        return WeekFocus.ENDURANCE
    if goal is Goal.HYPERTROPHY and build_index == builds - 1:
        return WeekFocus.STRENGTH
    return WeekFocus.HYPERTROPHY


def _build_rir(level: Level, build_index: int) -> int:
    schedule = BEGINNER_BUILD_RIR if level is Level.BEGINNER else BUILD_RIR
    return schedule[min(build_index, len(schedule) - 1)]


def _extra_sets(level: Level, build_index: int) -> int:
    if level is Level.BEGINNER:
        return (build_index + 1) // 2
    return build_index


def deload_rir(rir: int) -> int:
    """A deload week's RIR: the build RIR + 2, at most 5."""
    return min(rir + DELOAD_RIR_STEP, MAX_RIR)


def plan_weeks(profile: Profile) -> tuple[WeekPlan, ...]:
    """Every week of the profile's program: block, build or deload, focus, RIR, extra sets."""
    plans: list[WeekPlan] = []
    for block, length in enumerate(block_lengths(profile.weeks, profile.level), start=1):
        builds = length - 1
        for b in range(builds):
            plans.append(
                WeekPlan(
                    index=len(plans) + 1,
                    block=block,
                    kind=WeekKind.BUILD,
                    focus=_build_focus(profile.goal, b, builds),
                    rir=_build_rir(profile.level, b),
                    extra_sets=_extra_sets(profile.level, b),
                    week_in_block=b + 1,
                )
            )
        plans.append(
            WeekPlan(
                index=len(plans) + 1,
                block=block,
                kind=WeekKind.DELOAD,
                focus=_build_focus(profile.goal, 0, builds),
                rir=deload_rir(_build_rir(profile.level, builds - 1)),
                extra_sets=0,
                week_in_block=length,
            )
        )
    return tuple(plans)


def deload_sets(sets: int) -> int:
    """About half the sets, at least 1: 1 -> 1, 2 -> 1, 3 -> 2, 4 -> 2, 5 -> 3 (Bell 2023)."""
    if isinstance(sets, bool) or not isinstance(sets, int) or sets < 1:
        raise PeriodisationError(f"sets must be a whole number of 1 or more (got {sets})")
    return max(1, (sets + 1) // 2)


def rotate(
    exercise: Exercise, candidates: Mapping[str, Exercise], used: Collection[str]
) -> Exercise:
    """The exercise an accessory becomes at a block boundary, or itself.

    `candidates` maps id -> Exercise for every exercise that passes every hard rule in
    this session (kit, setting, limitations, level, exclusions); `used` holds the ids
    already in the session. The answer is the first of `exercise.substitutes` (catalogue
    order, best first) that is a candidate of the same pattern and not used; else the
    exercise itself. Deterministic: rotation is never random (Kassiano 2022). Call it on
    the current block's exercise; the core lifts (first one or two of a session) stay.
    """
    for ref in exercise.substitutes:
        substitute = candidates.get(ref)
        if (
            substitute is not None
            and ref != exercise.id
            and ref not in used
            and substitute.pattern is exercise.pattern
        ):
            return substitute
    return exercise
