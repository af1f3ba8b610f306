"""Why a templated week looks the way it does: the template's design, the slots a session
leaves out, and a planned group the template cannot fill.

A template is one session written out (`Template.design` says why every session of the
week repeats it). When the week's rules make one session differ from the others (a slot
left out), a rationale line names the slot and the rule that made it go: the week's band
top for a group, 48 h from a session that trains the same muscle, or the time budget.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from redwood.domain.exercise import Exercise
from redwood.domain.profile import Profile
from redwood.domain.recovery import MIN_HOURS_SAME_MUSCLE
from redwood.domain.volume import VolumeGroup, weekly_band
from redwood.planner.assemble import SessionPlan
from redwood.planner.candidates import Candidate
from redwood.planner.problem import SessionChoice
from redwood.planner.rules import PLANNED_GROUPS, group_half, min_gap
from redwood.planner.templates import Template

Lookup = Callable[[str], Exercise]


def _day(plan: SessionPlan | SessionChoice) -> str:
    return str(plan.spec.weekday).capitalize()


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _week_half(sessions: Sequence[SessionChoice], group: VolumeGroup) -> int:
    return sum(group_half(c.exercise, group) * c.sets for s in sessions for c in s.chosen())


def left_out_reason(
    profile: Profile, sessions: Sequence[SessionChoice], s: int, cand: Candidate
) -> str:
    """The rule that keeps template slot `cand` out of session `s` of the solved week."""
    ex, sets = cand.exercise, cand.set_options[0]
    for group in PLANNED_GROUPS:
        band = weekly_band(profile.goal, profile.level, group)
        gain = group_half(ex, group) * sets
        if gain and _week_half(sessions, group) + gain > band.high * 2:
            return f"the week's {group} sets are at their band top ({_fmt(band.high)})"
    mine = sessions[s]
    for t, other in enumerate(sessions):
        if t == s or min_gap(mine.spec, other.spec) >= MIN_HOURS_SAME_MUSCLE:
            continue
        shared = set(ex.primary) & {m for c in other.chosen() for m in c.exercise.primary}
        if shared:
            muscle = str(sorted(shared)[0]).replace("_", " ")
            return f"{other.spec.title} ({_day(other)}) trains its {muscle} less than 48 h away"
    budget = profile.session_minutes * 60
    if mine.planned_seconds + cand.worst_seconds(sets) > budget:
        return f"the other slots fill the {profile.session_minutes} minutes"
    return "it would break another of the session's rules (moves per body part, spine)"


def template_lines(
    profile: Profile,
    template: Template | None,
    base: Sequence[SessionPlan],
    sessions: Sequence[SessionChoice],
    candidates: Sequence[Sequence[Candidate]],
) -> list[str]:
    """The template's design line, then each slot a session leaves out and why."""
    if template is None:
        return []
    lines = [template.design] if template.design else []
    present = {
        s: {it.candidate.slot for it in plan.items() if it.candidate.slot is not None}
        for s, plan in enumerate(base)
        if plan.templated
    }
    for s, slots in present.items():
        for cand in candidates[s]:
            if cand.slot is None or cand.slot in slots:
                continue
            extra = " (an optional slot)" if cand.optional else ""
            why = left_out_reason(profile, sessions, s, cand)
            lines.append(
                f"{base[s].spec.title} ({_day(base[s])}) leaves out the template's "
                f"{cand.exercise.name}{extra}: {why}."
            )
    return lines


def template_short_reason(
    template: Template,
    base: Sequence[SessionPlan],
    left_out: Mapping[int, str],
    group: VolumeGroup,
    low: Decimal,
    lookup: Lookup,
) -> str | None:
    """Why a templated week leaves `group` below its band, when the template is the
    reason; None when the generic reasons (time, band tops, recovery) apply. `left_out`
    holds the slots the template fill left out and why; `low` is the band low in sets."""
    trains = [slot for slot in template.slots if group_half(lookup(slot.options[0]), group) == 2]
    if not trains:
        return f"the {template.name} template has no exercise that trains it as a prime mover"
    hosts = [
        (plan, it) for plan in base for it in plan.items() if group_half(it.exercise, group) == 2
    ]
    if not hosts:
        for slot in trains:
            n = template.slots.index(slot)
            if n in left_out:
                name = lookup(slot.options[0]).name
                kind = "optional " if slot.optional else ""
                return (
                    f"the {template.name} template's {kind}{name} slot is left out: {left_out[n]}"
                )
        return None
    if any(it.candidate.slot is None for _, it in hosts):
        return None
    if sum(it.candidate.top_sets for _, it in hosts) >= low:
        return None  # the template could reach the band: time or another rule stops it
    names = ", ".join(dict.fromkeys(it.exercise.name for _, it in hosts))
    top = max(it.candidate.top_sets for _, it in hosts)
    count = len({id(plan) for plan, _ in hosts})
    return (
        f"the {template.name} template trains it only with {names}, at most {top} sets a "
        f"session, on {count} session{'s' if count > 1 else ''} a week"
    )
