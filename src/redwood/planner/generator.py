"""Profile -> program: split, candidates, one CP-SAT week, periodised weeks, reasons.

1. `choose_split` places the sessions on the athlete's weekdays;
2. each session gets its candidates (rules 1-3 of its weekday) or a template's slots;
3. the base week is solved as one CP-SAT model (solver.py) toward each group's target,
   leaving the ramp room under the band top; the model drops a session only when no
   rule-keeping version of it exists, and a warning names it, its day and why;
4. `plan_weeks` periodises it: RIR and focus per week, sets ramping per group, deloads at
   `deload_sets`, accessories rotating at block boundaries (weeks.py);
5. `estimated_minutes` comes from the time model; warnings and rationale from explain.py.

The only `PlanError`s: an unknown template, and a week none of whose sessions can hold
any rule-keeping exercise (one line naming a session, its day and why).

Importing this module does not import OR-Tools: the solver imports it when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from redwood.catalog import Catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.periodisation import WeekPlan, plan_weeks
from redwood.domain.profile import Priority, Profile
from redwood.domain.program import Program, WeekFocus, WeekKind
from redwood.domain.split import Split, choose_split
from redwood.domain.timing import GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS, needs_ramp_up
from redwood.domain.vocab import Goal
from redwood.domain.volume import VolumeGroup, weekly_band
from redwood.planner.assemble import SessionPlan, plan_session
from redwood.planner.candidates import Candidate, SessionSpec, session_candidates
from redwood.planner.explain import Explained, rationale, warnings
from redwood.planner.problem import W_MAIN_LIFT, InfeasibleError, WeekProblem, WeekSolution
from redwood.planner.rules import (
    OTHER_GROUPS,
    PLANNED_GROUPS,
    effective_region,
    lacks_opener,
    low_is_hard,
    opener_ok,
)
from redwood.planner.solver import solve_week
from redwood.planner.templated import TemplateFill, fill_template
from redwood.planner.templates import TEMPLATES, Template
from redwood.planner.weeks import WeekBuilder

LEG_GROUPS = (VolumeGroup.QUADS, VolumeGroup.HAMSTRINGS, VolumeGroup.GLUTES)
DETERMINISTIC_TIME = 0.4
"""CP-SAT's deterministic time limit per week (about 0.4 s here): never wall-clock, so a
profile and seed always give the same program."""


class PlanError(ValueError):
    """A profile no program can serve; one line for the athlete."""


def _template(template: str | Template | None) -> Template | None:
    if template is None or isinstance(template, Template):
        return template
    found = TEMPLATES.get(str(template).strip().lower())
    if found is None:
        raise PlanError(f"unknown template {template!r} (use one of {', '.join(TEMPLATES)})")
    return found


def _targets(profile: Profile, plans: Sequence[WeekPlan]) -> tuple[dict[VolumeGroup, int], ...]:
    """Half-set lows, highs and targets per planned group, and lows of the other groups.

    Priority groups aim at the band top less the ramp's room; with a balanced priority
    every group aims at the middle; the others aim at their low.
    """
    room = 2 * max((p.extra_sets for p in plans if p.kind is WeekKind.BUILD), default=0)
    priority = {
        Priority.LEGS: LEG_GROUPS,
        Priority.BACK: (VolumeGroup.BACK,),
        Priority.BALANCED: (),
    }[profile.priority]
    lows, highs, targets = {}, {}, {}
    for group in PLANNED_GROUPS:
        band = weekly_band(profile.goal, profile.level, group)
        low, high = int(band.low * 2), int(band.high * 2)
        lows[group], highs[group] = low, high
        if group in priority:
            targets[group] = max(low, high - room)
        elif profile.priority is Priority.BALANCED:
            targets[group] = max(low, (low + high) // 2 - room // 2)
        else:
            targets[group] = low
    others = {g: int(weekly_band(profile.goal, profile.level, g).low * 2) for g in OTHER_GROUPS}
    return lows, highs, targets, others


def _specs(profile: Profile, split: Split) -> tuple[SessionSpec, ...]:
    return tuple(
        SessionSpec(
            weekday=slot.weekday,
            kind=slot.kind,
            title=slot.title,
            regions=slot.regions,
            setting=profile.setting_on(slot.weekday),
            equipment=profile.equipment_on(slot.weekday),
        )
        for slot in split.slots
    )


def _candidates(
    profile: Profile,
    specs: Sequence[SessionSpec],
    exercises: Sequence[Exercise],
    focuses: tuple[WeekFocus, ...],
    template: Template | None,
    ramp: bool,
) -> tuple[tuple[tuple[Candidate, ...], ...], list[TemplateFill | None]]:
    fills: list[TemplateFill | None] = []
    candidates = []
    for spec in specs:
        fill = None
        if template is not None:
            fill = fill_template(profile, template, spec, exercises, focuses, ramp=ramp)
        fills.append(fill)
        if fill is None:
            candidates.append(session_candidates(profile, spec, exercises, focuses, ramp=ramp))
            continue
        rest = [r for r in spec.regions if r not in fill.regions]
        more = session_candidates(profile, spec, exercises, focuses, regions=rest, ramp=ramp)
        candidates.append(fill.candidates + more)
    return tuple(candidates), fills


@dataclass(frozen=True, slots=True)
class Setup:
    """Everything before the solve: the split, week plans, sessions and the week problem."""

    profile: Profile
    template: Template | None
    split: Split
    plans: tuple[WeekPlan, ...]
    focuses: tuple[WeekFocus, ...]
    ramp: bool
    fills: tuple[TemplateFill | None, ...]
    problem: WeekProblem


def prepare(
    profile: Profile,
    catalogue: Catalogue,
    *,
    seed: int = 0,
    template: str | Template | None = None,
) -> Setup:
    """Split, periodisation plan, candidates and the base week's problem for a profile."""
    chosen = _template(template)
    split = choose_split(profile)
    specs = _specs(profile, split)
    plans = plan_weeks(profile)
    focuses = tuple(dict.fromkeys(p.focus for p in plans)) or (WeekFocus.HYPERTROPHY,)
    ramp = any(p.extra_sets for p in plans if p.kind is WeekKind.BUILD)
    candidates, fills = _candidates(profile, specs, catalogue.exercises, focuses, chosen, ramp)
    lows, highs, targets, others = _targets(profile, plans)
    region = effective_region(profile)
    open_any = frozenset(
        s for s, spec in enumerate(specs) if lacks_opener(spec, candidates[s], region)
    )
    problem = WeekProblem(
        sessions=specs,
        candidates=candidates,
        budget_seconds=profile.session_minutes * 60,
        effective_region=region,
        lows=lows,
        highs=highs,
        targets=targets,
        other_lows=others,
        supersets=profile.supersets,
        seed=seed % (2**31),
        deterministic_time=DETERMINISTIC_TIME,
        preferred_pairs=tuple(
            (s, i, j) for s, fill in enumerate(fills) if fill for i, j in fill.pairs
        ),
        main_bonus=W_MAIN_LIFT if profile.goal is Goal.STRENGTH else 0,
        open_any=open_any,
        order=profile.order,
    )
    return Setup(profile, chosen, split, plans, focuses, ramp, tuple(fills), problem)


def generate_program(
    profile: Profile,
    catalogue: Catalogue,
    *,
    seed: int = 0,
    template: str | Template | None = None,
) -> Program:
    """The athlete's program: deterministic for a profile, catalogue and seed.

    `template` names one of `TEMPLATES` (or is one). The best program that keeps every
    hard rule, with warnings for what it cannot give; `PlanError` (one line) only for an
    unknown template or when no session of the week can hold any exercise.
    """
    setup = prepare(profile, catalogue, seed=seed, template=template)
    try:
        solution = solve_week(setup.problem)
    except InfeasibleError as exc:  # pragma: no cover - the greedy week always exists
        raise PlanError(f"no program keeps every rule for this profile: {exc}") from None
    setup, dropped = _kept(setup, solution)
    problem = setup.problem
    base = tuple(
        plan_session(choice, setup.fills[s] is not None)
        for s, choice in enumerate(solution.sessions)
    )
    lookup = _lookup(catalogue)
    builder = WeekBuilder(
        profile,
        catalogue.exercises,
        lookup,
        problem.highs,
        problem.lows,
        _group_order(profile),
        setup.focuses,
        setup.ramp,
    )
    weeks = builder.build(setup.plans, base)
    name = setup.template.name if setup.template else None
    explained = Explained(
        profile=profile,
        split=setup.split,
        plans=setup.plans,
        solution=solution,
        base=base,
        weeks=weeks,
        candidates=problem.candidates,
        template_notes=_merged_notes(problem.sessions, setup.fills),
        rotation_notes=tuple(builder.notes),
        template=setup.template,
        opening_notes=dropped + _opening_notes(problem, base),
        template_left_out={
            n: why for fill in reversed(setup.fills) if fill for n, why in fill.left_out
        },
    )
    return Program(
        profile=profile,
        weeks=weeks,
        warnings=tuple(warnings(explained, lookup)),
        rationale=tuple(rationale(explained, lookup)),
        seed=seed,
        template=name,
    )


def _day(spec: SessionSpec) -> str:
    return str(spec.weekday).capitalize()


def _without(setup: Setup, keep: Sequence[int]) -> Setup:
    p = setup.problem
    index = {old: new for new, old in enumerate(keep)}
    problem = replace(
        p,
        sessions=tuple(p.sessions[s] for s in keep),
        candidates=tuple(p.candidates[s] for s in keep),
        preferred_pairs=tuple((index[s], i, j) for s, i, j in p.preferred_pairs if s in index),
        open_any=frozenset(index[s] for s in p.open_any if s in index),
    )
    return replace(setup, problem=problem, fills=tuple(setup.fills[s] for s in keep))


def _kept(setup: Setup, solution: WeekSolution) -> tuple[Setup, tuple[str, ...]]:
    """The week's kept sessions only, with a warning naming each dropped one and why
    (rule 10); a `PlanError` naming a session and why when none is kept."""
    p = setup.problem
    reasons = {
        s: solution.off.get(s) or dropped_reason(p, s)
        for s in range(len(p.sessions))
        if s not in solution.kept
    }
    if not solution.kept:
        s = min(solution.off) if solution.off else 0
        raise PlanError(f"{p.sessions[s].title} ({_day(p.sessions[s])}): {reasons[s]}")
    notes = tuple(
        f"{p.sessions[s].title} ({_day(p.sessions[s])}) is dropped from the week: {why}."
        for s, why in sorted(reasons.items())
    )
    return (_without(setup, solution.kept) if reasons else setup), notes


def dropped_reason(problem: WeekProblem, s: int) -> str:
    """Why the search dropped session `s`: its opener and one move per body part do not fit
    its minutes, or none of its exercises keeps 48 h and every other rule of the week."""
    spec, cands = problem.sessions[s], problem.candidates[s]

    def cost(c: Candidate, opens: bool) -> int:
        ramp = RAMP_UP_SECONDS if opens or needs_ramp_up(c.exercise) else 0
        return c.worst_seconds(c.set_options[0]) + ramp

    region = problem.opening_region(s)
    openers = [c for c in cands if opener_ok(spec, c, region)]
    quickest = min((cost(c, True) for c in openers), default=0)
    for needed in (r for r in spec.regions if low_is_hard(spec, r)):
        if openers and all(c.region is not needed for c in openers):
            moves = [cost(c, False) for c in cands if c.region is needed]
            if GENERAL_WARMUP_SECONDS + quickest + min(moves, default=0) > problem.budget_seconds:
                minutes = problem.budget_seconds // 60
                return f"no {needed} exercise fits beside its opener in {minutes} minutes"
    return (
        "no exercise that fits it keeps 48 h from the sessions around it that train the "
        "same muscles and every other rule"
    )


def _opening_notes(problem: WeekProblem, base: Sequence[SessionPlan]) -> tuple[str, ...]:
    """Rule 6's excuse: a legs-and-back session that opens outside the effective region."""
    notes = []
    for s in sorted(problem.open_any):
        spec, first = problem.sessions[s], base[s].items()[0].exercise
        if first.region is problem.effective_region:  # pragma: no cover - cannot happen
            continue
        notes.append(
            f"{spec.title} ({str(spec.weekday).capitalize()}) opens with {first.region}: no "
            f"{problem.effective_region} compound fits the {spec.setting} kit, level and "
            "limitations."
        )
    return tuple(notes)


def _merged_notes(
    specs: Sequence[SessionSpec], fills: Sequence[TemplateFill | None]
) -> tuple[str, ...]:
    """Each template note once, with the sessions it applies to."""
    merged: dict[str, list[str]] = {}
    for spec, fill in zip(specs, fills, strict=True):
        for note in fill.notes if fill else ():
            merged.setdefault(note, []).append(spec.title)
    return tuple(f"{' and '.join(titles)}: {note}" for note, titles in merged.items())


def _group_order(profile: Profile) -> tuple[VolumeGroup, ...]:
    if profile.priority is Priority.BACK:
        return (VolumeGroup.BACK, *LEG_GROUPS)
    return (*LEG_GROUPS, VolumeGroup.BACK)


def _lookup(catalogue: Catalogue) -> Callable[[str], Exercise]:
    def lookup(exercise_id: str) -> Exercise:
        found = catalogue.get(exercise_id)
        if found is None:
            raise PlanError(f"unknown exercise {exercise_id!r}")
        return found

    return lookup
