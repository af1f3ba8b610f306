"""The catalogue as a coach queries it: by id, by any name another app uses, by filters.

Names are matched after folding (`normalize_name`), so "Squat (Barbell)", "squat barbell"
and "SQUAT-BARBELL" meet the same exercise. Fuzzy suggestions use difflib's ratio over
folded names, which is enough for typos and word-order changes in short names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from redwood.domain.exercise import Exercise, normalize_name
from redwood.domain.vocab import Equipment, Level, Muscle, Pattern, Region, Setting


class CatalogueError(ValueError):
    """The catalogue data breaks its contract (duplicate id, dangling reference, clashing alias)."""


@dataclass(frozen=True, slots=True)
class ExerciseFilter:
    """What `redwood exercises list` narrows by; every field left None matches everything.

    `equipment` lists what the athlete has: an exercise passes when it needs nothing else.
    `muscle` matches primary movers only, `level` keeps moves at or below that level.
    """

    pattern: Pattern | None = None
    muscle: Muscle | None = None
    equipment: frozenset[Equipment] | None = None
    setting: Setting | None = None
    region: Region | None = None
    level: Level | None = None

    def matches(self, exercise: Exercise) -> bool:
        """True when the exercise passes every filter that is set."""
        checks = (
            self.pattern is None or exercise.pattern is self.pattern,
            self.muscle is None or self.muscle in exercise.primary,
            self.equipment is None or exercise.doable_with(self.equipment),
            self.setting is None or self.setting in exercise.settings,
            self.region is None or exercise.region is self.region,
            self.level is None or exercise.suits_level(self.level),
        )
        return all(checks)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the exercise, the name that matched and how well (0-1)."""

    exercise: Exercise
    matched: str
    score: float


class Catalogue:
    """An immutable, validated set of exercises with name and alias lookup."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        ordered = tuple(exercises)
        self._by_id: dict[str, Exercise] = {}
        for exercise in ordered:
            if exercise.id in self._by_id:
                raise CatalogueError(f"exercise id {exercise.id!r} appears twice")
            self._by_id[exercise.id] = exercise
        self._by_name = self._index_names(ordered)
        self._check_references(ordered)
        self.exercises = ordered

    def _index_names(self, exercises: tuple[Exercise, ...]) -> dict[str, Exercise]:
        index: dict[str, Exercise] = {}
        for exercise in exercises:
            for name in (exercise.id.replace("-", " "), *exercise.names()):
                folded = normalize_name(name)
                owner = index.get(folded)
                if owner is not None and owner.id != exercise.id:
                    raise CatalogueError(
                        f"the name {name!r} of {exercise.id} already names {owner.id}"
                    )
                index[folded] = exercise
        return index

    def _check_references(self, exercises: tuple[Exercise, ...]) -> None:
        for exercise in exercises:
            linked = (*exercise.substitutes, exercise.harder, exercise.easier)
            for ref in (r for r in linked if r is not None):
                if ref == exercise.id:
                    raise CatalogueError(f"{exercise.id} names itself as a substitute or step")
                if ref not in self._by_id:
                    raise CatalogueError(f"{exercise.id} refers to unknown exercise {ref!r}")

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id, or None."""
        return self._by_id.get(exercise_id)

    def resolve(self, name: str) -> Exercise | None:
        """The exercise an id, name or alias (from any app, folded) refers to, or None."""
        exact = self._by_id.get(name.strip())
        if exact is not None:
            return exact
        return self._by_name.get(normalize_name(name))

    def suggest(self, name: str, limit: int = 5, cutoff: float = 0.6) -> list[SearchHit]:
        """Closest exercises to an unknown name, best first (difflib ratio over folded names)."""
        folded = normalize_name(name)
        best: dict[str, SearchHit] = {}
        for key, exercise in self._by_name.items():
            score = difflib.SequenceMatcher(None, folded, key).ratio()
            if score < cutoff:
                continue
            current = best.get(exercise.id)
            if current is None or score > current.score:
                best[exercise.id] = SearchHit(exercise, key, round(score, 3))
        return sorted(best.values(), key=lambda hit: (-hit.score, hit.exercise.id))[:limit]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Exercises whose names contain every word of the query (as word prefixes).

        Word matches score by how much of the name the query covers. When no name has
        every word, close spellings are returned instead, so a typo still finds something.
        """
        words = normalize_name(query).split()
        if not words:
            return []
        hits: dict[str, SearchHit] = {}
        for key, exercise in self._by_name.items():
            key_words = key.split()
            if all(any(kw.startswith(w) for kw in key_words) for w in words):
                score = 0.7 + 0.3 * min(1.0, len(" ".join(words)) / max(1, len(key)))
                current = hits.get(exercise.id)
                if current is None or score > current.score:
                    hits[exercise.id] = SearchHit(exercise, key, round(score, 3))
        if not hits:
            for hit in self.suggest(query, limit=limit, cutoff=0.55):
                hits[hit.exercise.id] = SearchHit(hit.exercise, hit.matched, hit.score * 0.7)
        ranked = sorted(hits.values(), key=lambda hit: (-hit.score, hit.exercise.name))
        return ranked[:limit]

    def filter(self, criteria: ExerciseFilter) -> list[Exercise]:
        """Every exercise passing the filter, in catalogue order."""
        return [exercise for exercise in self.exercises if criteria.matches(exercise)]

    def substitutes_for(self, exercise: Exercise) -> list[Exercise]:
        """The listed substitutes, best first."""
        return [self._by_id[ref] for ref in exercise.substitutes]
