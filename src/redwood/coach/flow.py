"""The order sets are done in during a session, and how skips, swaps and form change it.

The session runner walks these steps one by one. Straight blocks run their sets in a
row. A superset runs both moves' warm-up sets first, then alternates the working sets
(A1, B1, A2, B2 ...): under 45 s between the two moves, and each move keeps its own rest
before its next set (TRAINING.md 5: Robbins 2010; Weakley 2017).

Values only: every change returns a new `Flow`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import zip_longest

from redwood.coach.document import ExerciseLine, SetLine

MIN_REST_AFTER_PAIR = 60
"""After the second move of a superset, rest at least a minute before the first again."""


@dataclass(frozen=True, slots=True)
class Step:
    """One set to do: which exercise line, which of its sets, and the rest after it."""

    line: int
    set_index: int
    rest_after: int


@dataclass(frozen=True, slots=True)
class Flow:
    """The session's exercise lines and the steps left, in order."""

    lines: tuple[ExerciseLine, ...]
    steps: tuple[Step, ...]
    done: tuple[Step, ...] = ()

    @property
    def current(self) -> Step | None:
        return self.steps[0] if self.steps else None

    def line_of(self, step: Step) -> ExerciseLine:
        return self.lines[step.line]

    def set_of(self, step: Step) -> SetLine:
        return self.lines[step.line].sets[step.set_index]

    def counts(self, step: Step) -> tuple[int, int]:
        """(this working set's number, working sets of the exercise); (0, n) for warm-up
        and calibration sets."""
        line = self.line_of(step)
        working = [i for i, s in enumerate(line.sets) if s.type == "working"]
        number = working.index(step.set_index) + 1 if step.set_index in working else 0
        return number, len(working)

    def advance(self) -> Flow:
        """The flow after the current set was done."""
        if not self.steps:
            return self
        return replace(self, steps=self.steps[1:], done=(*self.done, self.steps[0]))

    def back(self) -> Flow:
        """The flow with the last done set put back in front (after an undo)."""
        if not self.done:
            return self
        return replace(self, steps=(self.done[-1], *self.steps), done=self.done[:-1])

    def skip_exercise(self) -> Flow:
        """Drop every remaining set of the current exercise."""
        step = self.current
        if step is None:
            return self
        return self.drop_line(step.line)

    def complete(self, step: Step) -> Flow:
        """The flow after `step` (any step still to do, not only the current one) was done:
        the page's runner replays the day's logged sets, which may come in any order."""
        if step not in self.steps:
            return self
        steps = list(self.steps)
        steps.remove(step)
        return replace(self, steps=tuple(steps), done=(*self.done, step))

    def drop_step(self, step: Step) -> Flow:
        """The flow without `step` (not done: left out, like a warm-up gone straight past)."""
        return replace(self, steps=tuple(s for s in self.steps if s != step))

    def drop_line(self, line: int) -> Flow:
        """Drop every remaining set of exercise line `line` (skipped)."""
        return replace(self, steps=tuple(s for s in self.steps if s.line != line))

    def swap(self, new_line: ExerciseLine, line: int | None = None) -> Flow:
        """Do `new_line` instead of exercise line `line` (default: the current exercise) for
        its remaining sets."""
        if line is None:
            if self.current is None:
                return self
            line = self.current.line
        lines = list(self.lines)
        lines[line] = new_line
        remaining = [s for s in self.steps if s.line == line]
        keep = min(len(remaining), len(new_line.sets))
        offset = len(new_line.sets) - keep
        fresh = iter(range(offset, len(new_line.sets)))
        steps = []
        for s in self.steps:
            if s.line == line:
                index = next(fresh, None)
                if index is None:
                    continue
                steps.append(replace(s, set_index=index))
            else:
                steps.append(s)
        return replace(self, lines=tuple(lines), steps=tuple(steps))

    def ease_current(self) -> tuple[Flow, str]:
        """Form broke down: one working set fewer and one more rep in reserve on the rest."""
        step = self.current
        if step is None:
            return self, "Nothing left to ease."
        line = self.line_of(step)
        ahead = [s for s in self.steps if s.line == step.line]
        sets = list(line.sets)
        for s in ahead:
            target = sets[s.set_index]
            if target.rir is not None:
                sets[s.set_index] = replace(target, rir=target.rir + 1)
        lines = list(self.lines)
        lines[step.line] = replace(line, sets=tuple(sets))
        steps = list(self.steps)
        dropped = ""
        if len(ahead) > 1:
            steps.remove(ahead[-1])
            dropped = " one set fewer and"
        message = f"Form broke down on {line.name}:{dropped} one more rep in reserve from here."
        return replace(self, lines=tuple(lines), steps=tuple(steps)), message


def _straight(index: int, line: ExerciseLine) -> list[Step]:
    return [Step(index, i, line.rest_seconds) for i in range(len(line.sets))]


def _superset(first: tuple[int, ExerciseLine], second: tuple[int, ExerciseLine]) -> list[Step]:
    (a, line_a), (b, line_b) = first, second
    pair = line_a.pair_rest_seconds or 0
    steps: list[Step] = []
    for index, line in (first, second):
        steps += [Step(index, i, 60) for i, s in enumerate(line.sets) if s.type == "warmup"]
    work_a = [i for i, s in enumerate(line_a.sets) if s.type != "warmup"]
    work_b = [i for i, s in enumerate(line_b.sets) if s.type != "warmup"]
    after_b = max(MIN_REST_AFTER_PAIR, max(line_a.rest_seconds, line_b.rest_seconds) - pair)
    for i, j in zip_longest(work_a, work_b):
        if i is not None:
            steps.append(Step(a, i, pair if j is not None else line_a.rest_seconds))
        if j is not None:
            steps.append(Step(b, j, after_b))
    return steps


def flow_of(lines: Sequence[ExerciseLine]) -> Flow:
    """Every set of the session in the order it is done."""
    steps: list[Step] = []
    indexed = list(enumerate(lines))
    position = 0
    while position < len(indexed):
        index, line = indexed[position]
        partner = indexed[position + 1] if position + 1 < len(indexed) else None
        pair = (
            partner is not None and line.block_type == "superset" and partner[1].block == line.block
        )
        if pair and partner is not None:
            steps += _superset((index, line), partner)
            position += 2
        else:
            steps += _straight(index, line)
            position += 1
    return Flow(tuple(lines), tuple(steps))
