"""Periodising the solved week across the program (spec rule 11; domain/periodisation.py).

- Build weeks take the block's exercises at their base sets plus the week's `extra_sets`
  per planned group, added one set at a time to a straight exercise that trains the group
  as a primary mover, while the group's band top, the exercise's top sets (4 at most) and
  the session's time budget (this week's doses, exact time model) allow.
- Deload weeks keep the exercises at `deload_sets` of the last build week, RIR from the
  plan (build + 2).
- At a block boundary the core lifts (the first two exercises of a session) stay and each
  other exercise becomes `rotate(...)` of itself among the substitutes that keep every rule
  in that session; a template's accessories rotate the same way, to their slot's other
  options of the same pattern first, keeping the slot's sets, reps and rest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from redwood.domain.exercise import Exercise
from redwood.domain.periodisation import WeekPlan, deload_sets, rotate
from redwood.domain.profile import Profile, Weekday
from redwood.domain.program import Week, WeekFocus, WeekKind
from redwood.domain.recovery import HEAVY_LOWER_HOURS, MIN_HOURS_SAME_MUSCLE, is_heavy_lower_barbell
from redwood.domain.timing import GENERAL_WARMUP_SECONDS, RAMP_UP_SECONDS, needs_ramp_up
from redwood.domain.volume import VolumeGroup
from redwood.planner.assemble import Item, PlanBlock, SessionPlan, planned_session, seconds_of
from redwood.planner.candidates import make_candidate, refusal
from redwood.planner.rules import (
    PLANNED_GROUPS,
    group_half,
    min_gap,
    pair_allowed,
    pair_worst_seconds,
    spine_clash,
)

CORE_LIFTS = 2
"""The first exercises of a session that never rotate."""

Lookup = Callable[[str], Exercise]
Sets = list[list[int]]


@dataclass
class WeekBuilder:
    """Builds every week of the program from the base week's session plans."""

    profile: Profile
    exercises: Sequence[Exercise]
    lookup: Lookup
    highs: dict[VolumeGroup, int]
    lows: dict[VolumeGroup, int]
    group_order: tuple[VolumeGroup, ...]
    focuses: tuple[WeekFocus, ...]
    ramp: bool
    notes: list[str] = field(default_factory=list)
    _kits: dict[tuple[Weekday, str], Exercise | None] = field(default_factory=dict)
    _by_id: dict[str, tuple[int, Exercise]] = field(default_factory=dict)

    @property
    def budget(self) -> int:
        return self.profile.session_minutes * 60

    def build(self, plans: Sequence[WeekPlan], base: Sequence[SessionPlan]) -> tuple[Week, ...]:
        weeks: list[Week] = []
        current = list(base)
        blocks = sorted({p.block for p in plans})
        for number in blocks:
            if number > blocks[0]:
                current = self.rotate_block(current, number)
            base_sets = [[item.sets for item in plan.items()] for plan in current]
            last_build = base_sets
            for wp in (p for p in plans if p.block == number):
                if wp.kind is WeekKind.BUILD:
                    sets = self.ramp_sets(current, base_sets, wp.extra_sets, wp.focus)
                    last_build = sets
                else:
                    sets = [[deload_sets(n) for n in row] for row in last_build]
                sessions = tuple(
                    planned_session(self.profile, plan, row, wp.rir, wp.focus, self.lookup)
                    for plan, row in zip(current, sets, strict=True)
                )
                weeks.append(Week(wp.index, wp.block, wp.kind, sessions, wp.focus))
        return tuple(weeks)

    # ---- the weekly ramp ---------------------------------------------------------------

    def _volume(self, current: Sequence[SessionPlan], sets: Sets, group: VolumeGroup) -> int:
        return sum(
            group_half(item.exercise, group) * n
            for plan, row in zip(current, sets, strict=True)
            for item, n in zip(plan.items(), row, strict=True)
        )

    def ramp_sets(
        self, current: Sequence[SessionPlan], base: Sets, extra: int, focus: WeekFocus
    ) -> Sets:
        """Base sets plus up to `extra` sets per planned group, inside every limit."""
        sets = [list(row) for row in base]
        if extra <= 0:
            return sets
        totals = {g: self._volume(current, sets, g) for g in PLANNED_GROUPS}
        added = dict.fromkeys(PLANNED_GROUPS, 0)
        for group in self.group_order:
            while added[group] < extra:
                spot = self._next_set(current, sets, totals, group, focus)
                if spot is None:
                    break
                s, i = spot
                item = current[s].items()[i]
                sets[s][i] += 1
                for g in PLANNED_GROUPS:
                    totals[g] += group_half(item.exercise, g)
                    if group_half(item.exercise, g) == 2:
                        added[g] += 1
        return sets

    def _next_set(
        self,
        current: Sequence[SessionPlan],
        sets: Sets,
        totals: dict[VolumeGroup, int],
        group: VolumeGroup,
        focus: WeekFocus,
    ) -> tuple[int, int] | None:
        options = []
        for s, plan in enumerate(current):
            paired = {id(item) for block in plan.blocks if block.is_pair for item in block.items}
            for i, item in enumerate(plan.items()):
                if id(item) in paired or group_half(item.exercise, group) < 2:
                    continue
                if sets[s][i] >= item.candidate.top_sets:
                    continue
                options.append((sets[s][i], s, i))
        for _, s, i in sorted(options):
            item = current[s].items()[i]
            over = (
                totals[g] + group_half(item.exercise, g) > self.highs[g] for g in PLANNED_GROUPS
            )
            if any(over):
                continue
            row = list(sets[s])
            row[i] += 1
            if seconds_of(self.profile, current[s], row, focus, self.lookup) <= self.budget:
                return s, i
        return None

    # ---- rotation at block boundaries --------------------------------------------------

    def rotate_block(self, current: list[SessionPlan], number: int) -> list[SessionPlan]:
        """Each session's accessories become their first rule-keeping substitute."""
        plans = list(current)
        swaps: list[str] = []
        for s, plan in enumerate(plans):
            for i in range(CORE_LIFTS, len(plan.items())):
                item = plans[s].items()[i]
                used = {it.candidate.id for it in plans[s].items()}
                refs = (*item.candidate.options, *item.exercise.substitutes)
                fits = {ref: self._allowed(plan, ref) for ref in dict.fromkeys(refs)}
                valid = {
                    ref: ex
                    for ref, ex in fits.items()
                    if ex is not None and self._swap_ok(plans, s, i, ex)
                }
                new = rotate_item(item, valid, used)
                if new.id == item.exercise.id:
                    continue
                plans[s] = self._swapped(plans[s], i, new)
                swaps.append(f"{plan.spec.title}: {item.exercise.name} -> {new.name}")
        if swaps:
            self.notes.append(
                f"Block {number} keeps each session's first two lifts and rotates accessories "
                "to a substitute of the same pattern that keeps every rule, never at random "
                f"(Kassiano 2022): {'; '.join(swaps)}."
            )
        return plans

    def _allowed(self, plan: SessionPlan, ref: str) -> Exercise | None:
        """The exercise `ref` when it keeps rules 1-3 on the session's weekday, else None."""
        key = (plan.spec.weekday, ref)
        if key not in self._kits:
            found = self._catalogue().get(ref)
            ok = found is not None and refusal(found[1], self.profile, key[0]) is None
            self._kits[key] = found[1] if ok and found is not None else None
        return self._kits[key]

    def _catalogue(self) -> dict[str, tuple[int, Exercise]]:
        if not self._by_id:
            self._by_id.update({ex.id: (n, ex) for n, ex in enumerate(self.exercises)})
        return self._by_id

    def _swapped(self, plan: SessionPlan, index: int, new: Exercise) -> SessionPlan:
        blocks, position = [], 0
        for block in plan.blocks:
            items = []
            for item in block.items:
                if position == index:
                    rank = self._catalogue()[new.id][0]
                    old = item.candidate
                    cand = make_candidate(
                        self.profile,
                        new,
                        self.focuses,
                        rank,
                        ramp=self.ramp,
                        slot=old.slot,
                        reps=old.reps,
                        sets=old.sets,
                        rest=old.rest,
                        optional=old.optional,
                        options=old.options,
                    )
                    sets = min(max(item.sets, cand.set_options[0]), cand.set_options[-1])
                    item = Item(cand, sets, item.role)
                items.append(item)
                position += 1
            blocks.append(PlanBlock(tuple(items)))
        return replace(plan, blocks=tuple(blocks))

    def _swap_ok(self, plans: list[SessionPlan], s: int, i: int, new: Exercise) -> bool:
        plan = plans[s]
        items = plan.items()
        old = items[i].exercise
        if (new.mechanic, new.region, new.pattern) != (old.mechanic, old.region, old.pattern):
            return False
        others = [it.exercise for j, it in enumerate(items) if j != i]
        if any(spine_clash(new, other) for other in others):
            return False
        trial = [*plans]
        trial[s] = self._swapped(plan, i, new)
        for block in trial[s].blocks:
            if block.is_pair and not pair_allowed(block.items[0].exercise, block.items[1].exercise):
                return False
        if worst_seconds(trial[s]) > self.budget:
            return False
        return self._week_ok(trial, s, plans)

    def _week_ok(self, plans: list[SessionPlan], s: int, before: list[SessionPlan]) -> bool:
        spec = plans[s].spec
        mine = [it.exercise for it in plans[s].items()]
        heavy = any(is_heavy_lower_barbell(ex) for ex in mine)
        for t, other in enumerate(plans):
            if t == s:
                continue
            gap = min_gap(spec, other.spec)
            theirs = [it.exercise for it in other.items()]
            shared = {m for ex in mine for m in ex.primary} & {
                m for ex in theirs for m in ex.primary
            }
            if gap < MIN_HOURS_SAME_MUSCLE and shared:
                return False
            if gap < HEAVY_LOWER_HOURS and heavy and any(is_heavy_lower_barbell(e) for e in theirs):
                return False
        entries = [(it.exercise, it.sets) for plan in plans for it in plan.items()]
        earlier = [(it.exercise, it.sets) for plan in before for it in plan.items()]
        for group in PLANNED_GROUPS:
            now = sum(group_half(ex, group) * n for ex, n in entries)
            was = sum(group_half(ex, group) * n for ex, n in earlier)
            if now > max(self.highs[group], was) or now < min(was, self.lows[group]):
                return False
        return True


def rotate_item(item: Item, valid: Mapping[str, Exercise], used: Collection[str]) -> Exercise:
    """`rotate` for a planned item: a template slot tries its own other options first
    (same pattern only), then the catalogue substitutes; a solved item the substitutes."""
    ex = item.exercise
    if item.candidate.slot is None:
        return rotate(ex, valid, used)
    for ref in (*item.candidate.options, *ex.substitutes):
        sub = valid.get(ref)
        if sub is not None and ref != ex.id and ref not in used and sub.pattern is ex.pattern:
            return sub
    return ex


def worst_seconds(plan: SessionPlan) -> int:
    """The session's seconds at base sets with every exercise's longest dose."""
    items = plan.items()
    total = GENERAL_WARMUP_SECONDS
    ramped = {it.candidate.id for it in items if needs_ramp_up(it.exercise)}
    total += RAMP_UP_SECONDS * len(ramped)
    if items and items[0].candidate.id not in ramped:
        total += RAMP_UP_SECONDS
    for block in plan.blocks:
        if block.is_pair:
            a, b = block.items
            total += pair_worst_seconds(a.candidate, b.candidate, a.sets)
        else:
            item = block.items[0]
            total += item.candidate.worst_seconds(item.sets)
    return total
