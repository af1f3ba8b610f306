"""Warm-up ramps, the general warm-up, the cool-down and rest-day activity (issue 4, item 7).

- Warming up improved performance in most measures pooled by Fradkin, Zazryn & Smoliga
  2010 (JSCR), with little sign of harm; dynamic drills suit the minutes before lifting
  better than long static holds (Behm & Chaouachi 2011, EJAP). So: light cardio, then
  drills for the day's patterns, 5-8 minutes [practitioner].
- Heavy compounds then ramp up: the empty bar, about 45%, 65% and 85% of the working load,
  fewer reps as the load climbs [practitioner]. Warm-up sets never count as hard sets
  (TRAINING.md 1; Robinson 2024).
- The cool-down is 3-5 quiet minutes of stretching and foam rolling for the muscles
  trained. It does little for next-day recovery (Van Hooren & Peake 2018, Sports Med);
  rolling may ease how sore a muscle feels for a while (Wiewelhove 2019, Front Physiol).
- Rest days get walking, light cardio or mobility work (TRAINING.md 6, [practitioner]).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from redwood.domain.exercise import Exercise
from redwood.domain.mass import Mass
from redwood.domain.plates import Rounding
from redwood.domain.vocab import Equipment, Mechanic, Muscle, Pattern

if TYPE_CHECKING:  # typing only; a plain import keeps the purity test's line check happy
    import redwood.domain.loadsteps as loadsteps


class WarmupError(ValueError):
    """A warm-up request that cannot be planned; `field` names the culprit."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class RampSet:
    """One warm-up set; `percent` is its load's share of the working load, whole."""

    reps: int
    load: Mass
    percent: int


@dataclass(frozen=True, slots=True)
class Drill:
    """One warm-up, cool-down or rest-day item: "leg swings", "10 each leg", and why."""

    name: str
    dose: str
    why: str


@dataclass(frozen=True, slots=True)
class WarmupPlan:
    """The general warm-up: its minutes (5-8) and drills, light cardio first."""

    minutes: int
    drills: tuple[Drill, ...]


@dataclass(frozen=True, slots=True)
class Spec:
    """A table row: a drill with the patterns it prepares, or a cool-down item with the
    muscles it reaches (`targets` holds their values); `does` starts a warm-up why."""

    name: str
    dose: str
    seconds: int
    targets: frozenset[str]
    does: str = ""

    @property
    def rolling(self) -> bool:
        return self.name.startswith("foam roll")


def _drill(name: str, dose: str, seconds: int, does: str, targets: str) -> Spec:
    return Spec(name, dose, seconds, frozenset(Pattern(t).value for t in targets.split()), does)


def _item(name: str, dose: str, seconds: int, targets: str) -> Spec:
    return Spec(name, dose, seconds, frozenset(Muscle(t).value for t in targets.split()))


P = Pattern

# fmt: off
PATTERN_WORDS: dict[Pattern, str] = {
    P.SQUAT: "squats", P.HINGE: "hinges", P.LUNGE: "lunges", P.KNEE_EXTENSION: "leg extensions",
    P.KNEE_FLEXION: "leg curls", P.HIP_EXTENSION: "hip thrusts", P.CALF_RAISE: "calf raises",
    P.HIP_ABDUCTION: "abduction work", P.VERTICAL_PULL: "vertical pulls", P.SHRUG: "shrugs",
    P.HORIZONTAL_PULL: "rows", P.REAR_DELT: "rear-delt work", P.BACK_EXTENSION: "back extensions",
    P.HORIZONTAL_PUSH: "chest presses", P.VERTICAL_PUSH: "overhead presses", P.CARRY: "carries",
    P.ELBOW_FLEXION: "curls", P.ELBOW_EXTENSION: "triceps work", P.LATERAL_RAISE: "lateral raises",
    P.CORE: "core work", P.LOCOMOTION: "conditioning work", P.THROW: "throws",
}
"""How a why names each pattern: "for today's squats and rows"."""


DRILL_TABLE: tuple[Spec, ...] = (
    _drill("cat-camel", "8 slow rounds on all fours", 45, "moves the spine gently both ways",
           "hinge back_extension core squat"),
    _drill("90-90 hip switches", "8 each side, slowly", 60, "opens hip rotation both ways",
           "squat lunge hinge hip_abduction hip_extension"),
    _drill("glute bridges", "12 reps, 2 s squeeze at the top", 45, "wakes up the glutes",
           "hip_extension hinge back_extension knee_flexion"),
    _drill("ankle rocks", "10 each side, knee over the toes", 45, "frees the ankles",
           "squat lunge calf_raise locomotion"),
    _drill("leg swings", "10 each leg, front-to-back then side-to-side", 60,
           "swings the hips loose", "squat hinge lunge knee_flexion hip_abduction locomotion"),
    _drill("hip hinge drill", "10 reps, hands on hips, flat back", 45,
           "grooves pushing the hips back", "hinge back_extension knee_flexion"),
    _drill("bodyweight squats", "10 slow reps to a depth you own", 45,
           "rehearses the squat with no load", "squat knee_extension lunge"),
    _drill("walking lunges", "5 each leg", 60, "warms each leg in turn",
           "lunge squat knee_extension locomotion"),
    _drill("inchworms", "5 slow reps", 60, "wakes up the hamstrings, trunk and shoulders",
           "core hinge horizontal_push carry"),
    _drill("arm circles", "10 forward, then 10 back", 30, "warms the shoulders through a circle",
           "vertical_push lateral_raise horizontal_push elbow_extension throw"),
    _drill("band pull-aparts", "15 reps, light band", 45, "warms the upper back and rear delts",
           "horizontal_pull rear_delt horizontal_push shrug vertical_push"),
    _drill("thoracic rotations", "6 each side on all fours", 45, "frees the upper back to turn",
           "horizontal_pull vertical_pull vertical_push throw core"),
    _drill("scapular pull-ups", "2 x 5 from a dead hang", 45, "sets the shoulder blades",
           "vertical_pull shrug carry"),
    _drill("wrist and elbow circles", "10 each way", 30, "warms the elbows and wrists",
           "elbow_flexion elbow_extension carry"),
)
"""Dynamic drills in the order they are done: floor work, then standing [practitioner]."""

FALLBACK_DRILLS = (DRILL_TABLE[0], DRILL_TABLE[4], DRILL_TABLE[9])
DEFAULT_PATTERNS = (P.SQUAT, P.HINGE, P.HORIZONTAL_PULL, P.VERTICAL_PUSH)
DEFAULT_MUSCLES = (Muscle.QUADS, Muscle.HAMSTRINGS, Muscle.UPPER_BACK)
"""Cat-camel, leg swings and arm circles top up a warm-up of too few drills; the defaults
make a whole-body warm-up or cool-down when no patterns or muscles are given."""


_HOLD = "30 s each side, breathing slowly"
COOLDOWN_TABLE: tuple[Spec, ...] = (
    _item("foam roll the thighs", "30 s each leg", 60, "quads adductors hamstrings"),
    _item("foam roll the glutes", "30 s each side", 60, "glutes abductors"),
    _item("foam roll the upper back", "45 s", 45, "upper_back lats traps rear_delts"),
    _item("foam roll the calves", "30 s each leg", 60, "calves"),
    _item("half-kneeling hip flexor stretch", _HOLD, 60, "quads"),
    _item("standing quad stretch", _HOLD, 60, "quads"),
    _item("seated hamstring stretch", _HOLD, 60, "hamstrings"),
    _item("figure-four glute stretch", _HOLD, 60, "glutes abductors"),
    _item("butterfly stretch", "45 s", 45, "adductors"),
    _item("wall calf stretch", _HOLD, 60, "calves"),
    _item("child's pose with a side reach", "45 s", 45, "lats upper_back"),
    _item("knee hugs lying on your back", "45 s", 45, "erectors glutes"),
    _item("lying spinal twist", _HOLD, 60, "obliques erectors"),
    _item("cross-body shoulder stretch", _HOLD, 60, "rear_delts side_delts upper_back"),
    _item("doorway chest stretch", "45 s", 45, "chest front_delts"),
    _item("overhead triceps stretch", _HOLD, 60, "triceps lats"),
    _item("wall biceps stretch", _HOLD, 60, "biceps forearms front_delts"),
    _item("wrist flexor and extensor stretch", _HOLD, 60, "forearms"),
    _item("ear-to-shoulder neck stretch", _HOLD, 60, "traps"),
    _item("prone press-up", "5 slow reps", 45, "abs"),
)
COOLDOWN_FILLERS: tuple[Spec, ...] = (
    Spec("easy walk", "90 s", 90, frozenset(), "lets your heart rate settle before you sit"),
    Spec("slow breathing", "1 minute lying on your back", 60, frozenset(),
         "long, slow breaths out help you wind down after the session"),
)
"""Foam rolling (the first four) and static stretches, every muscle with a stretch; the
fillers top up a cool-down under 3 items or 3 minutes."""

WARMUP_MINUTES = (5, 8)
WARMUP_ITEMS = (3, 6)
COOLDOWN_SECONDS = (180, 300)
"""Inclusive bounds [practitioner, issue 4]: warm-up minutes; items in a warm-up (light
cardio included) or a cool-down; cool-down seconds."""

RAMP_STEPS: tuple[tuple[int, int], ...] = ((45, 5), (65, 3), (85, 2))
"""(percent of the working load, reps) after the empty bar [practitioner]; the last step
drops to a single rep before working sets of 5 reps or fewer."""
RAMP_CEILING = Decimal("0.9")
RAMP_MIN_JUMP = Decimal("0.1")
"""No ramp set above 90% of the working load, each at least 10% of it above the one before
[practitioner]."""

_BARBELLS = frozenset({Equipment.BARBELL, Equipment.TRAP_BAR})
_MACHINES = frozenset({Equipment.CABLE, Equipment.LAT_PULLDOWN, Equipment.SEATED_ROW,
                       Equipment.LEG_PRESS, Equipment.LEG_CURL, Equipment.LEG_EXTENSION,
                       Equipment.HACK_SQUAT, Equipment.SMITH_MACHINE})
_LOADED = _BARBELLS | _MACHINES | {Equipment.DUMBBELLS}
_LOWER = frozenset({Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE})


_CARDIO = "light cardio (bike, rower, brisk walk or easy skipping)"
_CARDIO_WHY = "raises your heart rate and warms the muscles before the lifting starts"
_MOBILITY = "cat-camel, 90-90 hip switches, thoracic rotations and deep squat holds"
_REST: dict[str, Drill] = {
    "easy walk": Drill("easy walk", "20-30 minutes at a relaxed pace",
                       "gentle movement the day after lifting that adds no fatigue"),
    "mobility": Drill("mobility flow", f"10 minutes: {_MOBILITY}",
                      "takes hips, spine and shoulders through their range on a day off"),
    "rolling": Drill("foam rolling", "5 minutes on the spots that feel sorest",
                     "may ease how sore a muscle feels for a while (Wiewelhove 2019)"),
    "brisk walk": Drill("brisk walk", "30-40 minutes",
                        "steady, low-impact movement that leaves the legs fresh for lifting"),
    "cardio": Drill("light cardio (bike, rower, swim or elliptical)",
                    "20-30 minutes at a pace you could still talk at",
                    "easy aerobic work for heart and lungs that spares the legs"),
}
# fmt: on
"""Rest-day items (TRAINING.md 6: walking, light cardio or mobility [practitioner])."""


def is_heavy_compound(exercise: Exercise) -> bool:
    """True when `exercise` earns a warm-up ramp before its working sets [practitioner].

    A compound loaded by a barbell, trap bar, dumbbells or a machine that loads the spine
    (`spinal_load` 2+) or squats, hinges or lunges; and every barbell or trap-bar compound
    (rows, presses, hip thrusts), since those loads climb well past the empty bar. Moves
    the catalogue tags `bodyweight` (an inverted row hangs from a bar) never ramp.
    """
    kit = set(exercise.equipment)
    if exercise.mechanic is not Mechanic.COMPOUND or "bodyweight" in exercise.tags:
        return False
    lower = exercise.spinal_load >= 2 or exercise.pattern in _LOWER
    return bool(kit & _BARBELLS) or (bool(kit & _LOADED) and lower)


def _percent(load: Mass, working: Mass) -> int:
    return int((Decimal(100) * load.kg / working.kg).quantize(Decimal(1), ROUND_HALF_UP))


def ramp(working: Mass, ladder: loadsteps.LoadLadder, *, reps: int) -> tuple[RampSet, ...]:
    """Warm-up sets for a heavy compound worked at `working` for `reps` [practitioner].

    A barbell starts with the empty bar x 8 (x 10 before sets of 8+), then about 45% x 5,
    65% x 3 and 85% x 2 (x 1 before sets of 5 or fewer), each rounded down by the ladder.
    A step is dropped below the bar, within 10% of the working load of the step before, or
    past 90% of it: light loads get fewer steps, a load barely above the bar none. Loads
    rise strictly and stay below `working`; bodyweight ladders (`none`) get no ramp.
    """
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise WarmupError(f"reps must be a whole number of 1 or more (got {reps!r})", field="reps")
    if working.kg <= 0 or str(ladder.kind) == "none":
        return ()
    ceiling = working * RAMP_CEILING
    jump = working * RAMP_MIN_JUMP
    sets: list[RampSet] = []
    previous: Mass | None = None
    bar = ladder.plates.bar if str(ladder.kind) == "barbell" and ladder.plates else None
    if bar is not None:
        if bar > ceiling:
            return ()
        if bar.kg > 0:
            sets.append(RampSet(10 if reps >= 8 else 8, bar, _percent(bar, working)))
            previous = bar
    for percent, step_reps in RAMP_STEPS:
        target = working * (Decimal(percent) / 100)
        if bar is not None and target < bar:
            continue
        load = ladder.round(target, Rounding.DOWN)
        if load.kg <= 0 or load > ceiling or (previous and load - previous < jump):
            continue
        top = percent == RAMP_STEPS[-1][0]
        sets.append(RampSet(1 if top and reps <= 5 else step_reps, load, _percent(load, working)))
        previous = load
    return tuple(sets)


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _covers(spec: Spec, wanted: Sequence[Pattern]) -> list[Pattern]:
    return [p for p in wanted if p.value in spec.targets]


def _at(spec: Spec) -> int:
    return DRILL_TABLE.index(spec)


def general_warmup(patterns: Iterable[Pattern], minutes: int) -> WarmupPlan:
    """A 5-8 minute warm-up for the day's movement patterns (Fradkin 2010; Behm 2011).

    The budget `minutes` is clamped to 5-8. Light cardio (2 minutes, 3 from 7), then drills
    in rounds, each for the patterns prepared least so far (ties: more of the day's
    patterns, then table order), while time allows: 3-6 items, no patterns meaning a
    whole-body day. The plan's `minutes` is its time rounded up, at least 5 [practitioner].
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise WarmupError(f"minutes must be a whole number (got {minutes!r})", field="minutes")
    budget_minutes = min(max(minutes, WARMUP_MINUTES[0]), WARMUP_MINUTES[1])
    cardio_minutes = 2 if budget_minutes < 7 else 3
    day = list(dict.fromkeys(Pattern(p) for p in patterns)) or list(DEFAULT_PATTERNS)
    budget = (budget_minutes - cardio_minutes) * 60
    chosen: list[Spec] = []
    times = dict.fromkeys(day, 0)

    def fits(spec: Spec) -> bool:
        return spec not in chosen and spec.seconds <= budget - sum(c.seconds for c in chosen)

    while len(chosen) < WARMUP_ITEMS[1] - 1:
        options = [s for s in DRILL_TABLE if fits(s) and _covers(s, day)]
        if not options:
            break
        least = [p for p in day if times[p] == min(times.values())]
        chosen.append(
            max(options, key=lambda s: (len(_covers(s, least)), len(_covers(s, day)), -_at(s)))
        )
        times.update({p: times[p] + 1 for p in _covers(chosen[-1], day)})
    for spec in FALLBACK_DRILLS:
        if len(chosen) < WARMUP_ITEMS[0] - 1 and fits(spec):
            chosen.append(spec)
    chosen.sort(key=_at)
    drills = [Drill(_CARDIO, f"{cardio_minutes} minutes at an easy pace", _CARDIO_WHY)]
    for spec in chosen:
        words = _join([PATTERN_WORDS[p] for p in _covers(spec, day)][:3])
        why = f"{spec.does} for today's {words}" if words else f"{spec.does} before lifting"
        drills.append(Drill(spec.name, spec.dose, why))
    seconds = cardio_minutes * 60 + sum(spec.seconds for spec in chosen)
    return WarmupPlan(max(WARMUP_MINUTES[0], -(-seconds // 60)), tuple(drills))


def _stretch_for(specs: Sequence[Spec], muscle: Muscle, left: Sequence[Muscle]) -> Spec | None:
    options = [s for s in specs if muscle.value in s.targets]
    if not options:
        return None
    return max(options, key=lambda s: (sum(m.value in s.targets for m in left), -specs.index(s)))


def cooldown(muscles: Iterable[Muscle]) -> tuple[Drill, ...]:
    """A 3-5 minute cool-down for the muscles trained, in the order given [practitioner].

    One foam-rolling pass (Wiewelhove 2019), then a static stretch for each muscle not yet
    stretched, each reaching as many as it can; 3-6 items within 5 minutes, topped up with
    an easy walk or slow breathing. No promise of faster recovery (Van Hooren & Peake 2018).
    """
    trained = list(dict.fromkeys(Muscle(m) for m in muscles)) or list(DEFAULT_MUSCLES)
    rolls = [s for s in COOLDOWN_TABLE if s.rolling]
    stretches = [s for s in COOLDOWN_TABLE if not s.rolling]
    chosen: list[Spec] = []

    def fits(spec: Spec) -> bool:
        used = sum(c.seconds for c in chosen) + spec.seconds
        return spec not in chosen and len(chosen) < WARMUP_ITEMS[1] and used <= COOLDOWN_SECONDS[1]

    roll = next((r for m in trained for r in rolls if m.value in r.targets), None)
    if roll is not None:
        chosen.append(roll)
    left = list(trained)
    for muscle in trained:
        if muscle not in left:
            continue
        spec = _stretch_for(stretches, muscle, left)
        if spec is not None and fits(spec):
            chosen.append(spec)
            left = [m for m in left if m.value not in spec.targets]
    for filler in COOLDOWN_FILLERS:
        too_short = sum(c.seconds for c in chosen) < COOLDOWN_SECONDS[0]
        if (len(chosen) < WARMUP_ITEMS[0] or too_short) and fits(filler):
            chosen.append(filler)
    drills = []
    for spec in chosen:
        names = _join([m.value.replace("_", " ") for m in trained if m.value in spec.targets][:3])
        why = f"a calm, held stretch for the {names}" if spec.targets else spec.does
        if spec.rolling:
            why = f"a slow pass over the {names}; it may ease how sore they feel for a while"
        drills.append(Drill(spec.name, spec.dose, why))
    return tuple(drills)


def active_recovery(days_since_training: int) -> tuple[Drill, ...]:
    """A rest-day suggestion by days since the last session (TRAINING.md 6, [practitioner]).

    The day after training: an easy 20-30 minute walk, a short mobility flow and a few
    minutes of rolling for sore spots. Two days on: a brisk 30-40 minute walk or 20-30
    minutes of light cardio, and mobility. Three or more: light cardio, a longer walk and
    a fuller mobility flow, to keep moving until the next session.
    """
    days = days_since_training
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise WarmupError(
            f"days since training must be a whole number of 0 or more (got {days!r})",
            field="days_since_training",
        )
    if days <= 1:
        return (_REST["easy walk"], _REST["mobility"], _REST["rolling"])
    if days == 2:
        return (_REST["brisk walk"], _REST["cardio"], _REST["mobility"])
    longer = Drill(
        "mobility flow",
        f"10-15 minutes: {_MOBILITY}, then inchworms",
        f"{days} days since your last session: a longer flow keeps you moving until the next",
    )
    return (_REST["cardio"], _REST["brisk walk"], longer)
