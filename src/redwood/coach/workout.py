"""A session in progress, rebuilt from what was logged: which sets are done, which set is
next, what to pre-fill, and when the rest after the last set ends.

The terminal runner keeps this state in memory as the athlete goes. A web page has no
memory between requests (and several app processes may answer them), so the Today page
rebuilds the same state from the day's logged sets every time it is shown: each logged
set, oldest first, completes the first set still to do of its exercise in the runner's
order (`coach.flow`: straight blocks in a row, supersets alternating). A warm-up set
completes the exercise's next warm-up; a working set completes its next working set and
drops the warm-ups still ahead of it (the athlete went straight to work). A swapped
exercise takes over the remaining sets of the line it replaces, a skipped one drops
them. Both runners pre-fill a set the same way (`default_spec`, `carried`).

The rest after a set is the step's own: the block's rest for straight sets, the short
pair rest between the two moves of a superset and the block's rest after the pair
(TRAINING.md 5: Robbins 2010; Weakley 2017). It is counted from the logged set's
timestamp, so it is right however long the phone slept in between.

Values only: every change returns a new `Workout`; the clock is never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from redwood.coach.document import ExerciseLine, SetLine
from redwood.coach.flow import Flow, Step, flow_of
from redwood.domain.mass import Mass
from redwood.domain.notation import SetSpec
from redwood.domain.vocab import SetType


def default_spec(target: SetLine) -> SetSpec:
    """The set as prescribed: the lowest reps of the range, the load, the target RIR
    (none for warm-ups); what Enter logs at the terminal and what the page pre-fills."""
    kind = SetType.WARMUP if target.type == "warmup" else SetType.WORKING
    rir = None if target.rir is None or kind is SetType.WARMUP else target.rir
    return SetSpec(
        reps=target.reps_min,
        load=target.load,
        rir=None if rir is None else Decimal(rir),
        set_type=kind,
    )


def carried(spec: SetSpec, exercise: str, earlier: Sequence[tuple[str, Mass | None]]) -> SetSpec:
    """A set with no prescribed load takes the load of this exercise's latest set today
    (`earlier`: (exercise, load) oldest first): after calibration, the working sets use the
    load the athlete found."""
    if spec.load is not None:
        return spec
    for done_exercise, load in reversed(earlier):
        if done_exercise == exercise and load is not None:
            return replace(spec, load=load)
    return spec


def _is_warmup(flow: Flow, step: Step) -> bool:
    return flow.set_of(step).type == "warmup"


@dataclass(frozen=True, slots=True)
class DoneSet:
    """One set logged on the day, as the runner needs it."""

    id: str
    exercise: str
    at: datetime
    warmup: bool
    load: Mass | None


@dataclass(frozen=True, slots=True)
class Workout:
    """The day's session: the flow of sets still to do, the logged sets matched to the
    steps they did (oldest first), and the logged sets that matched no step."""

    flow: Flow
    matched: tuple[tuple[Step, DoneSet], ...] = ()
    unmatched: tuple[DoneSet, ...] = ()

    @classmethod
    def start(cls, lines: Sequence[ExerciseLine]) -> Workout:
        """The session before any set is logged."""
        return cls(flow_of(lines))

    @property
    def next(self) -> Step | None:
        """The set to do now; None when the session is done."""
        return self.flow.current

    @staticmethod
    def _match(flow: Flow, done: DoneSet) -> tuple[Flow, Step | None]:
        """`flow` after `done` completed its step, and the step (None: it matched none)."""
        ahead = [s for s in flow.steps if flow.line_of(s).exercise == done.exercise]
        step = next((s for s in ahead if _is_warmup(flow, s) == done.warmup), None)
        if step is None:
            return flow, None
        if not done.warmup:
            for skipped in ahead[: ahead.index(step)]:
                flow = flow.drop_step(skipped)
        return flow.complete(step), step

    def record(self, sets: Iterable[DoneSet]) -> Workout:
        """The workout after `sets` were logged: each completes the first matching step of
        its exercise (by time); the ones that match none are kept as `unmatched`."""
        flow = self.flow
        matched = list(self.matched)
        unmatched: list[DoneSet] = []
        for done in sorted(sets, key=lambda d: (d.at, d.id)):
            flow, step = self._match(flow, done)
            if step is None:
                unmatched.append(done)
            else:
                matched.append((step, done))
        return replace(self, flow=flow, matched=tuple(matched), unmatched=tuple(unmatched))

    def swap(self, line: int, new_line: ExerciseLine) -> Workout:
        """Do `new_line` instead of exercise line `line` for its remaining sets."""
        return replace(self, flow=self.flow.swap(new_line, line))

    def skip(self, line: int) -> Workout:
        """Drop the remaining sets of exercise line `line`."""
        return replace(self, flow=self.flow.drop_line(line))

    def remaining_working(self, line: int) -> int:
        """How many working sets of line `line` are still to do."""
        steps = self.flow.steps
        return sum(1 for s in steps if s.line == line and not _is_warmup(self.flow, s))

    def done_on(self, line: int) -> list[DoneSet]:
        """The logged sets that did steps of line `line`, oldest first."""
        return [done for step, done in self.matched if step.line == line]

    def rest_until(self) -> datetime | None:
        """When the rest after the latest logged set ends (None before the first set and
        after the last): its timestamp plus the rest its step prescribes."""
        if self.flow.current is None or not self.matched:
            return None
        step, done = max(self.matched, key=lambda pair: (pair[1].at, pair[1].id))
        return done.at + timedelta(seconds=step.rest_after)

    def prefill(self, step: Step) -> SetSpec:
        """What the page pre-fills for `step`: as prescribed, with the load carried over
        from the exercise's latest set today when none is prescribed."""
        everything = sorted((d for _, d in self.matched), key=lambda d: (d.at, d.id))
        earlier = [(d.exercise, d.load) for d in everything]
        spec = default_spec(self.flow.set_of(step))
        return carried(spec, self.flow.line_of(step).exercise, earlier)
