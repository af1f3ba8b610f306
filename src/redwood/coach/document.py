"""Today's session as values, and its JSON document (the `redwood today --format json` contract).

The same values feed the terminal table, the session runner, the web page and the API,
so they never drift apart. Loads are `Mass` here; the document gives kilograms (numbers)
plus a display string in the athlete's unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from redwood.domain.mass import Mass, Unit
from redwood.domain.warmup import Drill, WarmupPlan


def kg(mass: Mass | None) -> float | None:
    """Kilograms as a JSON number, to the gram."""
    return None if mass is None else float(mass.kg.quantize(Decimal("0.001")).normalize())


def _drill(drill: Drill) -> dict[str, str]:
    return {"name": drill.name, "dose": drill.dose, "why": drill.why}


@dataclass(frozen=True, slots=True)
class SetLine:
    """One prescribed set: its kind, reps range, target RIR and load (None: bodyweight or
    still to be found by calibration); `plates` per side for barbell lifts."""

    type: str
    reps_min: int
    reps_max: int
    rir: int | None
    load: Mass | None
    plates: tuple[Mass, ...] | None = None
    seconds: int | None = None

    def to_dict(self, unit: Unit) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "reps_min": self.reps_min,
            "reps_max": self.reps_max,
            "rir": self.rir,
            "load_kg": kg(self.load),
            "load": None if self.load is None else self.load.format(unit, places=2),
            "plates_per_side": None
            if self.plates is None
            else [float(p.to(unit).normalize()) for p in self.plates],
        }
        if self.seconds is not None:
            data["seconds"] = self.seconds
        return data


@dataclass(frozen=True, slots=True)
class ExerciseLine:
    """One exercise of today's session with its sets and the reason for its loads."""

    exercise: str
    name: str
    block: int
    block_type: str
    rest_seconds: int
    pair_rest_seconds: int | None
    rule: str
    action: str
    reason: str
    sets: tuple[SetLine, ...]
    e1rm: Mass | None = None
    calibration: bool = False
    swapped_from: str | None = None
    cues: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()
    loaded: bool = True

    @property
    def working_sets(self) -> tuple[SetLine, ...]:
        return tuple(s for s in self.sets if s.type == "working")

    def to_dict(self, unit: Unit) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "name": self.name,
            "block": self.block,
            "block_type": self.block_type,
            "rest_seconds": self.rest_seconds,
            "pair_rest_seconds": self.pair_rest_seconds,
            "rule": self.rule,
            "action": self.action,
            "reason": self.reason,
            "e1rm_kg": kg(self.e1rm),
            "calibration": self.calibration,
            "swapped_from": self.swapped_from,
            "cues": list(self.cues),
            "substitutes": list(self.substitutes),
            "loaded": self.loaded,
            "sets": [s.to_dict(unit) for s in self.sets],
        }


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """Today's session: warm-up, exercises in order, cool-down."""

    title: str
    planned_session_id: int | None
    week: int
    week_kind: str
    estimated_minutes: int
    warmup: WarmupPlan
    exercises: tuple[ExerciseLine, ...]
    cooldown: tuple[Drill, ...]
    moved_from: date | None = None

    def to_dict(self, unit: Unit) -> dict[str, Any]:
        return {
            "title": self.title,
            "planned_session_id": self.planned_session_id,
            "week": self.week,
            "week_kind": self.week_kind,
            "estimated_minutes": self.estimated_minutes,
            "moved_from": None if self.moved_from is None else self.moved_from.isoformat(),
            "warmup": {
                "minutes": self.warmup.minutes,
                "drills": [_drill(d) for d in self.warmup.drills],
            },
            "exercises": [e.to_dict(unit) for e in self.exercises],
            "cooldown": [_drill(d) for d in self.cooldown],
        }


@dataclass(frozen=True, slots=True)
class Today:
    """The whole answer for one date: a session or a rest day, and what the coach changed."""

    on: date
    unit: Unit
    program_id: int | None
    session: SessionPlan | None
    reason: str
    adjustments: tuple[str, ...] = ()
    stalls: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = ()
    active_recovery: tuple[Drill, ...] | None = None
    already_done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "date": self.on.isoformat(),
            "unit": str(self.unit),
            "program": self.program_id,
            "rest_day": self.session is None,
            "reason": self.reason,
            "already_done": self.already_done,
            "week": None if self.session is None else self.session.week,
            "week_kind": None if self.session is None else self.session.week_kind,
            "session": None if self.session is None else self.session.to_dict(self.unit),
            "adjustments": list(self.adjustments),
            "stalls": [dict(s) for s in self.stalls],
            "warnings": list(self.warnings),
            "active_recovery": None
            if self.active_recovery is None
            else [_drill(d) for d in self.active_recovery],
        }
        data.update(self.extra)
        return data
