"""The independent checker can fail: hand-built documents breaking each rule are caught.

`valid_doc()` is a 4-week, 2-day general program whose minutes were worked out by hand
from the spec's time model (A: 2184 s -> 37 min, B: 1938 s -> 33; deload 25 and 24).
"""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from redwood.catalog import load_catalogue
from tests.planner.checker import check_program, program_volume_targets
from tests.planner.checker_blocks import allowed_block_lengths
from tests.planner.checker_common import gap
from tests.planner.checker_time import work_seconds

CATALOGUE = load_catalogue()
Doc = dict[str, Any]


def rx(ex_id: str, sets: int, reps: tuple[int, int], rest: int, rir: int) -> dict[str, Any]:
    return {
        "exercise": ex_id,
        "sets": sets,
        "reps_min": reps[0],
        "reps_max": reps[1],
        "rir": rir,
        "rest_seconds": rest,
    }


def straight(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "straight", "exercises": [item]}


def session(day: str, title: str, blocks: list[dict[str, Any]], minutes: int) -> dict[str, Any]:
    return {
        "weekday": day,
        "title": title,
        "kind": "back_legs",
        "setting": "gym",
        "regions": ["legs", "back"],
        "estimated_minutes": minutes,
        "blocks": blocks,
    }


def week(index: int, deload: bool, rir: int) -> dict[str, Any]:
    sets = 2 if deload else 3
    a = [
        straight(rx("barbell-back-squat", sets, (5, 8), 180, rir)),
        straight(rx("lat-pulldown", sets, (8, 12), 120, rir)),
        straight(rx("dumbbell-romanian-deadlift", sets, (8, 12), 120, rir)),
        straight(rx("seated-cable-row", sets, (8, 12), 120, rir)),
    ]
    pair = [
        rx("lying-leg-curl", sets, (10, 15), 90, rir),
        rx("cable-pallof-press", sets, (10, 15), 60, rir),
    ]
    b = [
        straight(rx("leg-press", sets, (8, 12), 120, rir)),
        straight(rx("chest-supported-dumbbell-row", sets, (8, 12), 120, rir)),
        {"type": "superset", "pair_rest_seconds": 30, "exercises": pair},
    ]
    return {
        "index": index,
        "block": 1,
        "kind": "deload" if deload else "build",
        "sessions": [
            session("mon", "Back & Legs A", a, 25 if deload else 37),
            session("thu", "Back & Legs B", b, 24 if deload else 33),
        ],
    }


def valid_doc() -> Doc:
    gym = sorted(
        [
            *("barbell", "squat_rack", "bench", "dumbbells", "cable", "lat_pulldown"),
            *("seated_row", "leg_press", "leg_curl", "leg_extension", "trap_bar", "pullup_bar"),
        ]
    )
    return {
        "schema": "redwood.program/1",
        "profile": {
            "goal": "general",
            "level": "intermediate",
            "days_per_week": 2,
            "weekdays": ["mon", "thu"],
            "session_minutes": 60,
            "setting": "gym",
            "equipment": gym,
            "priority": "balanced",
            "limitations": [],
            "weeks": 4,
            "order": "auto",
            "supersets": "auto",
            "setting_by_day": {},
            "equipment_by_setting": {"gym": gym},
            "favourites": [],
            "excluded": [],
        },
        "weeks": [week(1, False, 3), week(2, False, 2), week(3, False, 1), week(4, True, 3)],
        "warnings": [],
        "rationale": [
            "2 days: two back-and-legs sessions (A/B)",
            "Back & Legs B has one back exercise: the time goes to the legs superset",
        ],
    }


def item(doc: Doc, w: int, s: int, b: int, e: int = 0) -> dict[str, Any]:
    return dict(doc["weeks"][w]["sessions"][s]["blocks"][b]["exercises"][e])


def put(doc: Doc, w: int, s: int, b: int, e: int = 0, **changes: Any) -> None:
    doc["weeks"][w]["sessions"][s]["blocks"][b]["exercises"][e].update(changes)


def every_week(doc: Doc, change: Callable[[dict[str, Any]], None]) -> None:
    for wk in doc["weeks"]:
        change(wk)


def blocks(doc: Doc, w: int, s: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = doc["weeks"][w]["sessions"][s]["blocks"]
    return found


def test_the_valid_document_passes() -> None:
    assert check_program(valid_doc(), CATALOGUE) == []


def test_gap_wraps_round_the_week() -> None:
    assert gap("fri", "mon") == 72
    assert gap("mon", "thu") == 72
    assert gap("mon", "mon") == 168


def test_seven_weeks_is_the_only_length_without_blocks_of_4_to_6() -> None:
    odd = [n for n in range(4, 17) if allowed_block_lengths(n) != range(4, 7)]
    assert odd == [7]


def test_the_checker_never_imports_the_planner_timing_or_volume() -> None:
    code = (
        "import sys, tests.planner.checker, tests.planner.test_checker\n"
        "bad = [m for m in sys.modules if m.startswith('redwood.planner') "
        "or m in ('redwood.domain.timing', 'redwood.domain.volume')]\n"
        "print(bad)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def _set_profile(**changes: Any) -> Callable[[Doc], None]:
    return lambda doc: doc["profile"].update(changes)


def _swap_blocks(w: int, s: int, i: int, j: int) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        blks = doc["weeks"][w]["sessions"][s]["blocks"]
        blks[i], blks[j] = blks[j], blks[i]

    return change


def _insert(w: int, s: int, at: int, *entries: dict[str, Any]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        for offset, entry in enumerate(entries):
            doc["weeks"][w]["sessions"][s]["blocks"].insert(at + offset, straight(entry))

    return change


def _replace(w: int, s: int, b: int, e: int = 0, **changes: Any) -> Callable[[Doc], None]:
    return lambda doc: put(doc, w, s, b, e, **changes)


def _all_weeks(s: int, b: int, e: int = 0, **changes: Any) -> Callable[[Doc], None]:
    return lambda doc: [put(doc, w, s, b, e, **changes) for w in range(len(doc["weeks"]))]


def _pair(w: int, **changes: Any) -> Callable[[Doc], None]:
    return lambda doc: doc["weeks"][w]["sessions"][1]["blocks"][2].update(changes)


def _move_thu_to(day: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc["profile"]["weekdays"] = ["mon", day]
        for wk in doc["weeks"]:
            wk["sessions"][1]["weekday"] = day

    return change


def _both(*changes: Callable[[Doc], None]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        for one in changes:
            one(doc)

    return change


def _front_squat_on_b(doc: Doc) -> None:
    for w in range(4):
        put(doc, w, 1, 0, exercise="barbell-front-squat")


def _weeks(kinds: list[tuple[int, str]]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        for wk, (block, kind) in zip(doc["weeks"], kinds, strict=True):
            wk["block"], wk["kind"] = block, kind

    return change


FACE_PULL = rx("cable-face-pull", 3, (12, 15), 60, 2)
LEG_EXT = rx("leg-extension", 3, (10, 15), 60, 2)
GOBLET = rx("dumbbell-goblet-squat", 3, (8, 12), 90, 2)
GYM_NO_RACK = ["barbell", "cable", "dumbbells", "lat_pulldown", "leg_curl", "leg_press"]

BROKEN: list[tuple[str, Callable[[Doc], None], str]] = [
    ("schema", lambda d: d.update(schema="redwood.program/0"), "schema: expected"),
    ("profile key", lambda d: d["profile"].pop("goal"), "profile.goal: missing"),
    ("unknown exercise", _replace(0, 0, 0, exercise="moon-squat"), "unknown exercise"),
    ("sets type", _replace(0, 0, 0, sets="3"), "sets: missing or not a whole number"),
    ("kind", lambda d: d["weeks"][0].update(kind="easy"), "expected build or deload"),
    ("week count", _set_profile(weeks=8), "the profile asks 8"),
    ("week index", lambda d: d["weeks"][1].update(index=7), "index: expected 2"),
    (
        "straight of two",
        lambda d: blocks(d, 0, 0)[0]["exercises"].append(item(d, 0, 0, 1)),
        "exactly one",
    ),
    (
        "no pair rest",
        lambda d: d["weeks"][0]["sessions"][1]["blocks"][2].pop("pair_rest_seconds"),
        "pair_rest_seconds: missing",
    ),
    (
        "equipment",
        lambda d: d["profile"]["equipment_by_setting"].update(gym=GYM_NO_RACK),
        "needs squat_rack",
    ),
    ("setting by day", _set_profile(setting_by_day={"thu": "home"}), "not done at home"),
    (
        "session setting",
        lambda d: d["weeks"][0]["sessions"][0].update(setting="home"),
        "but mon is 'gym'",
    ),
    ("limitation", _set_profile(limitations=["knee"]), "stresses knee"),
    ("lower back", _set_profile(limitations=["lower_back"]), "spinal_load 3 with lower_back"),
    ("level", _all_weeks(0, 1, exercise="weighted-pull-up"), "is advanced, above intermediate"),
    ("excluded", _set_profile(excluded=["lat-pulldown"]), "excluded by the athlete"),
    (
        "minutes wrong",
        lambda d: d["weeks"][0]["sessions"][0].update(estimated_minutes=36),
        "the time model gives 37",
    ),
    ("over budget", _set_profile(session_minutes=35), "over the 35-minute budget"),
    (
        "two spine-3",
        _insert(0, 0, 4, rx("conventional-deadlift", 3, (4, 6), 180, 2)),
        "2 spinal_load-3 exercises",
    ),
    (
        "hinge after squat",
        _all_weeks(0, 2, exercise="barbell-romanian-deadlift"),
        "heavy hinge barbell-romanian-deadlift after a maximal squat",
    ),
    ("back first", _swap_blocks(0, 0, 0, 1), "the order asks legs first"),
    ("order back_first", _set_profile(order="back_first"), "the order asks back first"),
    ("isolation opens", _insert(0, 1, 0, LEG_EXT), "opens with isolation leg-extension"),
    ("superset opens", _swap_blocks(0, 1, 0, 2), "opens with a superset"),
    (
        "compound after isolation",
        _insert(0, 1, 2, LEG_EXT, GOBLET),
        "compound dumbbell-goblet-squat after an isolation",
    ),
    (
        "alternating",
        _both(_set_profile(order="alternating"), _swap_blocks(0, 0, 1, 2)),
        "two legs blocks in a row",
    ),
    ("supersets off", _set_profile(supersets="off"), "supersets are off"),
    ("pair shares", _replace(0, 1, 2, 1, exercise="seated-leg-curl"), "share hamstrings"),
    (
        "pair spine 3",
        _replace(0, 1, 2, 1, exercise="conventional-deadlift"),
        "spinal_load-3 conventional-deadlift inside",
    ),
    (
        "pair spine 2+2",
        _both(
            _replace(0, 1, 2, 0, exercise="barbell-bent-over-row"),
            _replace(0, 1, 2, 1, exercise="barbell-romanian-deadlift"),
        ),
        "two spine-loaded lifts",
    ),
    ("pair sets", _replace(0, 1, 2, 1, sets=2), "unequal sets"),
    ("pair gap", _pair(0, pair_rest_seconds=60), "pair_rest_seconds: 60"),
    (
        "pair of three",
        lambda d: blocks(d, 0, 1)[2]["exercises"].append(item(d, 0, 0, 1)),
        "exactly two exercises, not 3",
    ),
    ("24 h", _move_thu_to("tue"), "trained hard 24 h apart"),
    (
        "heavy lower 48 h",
        _both(_move_thu_to("wed"), _front_squat_on_b),
        "heavy lower-body barbell days 48 h",
    ),
    ("too much back", _insert(0, 1, 2, FACE_PULL), "back 12 sets, above the band top 10"),
    ("too little quads", _set_profile(goal="hypertrophy"), "quads 6 sets, below the band low 10"),
    ("weekday", lambda d: d["weeks"][0]["sessions"][1].update(weekday="fri"), "the athlete trains"),
    ("build sets", _replace(1, 0, 1, sets=5), "sets: 5, expected 2-4"),
    ("deload sets", _replace(3, 0, 1, sets=3), "sets: 3, expected 1-2"),
    ("reps", _replace(0, 0, 1, reps_min=13), "reps 13-12"),
    ("rir", _replace(0, 0, 1, rir=6), "rir: 6, expected 0-5"),
    ("rest", _replace(0, 0, 1, rest_seconds=20), "rest_seconds: 20"),
    (
        "four legs moves",
        _insert(0, 0, 1, GOBLET, rx("leg-press", 3, (8, 12), 90, 2)),
        "4 legs exercises",
    ),
    (
        "no back moves",
        lambda d: [blocks(d, 0, 0).pop(3), blocks(d, 0, 0).pop(1)],
        "0 back exercises",
    ),
    (
        "one back move, no reason",
        lambda d: d.update(rationale=[]),
        "one back exercise and no rationale",
    ),
    (
        "block too short",
        _weeks([(1, "build"), (1, "deload"), (2, "build"), (2, "deload")]),
        "lasts 2 weeks",
    ),
    (
        "block numbering",
        _weeks([(2, "build"), (2, "build"), (2, "build"), (2, "deload")]),
        "block: 2, expected 1",
    ),
    ("no deload", _weeks([(1, "build")] * 4), "ends without a deload"),
    (
        "early deload",
        _weeks([(1, "build"), (1, "deload"), (1, "build"), (1, "deload")]),
        "a deload before the end",
    ),
    (
        "exercises change",
        _replace(1, 0, 3, exercise="chest-supported-machine-row"),
        "exercises differ from weeks[0]",
    ),
    ("deload keeps sets", _replace(3, 1, 0, sets=3), "about half of 3 expected"),
    ("deload keeps RIR", _replace(3, 1, 0, rir=1), "deload RIR 1"),
]


@pytest.mark.parametrize(
    ("change", "expected"), [(c, e) for _, c, e in BROKEN], ids=[n for n, _, _ in BROKEN]
)
def test_a_broken_rule_is_caught(change: Callable[[Doc], None], expected: str) -> None:
    doc = copy.deepcopy(valid_doc())
    change(doc)
    problems = check_program(doc, CATALOGUE)
    assert any(expected in p for p in problems), problems


def test_a_warning_naming_the_group_excuses_the_low_side_only() -> None:
    doc = valid_doc()
    doc["profile"]["goal"] = "hypertrophy"
    doc["warnings"] = [
        "quads: 6 sets a week, below the 10 the hypertrophy band asks: 2 x 60 minutes",
        "hamstrings: 6 sets a week, below the 10 the band asks",
        "glutes: 9 sets a week, below the 10 the band asks",
        "back: 9 sets a week, below the 10 the band asks",
    ]
    assert check_program(doc, CATALOGUE) == []
    targets = {t.group: t for t in program_volume_targets(doc, CATALOGUE)}
    assert targets["quads"].lowest == 6
    assert not targets["quads"].met
    assert targets["quads"].warned


def test_a_warning_about_72_hours_excuses_close_heavy_lower_days() -> None:
    doc = valid_doc()
    _move_thu_to("wed")(doc)
    _front_squat_on_b(doc)
    doc["warnings"] = ["barbell squats Monday and Wednesday are 48 h apart, not 72 h"]
    problems = check_program(doc, CATALOGUE)
    assert not any("heavy lower-body" in p for p in problems), problems


def test_deload_weeks_are_exempt_from_the_low_side() -> None:
    doc = valid_doc()
    doc["profile"]["goal"] = "strength"  # band 5-10: build weeks meet it, the deload does not
    assert check_program(doc, CATALOGUE) == []


def test_volume_counts_secondary_muscles_at_half() -> None:
    targets = {t.group: t for t in program_volume_targets(valid_doc(), CATALOGUE)}
    # glutes: squat 3 + leg press 3 + RDL 3 (primary); hamstrings: RDL 3 + leg curl 3.
    assert (targets["glutes"].lowest, targets["hamstrings"].lowest) == (9, 6)
    # back: pulldown, cable row, chest-supported row: one set per set, lats + upper_back once.
    assert targets["back"].lowest == 9
    doc = valid_doc()
    _all_weeks(1, 1, exercise="feet-elevated-inverted-row")(doc)  # glutes secondary
    targets = {t.group: t for t in program_volume_targets(doc, CATALOGUE)}
    assert targets["glutes"].highest == 10.5
    assert any("glutes 10.5 sets, above" in p for p in check_program(doc, CATALOGUE))


def test_timed_and_distance_sets_take_reps_max_seconds_doubled_when_unilateral() -> None:
    by_id = {ex.id: ex for ex in CATALOGUE}
    assert work_seconds(by_id["plank"], 20, 40) == 40
    assert work_seconds(by_id["side-plank"], 20, 40) == 80
    assert work_seconds(by_id["dumbbell-farmers-carry"], 20, 30) == 30
    assert work_seconds(by_id["leg-press"], 8, 11) == 40  # ceil(9.5) * 4
