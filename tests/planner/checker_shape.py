"""The JSON contract of DESIGN.md: schema, profile keys, weeks, sessions, blocks and types."""

from __future__ import annotations

from typing import Any

from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Region, Setting
from tests.planner.checker_common import WEEKDAYS

SCHEMA = "redwood.program/1"
PRIORITIES = ("legs", "back", "balanced")
ORDERS = ("auto", "legs_first", "back_first", "alternating")
SUPERSETS = ("auto", "on", "off")
PRESCRIPTION_INTS = ("sets", "reps_min", "reps_max", "rir", "rest_seconds")


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str_in(value: Any, allowed: tuple[str, ...] | list[str]) -> bool:
    return isinstance(value, str) and value in allowed


def _str_list(value: Any, allowed: list[str] | None = None) -> bool:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return False
    return allowed is None or all(v in allowed for v in value)


def check_profile(profile: Any) -> list[str]:
    """The contract's profile keys (plus the extras the checker reads, when present)."""
    if not isinstance(profile, dict):
        return ["profile: expected an object"]
    settings = [str(s) for s in Setting]
    kit = [str(e) for e in Equipment]
    required: dict[str, bool] = {
        "goal": _str_in(profile.get("goal"), [str(g) for g in Goal]),
        "level": _str_in(profile.get("level"), [str(v) for v in Level]),
        "days_per_week": is_int(profile.get("days_per_week")),
        "weekdays": _str_list(profile.get("weekdays"), list(WEEKDAYS)),
        "session_minutes": is_int(profile.get("session_minutes")),
        "setting": _str_in(profile.get("setting"), settings),
        "equipment": _str_list(profile.get("equipment"), kit),
        "priority": _str_in(profile.get("priority"), PRIORITIES),
        "limitations": _str_list(profile.get("limitations"), [str(v) for v in Limitation]),
        "weeks": is_int(profile.get("weeks")),
    }
    problems = [f"profile.{key}: missing or malformed" for key, ok in required.items() if not ok]
    optional: dict[str, bool] = {
        "order": _str_in(profile.get("order"), ORDERS),
        "supersets": _str_in(profile.get("supersets"), SUPERSETS),
        "favourites": _str_list(profile.get("favourites")),
        "excluded": _str_list(profile.get("excluded")),
    }
    problems += [
        f"profile.{key}: malformed" for key, ok in optional.items() if key in profile and not ok
    ]
    by_day = profile.get("setting_by_day", {})
    if not isinstance(by_day, dict) or not all(
        _str_in(d, WEEKDAYS) and _str_in(s, settings) for d, s in by_day.items()
    ):
        problems.append("profile.setting_by_day: malformed")
    by_setting = profile.get("equipment_by_setting", {})
    if not isinstance(by_setting, dict) or not all(
        _str_in(s, settings) and _str_list(items, kit) for s, items in by_setting.items()
    ):
        problems.append("profile.equipment_by_setting: malformed")
    if not problems and len(profile["weekdays"]) != profile["days_per_week"]:
        problems.append("profile.weekdays: does not name days_per_week days")
    return problems


def _check_prescription(item: Any, where: str, catalogue_ids: set[str]) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: expected an object"]
    problems = []
    if not isinstance(item.get("exercise"), str):
        problems.append(f"{where}.exercise: missing or not a string")
    elif item["exercise"] not in catalogue_ids:
        problems.append(f"{where}.exercise: unknown exercise {item['exercise']!r}")
    problems += [
        f"{where}.{key}: missing or not a whole number"
        for key in PRESCRIPTION_INTS
        if not is_int(item.get(key))
    ]
    return problems


def _check_block(block: Any, where: str, catalogue_ids: set[str]) -> list[str]:
    if not isinstance(block, dict):
        return [f"{where}: expected an object"]
    problems = []
    kind = block.get("type")
    if kind not in ("straight", "superset"):
        problems.append(f"{where}.type: expected straight or superset, got {kind!r}")
    items = block.get("exercises")
    if not isinstance(items, list) or not items:
        return [*problems, f"{where}.exercises: expected a non-empty list"]
    if kind == "straight" and len(items) != 1:
        problems.append(f"{where}: a straight block has exactly one exercise, not {len(items)}")
    if kind == "superset" and not is_int(block.get("pair_rest_seconds")):
        problems.append(f"{where}.pair_rest_seconds: missing or not a whole number")
    for ei, item in enumerate(items):
        problems += _check_prescription(item, f"{where}.exercises[{ei}]", catalogue_ids)
    return problems


def _check_session(session: Any, where: str, catalogue_ids: set[str]) -> list[str]:
    if not isinstance(session, dict):
        return [f"{where}: expected an object"]
    problems = []
    if not _str_in(session.get("weekday"), WEEKDAYS):
        problems.append(f"{where}.weekday: missing or not a weekday")
    if not isinstance(session.get("title"), str):
        problems.append(f"{where}.title: missing or not a string")
    if not _str_list(session.get("regions"), [str(r) for r in Region]):
        problems.append(f"{where}.regions: missing or not a list of regions")
    if not is_int(session.get("estimated_minutes")):
        problems.append(f"{where}.estimated_minutes: missing or not a whole number")
    blocks = session.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        return [*problems, f"{where}.blocks: expected a non-empty list"]
    for bi, block in enumerate(blocks):
        problems += _check_block(block, f"{where}.blocks[{bi}]", catalogue_ids)
    return problems


def _check_week(week: Any, where: str, catalogue_ids: set[str]) -> list[str]:
    if not isinstance(week, dict):
        return [f"{where}: expected an object"]
    problems = [
        f"{where}.{key}: missing or not a whole number"
        for key in ("index", "block")
        if not is_int(week.get(key))
    ]
    if week.get("kind") not in ("build", "deload"):
        problems.append(f"{where}.kind: expected build or deload, got {week.get('kind')!r}")
    sessions = week.get("sessions")
    if not isinstance(sessions, list) or not sessions:
        return [*problems, f"{where}.sessions: expected a non-empty list"]
    for si, session in enumerate(sessions):
        problems += _check_session(session, f"{where}.sessions[{si}]", catalogue_ids)
    return problems


def check_shape(doc: Any, catalogue_ids: set[str]) -> list[str]:
    """Every way `doc` breaks the contract; the rules need a well-formed document."""
    if not isinstance(doc, dict):
        return ["document: expected an object"]
    problems = []
    if doc.get("schema") != SCHEMA:
        problems.append(f"schema: expected {SCHEMA!r}, got {doc.get('schema')!r}")
    problems += check_profile(doc.get("profile"))
    for key in ("warnings", "rationale"):
        if not _str_list(doc.get(key)):
            problems.append(f"{key}: expected a list of strings")
    weeks = doc.get("weeks")
    if not isinstance(weeks, list) or not weeks:
        return [*problems, "weeks: expected a non-empty list"]
    for wi, week in enumerate(weeks):
        problems += _check_week(week, f"weeks[{wi}]", catalogue_ids)
    if problems:
        return problems
    if len(weeks) != doc["profile"]["weeks"]:
        problems.append(f"weeks: {len(weeks)} weeks, the profile asks {doc['profile']['weeks']}")
    for wi, week in enumerate(weeks):
        if week["index"] != wi + 1:
            problems.append(f"weeks[{wi}].index: expected {wi + 1}, got {week['index']}")
    return problems
