"""Rules that one session obeys on its own: 1-7 and 10 of notes/planner-design.md."""

from __future__ import annotations

import re
from typing import Any

from redwood.domain.vocab import Mechanic, Pattern
from tests.planner.checker_common import LEVELS, Ctx, Entry, session_entries
from tests.planner.checker_time import estimated_minutes

MAX_PAIR_GAP = 45


def check_session(ctx: Ctx, week: dict[str, Any], session: dict[str, Any], where: str) -> list[str]:
    """Every violation of rules 1-7 and 10 in one session."""
    entries = list(session_entries(ctx, session, where))
    return [
        *_equipment_and_setting(ctx, session, entries, where),
        *_limits_level_exclusions(ctx, entries),
        *_time(ctx, session, where),
        *_spine(entries, where),
        *_order(ctx, session, entries, where),
        *_supersets(ctx, session, where),
        *_doses(ctx, week, session, entries, where),
    ]


def _equipment_and_setting(
    ctx: Ctx, session: dict[str, Any], entries: list[Entry], where: str
) -> list[str]:
    """Rule 1: doable with that weekday's kit, and the exercise lists that weekday's setting."""
    day = session["weekday"]
    setting, kit = ctx.setting_on(day), ctx.equipment_on(day)
    problems = []
    if "setting" in session and session["setting"] != setting:
        problems.append(f"{where}.setting: {session['setting']!r}, but {day} is {setting!r}")
    for entry in entries:
        missing = sorted(str(e) for e in entry.exercise.equipment if str(e) not in kit)
        if missing:
            problems.append(
                f"{entry.where}: {entry.exercise.id} needs {', '.join(missing)}, "
                f"not available on {day} ({setting})"
            )
        if setting not in {str(s) for s in entry.exercise.settings}:
            problems.append(f"{entry.where}: {entry.exercise.id} is not done at {setting}")
    return problems


def _limits_level_exclusions(ctx: Ctx, entries: list[Entry]) -> list[str]:
    """Rules 2 and 3: limitations (lower_back: spinal_load < 2), level and exclusions."""
    profile = ctx.profile
    limits = set(profile["limitations"])
    level = LEVELS.index(profile["level"])
    excluded = set(profile.get("excluded") or [])
    problems = []
    for entry in entries:
        ex = entry.exercise
        hurt = sorted(limits & {str(s) for s in ex.stresses})
        if hurt:
            problems.append(f"{entry.where}: {ex.id} stresses {', '.join(hurt)}")
        if "lower_back" in limits and ex.spinal_load >= 2:
            problems.append(
                f"{entry.where}: {ex.id} has spinal_load {ex.spinal_load} with lower_back"
            )
        if LEVELS.index(str(ex.level)) > level:
            problems.append(f"{entry.where}: {ex.id} is {ex.level}, above {profile['level']}")
        if ex.id in excluded:
            problems.append(f"{entry.where}: {ex.id} is excluded by the athlete")
    return problems


def _time(ctx: Ctx, session: dict[str, Any], where: str) -> list[str]:
    """Rule 4: estimated_minutes is the time model's, and within the session budget."""
    ids = [item["exercise"] for block in session["blocks"] for item in block["exercises"]]
    if any(ex_id not in ctx.lookup for ex_id in ids):
        return []
    problems = []
    minutes = estimated_minutes(session, ctx.lookup)
    stated = session["estimated_minutes"]
    if stated != minutes:
        problems.append(f"{where}.estimated_minutes: {stated}, the time model gives {minutes}")
    budget = ctx.profile["session_minutes"]
    if max(stated, minutes) > budget:
        problems.append(
            f"{where}.estimated_minutes: {max(stated, minutes)} over the {budget}-minute budget"
        )
    return problems


def _spine(entries: list[Entry], where: str) -> list[str]:
    """Rule 5: one spinal_load-3 lift at most; no loaded hinge after a maximal squat."""
    problems = []
    heaviest = [e for e in entries if e.exercise.spinal_load == 3]
    if len(heaviest) > 1:
        names = ", ".join(e.exercise.id for e in heaviest)
        problems.append(f"{where}: {len(heaviest)} spinal_load-3 exercises ({names})")
    squatted = False
    for entry in entries:
        ex = entry.exercise
        if squatted and ex.pattern is Pattern.HINGE and ex.spinal_load >= 2:
            problems.append(f"{entry.where}: heavy hinge {ex.id} after a maximal squat")
        if ex.pattern is Pattern.SQUAT and ex.spinal_load == 3:
            squatted = True
    return problems


def effective_first_region(profile: dict[str, Any]) -> str:
    """The region a legs-and-back session opens with (rule 6)."""
    order = profile.get("order", "auto")
    if order == "legs_first":
        return "legs"
    if order == "back_first":
        return "back"
    return "back" if profile["priority"] == "back" else "legs"


def _order(ctx: Ctx, session: dict[str, Any], entries: list[Entry], where: str) -> list[str]:
    """Rule 6: open with a straight compound; compounds before isolation; region order."""
    problems = []
    first_block = session["blocks"][0]
    if first_block["type"] != "straight":
        problems.append(f"{where}.blocks[0]: the session opens with a superset")
    if entries and entries[0].block_index == 0 and not entries[0].exercise.is_compound:
        problems.append(f"{where}.blocks[0]: opens with isolation {entries[0].exercise.id}")
    straight = [e for e in entries if e.block_type == "straight"]
    isolated: set[str] = set()
    for entry in straight:
        region = str(entry.exercise.region)
        if entry.exercise.mechanic is Mechanic.COMPOUND and region in isolated:
            problems.append(
                f"{entry.where}: compound {entry.exercise.id} after an isolation "
                f"exercise of the {region} region"
            )
        if entry.exercise.mechanic is Mechanic.ISOLATION:
            isolated.add(region)
    if not {"legs", "back"} <= set(session["regions"]) or not entries:
        return problems
    wanted = effective_first_region(ctx.profile)
    excused = any(session["title"] in w and "opens with" in w for w in ctx.warnings())
    if str(entries[0].exercise.region) != wanted and not excused:
        problems.append(
            f"{entries[0].where}: opens with the {entries[0].exercise.region} region, "
            f"the order asks {wanted} first"
        )
    if ctx.profile.get("order") == "alternating":
        problems += _alternating(straight)
    return problems


def _alternating(straight: list[Entry]) -> list[str]:
    """Consecutive straight legs/back blocks alternate while both regions have some left."""
    chain = [e for e in straight if str(e.exercise.region) in ("legs", "back")]
    problems = []
    for i in range(1, len(chain)):
        left = {str(e.exercise.region) for e in chain[i:]}
        same = chain[i].exercise.region == chain[i - 1].exercise.region
        if same and left == {"legs", "back"}:
            problems.append(
                f"{chain[i].where}: two {chain[i].exercise.region} blocks in a row "
                "with alternating order"
            )
    return problems


def _supersets(ctx: Ctx, session: dict[str, Any], where: str) -> list[str]:
    """Rule 7: pairs of two non-competing moves, no heavy spine, equal sets, gap <= 45 s."""
    problems = []
    allowed = ctx.profile.get("supersets", "auto") != "off"
    for bi, block in enumerate(session["blocks"]):
        if block["type"] != "superset":
            continue
        here = f"{where}.blocks[{bi}]"
        if not allowed:
            problems.append(f"{here}: a superset although supersets are off")
        items = block["exercises"]
        if len(items) != 2:
            problems.append(f"{here}: a superset has exactly two exercises, not {len(items)}")
            continue
        first, second = (ctx.lookup.get(item["exercise"]) for item in items)
        if first is None or second is None:
            continue
        shared = sorted({str(m) for m in first.primary} & {str(m) for m in second.primary})
        if shared:
            problems.append(f"{here}: {first.id} and {second.id} share {', '.join(shared)}")
        if first.spinal_load >= 2 and second.spinal_load >= 2:
            problems.append(f"{here}: two spine-loaded lifts paired ({first.id}, {second.id})")
        for ex in (first, second):
            if ex.spinal_load == 3:
                problems.append(f"{here}: spinal_load-3 {ex.id} inside a superset")
        if items[0]["sets"] != items[1]["sets"]:
            problems.append(f"{here}: unequal sets ({items[0]['sets']} and {items[1]['sets']})")
        pair_gap = block["pair_rest_seconds"]
        if not 0 <= pair_gap <= MAX_PAIR_GAP:
            problems.append(f"{here}.pair_rest_seconds: {pair_gap}, expected 0-{MAX_PAIR_GAP}")
    return problems


def is_back_and_legs(session: dict[str, Any]) -> bool:
    """A back-and-legs session: by its kind, else by the seed's title."""
    if "kind" in session:
        return bool(session["kind"] == "back_legs")
    return str(session["title"]).startswith("Back & Legs")


REASON_WORDS = re.compile(r"time|minute|level|beginner", re.IGNORECASE)


def _doses(
    ctx: Ctx, week: dict[str, Any], session: dict[str, Any], entries: list[Entry], where: str
) -> list[str]:
    """Rule 10: sets, reps, RIR and rest in range; 1-3 (2-3 unless said) moves per region."""
    problems = []
    low, high = (1, 2) if week["kind"] == "deload" else (2, 4)
    for bi, block in enumerate(session["blocks"]):
        for ei, item in enumerate(block["exercises"]):
            here = f"{where}.blocks[{bi}].exercises[{ei}]"
            if not low <= item["sets"] <= high:
                problems.append(f"{here}.sets: {item['sets']}, expected {low}-{high}")
            if not 1 <= item["reps_min"] <= item["reps_max"]:
                problems.append(f"{here}: reps {item['reps_min']}-{item['reps_max']}")
            if not 0 <= item["rir"] <= 5:
                problems.append(f"{here}.rir: {item['rir']}, expected 0-5")
            if not 30 <= item["rest_seconds"] <= 300:
                problems.append(f"{here}.rest_seconds: {item['rest_seconds']}, expected 30-300")
    if not is_back_and_legs(session):
        return problems
    for region in ("legs", "back"):
        count = sum(1 for e in entries if str(e.exercise.region) == region)
        if not 1 <= count <= 3:
            problems.append(f"{where}: {count} {region} exercises on a back-and-legs day")
        elif count == 1 and not any(
            region in line.lower() and REASON_WORDS.search(line) for line in ctx.rationale()
        ):
            problems.append(f"{where}: one {region} exercise and no rationale line says why")
    return problems
