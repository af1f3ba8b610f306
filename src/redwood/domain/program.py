"""A training program as the generator writes it and the coach reads it (DESIGN.md contract).

Program -> weeks -> sessions -> blocks (straight sets or a superset pair) -> prescriptions.
`to_dict` writes exactly the `redwood.program/1` JSON contract (with extra keys, which the
contract welcomes); `program_from_dict` reads it back, naming the location of any fault,
so an edited program file can be validated and imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from redwood.domain.profile import Profile, ProfileError, Weekday, make_profile
from redwood.domain.vocab import Region

SCHEMA = "redwood.program/1"


class WeekKind(StrEnum):
    """A training week, or a deload that halves the sets (TRAINING.md 4)."""

    BUILD = "build"
    DELOAD = "deload"


class WeekFocus(StrEnum):
    """The intensity theme of a week: heavier low-rep or moderate higher-rep (seed `000`)."""

    STRENGTH = "strength"
    HYPERTROPHY = "hypertrophy"
    ENDURANCE = "endurance"
    GENERAL = "general"


class BlockType(StrEnum):
    """Straight sets of one exercise, or two non-competing exercises alternated."""

    STRAIGHT = "straight"
    SUPERSET = "superset"


class SessionKind(StrEnum):
    """What a session trains; back-and-legs is the heart of every split."""

    BACK_LEGS = "back_legs"
    PUSH_UPPER = "push_upper"
    FULL_BODY = "full_body"
    UPPER = "upper"
    LOWER = "lower"


class ProgramError(ValueError):
    """A program document that breaks the contract; the message gives the location."""


@dataclass(frozen=True, slots=True)
class Prescription:
    """One exercise's dose in a session: sets x reps at a target RIR, with rest."""

    exercise: str
    sets: int
    reps_min: int
    reps_max: int
    rir: int
    rest_seconds: int
    role: str = "accessory"
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's exercise entry."""
        data: dict[str, Any] = {
            "exercise": self.exercise,
            "sets": self.sets,
            "reps_min": self.reps_min,
            "reps_max": self.reps_max,
            "rir": self.rir,
            "rest_seconds": self.rest_seconds,
            "role": self.role,
        }
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True, slots=True)
class Block:
    """Straight sets (one prescription) or a superset (two, alternated)."""

    type: BlockType
    exercises: tuple[Prescription, ...]
    pair_rest_seconds: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's block entry."""
        data: dict[str, Any] = {
            "type": str(self.type),
            "exercises": [p.to_dict() for p in self.exercises],
        }
        if self.type is BlockType.SUPERSET:
            data["pair_rest_seconds"] = self.pair_rest_seconds
        return data


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One session of a week, on a weekday, in the order its blocks are done."""

    weekday: Weekday
    title: str
    kind: SessionKind
    regions: tuple[Region, ...]
    estimated_minutes: int
    blocks: tuple[Block, ...]
    setting: str = "gym"

    def prescriptions(self) -> Iterator[Prescription]:
        """Every prescription in the order it is first done."""
        for block in self.blocks:
            yield from block.exercises

    def to_dict(self) -> dict[str, Any]:
        """The contract's session entry."""
        return {
            "weekday": str(self.weekday),
            "title": self.title,
            "kind": str(self.kind),
            "setting": self.setting,
            "regions": [str(r) for r in self.regions],
            "estimated_minutes": self.estimated_minutes,
            "blocks": [b.to_dict() for b in self.blocks],
        }


@dataclass(frozen=True, slots=True)
class Week:
    """One week of the program, its block number, build or deload, and its focus."""

    index: int
    block: int
    kind: WeekKind
    sessions: tuple[PlannedSession, ...]
    focus: WeekFocus = WeekFocus.HYPERTROPHY

    def to_dict(self) -> dict[str, Any]:
        """The contract's week entry."""
        return {
            "index": self.index,
            "block": self.block,
            "kind": str(self.kind),
            "focus": str(self.focus),
            "sessions": [s.to_dict() for s in self.sessions],
        }


@dataclass(frozen=True, slots=True)
class Program:
    """A whole program: the profile it was solved for, its weeks, warnings and reasons."""

    profile: Profile
    weeks: tuple[Week, ...]
    warnings: tuple[str, ...] = ()
    rationale: tuple[str, ...] = ()
    seed: int = 0
    template: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The `redwood.program/1` document of DESIGN.md."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "profile": self.profile.to_dict(),
            "weeks": [w.to_dict() for w in self.weeks],
            "warnings": list(self.warnings),
            "rationale": list(self.rationale),
            "seed": self.seed,
            "template": self.template,
        }
        data.update(self.extra)
        return data


def _get(data: Any, key: str, where: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict):
        raise ProgramError(f"{where}: expected an object")
    if key not in data:
        raise ProgramError(f"{where}.{key}: missing")
    value = data[key]
    if isinstance(value, bool) and kind is int:
        raise ProgramError(f"{where}.{key}: expected a whole number")
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise ProgramError(f"{where}.{key}: expected {names}, got {type(value).__name__}")
    return value


def _enum_at(kind: type[StrEnum], value: Any, where: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(str(m) for m in kind)
        raise ProgramError(f"{where}: unknown value {value!r} (use one of {choices})") from None


def _prescription(data: Any, where: str) -> Prescription:
    return Prescription(
        exercise=_get(data, "exercise", where, str),
        sets=_get(data, "sets", where, int),
        reps_min=_get(data, "reps_min", where, int),
        reps_max=_get(data, "reps_max", where, int),
        rir=_get(data, "rir", where, int),
        rest_seconds=_get(data, "rest_seconds", where, int),
        role=str(data.get("role", "accessory")),
        reason=str(data.get("reason", "")),
    )


def _block(data: Any, where: str) -> Block:
    kind = _enum_at(BlockType, _get(data, "type", where, str), f"{where}.type")
    items = _get(data, "exercises", where, list)
    pair_rest = data.get("pair_rest_seconds")
    if pair_rest is not None and (isinstance(pair_rest, bool) or not isinstance(pair_rest, int)):
        raise ProgramError(f"{where}.pair_rest_seconds: expected a whole number")
    return Block(
        type=kind,
        exercises=tuple(
            _prescription(item, f"{where}.exercises[{i}]") for i, item in enumerate(items)
        ),
        pair_rest_seconds=pair_rest,
    )


def _session(data: Any, where: str) -> PlannedSession:
    regions = _get(data, "regions", where, list)
    return PlannedSession(
        weekday=_enum_at(Weekday, _get(data, "weekday", where, str), f"{where}.weekday"),
        title=_get(data, "title", where, str),
        kind=_enum_at(SessionKind, data.get("kind", "back_legs"), f"{where}.kind"),
        regions=tuple(_enum_at(Region, r, f"{where}.regions[{i}]") for i, r in enumerate(regions)),
        estimated_minutes=_get(data, "estimated_minutes", where, int),
        blocks=tuple(
            _block(b, f"{where}.blocks[{i}]")
            for i, b in enumerate(_get(data, "blocks", where, list))
        ),
        setting=str(data.get("setting", "gym")),
    )


def _week(data: Any, where: str) -> Week:
    return Week(
        index=_get(data, "index", where, int),
        block=_get(data, "block", where, int),
        kind=_enum_at(WeekKind, _get(data, "kind", where, str), f"{where}.kind"),
        focus=_enum_at(WeekFocus, data.get("focus", "hypertrophy"), f"{where}.focus"),
        sessions=tuple(
            _session(s, f"{where}.sessions[{i}]")
            for i, s in enumerate(_get(data, "sessions", where, list))
        ),
    )


def _profile(data: Any) -> Profile:
    if not isinstance(data, dict):
        raise ProgramError("profile: expected an object")
    by_setting = data.get("equipment_by_setting") or {}
    try:
        return make_profile(
            goal=data.get("goal"),
            level=data.get("level"),
            weekdays=data.get("weekdays"),
            days=data.get("days_per_week"),
            minutes=data.get("session_minutes"),
            setting=data.get("setting", "gym"),
            equipment=data.get("equipment"),
            equipment_by_setting=by_setting,
            setting_by_day=data.get("setting_by_day") or {},
            priority=data.get("priority", "balanced"),
            order=data.get("order", "auto"),
            supersets=data.get("supersets", "auto"),
            limitations=data.get("limitations") or [],
            weeks=data.get("weeks", 8),
            favourites=data.get("favourites") or [],
            excluded=data.get("excluded") or [],
        )
    except ProfileError as exc:
        raise ProgramError(f"profile: {exc}") from None


def program_from_dict(data: Any) -> Program:
    """Read a `redwood.program/1` document; `ProgramError` names the first faulty location.

    This checks shape and vocabulary only; the training rules are checked by the
    planner's validator, which sees the catalogue.
    """
    if not isinstance(data, dict):
        raise ProgramError("document: expected an object with schema, profile and weeks")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise ProgramError(f"schema: expected {SCHEMA!r}, got {schema!r}")
    weeks = _get(data, "weeks", "document", list)
    warnings = data.get("warnings") or []
    rationale = data.get("rationale") or []
    seed = data.get("seed") or 0
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ProgramError("seed: expected a whole number")
    return Program(
        profile=_profile(data.get("profile")),
        weeks=tuple(_week(w, f"weeks[{i}]") for i, w in enumerate(weeks)),
        warnings=tuple(str(w) for w in warnings),
        rationale=tuple(str(r) for r in rationale),
        seed=seed,
        template=data.get("template"),
    )
