"""Rules one session keeps on its own (1-7 and 10 of notes/planner-design.md), for `validate`.

`SessionChecks` holds the program, its profile and the catalogue, and records each
`Violation` it finds; `redwood.planner.validate` adds the week and program rules on top and
is the module to import (it re-exports `Rule` and `Violation`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from redwood.catalog import Catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.profile import OrderPreference, Priority, SupersetPreference, Weekday
from redwood.domain.program import (
    BlockType,
    PlannedSession,
    Prescription,
    Program,
    SessionKind,
    Week,
    WeekKind,
)
from redwood.domain.timing import SUPERSET_MAX_GAP_SECONDS, estimated_minutes
from redwood.domain.vocab import Equipment, Limitation, Pattern, Region

BUILD_SETS, DELOAD_SETS = (2, 4), (1, 2)
"""Sets per exercise in build and deload weeks (rule 10)."""
RIR_RANGE, REST_RANGE = (0, 5), (30, 300)
"""Target RIR and rest seconds every prescription keeps (rule 10)."""
REGION_EXERCISES = (1, 3)
"""Exercises per region on a back-and-legs day (2-3, down to 1 when a rationale says why)."""
REASON_WORDS = re.compile(r"time|minute|level|beginner", re.IGNORECASE)
"""A rationale line explaining a single exercise of a region names time or level."""


class Rule(StrEnum):
    """The rule a violation breaks."""

    EQUIPMENT = "equipment"
    SETTING = "setting"
    LIMITATION = "limitation"
    LEVEL = "level"
    EXCLUDED = "excluded"
    TIME = "time"
    SPINE = "spine"
    ORDER = "order"
    SUPERSET = "superset"
    RECOVERY = "recovery"
    VOLUME = "volume"
    DOSE = "dose"
    PERIODISATION = "periodisation"
    UNKNOWN_EXERCISE = "unknown-exercise"


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: where in the document, which rule, and what is wrong."""

    location: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One prescription of a session with its location and catalogue exercise (None if unknown)."""

    where: str
    block: int
    straight: bool
    rx: Prescription
    ex: Exercise | None


def names(items: Sequence[object]) -> str:
    """Items joined for a message."""
    return ", ".join(str(item) for item in items)


def day_name(day: Weekday) -> str:
    """ "Mon" for mon."""
    return str(day).capitalize()


def first_region(order: OrderPreference, priority: Priority) -> Region:
    """The region a legs-and-back session opens with (rule 6)."""
    if order is OrderPreference.LEGS_FIRST:
        return Region.LEGS
    if order is OrderPreference.BACK_FIRST:
        return Region.BACK
    return Region.BACK if priority is Priority.BACK else Region.LEGS


class SessionChecks:
    """The per-session rules; subclasses add week and program rules and call `session`."""

    def __init__(self, program: Program, catalogue: Catalogue) -> None:
        self.program = program
        self.profile = program.profile
        self.catalogue = catalogue
        self.found: list[Violation] = []

    def add(self, location: str, rule: Rule, message: str) -> None:
        """Record one violation."""
        self.found.append(Violation(location, str(rule), message))

    def lookup(self, exercise_id: str) -> Exercise:
        """The catalogue exercise for a known id (for the time model)."""
        exercise = self.catalogue.get(exercise_id)
        if exercise is None:  # pragma: no cover - callers pass known ids only
            raise KeyError(exercise_id)
        return exercise

    def entries(self, session: PlannedSession, where: str) -> list[Entry]:
        """Every prescription of the session in order, with its location."""
        return [
            Entry(
                f"{where}.blocks[{b}].exercises[{e}]",
                b,
                block.type is BlockType.STRAIGHT,
                rx,
                self.catalogue.get(rx.exercise),
            )
            for b, block in enumerate(session.blocks)
            for e, rx in enumerate(block.exercises)
        ]

    # ---- one session: rules 1-7 and 10 ------------------------------------------------

    def session(self, week: Week, session: PlannedSession, where: str) -> None:
        entries = self.entries(session, where)
        for entry in entries:
            if entry.ex is None:
                self.add(
                    entry.where, Rule.UNKNOWN_EXERCISE, f"unknown exercise {entry.rx.exercise!r}"
                )
            else:
                self.athlete_rules(session.weekday, entry.where, entry.ex)
            self.dose(week, entry)
        known = [e for e in entries if e.ex is not None]
        complete = len(known) == len(entries)
        if complete:
            self.time(session, where)
        self.spine(known)
        self.order(session, where, entries)
        self.supersets(session, where)
        if complete and session.kind is SessionKind.BACK_LEGS:
            self.region_counts(where, known)

    def athlete_rules(self, day: Weekday, where: str, ex: Exercise) -> None:
        """Rules 1-3: kit and setting of the day, limitations, level, exclusions."""
        profile = self.profile
        kit, setting = profile.equipment_on(day), profile.setting_on(day)
        missing = [item for item in ex.equipment if item is not Equipment.NONE and item not in kit]
        if missing:
            has = [item for item in Equipment if item in kit and item is not Equipment.NONE]
            self.add(
                where,
                Rule.EQUIPMENT,
                f"{ex.id} needs {names(missing)}; the {setting} kit has "
                f"{names(has) or 'no equipment'}",
            )
        if setting not in ex.settings:
            self.add(
                where,
                Rule.SETTING,
                f"{ex.id} is not done at {setting} on {day_name(day)} "
                f"(it suits {names(ex.settings)})",
            )
        hurt = [item for item in ex.stresses if item in profile.limitations]
        if hurt:
            self.add(where, Rule.LIMITATION, f"{ex.id} stresses {names(hurt)}, a limitation")
        if Limitation.LOWER_BACK in profile.limitations and ex.spinal_load >= 2:
            self.add(
                where,
                Rule.LIMITATION,
                f"{ex.id} has spinal load {ex.spinal_load}; with lower_back nothing above 1",
            )
        if not ex.suits_level(profile.level):
            self.add(
                where,
                Rule.LEVEL,
                f"{ex.id} is an {ex.level} exercise; the athlete is {profile.level}",
            )
        if ex.id in profile.excluded:
            self.add(where, Rule.EXCLUDED, f"{ex.id} is on the athlete's excluded list")

    def dose(self, week: Week, entry: Entry) -> None:
        """Rule 10: sets, reps, RIR and rest of one prescription."""
        rx, where = entry.rx, entry.where
        deload = week.kind is WeekKind.DELOAD
        low, high = DELOAD_SETS if deload else BUILD_SETS
        if not low <= rx.sets <= high:
            self.add(
                f"{where}.sets",
                Rule.DOSE,
                f"{rx.sets} sets of {rx.exercise}; a {week.kind} week has {low}-{high} each",
            )
        if not 1 <= rx.reps_min <= rx.reps_max:
            self.add(
                f"{where}.reps_min",
                Rule.DOSE,
                f"reps {rx.reps_min}-{rx.reps_max} for {rx.exercise}: expected 1 <= min <= max",
            )
        if not RIR_RANGE[0] <= rx.rir <= RIR_RANGE[1]:
            self.add(f"{where}.rir", Rule.DOSE, f"RIR {rx.rir} for {rx.exercise}; targets run 0-5")
        if not REST_RANGE[0] <= rx.rest_seconds <= REST_RANGE[1]:
            self.add(
                f"{where}.rest_seconds",
                Rule.DOSE,
                f"{rx.rest_seconds} s rest for {rx.exercise}; rests run 30-300 s",
            )

    def time(self, session: PlannedSession, where: str) -> None:
        """Rule 4: the stated minutes are the time model's, and within the budget."""
        minutes = estimated_minutes(session, self.lookup)
        stated, budget = session.estimated_minutes, self.profile.session_minutes
        if stated != minutes:
            self.add(
                f"{where}.estimated_minutes",
                Rule.TIME,
                f"says {stated} minutes; the time model gives {minutes}",
            )
        if max(stated, minutes) > budget:
            self.add(
                f"{where}.estimated_minutes",
                Rule.TIME,
                f"{max(stated, minutes)} minutes, over the athlete's {budget}-minute sessions",
            )

    def spine(self, known: list[Entry]) -> None:
        """Rule 5: one spinal-load-3 lift at most; no loaded hinge after a maximal squat."""
        heaviest = [e for e in known if e.ex is not None and e.ex.spinal_load == 3]
        for entry in heaviest[1:]:
            self.add(
                entry.where,
                Rule.SPINE,
                f"{entry.rx.exercise} is a second spinal-load-3 lift after "
                f"{heaviest[0].rx.exercise}; a session has one at most",
            )
        squat: str | None = None
        for entry in known:
            ex = entry.ex
            assert ex is not None
            if squat and ex.pattern is Pattern.HINGE and ex.spinal_load >= 2:
                self.add(
                    entry.where,
                    Rule.SPINE,
                    f"{ex.id}, a loaded hinge, comes after the maximal squat {squat}",
                )
            if squat is None and ex.pattern is Pattern.SQUAT and ex.spinal_load == 3:
                squat = ex.id

    def order(self, session: PlannedSession, where: str, entries: list[Entry]) -> None:
        """Rule 6: a straight compound first; compounds before isolation; region order."""
        if not session.blocks:
            self.add(f"{where}.blocks", Rule.ORDER, "the session has no exercises")
            return
        if session.blocks[0].type is not BlockType.STRAIGHT:
            self.add(
                f"{where}.blocks[0]",
                Rule.ORDER,
                "the session opens with a superset, not straight sets of a compound",
            )
        head = entries[0] if entries else None
        if head is not None and head.ex is not None and not head.ex.is_compound:
            self.add(
                f"{where}.blocks[0]",
                Rule.ORDER,
                f"the session opens with {head.ex.id}, an isolation exercise; a compound opens it",
            )
        straight = [e for e in entries if e.straight and e.ex is not None]
        isolation: dict[Region, str] = {}
        for entry in straight:
            ex = entry.ex
            assert ex is not None
            if ex.is_compound and ex.region in isolation:
                self.add(
                    entry.where,
                    Rule.ORDER,
                    f"compound {ex.id} comes after {isolation[ex.region]}, an isolation "
                    f"exercise of the {ex.region} region; compounds go first",
                )
            if not ex.is_compound:
                isolation.setdefault(ex.region, ex.id)
        if not {Region.LEGS, Region.BACK} <= set(session.regions):
            return
        profile = self.profile
        wanted = first_region(profile.order, profile.priority)
        excused = any(
            session.title in line and "opens with" in line for line in self.program.warnings
        )
        if (
            head is not None
            and head.ex is not None
            and head.ex.region is not wanted
            and not excused
        ):
            why = (
                f"the {profile.order} order"
                if profile.order in (OrderPreference.LEGS_FIRST, OrderPreference.BACK_FIRST)
                else f"{profile.priority} priority"
            )
            self.add(
                head.where,
                Rule.ORDER,
                f"the session opens with {head.ex.id} ({head.ex.region}); {why} puts "
                f"{wanted} first",
            )
        if profile.order is OrderPreference.ALTERNATING:
            self.alternating(straight)

    def alternating(self, straight: list[Entry]) -> None:
        """Straight legs/back blocks switch region while both regions have blocks left."""
        chain = [
            (e, e.ex.region)
            for e in straight
            if e.ex is not None and e.ex.region in (Region.LEGS, Region.BACK)
        ]
        for i in range(1, len(chain)):
            entry, region = chain[i]
            left = {r for _, r in chain[i:]}
            if chain[i - 1][1] is region and len(left) == 2:
                self.add(
                    entry.where,
                    Rule.ORDER,
                    f"two {region} blocks in a row; the alternating order switches between "
                    "legs and back while both have blocks left",
                )

    def supersets(self, session: PlannedSession, where: str) -> None:
        """Rule 7: two non-competing, not spine-heavy moves, equal sets, a short gap."""
        for b, block in enumerate(session.blocks):
            here, count = f"{where}.blocks[{b}]", len(block.exercises)
            if block.type is BlockType.STRAIGHT:
                if count != 1:
                    self.add(
                        here, Rule.SUPERSET, f"a straight block holds one exercise, not {count}"
                    )
                continue
            if self.profile.supersets is SupersetPreference.OFF:
                self.add(here, Rule.SUPERSET, "a superset, but the athlete has supersets off")
            if count != 2:
                self.add(
                    here, Rule.SUPERSET, f"a superset pairs exactly two exercises, not {count}"
                )
                continue
            first, second = block.exercises
            if first.sets != second.sets:
                self.add(
                    here,
                    Rule.SUPERSET,
                    f"unequal sets in a superset ({first.sets} and {second.sets})",
                )
            gap = block.pair_rest_seconds
            if gap is None or not 0 <= gap <= SUPERSET_MAX_GAP_SECONDS:
                self.add(
                    f"{here}.pair_rest_seconds",
                    Rule.SUPERSET,
                    f"{gap} s between the two moves; a superset keeps it at 0-45 s",
                )
            a, c = self.catalogue.get(first.exercise), self.catalogue.get(second.exercise)
            if a is None or c is None:
                continue
            shared = [m for m in a.primary if m in c.primary]
            if shared:
                self.add(here, Rule.SUPERSET, f"{a.id} and {c.id} both work {names(shared)}")
            if a.spinal_load >= 2 and c.spinal_load >= 2:
                self.add(here, Rule.SUPERSET, f"{a.id} and {c.id} both load the spine")
            for ex in (a, c):
                if ex.spinal_load == 3:
                    self.add(here, Rule.SUPERSET, f"{ex.id} (spinal load 3) is never supersetted")

    def region_counts(self, where: str, known: list[Entry]) -> None:
        """Rule 10: 1-3 leg and 1-3 back exercises on a back-and-legs day; one needs a reason."""
        low, high = REGION_EXERCISES
        for region in (Region.LEGS, Region.BACK):
            count = sum(1 for e in known if e.ex is not None and e.ex.region is region)
            if not low <= count <= high:
                self.add(
                    where,
                    Rule.DOSE,
                    f"{count} {region} exercises; a back-and-legs session has 1-3 (2-3 unless "
                    "time or level forbids)",
                )
            elif count == 1 and not any(
                str(region) in line.lower() and REASON_WORDS.search(line)
                for line in self.program.rationale
            ):
                why = f"one {region} exercise and no rationale line says why (time or level)"
                self.add(where, Rule.DOSE, why)
