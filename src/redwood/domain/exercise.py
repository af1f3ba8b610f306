"""The exercise as a coach reasons about it (DESIGN.md, catalogue contract).

An `Exercise` is a frozen value: the catalogue file and the athlete's custom exercises
both become these, and the planner, coach and analytics read nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from redwood.domain.vocab import (
    LEVEL_ORDER,
    Equipment,
    Level,
    Limitation,
    Measure,
    Mechanic,
    Muscle,
    Pattern,
    Region,
    Setting,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

BODYWEIGHT_EQUIPMENT = frozenset({Equipment.NONE})


def normalize_name(name: str) -> str:
    """Fold an exercise name for matching: case, accents, punctuation and spacing ignored.

    "Squat (Barbell) ", "squat  barbell" and "SQUAT-BARBELL" all fold to "squat barbell",
    which is how names from other apps meet catalogue aliases.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = stripped.casefold().replace("’", "'").replace("'", "")
    words = re.findall(r"[a-z0-9]+", lowered)
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise with the metadata the planner and coach need.

    `spinal_load` runs 0-3 (3 = heavy axial or hinge loading such as a back squat or
    deadlift); `systemic_fatigue` runs 1-5. `substitutes` are ids, best first.
    `harder` and `easier` name the next and previous step of a bodyweight or band
    progression ("+1 rep a week, then a harder variation", TRAINING.md section 4).
    """

    id: str
    name: str
    pattern: Pattern
    region: Region
    mechanic: Mechanic
    primary: tuple[Muscle, ...]
    secondary: tuple[Muscle, ...]
    equipment: tuple[Equipment, ...]
    settings: tuple[Setting, ...]
    level: Level
    unilateral: bool
    spinal_load: int
    systemic_fatigue: int
    stresses: tuple[Limitation, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    substitutes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    measure: Measure = Measure.REPS
    harder: str | None = None
    easier: str | None = None
    custom: bool = False
    tags: tuple[str, ...] = field(default=())

    @property
    def is_bodyweight(self) -> bool:
        """True when the exercise needs no external load (only `none`, a bar or a box)."""
        loadless = {Equipment.NONE, Equipment.PULLUP_BAR, Equipment.DIP_STATION}
        loadless |= {Equipment.BOX, Equipment.STAIRS, Equipment.BENCH, Equipment.TOWEL}
        loadless |= {Equipment.SUSPENSION_TRAINER}
        return set(self.equipment) <= loadless

    @property
    def is_compound(self) -> bool:
        """Multi-joint moves open sessions and come before isolation work."""
        return self.mechanic is Mechanic.COMPOUND

    def doable_with(self, available: frozenset[Equipment] | set[Equipment]) -> bool:
        """True when every piece of required equipment is available (`none` always is)."""
        return all(item is Equipment.NONE or item in available for item in self.equipment)

    def suits_level(self, level: Level) -> bool:
        """An athlete may do exercises at or below their own level."""
        return LEVEL_ORDER[self.level] <= LEVEL_ORDER[level]

    def muscles(self) -> tuple[Muscle, ...]:
        """Primary then secondary muscles."""
        return self.primary + self.secondary

    def names(self) -> tuple[str, ...]:
        """The display name followed by every alias."""
        return (self.name, *self.aliases)

    def to_dict(self) -> dict[str, Any]:
        """The catalogue contract of DESIGN.md as plain JSON-ready data."""
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "pattern": str(self.pattern),
            "region": str(self.region),
            "mechanic": str(self.mechanic),
            "primary": [str(m) for m in self.primary],
            "secondary": [str(m) for m in self.secondary],
            "equipment": [str(e) for e in self.equipment],
            "settings": [str(s) for s in self.settings],
            "level": str(self.level),
            "unilateral": self.unilateral,
            "spinal_load": self.spinal_load,
            "systemic_fatigue": self.systemic_fatigue,
            "stresses": [str(s) for s in self.stresses],
            "measure": str(self.measure),
            "cues": list(self.cues),
            "mistakes": list(self.mistakes),
            "substitutes": list(self.substitutes),
            "harder": self.harder,
            "easier": self.easier,
            "custom": self.custom,
            "tags": list(self.tags),
        }


class ExerciseError(ValueError):
    """An exercise record that breaks the catalogue contract; the message names the field."""


def _enum_tuple(kind: Any, values: Any, field_name: str, ex_id: str) -> tuple[Any, ...]:
    if not isinstance(values, list | tuple):
        raise ExerciseError(f"{ex_id}: {field_name} must be a list")
    out = []
    for value in values:
        try:
            out.append(kind(value))
        except ValueError:
            raise ExerciseError(f"{ex_id}: {field_name} has unknown value {value!r}") from None
    if len(set(out)) != len(out):
        raise ExerciseError(f"{ex_id}: {field_name} repeats a value")
    return tuple(out)


def _str_tuple(values: Any, field_name: str, ex_id: str) -> tuple[str, ...]:
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise ExerciseError(f"{ex_id}: {field_name} must be a list of strings")
    return tuple(v.strip() for v in values)


def _int_in(record: dict[str, Any], key: str, low: int, high: int, ex_id: str) -> int:
    value = record.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ExerciseError(f"{ex_id}: {key} must be a whole number from {low} to {high}")
    return value


def _one(kind: Any, record: dict[str, Any], key: str, ex_id: str) -> Any:
    try:
        return kind(record[key])
    except KeyError:
        raise ExerciseError(f"{ex_id}: {key} is missing") from None
    except ValueError:
        raise ExerciseError(f"{ex_id}: {key} has unknown value {record[key]!r}") from None


def exercise_from_dict(record: dict[str, Any], *, custom: bool = False) -> Exercise:
    """Build an `Exercise` from a catalogue record, checking every field against the vocabularies.

    Raises `ExerciseError` naming the exercise and the field at the first problem.
    Cross-references (substitutes, harder, easier) are checked by the catalogue, which
    sees every id.
    """
    ex_id = record.get("id")
    if not isinstance(ex_id, str) or not SLUG_RE.match(ex_id):
        raise ExerciseError(f"{ex_id!r}: id must be a lowercase slug like 'barbell-back-squat'")
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ExerciseError(f"{ex_id}: name is missing")
    primary = _enum_tuple(Muscle, record.get("primary"), "primary", ex_id)
    if not primary:
        raise ExerciseError(f"{ex_id}: primary needs at least one muscle")
    secondary = _enum_tuple(Muscle, record.get("secondary", []), "secondary", ex_id)
    if set(primary) & set(secondary):
        raise ExerciseError(f"{ex_id}: a muscle is both primary and secondary")
    equipment = _enum_tuple(Equipment, record.get("equipment"), "equipment", ex_id)
    if not equipment:
        raise ExerciseError(f"{ex_id}: equipment must not be empty (use ['none'])")
    settings = _enum_tuple(Setting, record.get("settings"), "settings", ex_id)
    if not settings:
        raise ExerciseError(f"{ex_id}: settings must name at least one setting")
    unilateral = record.get("unilateral")
    if not isinstance(unilateral, bool):
        raise ExerciseError(f"{ex_id}: unilateral must be true or false")
    harder, easier = record.get("harder"), record.get("easier")
    for key, value in (("harder", harder), ("easier", easier)):
        if value is not None and not isinstance(value, str):
            raise ExerciseError(f"{ex_id}: {key} must be an exercise id")
    return Exercise(
        id=ex_id,
        name=name.strip(),
        aliases=_str_tuple(record.get("aliases", []), "aliases", ex_id),
        pattern=_one(Pattern, record, "pattern", ex_id),
        region=_one(Region, record, "region", ex_id),
        mechanic=_one(Mechanic, record, "mechanic", ex_id),
        primary=primary,
        secondary=secondary,
        equipment=equipment,
        settings=settings,
        level=_one(Level, record, "level", ex_id),
        unilateral=unilateral,
        spinal_load=_int_in(record, "spinal_load", 0, 3, ex_id),
        systemic_fatigue=_int_in(record, "systemic_fatigue", 1, 5, ex_id),
        stresses=_enum_tuple(Limitation, record.get("stresses", []), "stresses", ex_id),
        measure=_one(Measure, {"measure": record.get("measure", "reps")}, "measure", ex_id),
        cues=_str_tuple(record.get("cues", []), "cues", ex_id),
        mistakes=_str_tuple(record.get("mistakes", []), "mistakes", ex_id),
        substitutes=_str_tuple(record.get("substitutes", []), "substitutes", ex_id),
        harder=harder,
        easier=easier,
        custom=custom,
        tags=_str_tuple(record.get("tags", []), "tags", ex_id),
    )
