"""Rule 11, periodisation: blocks of 4-6 weeks ending in a deload, same exercises per block."""

from __future__ import annotations

from typing import Any

from tests.planner.checker_common import Ctx

MIN_BLOCK, MAX_BLOCK = 4, 6
MAX_RIR = 5


def _partitions_exist(total: int) -> bool:
    """Whether `total` weeks split into blocks of 4-6 weeks."""
    reachable = {0}
    for length in range(1, total + 1):
        if any(length - size in reachable for size in range(MIN_BLOCK, MAX_BLOCK + 1)):
            reachable.add(length)
    return total in reachable


def allowed_block_lengths(total: int) -> range:
    """4-6 weeks; a length that cannot split so (7) may use one block of 3-7."""
    if _partitions_exist(total):
        return range(MIN_BLOCK, MAX_BLOCK + 1)
    return range(MIN_BLOCK - 1, MAX_BLOCK + 2)


def _blocks(weeks: list[dict[str, Any]]) -> tuple[list[list[int]], list[str]]:
    """Week positions grouped by block number; blocks must be 1, 2, ... and contiguous."""
    groups: list[list[int]] = []
    problems = []
    for wi, week in enumerate(weeks):
        if groups and week["block"] == weeks[groups[-1][0]]["block"]:
            groups[-1].append(wi)
            continue
        expected = len(groups) + 1
        if week["block"] != expected:
            problems.append(f"weeks[{wi}].block: {week['block']}, expected {expected}")
        groups.append([wi])
    return groups, problems


def _session_key(session: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    ids = sorted(item["exercise"] for block in session["blocks"] for item in block["exercises"])
    return session["weekday"], tuple(ids)


def _doses_by_slot(week: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (session["weekday"], item["exercise"]): item
        for session in week["sessions"]
        for block in session["blocks"]
        for item in block["exercises"]
    }


def _deload(weeks: list[dict[str, Any]], positions: list[int]) -> list[str]:
    """Deload: the block's exercises at about half the last build week's sets, RIR +2."""
    deload_at = positions[-1]
    builds = [weeks[p] for p in positions[:-1] if weeks[p]["kind"] == "build"]
    if not builds or weeks[deload_at]["kind"] != "deload":
        return []
    last = _doses_by_slot(builds[-1])
    problems = []
    for (day, ex_id), item in _doses_by_slot(weeks[deload_at]).items():
        before = last.get((day, ex_id))
        if before is None:
            continue
        where = f"weeks[{deload_at}] {day} {ex_id}"
        sets = before["sets"]
        low, high = max(1, sets // 2), max(1, -(-sets // 2))
        if not low <= item["sets"] <= high:
            problems.append(f"{where}: deload {item['sets']} sets, about half of {sets} expected")
        build_rirs = [_doses_by_slot(w).get((day, ex_id), before)["rir"] for w in builds]
        allowed = {min(MAX_RIR, rir + 2) for rir in build_rirs}
        allowed.add(min(MAX_RIR, before["rir"] + 3))
        if item["rir"] not in allowed:
            problems.append(
                f"{where}: deload RIR {item['rir']}, expected build RIR + 2 "
                f"(last build week {before['rir']})"
            )
    return problems


def check_periodisation(ctx: Ctx) -> list[str]:
    """Every violation of rule 11."""
    weeks = list(ctx.doc["weeks"])
    groups, problems = _blocks(weeks)
    allowed = allowed_block_lengths(len(weeks))
    for number, positions in enumerate(groups, start=1):
        first = positions[0]
        if len(positions) not in allowed:
            problems.append(
                f"weeks[{first}]: block {number} lasts {len(positions)} weeks, "
                f"expected {allowed.start}-{allowed.stop - 1}"
            )
        for p in positions[:-1]:
            if weeks[p]["kind"] != "build":
                problems.append(f"weeks[{p}].kind: a deload before the end of block {number}")
        if weeks[positions[-1]]["kind"] != "deload":
            problems.append(f"weeks[{positions[-1]}].kind: block {number} ends without a deload")
        reference = sorted(_session_key(s) for s in weeks[first]["sessions"])
        for p in positions[1:]:
            if sorted(_session_key(s) for s in weeks[p]["sessions"]) != reference:
                problems.append(
                    f"weeks[{p}]: exercises differ from weeks[{first}] within block {number}"
                )
        problems += _deload(weeks, positions)
    return problems
