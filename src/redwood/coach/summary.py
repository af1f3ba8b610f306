"""The end of a session: sets done, volume per muscle, and new records.

Volume counts hard sets only, fractionally (direct 1.0, indirect 0.5: Pelland 2025;
TRAINING.md 1). A record is a best estimated 1RM (RTS chart with RIR, else Epley; only
inside the validity rules, TRAINING.md 3) or a heaviest load, above everything logged
before this session for that exercise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from redwood.coach.document import kg
from redwood.coach.history import LogRow, exposures
from redwood.domain.exercise import Exercise
from redwood.domain.logbook import LoggedSet
from redwood.domain.mass import Mass, Unit, from_stored_kg
from redwood.domain.stalls import exposure_e1rm
from redwood.domain.volume import fractional_sets


@dataclass(frozen=True, slots=True)
class Record:
    """A new best for one exercise."""

    exercise: str
    kind: str  # "e1rm" or "load"
    value: Mass
    previous: Mass | None

    def sentence(self, name: str, unit: Unit) -> str:
        what = "estimated 1RM" if self.kind == "e1rm" else "heaviest load"
        before = "" if self.previous is None else f" (was {self.previous.format(unit)})"
        return f"New {what} on {name}: {self.value.format(unit)}{before}."


def _best_load(rows: Iterable[LoggedSet], unit: Unit) -> Mass | None:
    loads = [
        from_stored_kg(s.load_kg, unit)
        for s in rows
        if s.is_hard and s.load_kg is not None and s.load_kg > 0
    ]
    return max(loads, default=None)


def _best_e1rm(rows: Sequence[LogRow], unit: Unit) -> Mass | None:
    found = [exposure_e1rm(e) for items in exposures(rows, unit=unit).values() for e in items]
    return max((f for f in found if f is not None), default=None)


def records(today: Sequence[LogRow], before: Sequence[LogRow], unit: Unit) -> list[Record]:
    """New bests in `today` over everything in `before`, per exercise (first-ever sets
    are not records: there is nothing to beat yet)."""
    out: list[Record] = []
    by_exercise: dict[str, list[LogRow]] = defaultdict(list)
    for row in today:
        by_exercise[row.set.exercise_id].append(row)
    for exercise, rows in by_exercise.items():
        earlier = [r for r in before if r.set.exercise_id == exercise]
        if not earlier:
            continue
        new_e1rm, old_e1rm = _best_e1rm(rows, unit), _best_e1rm(earlier, unit)
        if new_e1rm is not None and old_e1rm is not None and new_e1rm > old_e1rm:
            out.append(Record(exercise, "e1rm", new_e1rm, old_e1rm))
        new_load = _best_load((r.set for r in rows), unit)
        old_load = _best_load((r.set for r in earlier), unit)
        if new_load is not None and old_load is not None and new_load > old_load:
            out.append(Record(exercise, "load", new_load, old_load))
    return out


def summary(
    today: Sequence[LogRow],
    before: Sequence[LogRow],
    lookup: Callable[[str], Exercise | None],
    unit: Unit,
) -> dict[str, Any]:
    """Sets per exercise, hard sets and tonnage, fractional sets per muscle, new records."""
    per_exercise: dict[str, dict[str, Any]] = {}
    muscles: dict[str, Decimal] = defaultdict(Decimal)
    tonnage = Decimal(0)
    hard = 0
    for row in today:
        s = row.set
        exercise = lookup(s.exercise_id)
        name = exercise.name if exercise else s.exercise_id
        entry = per_exercise.setdefault(
            s.exercise_id, {"exercise": s.exercise_id, "name": name, "sets": 0, "hard_sets": 0}
        )
        entry["sets"] += 1
        if not s.is_hard:
            continue
        hard += 1
        entry["hard_sets"] += 1
        if s.volume_kg is not None:
            tonnage += s.volume_kg
        if exercise is not None:
            for muscle, amount in fractional_sets(exercise, 1).items():
                muscles[str(muscle)] += amount
    found = records(today, before, unit)

    def name_of(exercise_id: str) -> str:
        ex = lookup(exercise_id)
        return ex.name if ex else exercise_id

    return {
        "sets": len(today),
        "hard_sets": hard,
        "tonnage_kg": kg(Mass(tonnage)),
        "exercises": list(per_exercise.values()),
        "muscles": {m: float(v) for m, v in sorted(muscles.items(), key=lambda kv: -kv[1])},
        "records": [
            {
                "exercise": r.exercise,
                "kind": r.kind,
                "value_kg": kg(r.value),
                "previous_kg": kg(r.previous),
                "text": r.sentence(name_of(r.exercise), unit),
            }
            for r in found
        ],
    }
