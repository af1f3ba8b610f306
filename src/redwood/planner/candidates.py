"""The exercises a session may hold, each with its dose: what the solver chooses from.

A candidate passes hard rules 1-3 for its session's weekday (equipment and setting of that
day, limitations, level, exclusions) and belongs to one of the session's regions. Its dose
comes from `dosage_for` (TRAINING.md 2) adjusted by the week's focus; the solver plans
time with the longest of the doses the program will use, so every week fits the budget.

The list is kept small and deterministic: per pattern, per mechanic and per kind of load
(heavy lower-body barbell, spine-loading, other) the best few by favourite first, then
catalogue order (the catalogue lists each pattern's moves best first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from redwood.domain.dosage import Dosage, dosage_for
from redwood.domain.exercise import Exercise
from redwood.domain.profile import Profile, Weekday
from redwood.domain.program import SessionKind, WeekFocus
from redwood.domain.recovery import is_heavy_lower_barbell
from redwood.domain.timing import set_work_seconds, straight_seconds
from redwood.domain.vocab import (
    Equipment,
    Goal,
    Level,
    Limitation,
    Measure,
    Mechanic,
    Pattern,
    Region,
    Setting,
)

MAIN_PATTERNS = frozenset(
    {
        Pattern.SQUAT,
        Pattern.HINGE,
        Pattern.VERTICAL_PULL,
        Pattern.HORIZONTAL_PULL,
        Pattern.HORIZONTAL_PUSH,
        Pattern.VERTICAL_PUSH,
    }
)
"""Compounds of these patterns can open a session as its main lift."""
WIDE_PATTERNS = MAIN_PATTERNS | {Pattern.LUNGE, Pattern.HIP_EXTENSION}

SESSION_PATTERNS: dict[Region, tuple[Pattern, ...]] = {
    Region.LEGS: (
        Pattern.SQUAT,
        Pattern.HINGE,
        Pattern.LUNGE,
        Pattern.KNEE_EXTENSION,
        Pattern.KNEE_FLEXION,
        Pattern.HIP_EXTENSION,
        Pattern.CALF_RAISE,
    ),
    Region.BACK: (
        Pattern.VERTICAL_PULL,
        Pattern.HORIZONTAL_PULL,
        Pattern.REAR_DELT,
        Pattern.BACK_EXTENSION,
    ),
    Region.PUSH: (Pattern.HORIZONTAL_PUSH, Pattern.VERTICAL_PUSH, Pattern.LATERAL_RAISE),
    Region.ARMS: (Pattern.ELBOW_FLEXION, Pattern.ELBOW_EXTENSION),
    Region.CORE: (Pattern.CORE,),
    Region.FULL_BODY: (Pattern.CARRY, Pattern.LOCOMOTION),
}
"""The patterns a region contributes to a planned session (shrugs, hip abduction and
throws stay out of generated programs; they remain in the catalogue for the athlete)."""

PER_BUCKET = 2
"""Candidates kept per (pattern, mechanic, load kind) of a main pattern or lunges: enough
choice for two or three sessions a week to differ, and a small model. Other patterns keep
one per bucket."""

TIMED_RANGE = (20, 40)
"""Holds (seconds) and carries or sleds (metres) are prescribed at 20-40 [practitioner]."""

MIN_BUILD_SETS, MAX_BUILD_SETS = 2, 4
"""Sets per exercise in a build week (spec rule 10)."""

STRENGTH_WEEK_REPS = (4, 6)
"""Main lifts in the strength week of a hypertrophy block: heavier, 4-6 reps (seed 000)."""
STRENGTH_WEEK_REST = 180
"""Rest for those heavier sets: 3 min, the low end of ACSM's 3-5 min for main lifts."""


@dataclass(frozen=True, slots=True)
class SessionSpec:
    """One session of the week as the split places it, with that day's kit."""

    weekday: Weekday
    kind: SessionKind
    title: str
    regions: tuple[Region, ...]
    setting: Setting
    equipment: frozenset[Equipment]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One exercise the solver may put in one session, with what it costs and gives.

    `variants` are the (work, rest) seconds of every dose the program may use for it
    (week focus x main or accessory role); the solver plans with the longest.
    `set_options` are the base week's set counts; `preferred_sets` the dose's own range
    inside them (above it, a template slot's top, costs `W_ABOVE_BASE` a set; below it
    `W_BELOW_DOSE`);
    `top_sets` the most the weekly ramp may reach. `slot` is the template slot it fills,
    with that slot's `reps`, `rest`, `sets` range, whether it is `optional` and its
    `options` (what it rotates to at a block boundary), if any.
    """

    exercise: Exercise
    main_eligible: bool
    set_options: tuple[int, ...]
    preferred_sets: tuple[int, int]
    variants: tuple[tuple[int, int], ...]
    rank: int
    top_sets: int = MAX_BUILD_SETS
    penalty: int = 0
    favourite: bool = False
    slot: int | None = None
    reps: tuple[int, int] | None = None
    rest: int | None = None
    sets: tuple[int, int] | None = None
    optional: bool = False
    options: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The exercise id."""
        return self.exercise.id

    @property
    def region(self) -> Region:
        """The exercise's region."""
        return self.exercise.region

    def worst_seconds(self, sets: int) -> int:
        """The longest straight-block time for `sets` sets over every dose variant."""
        return max(straight_seconds(sets, work, rest) for work, rest in self.variants)


def _names(items: Iterable[object]) -> str:
    return ", ".join(str(item).replace("_", " ") for item in items)


def refusal(exercise: Exercise, profile: Profile, weekday: Weekday) -> str | None:
    """Why `exercise` breaks hard rules 1-3 on `weekday` (one short clause), or None."""
    setting = profile.setting_on(weekday)
    if exercise.id in profile.excluded:
        return "you excluded it"
    missing = [e for e in exercise.equipment if e is not Equipment.NONE]
    missing = [e for e in missing if e not in profile.equipment_on(weekday)]
    if missing:
        return f"no {_names(missing)} at {setting}"
    if setting not in exercise.settings:
        return f"it is not done at {setting}"
    hurt = sorted(set(exercise.stresses) & profile.limitations)
    if hurt:
        return f"it loads your {_names(hurt)}"
    if Limitation.LOWER_BACK in profile.limitations and exercise.spinal_load >= 2:
        return f"its spinal load of {exercise.spinal_load} is too much for your lower back"
    if not exercise.suits_level(profile.level):
        return f"it is an {exercise.level} move"
    return None


def is_main_eligible(exercise: Exercise) -> bool:
    """A compound of a main pattern, measured in reps: it can open a session."""
    return (
        exercise.mechanic is Mechanic.COMPOUND
        and exercise.pattern in MAIN_PATTERNS
        and exercise.measure is Measure.REPS
    )


def uses_dumbbells(exercise: Exercise) -> bool:
    """Dumbbell moves get the beginner's 12-15 reps (seed 004)."""
    return Equipment.DUMBBELLS in exercise.equipment


def dose_for(
    goal: Goal, level: Level, exercise: Exercise, *, main: bool, focus: WeekFocus
) -> Dosage:
    """The dose of `exercise` in a week of `focus` (TRAINING.md 2; spec, periodisation).

    Strength athletes alternate strength weeks (their own rows) and hypertrophy weeks (the
    hypertrophy rows). Other goals keep their rows; in a strength week their main lifts go
    heavier, 4-6 reps with 3 min rest. Holds and carries are 20-40 s or m.
    """
    row_goal = goal
    if goal is Goal.STRENGTH and focus is WeekFocus.HYPERTROPHY:
        row_goal = Goal.HYPERTROPHY
    dose = dosage_for(
        row_goal,
        level,
        exercise.mechanic,
        main_lift=main and is_main_eligible(exercise),
        dumbbells=uses_dumbbells(exercise),
    )
    if focus is WeekFocus.STRENGTH and goal is not Goal.STRENGTH and main:
        dose = replace(
            dose,
            reps_min=STRENGTH_WEEK_REPS[0],
            reps_max=STRENGTH_WEEK_REPS[1],
            rest_seconds=max(dose.rest_seconds, STRENGTH_WEEK_REST),
            source=f"{dose.source}; strength week: main lifts 4-6 reps",
        )
    if exercise.measure is not Measure.REPS:
        dose = replace(dose, reps_min=TIMED_RANGE[0], reps_max=TIMED_RANGE[1])
    return dose


def set_range(
    low: int, high: int, *, ramp: bool, full: bool = False
) -> tuple[tuple[int, ...], tuple[int, int], int]:
    """Base-week set options, the preferred range inside them and the ramp's top.

    Sets stay 2-4 (rule 10). When the program ramps, the base week keeps one set below the
    top, so the ramp has room to add it (TRAINING.md 1: advance 1-2 sets a week). With
    `full` (a template's slot, whose set range is written out) the top itself stays an
    option, at a cost (`W_ABOVE_BASE`), for a group that would otherwise start below its
    band; generated candidates leave it out, which keeps the model small.
    """
    top = max(MIN_BUILD_SETS, min(MAX_BUILD_SETS, high))
    floor = min(top, max(MIN_BUILD_SETS, low))
    base_top = top - 1 if ramp and top > floor else top
    wanted = min(base_top, floor)
    last = top if full else base_top
    return tuple(range(MIN_BUILD_SETS, last + 1)), (wanted, base_top), top


def dose_variants(
    profile: Profile,
    exercise: Exercise,
    focuses: Iterable[WeekFocus],
    reps: tuple[int, int] | None = None,
    rest: int | None = None,
) -> tuple[tuple[int, int], ...]:
    """(work, rest) seconds of every dose the program may give `exercise`."""
    roles = (True, False) if is_main_eligible(exercise) else (False,)
    seen: dict[tuple[int, int], None] = {}
    for focus in focuses:
        for main in roles:
            dose = dose_for(profile.goal, profile.level, exercise, main=main, focus=focus)
            low, high = reps if reps is not None else (dose.reps_min, dose.reps_max)
            seconds = dose.rest_seconds if rest is None else rest
            seen[(set_work_seconds(exercise, low, high), seconds)] = None
    return tuple(seen)


def make_candidate(
    profile: Profile,
    exercise: Exercise,
    focuses: tuple[WeekFocus, ...],
    rank: int,
    *,
    ramp: bool = True,
    slot: int | None = None,
    reps: tuple[int, int] | None = None,
    sets: tuple[int, int] | None = None,
    rest: int | None = None,
    penalty: int = 0,
    optional: bool = False,
    options: tuple[str, ...] = (),
) -> Candidate:
    """A candidate for `exercise`; template slots pass their own reps, sets and rest."""
    base = dose_for(profile.goal, profile.level, exercise, main=False, focus=focuses[0])
    low, high = sets if sets is not None else (base.sets_min, base.sets_max)
    set_options, preferred, top = set_range(low, high, ramp=ramp, full=slot is not None)
    return Candidate(
        exercise=exercise,
        main_eligible=is_main_eligible(exercise),
        set_options=set_options,
        preferred_sets=preferred,
        variants=dose_variants(profile, exercise, focuses, reps, rest),
        rank=rank,
        top_sets=top,
        penalty=penalty,
        favourite=exercise.id in profile.favourites,
        slot=slot,
        reps=reps,
        rest=rest,
        sets=sets,
        optional=optional,
        options=options,
    )


LOADING = frozenset(Equipment) - {
    Equipment.NONE,
    Equipment.BANDS,
    Equipment.BENCH,
    Equipment.BOX,
    Equipment.STAIRS,
    Equipment.TOWEL,
    Equipment.PULLUP_BAR,
    Equipment.DIP_STATION,
    Equipment.SUSPENSION_TRAINER,
    Equipment.BACKPACK,
}
"""Kit that loads a move beyond bodyweight and bands."""
LIGHT_PENALTY = 60
"""Objective cost of a light move (bodyweight or band, little fatigue) when weights are at
hand, and again for a bodyweight isolation drill of the lowest fatigue (a scapular pull-up
or a superman is a warm-up drill more than a hard set)."""


def light_penalty(exercise: Exercise, kit: frozenset[Equipment]) -> int:
    """How much less a light move is worth than a loaded one (see LIGHT_PENALTY)."""
    light = exercise.is_bodyweight or set(exercise.equipment) <= {
        Equipment.BANDS,
        Equipment.NONE,
        Equipment.BENCH,
        Equipment.BOX,
    }
    if not light:
        return 0
    easy = exercise.mechanic is Mechanic.ISOLATION or exercise.systemic_fatigue <= 1
    penalty = LIGHT_PENALTY if easy and kit & LOADING else 0
    drill = exercise.mechanic is Mechanic.ISOLATION and exercise.systemic_fatigue <= 1
    return penalty + (LIGHT_PENALTY if drill and exercise.is_bodyweight else 0)


def _bucket(exercise: Exercise) -> tuple[Pattern, Mechanic, bool, bool]:
    """Pattern, mechanic and kind of load: heavy lower-body barbell, spine-loading."""
    return (
        exercise.pattern,
        exercise.mechanic,
        is_heavy_lower_barbell(exercise),
        exercise.spinal_load >= 2,
    )


def preference(
    profile: Profile, kit: frozenset[Equipment]
) -> Callable[[tuple[int, Exercise]], tuple[bool, bool, bool, int]]:
    """Sort key for (catalogue index, exercise): favourites, then loadable moves when the
    kit has weights, then two-sided moves (half the time), then catalogue order."""
    loaded_kit = bool(kit & LOADING)

    def key(entry: tuple[int, Exercise]) -> tuple[bool, bool, bool, int]:
        rank, ex = entry
        loadable = bool(set(ex.equipment) & LOADING)
        return (ex.id not in profile.favourites, loaded_kit and not loadable, ex.unilateral, rank)

    return key


def session_candidates(
    profile: Profile,
    spec: SessionSpec,
    exercises: Iterable[Exercise],
    focuses: tuple[WeekFocus, ...],
    *,
    regions: Iterable[Region] | None = None,
    per_bucket: int = PER_BUCKET,
    ramp: bool = True,
) -> tuple[Candidate, ...]:
    """The candidates of one session, best first (`preference`).

    `regions` narrows the regions to fill (a template fills the others); `exercises` is
    the catalogue in its order. Favourites are always kept. When none of the session's
    regions offers a compound to open with, compounds of the other regions join in.
    """
    wanted = tuple(spec.regions if regions is None else regions)
    patterns = {p: r for r in wanted for p in SESSION_PATTERNS.get(r, ())}
    kept: list[Candidate] = []
    counts: dict[tuple[Pattern, Mechanic, bool, bool], int] = {}
    eligible = [
        (rank, ex)
        for rank, ex in enumerate(exercises)
        if patterns.get(ex.pattern) is ex.region and refusal(ex, profile, spec.weekday) is None
    ]
    for rank, exercise in sorted(eligible, key=preference(profile, spec.equipment)):
        favourite = exercise.id in profile.favourites
        key = _bucket(exercise)
        limit = per_bucket if exercise.pattern in WIDE_PATTERNS else 1
        if counts.get(key, 0) >= limit and not favourite:
            continue
        counts[key] = counts.get(key, 0) + 1
        penalty = light_penalty(exercise, spec.equipment)
        kept.append(make_candidate(profile, exercise, focuses, rank, ramp=ramp, penalty=penalty))
    if regions is None and not any(c.exercise.is_compound for c in kept):
        extra = [r for r in SESSION_PATTERNS if r not in wanted]
        more = session_candidates(
            profile, spec, exercises, focuses, regions=extra, per_bucket=1, ramp=ramp
        )
        kept.extend(c for c in more if c.exercise.is_compound)
    return tuple(kept)
