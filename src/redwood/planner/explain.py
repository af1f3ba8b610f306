"""Warnings and reasons: every choice the generator makes, in one plain line each.

Warnings name what the athlete asked for and could not get: a planned group below its band
low ("quads: 6 sets a week, below the 10 the hypertrophy band asks: 2 x 20-minute sessions
leave no room for more"), heavy lower days closer than 72 h, template swaps. The rationale
says why this split, this order, these sets, which supersets and the time they save, what
was traded for time, and how the weeks progress.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from redwood.domain.exercise import Exercise
from redwood.domain.periodisation import WeekPlan
from redwood.domain.profile import Profile
from redwood.domain.program import Week, WeekKind
from redwood.domain.recovery import HEAVY_LOWER_HOURS
from redwood.domain.split import Split
from redwood.domain.vocab import Region
from redwood.domain.volume import VolumeGroup, weekly_band
from redwood.planner.assemble import MAIN, SessionPlan
from redwood.planner.candidates import Candidate, SessionSpec
from redwood.planner.problem import WeekSolution
from redwood.planner.rules import (
    PLANNED_GROUPS,
    WANTED_PER_REGION,
    effective_region,
    group_half,
    is_heavy_hinge,
    is_squat3,
    min_gap,
    pair_saving,
    trains_both,
)
from redwood.planner.template_reasons import template_lines, template_short_reason
from redwood.planner.templates import Template

Lookup = Callable[[str], Exercise]
NEAR_BUDGET = 300
"""A session within 5 minutes of its budget counts as full when explaining a shortfall."""
SPLIT_REGIONS = (Region.LEGS, Region.BACK)


@dataclass(frozen=True, slots=True)
class Explained:
    """What the explanation needs from a generated program."""

    profile: Profile
    split: Split
    plans: tuple[WeekPlan, ...]
    solution: WeekSolution
    base: tuple[SessionPlan, ...]
    weeks: tuple[Week, ...]
    candidates: tuple[tuple[Candidate, ...], ...]
    template_notes: tuple[str, ...]
    rotation_notes: tuple[str, ...]
    template: Template | None = None
    opening_notes: tuple[str, ...] = ()
    template_left_out: dict[int, str] = field(default_factory=dict)


def fmt(value: Decimal | float | int) -> str:
    """6 -> "6", 7.5 -> "7.5"."""
    number = Decimal(str(value)).normalize()
    return f"{number:f}"


def week_credit(week: Week, lookup: Lookup, group: VolumeGroup) -> Decimal:
    """Sets of `group` in a week by the domain's `group_sets` count: per exercise the best
    credit of the group's muscles (1 per set of a primary mover, 0.5 of a synergist)."""
    half = sum(
        group_half(lookup(rx.exercise), group) * rx.sets
        for session in week.sessions
        for rx in session.prescriptions()
    )
    return Decimal(half) / 2


def _short_reason(x: Explained, group: VolumeGroup, lookup: Lookup) -> str:
    if x.template is not None:
        low = weekly_band(x.profile.goal, x.profile.level, group).low
        why = template_short_reason(x.template, x.base, x.template_left_out, group, low, lookup)
        if why is not None:
            return why
    hosts = [
        s
        for s, cands in enumerate(x.candidates)
        if any(group_half(c.exercise, group) == 2 for c in cands)
    ]
    if not hosts:
        return (
            "no exercise that trains it fits your equipment, setting and limitations on your "
            "training days"
        )
    budget = x.profile.session_minutes * 60
    full = [s for s in hosts if x.solution.sessions[s].planned_seconds > budget - NEAR_BUDGET]
    if full:
        return f"{len(x.base)} x {x.profile.session_minutes}-minute sessions leave no room for more"
    return "the other groups' band tops and 48 h between sessions that share muscles leave no room"


def warnings(x: Explained, lookup: Lookup) -> list[str]:
    """Groups below their band, heavy lower days under 72 h, and template swaps."""
    lines = []
    profile = x.profile
    builds = [w for w in x.weeks if w.kind is WeekKind.BUILD]
    for group in PLANNED_GROUPS:
        band = weekly_band(profile.goal, profile.level, group)
        lowest = min((week_credit(w, lookup, group) for w in builds), default=Decimal(0))
        if lowest < band.low:
            lines.append(
                f"{group}: {fmt(lowest)} sets a week, below the {fmt(band.low)} the "
                f"{profile.goal} band asks: {_short_reason(x, group, lookup)}."
            )
    lines += list(x.opening_notes)
    lines += _heavy_lower(x)
    lines += [f"Template: {note}" for note in x.template_notes]
    return lines


def _heavy_lower(x: Explained) -> list[str]:
    legs = [p.spec for p in x.base if Region.LEGS in p.spec.regions]
    close = [(a, b) for a, b in combinations(legs, 2) if min_gap(a, b) < HEAVY_LOWER_HOURS]
    if not close:
        return []
    a, b = close[0]
    return [
        f"72 h between heavy lower-body barbell days is not possible on your weekdays "
        f"({a.title} {_day(a)} and {b.title} {_day(b)} are {min_gap(a, b)} h apart): heavy "
        "barbell leg work goes on only one of any two leg days closer than 72 h."
    ]


def _day(spec: SessionSpec) -> str:
    return str(spec.weekday).capitalize()


def _order_line(profile: Profile, templated: bool) -> str:
    region = effective_region(profile)
    if profile.order.value != "auto":
        why = f"you asked for {str(profile.order).replace('_', ' ')}"
    else:
        why = f"your priority is {profile.priority}"
    if profile.order.value == "alternating":
        rest = "then legs and back take turns while both have straight sets left"
    else:
        rest = f"then the rest of {region} before the other body part"
    if templated:
        rest += ", except that a template keeps its own slot order"
    return (
        f"Back-and-legs sessions open with a {region} compound where the kit allows it: {why}; "
        f"{rest}. Within each body part compound lifts come before isolation moves, heavy "
        "before light (Simao 2012; Nunes 2021); a superset takes the place of its later move; "
        "the order is part of the solved model, not a later sort."
    )


def _session_lines(x: Explained, s: int, plan: SessionPlan) -> list[str]:
    spec, budget = plan.spec, x.profile.session_minutes
    first = x.weeks[0].sessions[s]
    items = plan.items()
    mains = [it.exercise.name for it in items if it.role == MAIN]
    lines = [
        f"{spec.title} ({_day(spec)}, {spec.setting}): opens with {items[0].exercise.name}"
        + (f"; main lifts {', '.join(mains)}" if mains else "")
        + f"; {first.estimated_minutes} of {budget} minutes in week 1."
    ]
    squats = [n for n, it in enumerate(items) if is_squat3(it.exercise)]
    hinges = (
        [it.exercise.name for it in items[: squats[0]] if is_heavy_hinge(it.exercise)]
        if squats
        else []
    )
    if hinges:
        lines.append(
            f"{spec.title}: {', '.join(hinges)} before {items[squats[0]].exercise.name}: a loaded "
            "hinge never follows a maximal squat (rule 5), so the hinge goes first."
        )
    for region in SPLIT_REGIONS:
        count = sum(1 for it in items if it.exercise.region is region)
        if trains_both(spec) and count < WANTED_PER_REGION:
            lines.append(
                f"{spec.title} has {count} {region} exercise: {budget} minutes leave no time "
                "for a second next to the rest of the week's rules."
            )
    for block in plan.blocks:
        if block.is_pair:
            a, b = block.items
            saved = pair_saving(a.candidate, b.candidate, a.sets)
            lines.append(
                f"{spec.title}: {a.exercise.name} + {b.exercise.name} as a superset (no shared "
                f"prime mover, {a.sets} rounds) saves about {saved // 60} min {saved % 60} s; "
                "supersets save time at the cost of more fatigue the next day (Robbins 2010; "
                "Weakley 2017)."
            )
    return lines


def _volume_lines(x: Explained, lookup: Lookup) -> list[str]:
    profile = x.profile
    builds = [w for w in x.weeks if w.kind is WeekKind.BUILD]
    parts = []
    for group in PLANNED_GROUPS:
        band = weekly_band(profile.goal, profile.level, group)
        values = [week_credit(w, lookup, group) for w in builds] or [Decimal(0)]
        parts.append(
            f"{group} {fmt(min(values))}-{fmt(max(values))} (band {fmt(band.low)}-{fmt(band.high)})"
        )
    band = weekly_band(profile.goal, profile.level, VolumeGroup.QUADS)
    return [
        "Weekly hard sets in build weeks (a primary mover counts 1, a synergist 0.5; Pelland "
        f"2025): {'; '.join(parts)}. Bands: {band.source}.",
        f"Priority {profile.priority}: "
        + (
            "both regions aim at the middle of their band"
            if profile.priority.value == "balanced"
            else f"{profile.priority} aims toward the top of its band, the rest at least at its low"
        )
        + ", leaving room for the weekly ramp.",
    ]


def _time_line(x: Explained) -> list[str]:
    budget = x.profile.session_minutes * 60
    full = [c.spec.title for c in x.solution.sessions if c.planned_seconds > budget - NEAR_BUDGET]
    if not full:
        return []
    return [
        f"Traded for time: {', '.join(full)} fill their {x.profile.session_minutes} minutes "
        "(timed with the longest dose any week uses), so more sets or exercises would not fit; "
        "compound lifts were kept first because they train more muscle per set."
    ]


def _weeks_lines(x: Explained) -> list[str]:
    plans = x.plans
    blocks = sorted({p.block for p in plans})
    lengths = [sum(1 for p in plans if p.block == b) for b in blocks]
    first = [p for p in plans if p.block == blocks[0] and p.kind is WeekKind.BUILD]
    rirs = [str(p.rir) for p in first]
    focus = ", ".join(str(p.focus) for p in first)
    shape = "+".join(map(str, lengths))
    return [
        f"{len(plans)} weeks in {len(blocks)} block(s) of {shape} weeks, each ending with a "
        "deload: same exercises, about half the sets, RIR +2 (Bell 2023; "
        "Rogerson 2024).",
        f"Build weeks of a block: RIR {', '.join(rirs)}; focus {focus}; sets ramp by 1-2 per "
        "group a week while the band top, 4 sets per exercise and the time budget allow "
        "(Schoenfeld 2017).",
    ]


def rationale(x: Explained, lookup: Lookup) -> list[str]:
    """Why this split, order, these sets, supersets, trade-offs and weeks."""
    lines = list(x.split.reasons)
    if any(trains_both(p.spec) for p in x.base):
        lines.append(_order_line(x.profile, x.template is not None))
    for s, plan in enumerate(x.base):
        lines += _session_lines(x, s, plan)
    lines += _volume_lines(x, lookup)
    lines += _time_line(x)
    lines += _weeks_lines(x)
    lines += template_lines(x.profile, x.template, x.base, x.solution.sessions, x.candidates)
    lines += list(x.template_notes)
    lines += list(x.rotation_notes)
    return lines


def describe_sessions(sessions: Sequence[SessionPlan]) -> list[str]:
    """One line per session plan (for debugging and tests)."""
    return [
        f"{p.spec.title}: " + ", ".join(f"{it.exercise.id} x{it.sets}" for it in p.items())
        for p in sessions
    ]
