"""Editing and deleting logged sets, by their id or its first 8 characters.

An edit takes the notation of the runner (`"102.5 6 @8"`, `"@9"`, `"w"`: only what is typed
changes) or a mapping of fields (the API's PATCH); values are compared at the store's scale,
so retyping what is stored changes nothing. Each change is journalled, in its transaction,
with the previous value of every changed field, for `redwood log undo`.

Two devices, one set (the stated rule). Every set carries a `version`, raised by each
change. An edit or a delete may name the version its device last showed
(`expected_version`): when the stored set has moved on, it is refused with
`SetConflictError`, which carries the set as it is now, so the device can show both and let
the lifter keep theirs (send again with the new version) or take the other. An edit that
names no version is "last write wins": it applies to whatever is stored, and a race with
another writer is retried on the fresh set rather than refused. Logging new sets never
conflicts: each carries its own client-made UUID.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from redwood.domain.logbook import LoggedSet
from redwood.domain.mass import Mass, MassError, parse_mass
from redwood.domain.notation import NotationError, SetSpec, check_set, parse_set_input
from redwood.domain.vocab import SetType
from redwood.services.errors import ConflictError, ServiceError
from redwood.services.logsupport import (
    UNDO_HINT,
    SetViews,
    Work,
    athlete_work,
    describe,
    refused,
    resolve_exercise,
    resolve_set_id,
)

SCALES = {"load_kg": Decimal("0.001"), "rpe": Decimal("0.1"), "rir": Decimal("0.1")}
"""The store's scale of each decimal field: values are compared (and stored) at it."""
CHANGEABLE = {"reps", "seconds", "load", "load_kg", "rpe", "rir", "set_type", "type"}
CHANGEABLE |= {"rest_seconds", "note", "exercise"}
RACE_RETRIES = 3
"""A last-write-wins edit that lost a race to another writer is tried again this often."""


class SetConflictError(ConflictError):
    """The set changed since the version the device showed; `current` is the set as it is
    now (a set dict), so the device can show the other values beside its own."""

    def __init__(self, set_id: str, expected: int, current: dict[str, Any]) -> None:
        super().__init__(
            f"version: set {str(set_id)[:8]} was changed elsewhere since version {expected} "
            f"(now version {current['version']}): compare, then keep yours or take theirs",
            "version",
        )
        self.expected = expected
        self.current = current


class _LostRaceError(Exception):
    """Another writer changed the set between our read and our write."""


def _values(logged: LoggedSet) -> dict[str, Any]:
    return {
        "reps": logged.reps,
        "seconds": logged.seconds,
        "load_kg": logged.load_kg,
        "rpe": logged.rpe,
        "rir": logged.rir,
        "set_type": logged.set_type,
        "rest_seconds": logged.rest_seconds,
        "note": logged.note,
        "exercise_id": logged.exercise_id,
    }


def _number(field: str, value: Any, kind: type[int] | type[Decimal]) -> Any:
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        number = kind(str(value).strip())
    except (ValueError, InvalidOperation):
        raise ServiceError(f"{field}: expected a number (got {value!r})", field) from None
    return number


def _kind(value: Any) -> SetType:
    try:
        return SetType(str(value).strip().lower())
    except ValueError:
        kinds = ", ".join(kind.value for kind in SetType)
        raise ServiceError(f"set_type: must be one of {kinds}", "set_type") from None


def _changes(work: Work, current: LoggedSet, changes: str | Mapping[str, Any]) -> dict[str, Any]:
    """The new values of the changed set, before comparing them with the stored ones."""
    load = None if current.load_kg is None else Mass(current.load_kg)
    spec = SetSpec(current.reps, load, current.rpe, current.rir, current.set_type, current.seconds)
    out: dict[str, Any] = {}
    try:
        if isinstance(changes, str):
            if not changes.strip():
                raise ServiceError("changes: type what to change, e.g. '102.5 6 @8'", "changes")
            spec = parse_set_input(changes, spec, default_unit=work.unit)
        else:
            unknown = sorted(set(changes) - CHANGEABLE)
            if unknown:
                raise ServiceError(f"{unknown[0]}: cannot be changed on a set", unknown[0])
            fields: dict[str, Any] = {}
            for key in ("reps", "seconds"):
                if key in changes:
                    fields[key] = _number(key, changes[key], int)
            for key in ("rpe", "rir"):
                if key in changes:
                    fields[key] = _number(key, changes[key], Decimal)
            if "load_kg" in changes:
                kg = _number("load_kg", changes["load_kg"], Decimal)
                fields["load"] = None if kg is None else Mass(kg)
            if changes.get("load") is not None:
                fields["load"] = parse_mass(str(changes["load"]), work.unit)
            kind = changes.get("set_type", changes.get("type"))
            if kind is not None:
                fields["set_type"] = _kind(kind)
            spec = check_set(replace(spec, **fields))
            if "rest_seconds" in changes:
                rest = _number("rest_seconds", changes["rest_seconds"], int)
                if rest is not None and not 0 <= rest <= 3600:
                    raise ServiceError("rest_seconds: must be 0-3600", "rest_seconds")
                out["rest_seconds"] = rest
            if "note" in changes:
                out["note"] = (str(changes["note"]).strip() or None) if changes["note"] else None
            if changes.get("exercise"):
                out["exercise_id"] = resolve_exercise(work, str(changes["exercise"])).id
    except NotationError as exc:
        raise refused(exc) from None
    except MassError as exc:
        raise ServiceError(f"load: {exc}", "load") from None
    out |= {
        "reps": spec.reps,
        "seconds": spec.seconds,
        "load_kg": None if spec.load is None else spec.load.kg,
        "rpe": spec.rpe,
        "rir": spec.rir,
        "set_type": spec.set_type,
    }
    for key, scale in SCALES.items():
        if out.get(key) is not None:
            out[key] = out[key].quantize(scale)
    return out


def json_value(value: Any) -> Any:
    """A field value as JSON for the journal (decimals as text, kinds as their names)."""
    return str(value) if isinstance(value, Decimal | SetType) else value


def edit_set(
    set_id: str,
    changes: str | Mapping[str, Any],
    *,
    expected_version: int | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Change a set, by its id or first 8 characters: `changes` in the notation
    (`"102.5 6 @8"`, `"@9"`, `"w"`) or as fields. Journalled for undo.

    With `expected_version`, a set changed since that version raises `SetConflictError`
    (nothing is written); without, the edit applies to the stored set (last write wins)."""
    for _ in range(RACE_RETRIES):
        try:
            return _edit(set_id, changes, expected_version, url)
        except _LostRaceError:
            if expected_version is not None:
                _conflict(set_id, expected_version, url)
    raise ConflictError("set: other devices keep changing this set: try again", "set")


def _conflict(set_id: str, expected: int, url: str | None) -> NoReturn:
    """Raise `SetConflictError` with the set as stored now (read in a fresh transaction)."""
    with athlete_work(url) as work:
        views = SetViews(work)
        current = views.log.get_set(resolve_set_id(work, set_id))
        assert current is not None
        raise SetConflictError(set_id, expected, views.view(current))


def _edit(
    set_id: str, changes: str | Mapping[str, Any], expected: int | None, url: str | None
) -> dict[str, Any]:
    from redwood.store import StoreError
    from redwood.store.errors import StaleVersionError
    from redwood.store.journal import Journal

    with athlete_work(url) as work:
        views = SetViews(work)
        set_uuid = resolve_set_id(work, set_id)
        current = views.log.get_set(set_uuid)
        assert current is not None
        if expected is not None and current.version != expected:
            raise SetConflictError(set_id, expected, views.view(current))
        old = _values(current)
        new = _changes(work, current, changes)
        changed = {key: value for key, value in new.items() if value != old[key]}
        before = views.view(current)
        if not changed:
            return {"set": before, "changed": [], "message": "Nothing changed.", "undo": None}
        try:
            updated = views.log.update_set(set_uuid, expected_version=current.version, **changed)
        except StaleVersionError:
            raise _LostRaceError from None
        except (StoreError, ValueError) as exc:
            raise refused(exc, "set") from None
        Journal(work.session, work.athlete.id).record(
            "edit",
            {
                "set": str(set_uuid),
                "before": {key: json_value(old[key]) for key in sorted(changed)},
                "after": {key: json_value(value) for key, value in sorted(changed.items())},
            },
        )
        after = views.view(updated)
        return {
            "set": after,
            "changed": sorted(changed),
            "message": (
                f"Set {after['short_id']} of {after['name']} on {after['date']} is now "
                f"{describe(after)} (was {describe(before)})."
            ),
            "undo": UNDO_HINT,
        }


def delete_set(
    set_id: str, *, expected_version: int | None = None, url: str | None = None
) -> dict[str, Any]:
    """Delete a set by its id or first 8 characters (a tombstone is kept); journalled.

    With `expected_version`, a set changed since that version raises `SetConflictError`
    and stays. The check claims the version with the store's conditional update (which
    refuses a stale version atomically, also against a writer racing on PostgreSQL), then
    deletes: the tombstone's version is two above the one checked."""
    from redwood.store.errors import StaleVersionError
    from redwood.store.journal import Journal

    try:
        with athlete_work(url) as work:
            views = SetViews(work)
            set_uuid = resolve_set_id(work, set_id)
            if expected_version is not None:
                current = views.log.get_set(set_uuid)
                assert current is not None
                if current.version != expected_version:
                    raise SetConflictError(set_id, expected_version, views.view(current))
                views.log.update_set(set_uuid, expected_version=expected_version)
            deleted = views.log.delete_set(set_uuid)
            assert deleted is not None
            Journal(work.session, work.athlete.id).record("delete", {"sets": [str(set_uuid)]})
            view = views.view(deleted)
    except StaleVersionError:
        assert expected_version is not None
        _conflict(set_id, expected_version, url)
    return {
        "set": view,
        "message": (
            f"Deleted set {view['short_id']} of {view['name']} on {view['date']}: {describe(view)}."
        ),
        "undo": UNDO_HINT,
    }
