"""A template's slots as solver candidates for one session (`--template`).

Each session that trains a slot's region (legs or back) takes the template's slots of its
regions. A slot uses its first option the athlete can do that keeps the session's spine
rules and is not already in the session; else the best catalogue substitute of its
options that does; else the first catalogue exercise of the same pattern that does; else
the slot is left out. Every swap is said in one line ("Leg Press swapped for Dumbbell
Lunge: no leg press at home"); the generator prefixes the sessions it applies to. A
region none of whose slots fits is filled as a generated session's would be. The
slots keep their own sets, reps and rest; the solver still keeps every rule (time, volume,
recovery) and drops later slots first when something has to give. An `optional` slot is
offered only when every slot at its minimum sets fits the athlete's minutes ("only when
time allows"), and then weighs less than every seed slot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redwood.domain.exercise import Exercise
from redwood.domain.profile import Profile
from redwood.domain.program import WeekFocus
from redwood.domain.timing import GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS, needs_ramp_up
from redwood.domain.vocab import Region
from redwood.planner.candidates import Candidate, SessionSpec, make_candidate, refusal
from redwood.planner.rules import spine_clash
from redwood.planner.templates import Template, TemplateSlot


@dataclass(frozen=True, slots=True)
class TemplateFill:
    """One session's template candidates, the regions they cover, swaps said, pairs, and
    the slots left out (slot index -> why)."""

    candidates: tuple[Candidate, ...]
    regions: tuple[Region, ...]
    notes: tuple[str, ...]
    pairs: tuple[tuple[int, int], ...]
    left_out: tuple[tuple[int, str], ...] = ()


def _why_not(ex: Exercise, profile: Profile, spec: SessionSpec, chosen: list[Exercise]) -> str:
    reason = refusal(ex, profile, spec.weekday)
    if reason is not None:
        return reason
    if any(other.id == ex.id for other in chosen):
        return "it is already in the session"
    if any(spine_clash(ex, other) for other in chosen):
        return "one spinal-load-3 lift per session, and no loaded hinge with maximal squats"
    return ""


def _pick(
    slot: TemplateSlot,
    profile: Profile,
    spec: SessionSpec,
    exercises: Sequence[Exercise],
    chosen: list[Exercise],
) -> tuple[Exercise | None, str]:
    """The slot's exercise and, when it is not the first option, why."""
    by_id = {ex.id: ex for ex in exercises}
    options = [by_id[ref] for ref in slot.options if ref in by_id]
    if not options:
        return None, f"no exercise of {', '.join(slot.options)} is in the catalogue"
    first = options[0]
    reason = _why_not(first, profile, spec, chosen)
    for option in options:
        if not _why_not(option, profile, spec, chosen):
            return option, reason
    for option in options:
        for ref in option.substitutes:
            sub = by_id.get(ref)
            if sub is not None and not _why_not(sub, profile, spec, chosen):
                return sub, reason
    for ex in exercises:
        same = ex.pattern is first.pattern and ex.region is first.region
        if same and not _why_not(ex, profile, spec, chosen):
            return ex, reason
    return None, reason


def _time_allows(profile: Profile, candidates: Sequence[Candidate]) -> bool:
    """Every slot at its slot's minimum sets (straight sets, longest dose) fits the
    session: the test an optional slot passes before the solver may use it."""
    total = GENERAL_WARMUP_SECONDS
    total += RAMP_UP_SECONDS * sum(1 for c in candidates if needs_ramp_up(c.exercise))
    if candidates and not needs_ramp_up(candidates[0].exercise):
        total += RAMP_UP_SECONDS
    for c in candidates:
        low = c.sets[0] if c.sets is not None else c.set_options[0]
        total += c.worst_seconds(min(max(low, c.set_options[0]), c.set_options[-1]))
    return total <= profile.session_minutes * 60


def fill_template(
    profile: Profile,
    template: Template,
    spec: SessionSpec,
    exercises: Sequence[Exercise],
    focuses: tuple[WeekFocus, ...],
    *,
    ramp: bool,
) -> TemplateFill | None:
    """The template's candidates for `spec`, or None when no slot's region is trained."""
    if not ({Region.LEGS, Region.BACK} & set(spec.regions)):
        return None
    slots = [(n, slot) for n, slot in enumerate(template.slots) if slot.region in spec.regions]
    if not slots:
        return None
    rank = {ex.id: n for n, ex in enumerate(exercises)}
    chosen: list[Exercise] = []
    candidates: list[Candidate] = []
    notes = []
    left_out: list[tuple[int, str]] = []
    names = {ex.id: ex.name for ex in exercises}
    for n, slot in slots:
        picked, reason = _pick(slot, profile, spec, exercises, chosen)
        first = slot.options[0]
        name = names.get(first, first)
        if picked is None:
            left_out.append((n, reason))
            notes.append(f"the {name} slot is left out: {reason}.")
            continue
        if picked.id != first:
            notes.append(f"{name} swapped for {picked.name}: {reason}.")
        chosen.append(picked)
        candidates.append(
            make_candidate(
                profile,
                picked,
                focuses,
                rank[picked.id],
                ramp=ramp,
                slot=n,
                reps=(slot.reps_min, slot.reps_max),
                sets=(slot.sets_min, slot.sets_max),
                rest=slot.rest_seconds,
                optional=slot.optional,
                options=slot.options,
            )
        )
    for extra in [c for c in candidates if c.optional]:
        if not _time_allows(profile, candidates):
            candidates.remove(extra)
            why = (
                f"{profile.session_minutes} minutes hold the seed's slots at their sets and no more"
            )
            left_out.append((extra.slot or 0, why))
            notes.append(f"the optional {extra.exercise.name} slot is left out: {why}.")
    index_of = {c.slot: i for i, c in enumerate(candidates) if c.slot is not None}
    pairs = tuple(
        (index_of[a], index_of[b]) for a, b in template.pairs if a in index_of and b in index_of
    )
    regions = tuple(dict.fromkeys(c.region for c in candidates))
    for region in dict.fromkeys(slot.region for _, slot in slots):
        if region not in regions:
            notes.append(f"no {region} slot fits, so the {region} moves are chosen as usual.")
    return TemplateFill(tuple(candidates), regions, tuple(notes), pairs, tuple(left_out))
