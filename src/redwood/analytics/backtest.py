"""Backtesting progression rules against the athlete's own log.

For every session of an exercise (after the first), each rule of
`domain.progression.RULES` is asked what it would have prescribed, from the 12 weeks of
history before that session (what the coach reads, services/coaching.HISTORY_DAYS) and
the weekly cap, exactly as the coach asks it (`progression.decide`). The prescription is
then set against what the athlete showed they could do that day:

- loaded work: the day's best e1RM (`stalls.exposure_e1rm`: RTS chart with RIR, else
  Epley; TRAINING.md 3) gives the load that allowed the prescribed reps at the target RIR
  (`e1rm.load_for`). A prescription more than one load step (the exercise's ladder,
  TRAINING.md 4) above it was too aggressive; more than one step below, too timid;
- bodyweight work: the day's best set gives the reps possible at the target RIR (reps +
  logged RIR - target RIR; a set with no effort logged is read as taken to failure). A
  range whose bottom is more than one rep above that was too aggressive; whose top is more
  than one rep below it, too timid.

Sessions whose e1RM cannot be estimated (over 12 effective reps, no load) get no verdict.
When the log does not say what was prescribed, the target is the range of TRAINING.md 2
that holds the reps the athlete did (3-6, 6-12 or 12-20) at RIR 2, with their set count.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from statistics import median

from redwood.domain.e1rm import load_for
from redwood.domain.exposure import Exposure, Target, working_load, working_sets
from redwood.domain.loadsteps import LoadLadder
from redwood.domain.mass import Mass
from redwood.domain.progression import Action, Decision, RuleInput, RuleName, decide
from redwood.domain.stalls import exposure_e1rm

LOOKBACK = timedelta(days=84)
"""The history each decision reads: 12 weeks, as the coach (services/coaching)."""
REP_RANGES = ((3, 6), (6, 12), (12, 20))
"""Strength, hypertrophy and endurance ranges (TRAINING.md 2; ACSM 2009)."""
DEFAULT_RIR = 2
"""Target RIR when none was prescribed: the middle of 0-3 (TRAINING.md 2) [practitioner]."""
REP_SLACK = 1
"""Reps either way that still count as about right for bodyweight work."""


class Verdict(StrEnum):
    """How a rule's prescription compared with what the athlete could do that day."""

    AGGRESSIVE = "too_aggressive"
    TIMID = "too_timid"
    RIGHT = "about_right"
    NONE = "no_verdict"


@dataclass(frozen=True, slots=True)
class Replay:
    """One session replayed through one rule: the prescription, what was lifted, what
    the day allowed (`capacity` load, or `capacity_reps` for bodyweight) and the verdict."""

    on: date
    rule: RuleName
    action: Action
    load: Mass | None
    reps_min: int
    reps_max: int
    rir: int
    lifted_load: Mass | None
    lifted_reps: tuple[int, ...]
    capacity: Mass | None
    capacity_reps: int | None
    verdict: Verdict
    reason: str


@dataclass(frozen=True, slots=True)
class RuleScore:
    """How often one rule was too aggressive, too timid or about right."""

    rule: RuleName
    sessions: int
    aggressive: int
    timid: int
    right: int

    @property
    def judged(self) -> int:
        return self.aggressive + self.timid + self.right

    def share(self, count: int) -> Decimal | None:
        """`count` as a percentage of the judged sessions, to 0.1 (None: none judged)."""
        if not self.judged:
            return None
        return (Decimal(100 * count) / self.judged).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def default_target(exposure: Exposure) -> Target:
    """What was prescribed, or the TRAINING.md 2 range holding the reps the athlete did."""
    count = max(1, len(exposure.sets))
    if exposure.target_reps_min is not None and exposure.target_reps_max is not None:
        rir = DEFAULT_RIR if exposure.target_rir is None else exposure.target_rir
        return Target(count, exposure.target_reps_min, exposure.target_reps_max, rir)
    reps = median([s.reps for _, s in working_sets(exposure)] or [8])
    low, high = next(((lo, hi) for lo, hi in REP_RANGES if reps <= hi), REP_RANGES[-1])
    return Target(count, low, high, DEFAULT_RIR)


def _capacity_reps(exposure: Exposure, rir: int) -> int | None:
    best = [s.reps + int(s.rir or 0) - rir for s in exposure.sets if s.reps > 0]
    return max(best, default=None)


def judge(
    decision: Decision, exposure: Exposure, target: Target, ladder: LoadLadder
) -> tuple[Verdict, Mass | None, int | None]:
    """(verdict, the load the day allowed, the reps the day allowed)."""
    if decision.action is Action.CALIBRATE:
        return Verdict.NONE, None, None
    if decision.load is None:
        reps = _capacity_reps(exposure, target.rir)
        if reps is None:
            return Verdict.NONE, None, None
        if decision.reps_min > reps + REP_SLACK:
            return Verdict.AGGRESSIVE, None, reps
        if decision.reps_max < reps - REP_SLACK:
            return Verdict.TIMID, None, reps
        return Verdict.RIGHT, None, reps
    e1rm = exposure_e1rm(exposure)
    if e1rm is None:
        return Verdict.NONE, None, None
    try:
        capacity = load_for(e1rm, decision.reps_min, target.rir)
    except ValueError:
        return Verdict.NONE, None, None
    if decision.load > capacity + ladder.step:
        return Verdict.AGGRESSIVE, capacity, None
    if decision.load < capacity - ladder.step:
        return Verdict.TIMID, capacity, None
    return Verdict.RIGHT, capacity, None


def replay(
    history: Sequence[Exposure],
    rule: RuleName,
    *,
    ladder: LoadLadder,
    cap: Decimal,
    target_of: Callable[[Exposure], Target] = default_target,
    harder: str | None = None,
) -> list[Replay]:
    """Every session after the first replayed through `rule` (history oldest first)."""
    ordered = sorted(history, key=lambda e: e.on)
    days = [e.on for e in ordered]
    out: list[Replay] = []
    for i, exposure in enumerate(ordered[1:], 1):
        past = tuple(ordered[bisect_left(days, exposure.on - LOOKBACK) : i])
        target = target_of(exposure)
        decision = decide(
            rule, RuleInput(past, target, ladder, exposure.on, harder), weekly_cap=cap
        )
        verdict, capacity, capacity_reps = judge(decision, exposure, target, ladder)
        out.append(
            Replay(
                on=exposure.on,
                rule=rule,
                action=decision.action,
                load=decision.load,
                reps_min=decision.reps_min,
                reps_max=decision.reps_max,
                rir=target.rir,
                lifted_load=working_load(exposure),
                lifted_reps=tuple(s.reps for s in exposure.sets),
                capacity=capacity,
                capacity_reps=capacity_reps,
                verdict=verdict,
                reason=decision.reason,
            )
        )
    return out


def score(rule: RuleName, replays: Sequence[Replay]) -> RuleScore:
    """The verdicts of one rule's replays, counted."""
    mine = [r for r in replays if r.rule is rule]

    def count(verdict: Verdict) -> int:
        return sum(r.verdict is verdict for r in mine)

    return RuleScore(
        rule, len(mine), count(Verdict.AGGRESSIVE), count(Verdict.TIMID), count(Verdict.RIGHT)
    )
