"""Progression: what to lift next time, by named rule, with a reason (TRAINING.md 4).

Each rule reads one exercise's history and today's target and returns one `Decision`:
double progression [practitioner], 2-for-2 (NSCA, Baechle & Earle), linear load for
novices [practitioner], and +1 rep a week then a harder variation for bodyweight and band
moves (seed 004 [practitioner]). Load steps come from the exercise's `LoadLadder` (ACSM
2009; NSCA). `decide` then applies the weekly cap: no lift's prescribed load rises more
than 5% a week, on average over the weeks a load was held (seed 004 [practitioner],
configurable; `exposure.cap_ceiling`). No history means calibration.
Deload weeks come from the program: the caller leaves them out of the history it passes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from redwood.domain.exercise import Exercise
from redwood.domain.exposure import DEFAULT_WEEKLY_CAP as DEFAULT_WEEKLY_CAP
from redwood.domain.exposure import (
    WEEK,
    cap_ceiling,
    check_cap,
    exposures_before,
    held_since,
    unit_of,
    weeks,
    weeks_to_fit,
    working_sets,
)
from redwood.domain.exposure import Exposure as Exposure
from redwood.domain.exposure import ProgressionError as ProgressionError
from redwood.domain.exposure import Target as Target
from redwood.domain.exposure import WorkSet as WorkSet
from redwood.domain.exposure import weekly_ceiling as weekly_ceiling
from redwood.domain.exposure import working_load as working_load
from redwood.domain.loadsteps import LadderKind, LoadLadder, ladder_for
from redwood.domain.mass import Mass, Unit
from redwood.domain.plates import Rounding
from redwood.domain.vocab import Goal, Level

TWO_FOR_TWO_REPS = 2
"""Reps over the target on the last set that count toward 2-for-2 (NSCA)."""
TWO_FOR_TWO_SESSIONS = 2
"""Sessions in a row that must beat the target by TWO_FOR_TWO_REPS (NSCA)."""
REPS_PER_WEEK = 1
"""Bodyweight and band moves: +1 rep a week (seed 004 [practitioner])."""


class RuleName(StrEnum):
    """The progression rules, by the name athletes configure them with."""

    DOUBLE = "double_progression"
    TWO_FOR_TWO = "two_for_two"
    LINEAR = "linear_load"
    REPS_THEN_HARDER = "reps_then_harder"


class Action(StrEnum):
    """What a decision asks of the athlete today."""

    CALIBRATE = "calibrate"
    INCREASE_LOAD = "increase_load"
    ADD_REPS = "add_reps"
    HOLD = "hold"
    HARDER_VARIATION = "harder_variation"
    REDUCE = "reduce"


@dataclass(frozen=True, slots=True)
class Decision:
    """Today's load and reps for one exercise, the rule that chose them and why."""

    rule: RuleName
    action: Action
    load: Mass | None
    reps_min: int
    reps_max: int
    reason: str
    capped: bool = False
    harder: str | None = None


@dataclass(frozen=True, slots=True)
class RuleInput:
    """What a rule reads: this exercise's history (oldest first), today's target, the
    ladder, the date and, for bodyweight and band moves, the next harder variation."""

    history: tuple[Exposure, ...]
    target: Target
    ladder: LoadLadder
    on: date
    harder: str | None = None


def _number(value: Decimal | int) -> str:
    return f"{Decimal(value).normalize():f}"


def _reps(low: int, high: int) -> str:
    return f"{low} reps" if low == high else f"{low}-{high} reps"


def _reps_phrase(rule: RuleName, low: int, high: int) -> str:
    """What an increase does to the reps: double progression goes back to the bottom."""
    return f"back to {low} reps" if rule is RuleName.DOUBLE else f"for {_reps(low, high)}"


@dataclass(frozen=True, slots=True)
class _Seen:
    """A rule's view of the input: the usable history and the latest working sets."""

    rule: RuleName
    data: RuleInput
    history: tuple[Exposure, ...]
    sets: tuple[tuple[int, WorkSet], ...]
    unit: Unit

    @property
    def latest(self) -> Exposure:
        return self.history[-1]

    @property
    def load(self) -> Mass | None:
        return working_load(self.history[-1])

    @property
    def range(self) -> tuple[int, int]:
        """The rep range prescribed last time (else today's)."""
        e, t = self.latest, self.data.target
        return e.target_reps_min or t.reps_min, e.target_reps_max or t.reps_max

    def show(self, load: Mass | None) -> str:
        return "bodyweight" if load is None else load.format(self.unit, 2)

    def make(
        self, action: Action, load: Mass | None, reason: str, reps: tuple[int, int] | None = None
    ) -> Decision:
        """A decision of this rule; `reps` defaults to today's range."""
        lo, hi = reps or (self.data.target.reps_min, self.data.target.reps_max)
        harder = self.data.harder if action is Action.HARDER_VARIATION else None
        return Decision(self.rule, action, load, lo, hi, reason, harder=harder)

    def beyond(self) -> tuple[int, int]:
        """Reps for "keep the load, add reps": the top of today's range to one past the
        best working set last time."""
        top = self.data.target.reps_max
        return top, max(top, *(s.reps for _, s in self.sets)) + 1

    def increase(self, head: str) -> Decision:
        """The ladder's next step up, or more reps when the equipment has none."""
        load, ladder = self.load, self.data.ladder
        heavier = None if load is None else ladder.up(load)
        if load is None or heavier is None:
            reps = self.beyond()
            where = (
                "there is no load to add on this exercise"
                if load is None or ladder.kind is LadderKind.NONE
                else f"{self.show(load)} is the heaviest your equipment makes"
            )
            reason = f"{head}, but {where}: keep it and add reps, {_reps(*reps)} a set."
            return self.make(Action.ADD_REPS, load, reason, reps)
        t = self.data.target
        change = f"+{self.show(heavier - load)} to {self.show(heavier)}"
        reason = f"{head}: {change}, {_reps_phrase(self.rule, t.reps_min, t.reps_max)}."
        return self.make(Action.INCREASE_LOAD, heavier, reason)


def _seen(rule: RuleName, data: RuleInput) -> _Seen:
    history = exposures_before(data.history, data.on)
    return _Seen(rule, data, history, working_sets(history[-1]), unit_of(data.ladder, history))


def _calibrate(rule: RuleName, data: RuleInput, why: str) -> Decision:
    """No usable history: the calibration protocol of issue 4 (seed), load unknown."""
    t = data.target
    if data.ladder.kind is LadderKind.NONE:
        how = f"do {t.sets} sets of up to {t.reps_max} reps, stopping about {t.rir} short of "
        how += "failure, and log the reps"
    else:
        how = "start light with about 3-4 reps in reserve (RIR 3-4), work up over sets of "
        how += f"{_reps(t.reps_min, t.reps_max)}, and keep the load that leaves 2-3 in reserve"
    return Decision(rule, Action.CALIBRATE, None, t.reps_min, t.reps_max, f"{why}: {how}.")


_Judge = Callable[[_Seen], Decision]
_Rule = Callable[[RuleInput], Decision]
_RULES: dict[RuleName, _Rule] = {}
RULES: Mapping[RuleName, _Rule] = MappingProxyType(_RULES)
"""Every progression rule by name; `decide` looks rules up here."""


def _rule(name: RuleName, *, loaded: bool) -> Callable[[_Judge], _Rule]:
    """Register a rule under `name`, after the checks every rule shares: calibrate with no
    history (or, for a loaded rule on loaded equipment, no logged load), and hold timed
    sets, which these rules cannot count in reps."""

    def register(judge: _Judge) -> _Rule:
        @functools.wraps(judge)
        def rule(data: RuleInput) -> Decision:
            if not exposures_before(data.history, data.on):
                return _calibrate(name, data, "No history for this exercise yet")
            seen = _seen(name, data)
            if loaded and seen.load is None and data.ladder.kind is not LadderKind.NONE:
                return _calibrate(name, data, "No load was logged for this exercise last time")
            if all(s.reps == 0 for _, s in seen.sets):
                keep = "" if seen.load is None else f"{seen.show(seen.load)} and "
                why = "The last sets were timed and this rule counts reps: keep"
                reason = f"{why} {keep}the time the program sets."
                return seen.make(Action.HOLD, seen.load, reason)
            return judge(seen)

        _RULES[name] = rule
        return rule

    return register


@_rule(RuleName.DOUBLE, loaded=True)
def double_progression(seen: _Seen) -> Decision:
    """Top of the range on every set at the target RIR or easier: +1 step, back to the
    bottom; otherwise keep the load and add a rep [practitioner]. A set with no RIR logged
    is judged by its reps; the reps with too few in reserve hold the load. A load too heavy
    for the range is a stall's business (stalls)."""
    t, top, load = seen.data.target, seen.range[1], seen.load
    rir = t.rir if seen.latest.target_rir is None else seen.latest.target_rir
    short = []
    for i, s in seen.sets:
        if s.reps < top:
            short.append(f"set {i} got {s.reps}")
        elif s.rir is not None and s.rir < rir:
            short.append(f"set {i} reached {top} but at RIR {_number(s.rir)}")
    if not short:
        sets = f"All {len(seen.sets)} sets" if len(seen.sets) > 1 else "The set"
        return seen.increase(f"{sets} reached {top} reps at RIR {rir} or easier last time")
    fewest, keep = min(s.reps for _, s in seen.sets), f"keep {seen.show(load)}"
    why = f"Not every set reached {top} reps at RIR {rir} last time ({', '.join(short)})"
    if fewest >= top:  # every set had the reps, some too close to failure: repeat the load
        return seen.make(Action.HOLD, load, f"{why}: {keep} until every set does.")
    reason = f"{why}: {keep} and add a rep where you can, up to {top} on every set."
    aim = max(t.reps_min, min(fewest + 1, t.reps_max))
    return seen.make(Action.ADD_REPS, load, reason, (aim, t.reps_max))


@_rule(RuleName.TWO_FOR_TWO, loaded=True)
def two_for_two(seen: _Seen) -> Decision:
    """2 or more reps over the target on the last set in 2 sessions in a row, at the same
    load: add load (NSCA, Baechle & Earle). The target is the top of the range."""
    t, load = seen.data.target, seen.load

    def last_set(exposure: Exposure) -> int:
        return working_sets(exposure)[-1][1].reps

    def earned(e: Exposure) -> bool:
        top = t.reps_max if e.target_reps_max is None else e.target_reps_max
        return last_set(e) >= top + TWO_FOR_TWO_REPS

    recent = seen.history[-TWO_FOR_TWO_SESSIONS:]
    same_load = all(working_load(e) == load for e in recent)
    top, got, over = seen.range[1], last_set(seen.latest), TWO_FOR_TWO_REPS
    if len(recent) == TWO_FOR_TWO_SESSIONS and same_load and all(map(earned, recent)):
        reps = " and ".join(str(last_set(e)) for e in recent)
        return seen.increase(
            f"The last set beat the target by {over} or more reps in "
            f"{TWO_FOR_TWO_SESSIONS} sessions in a row ({reps} reps against {top})"
        )
    if earned(seen.latest):
        reason = (
            f"The last set got {got} reps, {over} or more over the {top}-rep target: do it "
            f"once more at {seen.show(load)} and the load goes up "
            f"({TWO_FOR_TWO_SESSIONS} sessions in a row earn it)."
        )
        return seen.make(Action.HOLD, load, reason)
    reason = (
        f"The last set got {got} of the {top + over} reps that earn more load ({over} over "
        f"the {top}-rep target, {TWO_FOR_TWO_SESSIONS} sessions in a row): keep "
        f"{seen.show(load)} and add reps."
    )
    return seen.make(Action.ADD_REPS, load, reason)


@_rule(RuleName.LINEAR, loaded=True)
def linear_load(seen: _Seen) -> Decision:
    """Every working set hit the target reps (the bottom of the range): +1 step; a miss
    holds the load [practitioner: linear progression for novices]."""
    need, load = seen.range[0], seen.load
    misses = [f"set {i} got {s.reps}" for i, s in seen.sets if s.reps < need]
    if not misses:
        return seen.increase(f"Every working set hit {need} reps last time")
    reason = (
        f"Not every set hit {need} reps at {seen.show(load)} last time ({', '.join(misses)}): "
        f"keep {seen.show(load)} until every set does."
    )
    return seen.make(Action.HOLD, load, reason)


@_rule(RuleName.REPS_THEN_HARDER, loaded=False)
def reps_then_harder(seen: _Seen) -> Decision:
    """+1 rep a week, then a harder variation (seed 004 [practitioner]). The week's goal is
    one more than the fewest reps a set of the latest exposure at least 7 days ago; at the
    top of the range on every set the athlete moves to `harder`, or keeps adding reps."""
    data, t, load, top = seen.data, seen.data.target, seen.load, seen.range[1]

    def fewest(exposure: Exposure) -> int:
        return min(s.reps for _, s in working_sets(exposure))

    now = fewest(seen.latest)
    if now >= top and data.harder is not None:
        reason = (
            f"Every set reached {top} reps last time: move on to the harder variation, "
            f"{data.harder}, starting at {t.reps_min} reps."
        )
        return seen.make(Action.HARDER_VARIATION, None, reason)
    earlier = [e for e in seen.history if e.on <= data.on - WEEK]
    base = earlier[-1] if earlier else seen.history[0]
    goal = fewest(base) + REPS_PER_WEEK
    if now >= goal:  # only a session after `base` can be at the goal already
        reason = (
            f"You already added this week's rep ({now} a set on {seen.latest.on.isoformat()}): "
            f"hold {now} until a week has passed."
        )
        return seen.make(Action.HOLD, load, reason, (now, max(now, t.reps_max)))
    why = "Add one rep a week, then move to a harder variation"
    if now >= top:
        why = f"Every set reached {top} reps and no harder variation is listed, so keep adding "
        why += "one rep a week"
    when = "a week ago" if earlier else f"on {base.on.isoformat()}"
    reason = f"{why}: aim for {goal} reps on every set (the fewest {when} was {fewest(base)})."
    return seen.make(Action.ADD_REPS, load, reason, (goal, max(goal, t.reps_max)))


def default_rule(exercise: Exercise, goal: Goal, level: Level) -> RuleName:
    """The rule an exercise starts with (issue 4; TRAINING.md 4): bodyweight and band moves
    add reps then go harder; a beginner's compound barbell lift progresses linearly;
    strength goals use 2-for-2; everything else double progression."""
    kind = ladder_for(exercise, unit=Unit.KG).kind
    if kind is LadderKind.NONE:
        return RuleName.REPS_THEN_HARDER
    if level is Level.BEGINNER and exercise.is_compound and kind is LadderKind.BARBELL:
        return RuleName.LINEAR
    if goal is Goal.STRENGTH:
        return RuleName.TWO_FOR_TWO
    return RuleName.DOUBLE


def _capped(decision: Decision, data: RuleInput, cap: Decimal) -> Decision:
    """Hold an increase under the weekly ceiling (`exposure.cap_ceiling`: 5% a week, on
    average over the weeks a load was held): round down to the ladder, or keep the load and
    add reps until the weeks at it let the increase through (seed 004). An increase over
    the weekly cap that the weeks at the load allow says so."""
    wanted, limit = decision.load, cap_ceiling(data.history, data.on, cap)
    if decision.action is not Action.INCREASE_LOAD or wanted is None or limit is None:
        return decision
    seen = _seen(decision.rule, data)
    head, _, change = decision.reason.rpartition(": +")
    head, allowed = head or "More load was earned", limit.explain(cap, seen.unit)
    if wanted <= limit.load:
        if limit.held_weeks and wanted > limit.base * (1 + cap):
            return replace(decision, reason=f"{head}, and {allowed}: +{change}")
        return decision
    previous, fit = seen.load, data.ladder.round(limit.load, Rounding.DOWN)
    if previous is not None and previous < fit <= limit.load:
        reps = _reps_phrase(decision.rule, decision.reps_min, decision.reps_max)
        reason = (
            f"{head}, but {allowed}: +{seen.show(fit - previous)} to {seen.show(fit)} instead "
            f"of {seen.show(wanted)}, {reps}."
        )
        return replace(decision, load=fit, reason=reason, capped=True)
    lo, hi = seen.beyond()
    reason = f"{head}, but {allowed}: keep {seen.show(previous)} and add reps, {_reps(lo, hi)}"
    held, until = held_since(data.history, data.on), ""
    if held is not None and (count := weeks_to_fit(wanted, held[1], cap)):
        until = f", until {seen.show(wanted)} fits after {weeks(count)} at {seen.show(held[1])}"
    reason += f" a set{until}."
    return Decision(decision.rule, Action.ADD_REPS, previous, lo, hi, reason, capped=True)


def decide(
    rule: RuleName, data: RuleInput, *, weekly_cap: Decimal = DEFAULT_WEEKLY_CAP
) -> Decision:
    """Apply the rule named `rule` from `RULES`, then the weekly cap (seed 004: 5% a week,
    on average over the weeks a load was held; `exposure.cap_ceiling`).

    The cap only holds increases: a load the athlete already lifted is never cut by it, and
    a step bigger than the cap (20 -> 22.5 kg dumbbells) comes once the load has been held
    long enough (3 weeks at 5%). Deload weeks are the caller's business.
    """
    cap = check_cap(weekly_cap)
    try:
        judge = RULES[RuleName(rule)]
    except (ValueError, KeyError):
        names = ", ".join(RuleName)
        raise ProgressionError("rule", f"unknown rule '{rule}': use one of {names}") from None
    return _capped(judge(data), data, cap)
