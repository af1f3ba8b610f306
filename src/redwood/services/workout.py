"""The Today page's use cases: the day's session with the runner's state, and logging a set
typed into its form.

`workout` answers `{"today": <the GET /api/v1/today document, unchanged>, "runner": ...}`.
The runner part is rebuilt from the day's logged sets every time (`coach.workout`), so it
needs no memory between requests: the next set with what to pre-fill, the sets done per
exercise, and when the rest after the latest set ends. The athlete's choices for the day
(swap an exercise for a substitute, skip one) come in as `Choices`; the page keeps them in a
cookie. A swap is prescribed by `coaching.swap_line` for the working sets still to do.

`log_set` reads the form's text fields (load in the athlete's unit, reps, RIR or RPE) and
logs one set under the client's id through `sets.create_set`: a double tap or a retry with
the same id never logs twice. Every refusal names its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from redwood.coach.document import Today
from redwood.coach.flow import Flow, Step
from redwood.coach.workout import DoneSet, Workout
from redwood.domain.mass import Mass, MassError, Unit, parse_mass
from redwood.domain.notation import SetSpec
from redwood.domain.vocab import SetType
from redwood.services import coaching, logbook
from redwood.services.errors import ServiceError
from redwood.services.logsupport import athlete_work

DAY_LIMIT = 500
"""More sets than anyone logs in a day: the runner reads the whole day in one page."""


@dataclass(frozen=True, slots=True)
class Choices:
    """What the athlete changed in the day's session: (planned exercise, substitute) swaps
    and skipped exercises, by catalogue id."""

    swaps: tuple[tuple[str, str], ...] = ()
    skips: tuple[str, ...] = ()


def _athlete(url: str | None) -> tuple[Unit, ZoneInfo]:
    with athlete_work(url) as work:
        return work.unit, work.athlete.zone


def _done(view: Mapping[str, Any]) -> DoneSet:
    load = view["load_kg"]
    return DoneSet(
        id=str(view["id"]),
        exercise=str(view["exercise"]),
        at=datetime.fromisoformat(str(view["performed_at"])),
        warmup=view["set_type"] == "warmup",
        load=None if load is None else Mass(Decimal(str(load))),
    )


def _plain(mass: Mass | None, unit: Unit) -> str:
    """A load as the number to type in the athlete's unit ("102.5"), or "" for none."""
    if mass is None:
        return ""
    text = f"{mass.to(unit).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _label(flow: Flow, step: Step) -> str:
    target = flow.set_of(step)
    if target.type == "calibration":
        return "find your load"
    number, total = flow.counts(step)
    return "warm-up" if number == 0 else f"set {number} of {total}"


def _target(state: Workout, step: Step, unit: Unit) -> dict[str, Any]:
    """One set still to do: what is prescribed and what the form is pre-filled with."""
    flow = state.flow
    line, target = flow.line_of(step), flow.set_of(step)
    spec = state.prefill(step)
    same_load = spec.load == target.load
    return {
        "line": step.line,
        "set_index": step.set_index,
        "exercise": line.exercise,
        "name": line.name,
        "type": target.type,
        "label": _label(flow, step),
        "reps_min": target.reps_min,
        "reps_max": target.reps_max,
        "rir": target.rir,
        "load": None if spec.load is None else spec.load.format(unit, places=2),
        "plates": None
        if not target.plates or not same_load
        else [p.format(unit, places=2) for p in target.plates],
        "rest_after": step.rest_after,
        "fill": {
            "load": _plain(spec.load, unit),
            "reps": "" if spec.reps is None else str(spec.reps),
            "rir": "" if spec.rir is None else f"{spec.rir.normalize():f}",
            "type": str(spec.set_type),
        },
    }


def _apply(
    plan: Today, state: Workout, choices: Choices, url: str | None
) -> tuple[Workout, list[list[str]], list[str]]:
    """The workout with the day's swaps and skips applied (those that still fit), and the
    swaps and skips that were applied."""
    assert plan.session is not None
    lines = plan.session.exercises
    swapped: list[list[str]] = []
    for old, new in choices.swaps:
        index = next((i for i, line in enumerate(lines) if line.exercise == old), None)
        if index is None or any(pair[0] == old for pair in swapped):
            continue
        remaining = state.remaining_working(index)
        if remaining == 0:
            continue
        try:
            new_line = coaching.swap_line(plan.on, lines[index], new, remaining, url=url)
        except ServiceError:
            continue
        state = state.swap(index, new_line)
        swapped.append([old, new])
    state = Workout(state.flow, state.matched).record(state.unmatched)
    skipped: list[str] = []
    for exercise in choices.skips:
        found = [i for i, line in enumerate(state.flow.lines) if line.exercise == exercise]
        for index in found:
            state = state.skip(index)
            skipped.append(exercise)
    return state, swapped, skipped


def _runner(plan: Today, choices: Choices, now: datetime, url: str | None) -> dict[str, Any] | None:
    if plan.session is None:
        return None
    unit, zone = _athlete(url)
    views = list(
        reversed(logbook.list_sets(start=plan.on, end=plan.on, limit=DAY_LIMIT, url=url)["items"])
    )
    by_id = {str(view["id"]): view for view in views}
    state = Workout.start(plan.session.exercises).record(_done(view) for view in views)
    state, swapped, skipped = _apply(plan, state, choices, url)
    nxt = state.next
    rest = state.rest_until()
    resting = rest is not None and rest > now
    lines = []
    for index, line in enumerate(state.flow.lines):
        lines.append(
            {
                "index": index,
                "exercise": line.exercise,
                "name": line.name,
                "block": line.block,
                "block_type": line.block_type,
                "swapped_from": line.swapped_from,
                "skipped": line.exercise in skipped,
                "reason": line.reason,
                "cues": list(line.cues),
                "done": [by_id[d.id] for d in state.done_on(index)],
                "todo": [_target(state, s, unit) for s in state.flow.steps if s.line == index],
            }
        )
    return {
        "next": None if nxt is None else _target(state, nxt, unit),
        "rest_until": rest.isoformat() if resting and rest is not None else None,
        "rest_until_local": rest.astimezone(zone).strftime("%H:%M:%S")
        if resting and rest is not None
        else None,
        "lines": lines,
        "extra": [by_id[d.id] for d in state.unmatched],
        "last_set": views[-1] if views else None,
        "session": None if not views else views[-1]["session"],
        "order": [[step.line, step.set_index] for step in state.flow.steps],
        "sets_done": len(views),
        "sets_left": len(state.flow.steps),
        "planned_session_id": plan.session.planned_session_id,
        "choices": {"swaps": swapped, "skips": skipped},
    }


def workout(
    on: date | None = None,
    choices: Choices = Choices(),
    *,
    url: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The day's `today` document, unchanged, and the runner's state (None on a rest day)."""
    plan = coaching.today_plan(on, url=url)
    return {
        "today": plan.to_dict(),
        "runner": _runner(plan, choices, now or datetime.now(UTC), url),
    }


def swap_choices(on: date, exercise: str, *, url: str | None = None) -> list[dict[str, str]]:
    """The substitutes of `exercise` that fit the day's kit: `[{"id", "name"}]`, best first."""
    return [
        {"id": option.id, "name": option.name}
        for option in coaching.swap_options(on, exercise, url=url)
    ]


def _decimal(text: str, field: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ServiceError(f"{field}: expected a number (got {text.strip()!r})", field) from None
    if not value.is_finite():
        raise ServiceError(f"{field}: expected a number (got {text.strip()!r})", field)
    return value


def read_spec(fields: Mapping[str, str], unit: Unit) -> SetSpec:
    """One set from the form's text fields (`load` in `unit` unless it names one, `reps`,
    optional `rir` and `rpe`, `type`); a `ServiceError` names the field at fault."""
    load_text = fields.get("load", "").strip()
    try:
        load = parse_mass(load_text, unit) if load_text else None
    except MassError as exc:
        raise ServiceError(f"load: {exc}", "load") from None
    reps_text = fields.get("reps", "").strip()
    if not reps_text.isdigit() or len(reps_text) > 3:
        raise ServiceError(f"reps: how many reps? a whole number (got {reps_text!r})", "reps")
    kind = fields.get("type", "working").strip() or "working"
    if kind not in {SetType.WARMUP.value, SetType.WORKING.value}:
        raise ServiceError("type: a set is a warmup or a working set", "type")
    return SetSpec(
        reps=int(reps_text),
        load=load,
        rpe=_decimal(fields.get("rpe", ""), "rpe"),
        rir=_decimal(fields.get("rir", ""), "rir"),
        set_type=SetType(kind),
    )


def log_set(
    set_id: UUID,
    on: date,
    exercise: str,
    fields: Mapping[str, str],
    *,
    today: date,
    planned_session_id: int | None = None,
    performed_at: datetime | None = None,
    url: str | None = None,
) -> tuple[dict[str, Any], bool]:
    """Log the set typed into the form under the client's id: (the set, True if stored now);
    `performed_at`: when the client logged it (offline, sent later), else now."""
    from redwood.services import sets

    unit, _ = _athlete(url)
    spec = read_spec(fields, unit)
    return sets.create_set(
        set_id,
        on,
        exercise,
        spec,
        today=today,
        planned_session_id=planned_session_id,
        performed_at=performed_at,
        url=url,
    )


def changes_of(fields: Mapping[str, str]) -> dict[str, Any]:
    """An edit of a logged set from a form's text fields, as `logbook.edit_set` takes it:
    blank RIR and RPE clear them, a blank load leaves the load as it was."""
    changes: dict[str, Any] = {
        "reps": fields.get("reps", "").strip(),
        "rir": fields.get("rir", "").strip() or None,
        "rpe": fields.get("rpe", "").strip() or None,
    }
    if fields.get("load", "").strip():
        changes["load"] = fields["load"].strip()
    if fields.get("type", "").strip():
        changes["set_type"] = fields["type"].strip()
    return changes


def edit_logged(
    set_id: str, fields: Mapping[str, str], *, url: str | None = None
) -> dict[str, Any]:
    """Change a logged set from a form (journalled, so undo puts it back)."""
    return logbook.edit_set(set_id, changes_of(fields), url=url)
