"""Exercise names from other apps: to catalogue ids, saved mappings or custom exercises.

An import meets names such as "Squat (Barbell)" or "Deadlift Old Data". Each distinct name is
resolved once per file, in this order: the catalogue (ids, names and every app's aliases,
folded), then the athlete's saved mapping (`redwood exercises map`), then a custom exercise the
athlete already has by that name (made by an earlier import), and otherwise a new custom
exercise. New and existing custom exercises are the file's unmapped names: the report lists
them with the closest catalogue exercises, so the athlete can map them later.

A new custom exercise borrows the classification (pattern, muscles, equipment) of the
catalogue exercise that shares the most telling words with its name ("Deadlift Old Data" is
classified like the deadlift), so recovery and volume stay roughly right until it is mapped;
cardio and timed rows without such a match become locomotion or core work. It is tagged
`imported`, and `unclassified` when nothing matched.

`map_exercise` is the later step: it re-points the custom exercise's sets to the catalogue
exercise, saves the mapping for future imports and removes the emptied custom exercise.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redwood.domain.exercise import Exercise, exercise_from_dict, normalize_name
from redwood.services import catalogue as catalogue_service
from redwood.services.errors import ServiceError
from redwood.services.logsupport import Work, athlete_work

if TYPE_CHECKING:
    from redwood.store import Exercises

SUGGESTIONS = 3
_GENERIC = """barbell barbells dumbbell dumbbells db bb cable machine band bands smith kettlebell
kb bar ez weighted assisted the of with and old data new my a an on in each side single arm one
two plate loaded variation alternate alternating standing seated"""
GENERIC_WORDS = frozenset(_GENERIC.split())
"""Words that say how an exercise is loaded or nothing at all, not what it is."""
_BASE: dict[str, Any] = {
    "aliases": [],
    "mechanic": "compound",
    "secondary": [],
    "equipment": ["none"],
    "settings": ["gym", "home", "outdoor"],
    "level": "beginner",
    "unilateral": False,
    "spinal_load": 0,
    "systemic_fatigue": 2,
    "stresses": [],
    "cues": [],
    "mistakes": [],
    "substitutes": [],
}
CARDIO = {
    **_BASE,
    "pattern": "locomotion",
    "region": "full_body",
    "primary": ["quads"],
    "secondary": ["calves"],
    "measure": "metres",
}
TIMED = {**_BASE, "pattern": "core", "region": "core", "primary": ["abs"], "measure": "seconds"}
UNCLASSIFIED = {**_BASE, "pattern": "core", "region": "full_body", "primary": ["abs"]}


@dataclass(slots=True)
class UnmappedName:
    """A name that landed on a custom exercise, with the catalogue's closest exercises."""

    name: str
    exercise_id: str
    created: bool
    suggestions: list[dict[str, Any]] = field(default_factory=list)


def _slug(folded: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:80].rstrip("-") or "exercise"


class ExerciseNames:
    """Resolves the foreign names of one import for one athlete (see the module docstring)."""

    def __init__(self, work: Work) -> None:
        from redwood.store import Exercises

        self.catalogue = catalogue_service.catalogue()
        self.exercises: Exercises = Exercises(work.session, work.athlete.id)
        self._ids: dict[str, str] = {}
        self._written: dict[str, str] = {}
        self.unmapped: dict[str, UnmappedName] = {}

    @property
    def created(self) -> int:
        """Custom exercises made by this import."""
        return sum(1 for item in self.unmapped.values() if item.created)

    def created_ids(self) -> list[str]:
        """The ids of the custom exercises this import made."""
        return [item.exercise_id for item in self.unmapped.values() if item.created]

    def resolve(self, name: str, *, cardio: bool = False, timed: bool = False) -> str:
        """The exercise id for `name`; makes a custom exercise for an unknown name."""
        found = self._written.get(name)
        if found is not None:
            return found
        folded = normalize_name(name)
        found = self._ids.get(folded)
        if found is not None:
            self._written[name] = found
            return found
        if not folded:
            raise ServiceError(f"exercise: {name!r} has no letters or digits", "exercise")
        known = self.catalogue.resolve(name)
        exercise_id = known.id if known is not None else self._own(name, folded, cardio, timed)
        self._ids[folded] = self._written[name] = exercise_id
        return exercise_id

    def _own(self, name: str, folded: str, cardio: bool, timed: bool) -> str:
        mapped = self.exercises.mapped(name)
        if mapped is not None and self.exercises.exists(mapped):
            return mapped
        existing = self.exercises.find_by_name(name)
        if existing is not None and existing.custom:
            self._note(name, folded, existing.id, created=False)
            return existing.id
        made = self._create(name, folded, cardio, timed)
        self._note(name, folded, made.id, created=True)
        return made.id

    def _note(self, name: str, folded: str, exercise_id: str, *, created: bool) -> None:
        hits = self.catalogue.suggest(name, limit=SUGGESTIONS)
        self.unmapped[folded] = UnmappedName(
            name.strip(),
            exercise_id,
            created,
            [
                {"id": hit.exercise.id, "name": hit.exercise.name, "score": hit.score}
                for hit in hits
            ],
        )

    def template(self, name: str) -> Exercise | None:
        """The catalogue exercise whose names share the most telling words with `name`,
        the plainest such name first ("Deadlift Old Data" is like "Deadlift")."""
        folded = normalize_name(name)
        words = set(folded.split()) - GENERIC_WORDS
        if not words:
            return None
        best: tuple[int, int, int, float] | None = None
        chosen: Exercise | None = None
        for exercise in self.catalogue:
            for candidate in exercise.names():
                key = normalize_name(candidate).split()
                shared = len(words & set(key))
                if not shared:
                    continue
                others = len(set(key) - words - GENERIC_WORDS)
                rank = (
                    shared,
                    -others,
                    -len(key),
                    difflib.SequenceMatcher(None, folded, " ".join(key)).ratio(),
                )
                if best is None or rank > best:
                    best, chosen = rank, exercise
        return chosen

    def _create(self, name: str, folded: str, cardio: bool, timed: bool) -> Exercise:
        from redwood.store import DuplicateRecordError

        like = self.template(name)
        if like is not None:
            record = like.to_dict()
            for key in ("aliases", "cues", "mistakes"):
                record[key] = []
            record.update(harder=None, easier=None, substitutes=[like.id])
            record["tags"] = ["imported", f"like:{like.id}"]
        else:
            base = CARDIO if cardio else TIMED if timed else UNCLASSIFIED
            record = {**base, "tags": ["imported", "unclassified"]}
        record.update(id=f"custom-{_slug(folded)}", name=name.strip()[:200], custom=True)
        exercise = exercise_from_dict(record, custom=True)
        try:
            return self.exercises.create_custom(exercise)
        except DuplicateRecordError:
            fresh = exercise_from_dict({**record, "id": _slug(folded)}, custom=True)
            return self.exercises.create_custom(fresh)

    def report(self) -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
        """The unmapped names (as first written) and the suggestions for each."""
        names = [item.name for item in self.unmapped.values()]
        return names, {item.name: item.suggestions for item in self.unmapped.values()}


def map_exercise(name: str, target: str, *, url: str | None = None) -> dict[str, Any]:
    """Point an imported name at a catalogue exercise: its custom exercise's sets move there,
    the mapping is saved for future imports, and the emptied custom exercise is removed."""
    from redwood.store import Exercises, Logbook, RecordInUseError

    text = name.strip()
    if not normalize_name(text):
        raise ServiceError("name: give the name as the other app wrote it", "name")
    chosen = catalogue_service.find_exercise(target)
    with athlete_work(url) as work:
        exercises = Exercises(work.session, work.athlete.id)
        own = _custom_named(exercises, text)
        moved = 0
        removed = False
        if own is not None:
            moved = Logbook(work.session, work.athlete.id).repoint_exercise(own.id, chosen.id)
            try:
                exercises.delete_custom(own.id)
                removed = True
            except RecordInUseError:
                removed = False
        elif exercises.mapped(text) is None and catalogue_service.catalogue().resolve(text):
            raise ServiceError(
                f"name: {text!r} is already a catalogue name; nothing to map", "name"
            )
        mapping = exercises.save_mapping(text, chosen.id)
        return {
            "name": mapping.name,
            "exercise": chosen.id,
            "exercise_name": chosen.name,
            "custom": None if own is None else own.id,
            "sets_moved": moved,
            "custom_removed": removed,
        }


def _custom_named(exercises: Exercises, text: str) -> Exercise | None:
    """The athlete's custom exercise with this id or (folded) name, or None."""
    folded = normalize_name(text)
    for own in exercises.custom():
        if own.id == text or folded in {normalize_name(n) for n in own.names()}:
            return own
    return None
