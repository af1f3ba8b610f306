"""The product validator: every hard rule of notes/planner-design.md checked on a `Program`.

`redwood program validate FILE` runs this on an edited program file; the generator's output
passes it by construction. Each `Violation` names its location in the document
(`weeks[2].sessions[0].blocks[1].exercises[0]`, down to the field at fault where there is
one), its rule, and one plain line; `str(violation)` is "location: message".

Rule names: equipment, setting, limitation, level, excluded, time, spine, order, superset,
recovery, volume, dose, periodisation, unknown-exercise. Rules 1-7 and 10 live in
`validate_session`; this module adds 8, 9 and 11. Readings where the spec leaves a choice
(the independent checker in tests/planner reads them the same way):

- an unknown exercise id is reported once; checks that need every exercise of a session
  or week (time, 1-3 exercises per region, volume below the band) skip that session or
  week rather than guess;
- recovery (8): the week repeats, so days are compared the shorter way round (Fri-Mon is
  72 h). Heavy lower-body barbell days closer than 72 h are a violation when the week's
  weekdays hold enough days 72 h apart for all of them; otherwise only when no warning
  mentions 72;
- volume (9): the domain's counting (`weekly_group_volume`: per exercise a group gets the
  best credit of its muscles, so a row with lats and upper back both primary is one back
  set, Pelland 2025); a group below its band is excused by a warning that names the group
  and gives a figure ("quads: 6 sets a week, below the 10 ...");
- periodisation (11): a deload has about half (rounded down or up) the sets of a build
  week of its block and a build RIR + 2-3 (at most 5); a length that cannot split into
  4-6-week blocks (7 weeks) may use blocks of 3-7.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from redwood.catalog import Catalogue
from redwood.domain.profile import Weekday
from redwood.domain.program import Prescription, Program, Week, WeekKind
from redwood.domain.recovery import (
    HEAVY_LOWER_HOURS,
    MIN_HOURS_SAME_MUSCLE,
    is_heavy_lower_barbell,
)
from redwood.domain.split import pair_hours
from redwood.domain.volume import VolumeGroup, weekly_band, weekly_group_volume
from redwood.planner.validate_session import (
    RIR_RANGE,
    Rule,
    SessionChecks,
    Violation,
    day_name,
    names,
)

__all__ = ["Rule", "Violation", "validate_program"]

PLANNED_GROUPS = (VolumeGroup.QUADS, VolumeGroup.HAMSTRINGS, VolumeGroup.GLUTES, VolumeGroup.BACK)
"""Groups every program is planned to a band for (rule 9)."""
BLOCK_WEEKS = range(4, 7)
"""Block length, deload included (TRAINING.md 4: deload every 4-6 weeks, Bell 2023)."""
FALLBACK_BLOCK_WEEKS = range(3, 8)
"""For a program length no 4-6-week blocks add up to (7)."""
DELOAD_RIR_STEPS = (2, 3)
"""A deload raises RIR by 2-3 (TRAINING.md 4)."""
MAX_RIR = RIR_RANGE[1]


def _fmt(sets: Decimal) -> str:
    return f"{sets.normalize():f}"


def _splits_into_blocks(total: int) -> bool:
    reachable = {0}
    for length in range(1, total + 1):
        if any(length - size in reachable for size in BLOCK_WEEKS):
            reachable.add(length)
    return total in reachable


def _spread_possible(count: int, days: Sequence[Weekday]) -> bool:
    """Whether `count` of `days` can be pairwise at least 72 h apart."""
    return any(
        all(pair_hours(a, b) >= HEAVY_LOWER_HOURS for a, b in combinations(chosen, 2))
        for chosen in combinations(sorted(set(days), key=lambda d: d.number), count)
    )


def validate_program(program: Program, catalogue: Catalogue) -> list[Violation]:
    """Every violation of hard rules 1-11 in `program`, in document order; [] if none."""
    return _Validator(program, catalogue).run()


class _Validator(SessionChecks):
    def run(self) -> list[Violation]:
        for w, week in enumerate(self.program.weeks):
            for s, session in enumerate(week.sessions):
                self.session(week, session, f"weeks[{w}].sessions[{s}]")
            self.recovery(w, week)
            self.volume(w, week)
        self.periodisation()
        return self.found

    # ---- one week: rules 8 and 9 -------------------------------------------------------

    def recovery(self, w: int, week: Week) -> None:
        """Rule 8: 48 h between hard sessions of a muscle; 72 h between heavy lower days."""
        hard: list[set[str]] = []
        heavy: list[int] = []
        for s, session in enumerate(week.sessions):
            known = [(rx, self.catalogue.get(rx.exercise)) for rx in session.prescriptions()]
            hard.append({str(m) for rx, ex in known if ex and rx.sets >= 2 for m in ex.primary})
            if any(ex and is_heavy_lower_barbell(ex) for _, ex in known):
                heavy.append(s)
        sessions = week.sessions
        for i, j in combinations(range(len(sessions)), 2):
            a, b = sessions[i], sessions[j]
            hours, shared = pair_hours(a.weekday, b.weekday), sorted(hard[i] & hard[j])
            if shared and hours < MIN_HOURS_SAME_MUSCLE:
                self.add(
                    f"weeks[{w}].sessions[{j}]",
                    Rule.RECOVERY,
                    f"{b.title} ({day_name(b.weekday)}) and {a.title} "
                    f"({day_name(a.weekday)}) both train {names(shared)} hard {hours} h "
                    "apart; the same muscles need 48 h",
                )
        days = [s.weekday for s in sessions]
        spread = _spread_possible(len(heavy), days)
        warned = any(re.search(r"\b72\b", line) for line in self.program.warnings)
        for i, j in combinations(heavy, 2):
            a, b = sessions[i], sessions[j]
            hours = pair_hours(a.weekday, b.weekday)
            if hours >= HEAVY_LOWER_HOURS or (warned and not spread):
                continue
            why = "though these weekdays allow 72 h" if spread else "and no warning says so"
            self.add(
                f"weeks[{w}].sessions[{j}]",
                Rule.RECOVERY,
                f"{b.title} and {a.title} both hold heavy lower-body barbell work {hours} h "
                f"apart, under the 72 h it asks, {why}",
            )

    def volume(self, w: int, week: Week) -> None:
        """Rule 9: build weeks inside the band; below it only with a warning naming the group."""
        if week.kind is not WeekKind.BUILD:
            return
        pairs = [
            (self.catalogue.get(rx.exercise), rx.sets)
            for session in week.sessions
            for rx in session.prescriptions()
        ]
        complete = all(ex is not None for ex, _ in pairs)
        totals = weekly_group_volume((ex, max(0, n)) for ex, n in pairs if ex is not None)
        profile = self.profile
        for group in PLANNED_GROUPS:
            band = weekly_band(profile.goal, profile.level, group)
            sets = totals.get(group, Decimal(0))
            if sets > band.high:
                self.add(
                    f"weeks[{w}]",
                    Rule.VOLUME,
                    f"{group} get {_fmt(sets)} sets a week, above the {_fmt(band.high)} the "
                    f"{profile.goal} band allows ({band.source})",
                )
            elif sets < band.low and complete and not self.warned(group):
                self.add(
                    f"weeks[{w}]",
                    Rule.VOLUME,
                    f"{group} get {_fmt(sets)} sets a week, below the {_fmt(band.low)} the "
                    f"{profile.goal} band asks, and no warning names {group}",
                )

    def warned(self, group: VolumeGroup) -> bool:
        name = re.compile(rf"\b{group}\b", re.IGNORECASE)
        return any(name.search(w) and re.search(r"\d", w) for w in self.program.warnings)

    # ---- the whole program: rule 11 ---------------------------------------------------

    def periodisation(self) -> None:
        """Rule 11: blocks of 4-6 weeks ending in a deload, the same exercises in a block."""
        weeks = self.program.weeks
        if len(weeks) != self.profile.weeks:
            self.add(
                "weeks",
                Rule.PERIODISATION,
                f"{len(weeks)} weeks, but the profile asks for {self.profile.weeks}",
            )
        blocks: list[list[int]] = []
        for i, week in enumerate(weeks):
            if week.index != i + 1:
                self.add(
                    f"weeks[{i}].index", Rule.PERIODISATION, f"week {week.index}, expected {i + 1}"
                )
            if blocks and week.block == weeks[blocks[-1][0]].block:
                blocks[-1].append(i)
                continue
            if week.block != len(blocks) + 1:
                self.add(
                    f"weeks[{i}].block",
                    Rule.PERIODISATION,
                    f"block {week.block}, expected {len(blocks) + 1}",
                )
            blocks.append([i])
        lengths = BLOCK_WEEKS if _splits_into_blocks(len(weeks)) else FALLBACK_BLOCK_WEEKS
        for number, positions in enumerate(blocks, start=1):
            self.block(number, positions, lengths)

    def block(self, number: int, positions: list[int], lengths: range) -> None:
        weeks = self.program.weeks
        first, last = positions[0], positions[-1]
        if len(positions) not in lengths:
            self.add(
                f"weeks[{first}]",
                Rule.PERIODISATION,
                f"block {number} lasts {len(positions)} weeks; blocks last {lengths.start}-"
                f"{lengths.stop - 1} (a deload every 4-6 weeks, Bell 2023)",
            )
        for p in positions[:-1]:
            if weeks[p].kind is WeekKind.DELOAD:
                self.add(f"weeks[{p}].kind", Rule.PERIODISATION, f"a deload inside block {number}")
        if weeks[last].kind is not WeekKind.DELOAD:
            self.add(
                f"weeks[{last}].kind", Rule.PERIODISATION, f"block {number} ends without a deload"
            )
        reference = _exercise_key(weeks[first])
        for p in positions[1:]:
            if _exercise_key(weeks[p]) != reference:
                self.add(
                    f"weeks[{p}]",
                    Rule.PERIODISATION,
                    f"the exercises differ from weeks[{first}]; a block keeps its exercises",
                )
        builds = [weeks[p] for p in positions[:-1] if weeks[p].kind is WeekKind.BUILD]
        if builds and weeks[last].kind is WeekKind.DELOAD:
            self.deload(last, builds)

    def deload(self, at: int, builds: list[Week]) -> None:
        """A deload keeps the exercises at about half the sets and RIR +2-3 (Bell 2023)."""
        doses = [_doses(week) for week in builds]
        for s, session in enumerate(self.program.weeks[at].sessions):
            for b, block in enumerate(session.blocks):
                for e, rx in enumerate(block.exercises):
                    before = [x for d in doses if (x := d.get((session.weekday, rx.exercise)))]
                    if not before:
                        continue
                    where = f"weeks[{at}].sessions[{s}].blocks[{b}].exercises[{e}]"
                    halves = {n for x in before for n in (max(1, x.sets // 2), -(-x.sets // 2))}
                    if rx.sets not in halves:
                        self.add(
                            f"{where}.sets",
                            Rule.PERIODISATION,
                            f"the deload has {rx.sets} sets of {rx.exercise}; about half of "
                            f"the build weeks' {before[-1].sets} is expected",
                        )
                    easier = {min(x.rir + k, MAX_RIR) for x in before for k in DELOAD_RIR_STEPS}
                    if rx.rir not in easier:
                        self.add(
                            f"{where}.rir",
                            Rule.PERIODISATION,
                            f"the deload has RIR {rx.rir} for {rx.exercise}; the build RIR + 2 "
                            f"({min(before[-1].rir + 2, MAX_RIR)}) is expected",
                        )


def _exercise_key(week: Week) -> list[tuple[str, tuple[str, ...]]]:
    return sorted(
        (str(s.weekday), tuple(sorted(rx.exercise for rx in s.prescriptions())))
        for s in week.sessions
    )


def _doses(week: Week) -> dict[tuple[Weekday, str], Prescription]:
    found: dict[tuple[Weekday, str], Prescription] = {}
    for session in week.sessions:
        for rx in session.prescriptions():
            found.setdefault((session.weekday, rx.exercise), rx)
    return found
