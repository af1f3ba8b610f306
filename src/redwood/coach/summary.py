"""The end of a session: sets done, volume per muscle, and new records.

Volume counts hard sets only, fractionally (direct 1.0, indirect 0.5: Pelland 2025;
TRAINING.md 1). A record (`domain.records`) is a best estimated 1RM (RTS chart with RIR,
else Epley; only inside the validity rules, TRAINING.md 3), a heaviest load, a rep record,
a session volume or most reps without load, above everything logged before this session
for that exercise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from redwood.coach.document import kg
from redwood.coach.history import LogRow, exposures
from redwood.domain.exercise import Exercise
from redwood.domain.mass import Mass, Unit
from redwood.domain.records import Bests, Record, day_best
from redwood.domain.volume import fractional_sets


def records(today: Sequence[LogRow], before: Sequence[LogRow], unit: Unit) -> list[Record]:
    """New bests in `today` over everything in `before`, per exercise (`domain.records`:
    e1RM, heaviest load, rep records, session volume, most reps; first-ever sets are not
    records: there is nothing to beat yet)."""
    earlier = exposures(before, unit=unit)
    out: list[Record] = []
    for exercise, days in exposures(today, unit=unit).items():
        if exercise not in earlier:
            continue
        bests, _ = Bests(exercise).add_all(day_best(e.on, e.sets) for e in earlier[exercise])
        for day in days:
            bests, found = bests.add(day_best(day.on, day.sets))
            out.extend(found)
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
                "kind": str(r.kind),
                "reps": r.reps,
                "value_kg": kg(Mass(r.value)) if r.is_mass else None,
                "previous_kg": kg(Mass(r.previous))
                if r.is_mass and r.previous is not None
                else None,
                "text": r.sentence(name_of(r.exercise), unit),
            }
            for r in found
        ],
    }
