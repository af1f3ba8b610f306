"""The three seed templates (`--template`), as data the generator fills in.

`leg-focused` and `full-body-compound` are Options A and B of seed `000`, slot by slot
with its set and rep ranges; `dumbbell-20` is Redwood's own 20-minute dumbbell session for
busy days (seed `004`: "pair compound lifts ... during 20-minute sessions").

Each slot lists catalogue ids best first. The generator uses the first option the athlete
can do *and* that keeps every hard rule in the session, else that option's best catalogue
substitute that does, and says so in the rationale. A template obeys the same rules as a
solved session; two of them bind here:

- Rule 5 allows one `spinal_load` 3 lift per session, so after the conventional deadlift
  of Option B the goblet squat comes before the seed's front squat (also 3); the front
  squat is used only when slot 1 ends up a lighter hinge.
- Rule 4 (time): `minutes` is the session length the template is written for. At its
  top set counts, with the goal's default rests (`dosage_for`) or the slot's own
  `rest_seconds`, and its `pairs` done as supersets, the time model fits the template's
  seed slots in `minutes` (the tests check every goal and level); an `optional` slot is
  used when the athlete's minutes allow it.

`pairs`, `rest_seconds`, `optional` and `design` are additions to the pinned fields, with
defaults that mean "none", "the goal's default rest", "a seed slot" and "no design line".
"""

from __future__ import annotations

from dataclasses import dataclass

from redwood.domain.vocab import Region

DUMBBELL_20_PAIR_REST = 30
"""Seconds between the two moves of the dumbbell-20 superset (under 45 s, TRAINING.md 5)."""


class TemplateError(ValueError):
    """An unknown template name, or a slot whose ranges contradict each other."""


@dataclass(frozen=True, slots=True)
class TemplateSlot:
    """One exercise slot: options best first, set and rep ranges, region, optional rest.

    `rest_seconds` None means the goal's default rest (`dosage_for`). The options after
    the first are also what the slot rotates to at a block boundary (same pattern first).
    """

    options: tuple[str, ...]
    sets_min: int
    sets_max: int
    reps_min: int
    reps_max: int
    region: Region
    rest_seconds: int | None = None
    optional: bool = False
    """An extra a coach adds when time allows: it weighs less than every seed slot, so the
    solver drops it first, and the template's `minutes` need not hold it."""

    def __post_init__(self) -> None:
        if not self.options:
            raise TemplateError("a template slot needs at least one exercise option")
        if not 2 <= self.sets_min <= self.sets_max <= 4:
            raise TemplateError(
                f"{self.options[0]}: sets {self.sets_min}-{self.sets_max}, expected within 2-4"
            )
        if not 1 <= self.reps_min <= self.reps_max:
            raise TemplateError(f"{self.options[0]}: reps {self.reps_min}-{self.reps_max}")


@dataclass(frozen=True, slots=True)
class Template:
    """A back-and-legs session written out: its slots in order and the minutes it needs.

    `pairs` names slot indices done as supersets (first index first), each pair with
    `pair_rest_seconds` between the two moves.
    """

    name: str
    title: str
    minutes: int
    slots: tuple[TemplateSlot, ...]
    pairs: tuple[tuple[int, int], ...] = ()
    pair_rest_seconds: int = DUMBBELL_20_PAIR_REST
    design: str = ""
    """Why every session of the week that trains its regions is this same session (a
    rationale line)."""


LEGS, BACK = Region.LEGS, Region.BACK

HAMSTRING_OPTIONS = (
    "lying-leg-curl",
    "seated-leg-curl",
    "dumbbell-leg-curl",
    "dumbbell-romanian-deadlift",
    "nordic-hamstring-curl",
    "barbell-romanian-deadlift",
)
"""Option A's added hamstring slot, best first. Knee flexion first: squat and leg press
already give glutes 6 sets a session, so a hinge would push glutes past their band top;
leg curls load no spine. A dumbbell Romanian deadlift (spinal load 1) is next; a barbell
Romanian deadlift (2) only when the squat slot is not a maximal squat (rule 5 would put it
before the squat) and never a good morning (spinal load 3: one per session)."""

LEG_FOCUSED = Template(
    name="leg-focused",
    title="Leg-focused start (seed 000, Option A)",
    minutes=60,
    slots=(
        TemplateSlot(("barbell-back-squat",), 3, 4, 5, 8, LEGS),
        TemplateSlot(("leg-press", "dumbbell-lunge"), 3, 3, 8, 12, LEGS),
        TemplateSlot(HAMSTRING_OPTIONS, 3, 4, 10, 15, LEGS, optional=True),
        TemplateSlot(("barbell-bent-over-row", "pendlay-row"), 3, 4, 6, 10, BACK),
        TemplateSlot(("lat-pulldown", "pull-up"), 3, 3, 8, 12, BACK),
        TemplateSlot(("cable-face-pull", "one-arm-dumbbell-row"), 2, 3, 10, 15, BACK),
    ),
    design=(
        "Every back-and-legs day repeats seed 000's Option A (the seed writes one session): "
        "the same main lifts twice or three times a week are practised often and progress "
        "is easy to read; accessories rotate at block boundaries."
    ),
)
"""Option A: compound leg, accessory leg, compound back, vertical pull, accessory back,
plus a hamstring move a coach adds when time allows (the seed's five slots train no
hamstrings: back squat and leg press work quads and glutes)."""

FULL_BODY_COMPOUND = Template(
    name="full-body-compound",
    title="Full-body compound emphasis (seed 000, Option B)",
    minutes=60,
    design=(
        "Every back-and-legs day repeats seed 000's Option B (the seed writes one session): "
        "the heavy compounds are practised often; accessories rotate at block boundaries."
    ),
    slots=(
        TemplateSlot(("conventional-deadlift",), 3, 4, 4, 6, LEGS),
        TemplateSlot(("dumbbell-goblet-squat", "barbell-front-squat"), 3, 3, 6, 10, LEGS),
        TemplateSlot(("t-bar-row", "chest-supported-machine-row"), 3, 3, 8, 12, BACK),
        TemplateSlot(("lying-leg-curl", "leg-extension"), 3, 3, 10, 15, LEGS),
        TemplateSlot(
            ("cable-straight-arm-pulldown", "45-degree-back-extension"), 2, 3, 12, 15, BACK
        ),
    ),
)
"""Option B: major compound, compound leg, compound back, leg isolation, back isolation."""

DUMBBELL_20 = Template(
    name="dumbbell-20",
    title="20-minute dumbbell back & legs",
    minutes=20,
    slots=(
        TemplateSlot(("dumbbell-goblet-squat", "kettlebell-goblet-squat"), 2, 2, 8, 12, LEGS, 60),
        TemplateSlot(
            ("dumbbell-romanian-deadlift", "kettlebell-romanian-deadlift"), 2, 2, 8, 12, LEGS, 60
        ),
        TemplateSlot(
            ("dumbbell-bent-over-row", "staggered-stance-dumbbell-row", "one-arm-dumbbell-row"),
            2,
            2,
            8,
            12,
            BACK,
            60,
        ),
        TemplateSlot(
            ("bent-over-dumbbell-reverse-fly", "side-lying-rear-delt-raise"), 2, 2, 10, 15, BACK, 45
        ),
    ),
    pairs=((1, 2),),
    design=(
        "Every session of the week is the same 20-minute dumbbell session by design: with "
        "so little time, one short session done every time makes each lift a habit and its "
        "progress easy to track (seed 004: consistency over intensity); variety comes at "
        "block boundaries, when the accessories rotate wherever a substitute fits the rules."
    ),
)
"""Goblet squat, then Romanian deadlift and row as a superset (non-competing: hamstrings
and glutes against lats and upper back, neither spine-loaded), then a rear-delt fly.
Two sets each at 8-12 reps (ACSM 2009, novice and general 8-12 RM) with 60 s rests (ACSM
2009: 60-120 s, low end; 45 s for the fly, the seed's short rests) fit 20 minutes: 420 s
warm-up + 200 + 340 + 209 = 1169 s."""

TEMPLATES: dict[str, Template] = {t.name: t for t in (LEG_FOCUSED, FULL_BODY_COMPOUND, DUMBBELL_20)}
"""Every template by the name `--template` takes."""


def template_named(name: str) -> Template:
    """The template called `name`; `TemplateError` listing the names otherwise."""
    template = TEMPLATES.get(name.strip().lower())
    if template is None:
        names = ", ".join(TEMPLATES)
        raise TemplateError(f"unknown template {name!r} (use one of {names})")
    return template
