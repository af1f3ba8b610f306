"""Stall detection on e1RM, and the one matched fix (TRAINING.md 4)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.domain.loadsteps import LoadLadder, ladder_for
from redwood.domain.mass import Mass
from redwood.domain.progression import Exposure, Target, WorkSet, working_load
from redwood.domain.stalls import (
    RESET_SEEN,
    Stall,
    StallError,
    StallFix,
    diagnose,
    exposure_e1rm,
    reset_tried,
    since_reset,
    stalled,
)
from tests.domain.conftest import build_exercise
from tests.domain.test_progression import KG, LB, TODAY, exposure, kg, lb

D = Decimal
SQUAT_KG = ladder_for(build_exercise(), unit=KG)
SQUAT_LB = ladder_for(build_exercise(), unit=LB)
TARGET = Target(3, 3, 5, 2)


def days(*lines: str) -> list[Exposure]:
    """One exposure per line, three days apart, the last one three days before TODAY."""
    start = -3 * len(lines)
    return [exposure(start + 3 * i, line) for i, line in enumerate(lines)]


def close(a: Mass | None, b: Mass) -> bool:
    return a is not None and abs(a.kg - b.kg) < D("1e-9")


E1RM_CASES = [
    ("Epley without RIR: 100 (1 + 5/30)", "100kg 5", kg("116.666666666666667")),
    (
        "the RTS chart with RIR: 100 / 81.1% at 5 + 2 reps",
        "100kg 5 rir2",
        Mass(D(10000) / D("81.1")),
    ),
    ("the best set of the day", "100kg 3,5,4", kg("116.666666666666667")),
    ("a single to failure is the max", "140kg 1", kg(140)),
    ("over 12 reps is no estimate", "60kg 13", None),
    ("reps + RIR over 12 is no estimate", "60kg 10 rir3", None),
    ("invalid sets are skipped, valid ones used", "60kg 15 80kg 5", kg("93.333333333333333")),
    ("bodyweight has no e1RM", "bw 10,10", None),
    ("timed sets have no e1RM", "20kg 3x30s", None),
]


@pytest.mark.parametrize(
    ("line", "e1rm"),
    [case[1:] for case in E1RM_CASES],
    ids=[case[0] for case in E1RM_CASES],
)
def test_exposure_e1rm(line: str, e1rm: Mass | None) -> None:
    got = exposure_e1rm(exposure(-1, line))
    assert got == e1rm if e1rm is None else close(got, e1rm)


FLAT = ["100kg 5", "100kg 4", "100kg 4", "100kg 4"]
"""A best (100 x 5, e1RM 116.7 kg) and three sessions under it: a stall."""
STALL_CASES = [
    # id, lines, window, count
    ("no history", [], 3, 0),
    ("a gain every time", ["100kg 5", "100kg 6", "105kg 5", "105kg 6"], 3, 0),
    ("more reps at the same load is a gain", ["100kg 5", "100kg 5", "100kg 6", "100kg 7"], 3, 0),
    ("three sessions without a gain", ["100kg 5", "100kg 4", "100kg 5", "100kg 3"], 3, 3),
    ("equal is not a gain", ["100kg 5", "100kg 5", "100kg 5", "100kg 5"], 3, 3),
    ("two are not enough", ["100kg 5", "100kg 4", "100kg 4"], 3, 0),
    ("four without a gain", ["100kg 5", "100kg 4", "100kg 4", "100kg 4", "100kg 4"], 3, 4),
    ("a gain at the end ends it", ["100kg 5", "100kg 4", "100kg 4", "100kg 4", "100kg 6"], 3, 0),
    ("a smaller window", ["100kg 5", "100kg 4", "100kg 4"], 2, 2),
    ("bodyweight sessions do not count", ["100kg 5", "bw 10", "bw 10", "bw 10"], 3, 0),
    (
        "the lighter load is not the question, the e1RM is",
        ["100kg 5", "95kg 7", "95kg 7", "95kg 8"],
        3,
        0,
    ),
    (
        "rebuilding after a reset, under the old best, is no stall",
        [*FLAT, "90kg 5", "92.5kg 5", "95kg 5"],
        3,
        0,
    ),
    ("after a reset, three flat", [*FLAT, "90kg 5", "90kg 5", "90kg 5", "90kg 5"], 3, 3),
    ("after a reset, two flat are not yet a stall", [*FLAT, "90kg 5", "90kg 5", "90kg 5"], 3, 0),
    (
        "after a reset, counted against the best since it",
        [*FLAT, "90kg 5", "95kg 5", "92.5kg 5", "95kg 5", "95kg 4"],
        3,
        3,
    ),
    (
        "the last reset counts",
        [*FLAT, "90kg 5", "90kg 5", "90kg 5", "90kg 5", "80kg 5", "82.5kg 5"],
        3,
        0,
    ),
    (
        "a deload-like drop restarts the count (callers leave deloads out)",
        [*FLAT, "85kg 5", "100kg 5"],
        3,
        0,
    ),
    ("a drop under 8% is no reset", [*FLAT, "95kg 5", "95kg 5", "95kg 5"], 3, 6),
    ("a bodyweight day between is skipped", [*FLAT, "bw 10", "90kg 5", "92.5kg 5"], 3, 0),
]


@pytest.mark.parametrize(
    ("lines", "window", "count"),
    [case[1:] for case in STALL_CASES],
    ids=[case[0] for case in STALL_CASES],
)
def test_stalled(lines: list[str], window: int, count: int) -> None:
    assert stalled(days(*lines), window) == count


def test_a_window_under_one_is_refused() -> None:
    with pytest.raises(StallError) as info:
        stalled([], 0)
    assert info.value.field == "window"


RESET_CASES = [
    ("no drop", ["100kg 5", "100kg 4", "100kg 4", "100kg 4"], False),
    ("a reset, still rebuilding", [*FLAT, "90kg 5", "92.5kg 5"], False),
    (
        "a reset, then stalled under the old best",
        [*FLAT, "90kg 5", "90kg 5", "90kg 5", "90kg 5"],
        True,
    ),
    ("a drop of exactly 8% counts", ["100kg 5", "92kg 5", "92kg 5", "92kg 5", "92kg 5"], True),
    ("a drop of 5% is not a reset", ["100kg 5", "95kg 5", "95kg 5", "95kg 5", "95kg 5"], False),
    ("a reset that worked", ["100kg 5", "90kg 5", "95kg 5", "105kg 5"], False),
    (
        "a reset that brought a new best, then stalled: it worked",
        [*FLAT, "90kg 5", "95kg 5", "100kg 6", "100kg 6", "100kg 6", "100kg 6"],
        False,
    ),
    ("bodyweight sessions are skipped", ["bw 10", "bw 8", "bw 8", "bw 8"], False),
]


@pytest.mark.parametrize(
    ("lines", "tried"),
    [case[1:] for case in RESET_CASES],
    ids=[case[0] for case in RESET_CASES],
)
def test_reset_tried(lines: list[str], tried: bool) -> None:
    assert reset_tried(days(*lines)) is tried


def test_reset_tried_counts_its_own_window() -> None:
    lines = [*FLAT, "90kg 5", "90kg 5", "90kg 5"]
    assert (reset_tried(days(*lines)), reset_tried(days(*lines), window=2)) == (False, True)


def test_since_reset() -> None:
    history = days(*FLAT, "90kg 5", "92.5kg 5", "80kg 5", "85kg 5")
    assert since_reset(history) == tuple(history[-2:])
    no_reset = days(*FLAT)
    assert since_reset(no_reset[::-1]) == tuple(no_reset)


STALLED = ["100kg 5", "100kg 4", "100kg 4", "100kg 3"]
"""Three sessions after the best without beating it."""
RESET_DID_NOT_WORK = [
    "102.5kg 5",
    "102.5kg 4",
    "92.5kg 5",
    "95kg 5",
    "97.5kg 4",
    "97.5kg 4",
    "97.5kg 4",
]
"""A reset from 102.5 to 92.5 kg, rebuilt to 97.5 kg, stalled there (best since the reset
95 x 5 = 110.8 kg, then three under it) and still under the old best (119.6 kg)."""
FRONT_SQUAT = days("80kg 5", "80kg 4")
"""The close variation's own history: best e1RM 80 (1 + 5/30) = 93.3 kg."""


def run(
    lines: Sequence[str],
    *,
    ladder: LoadLadder = SQUAT_KG,
    target: Target = TARGET,
    poor_recovery: bool = False,
    variations: Mapping[str, Sequence[Exposure]] | None = None,
) -> Stall | None:
    return diagnose(
        "barbell-back-squat",
        days(*lines),
        ladder=ladder,
        target=target,
        poor_recovery=poor_recovery,
        variations=variations or {},
    )


def test_no_stall_no_diagnosis() -> None:
    assert run(["100kg 5", "100kg 6", "100kg 7"]) is None
    assert run(["bw 10", "bw 10", "bw 10", "bw 10"]) is None


def test_a_stall_resets_ten_percent_rounded_down() -> None:
    stall = run(STALLED)
    assert stall is not None
    assert (stall.fix, stall.exposures, stall.exercise) == (StallFix.RESET, 3, "barbell-back-squat")
    assert close(stall.best_e1rm, kg("116.666666666666667"))
    assert stall.load == kg(90)
    assert (stall.reps_min, stall.swap_to, stall.sets_factor) == (None, None, None)
    assert stall.reason == (
        "No gain in your estimated one-rep max (e1RM, best 116.7 kg) over the last 3 sessions: "
        "reset to 90 kg (10% off 100 kg, rounded down) and build back up."
    )


@pytest.mark.parametrize(
    ("lines", "ladder", "reset"),
    [
        (["102.5kg 5", "102.5kg 4", "102.5kg 4", "102.5kg 4"], SQUAT_KG, kg(90)),
        (["225lb 5", "225lb 4", "225lb 4", "225lb 4"], SQUAT_LB, lb(200)),
    ],
    ids=["92.25 kg to 90 kg", "202.5 lb to 200 lb"],
)
def test_the_reset_is_rounded_down_to_the_plates(
    lines: list[str], ladder: LoadLadder, reset: Mass
) -> None:
    stall = run(lines, ladder=ladder)
    assert stall is not None
    assert stall.fix is StallFix.RESET
    assert stall.load == reset


def test_poor_recovery_cuts_volume() -> None:
    stall = run(STALLED, poor_recovery=True, variations={"front-squat": FRONT_SQUAT})
    assert stall is not None
    assert (stall.fix, stall.sets_factor, stall.load) == (StallFix.CUT_VOLUME, D("0.67"), None)
    assert "poor recovery" in stall.reason


def test_after_a_failed_reset_swap_to_a_variation_through_the_e1rm_ratio() -> None:
    stall = run(
        RESET_DID_NOT_WORK,
        variations={"barbell-back-squat": days("200kg 5"), "front-squat": FRONT_SQUAT},
    )
    assert stall is not None
    assert stall.fix is StallFix.SWAP
    assert stall.swap_to == "front-squat"
    # ratio = 93.33 / (102.5 (1 + 5/30) = 119.58) = 0.7805; 97.5 kg x 0.7805 = 76.1 kg
    assert close(stall.swap_load, kg("97.5") * (D(80) / D("102.5")))
    assert stall.load is None
    assert "even after a reset: switch to front-squat at about 76.1 kg (78% of 97.5 kg," in (
        stall.reason
    )


def test_the_first_variation_with_a_history_is_chosen() -> None:
    variations = {"box-squat": days("bw 10"), "front-squat": FRONT_SQUAT, "zercher": FRONT_SQUAT}
    stall = run(RESET_DID_NOT_WORK, variations=variations)
    assert stall is not None
    assert stall.swap_to == "front-squat"


REP_RANGE_CASES = [
    ("low -> 6-10", Target(3, 3, 6, 2), (6, 10)),
    ("middle -> 10-15", Target(3, 6, 12, 2), (10, 15)),
    ("8-12 is middle", Target(3, 8, 12, 2), (10, 15)),
    ("high -> 5-8", Target(3, 12, 20, 2), (5, 8)),
]


@pytest.mark.parametrize(
    ("target", "reps"),
    [case[1:] for case in REP_RANGE_CASES],
    ids=[case[0] for case in REP_RANGE_CASES],
)
def test_after_a_failed_reset_with_no_variation_change_the_rep_range(
    target: Target, reps: tuple[int, int]
) -> None:
    stall = run(RESET_DID_NOT_WORK, target=target)
    assert stall is not None
    assert stall.fix is StallFix.REP_RANGE
    assert (stall.reps_min, stall.reps_max) == reps
    low, high = reps
    assert f"from {target.reps_min}-{target.reps_max} to {low}-{high} reps" in stall.reason


SWAP, REP_RANGE, RESET = StallFix.SWAP, StallFix.REP_RANGE, StallFix.RESET
AFTER_RESET_CASES = [
    # id, lines, variations, fix (None: no stall), exposures
    ("the first stall: reset", FLAT, {}, RESET, 3),
    (
        "rebuilding under the old best is no stall",
        [*FLAT, "90kg 5", "92.5kg 5", "95kg 5"],
        {},
        None,
        0,
    ),
    ("two flat after the reset: not yet", [*FLAT, "90kg 5", "90kg 5", "90kg 5"], {}, None, 0),
    ("three flat after the reset: rep range", [*FLAT, *["90kg 5"] * 4], {}, REP_RANGE, 3),
    (
        "three flat after the reset, a variation with a history: swap",
        [*FLAT, *["90kg 5"] * 4],
        {"front-squat": FRONT_SQUAT},
        SWAP,
        3,
    ),
    (
        "rebuilt, then three flat under the old best: rep range",
        [*FLAT, "90kg 5", "95kg 5", "95kg 4", "95kg 4", "95kg 5"],
        {},
        REP_RANGE,
        3,
    ),
    (
        "the reset brought a new best, then three flat: reset again",
        [*FLAT, "90kg 5", "95kg 5", "100kg 6", "100kg 6", "100kg 6", "100kg 6"],
        {"front-squat": FRONT_SQUAT},
        RESET,
        3,
    ),
]


@pytest.mark.parametrize(
    ("lines", "variations", "fix", "count"),
    [case[1:] for case in AFTER_RESET_CASES],
    ids=[case[0] for case in AFTER_RESET_CASES],
)
def test_after_a_reset(
    lines: list[str],
    variations: Mapping[str, Sequence[Exposure]],
    fix: StallFix | None,
    count: int,
) -> None:
    stall = run(lines, variations=variations)
    assert stalled(days(*lines)) == count
    assert (None if stall is None else stall.fix) is fix
    if stall is not None:
        assert stall.exposures == count


def test_after_a_reset_the_reason_and_best_are_since_the_reset() -> None:
    stall = run([*FLAT, *["90kg 5"] * 4])
    assert stall is not None
    assert close(stall.best_e1rm, kg(105))  # 90 (1 + 5/30), not the old 116.7 kg
    assert stall.reason == (
        "No gain in your estimated one-rep max (e1RM, best 105 kg since the reset) over the "
        "last 3 sessions, even after a reset: change the rep range from 3-5 to 6-10 reps for "
        "a while."
    )
    again = run([*FLAT, "90kg 5", "95kg 5", "100kg 6", "100kg 6", "100kg 6", "100kg 6"])
    assert again is not None
    assert again.load == kg(90)
    assert again.reason.endswith("reset to 90 kg (10% off 100 kg, rounded down) and build back up.")


def test_at_the_empty_bar_there_is_nothing_to_reset() -> None:
    stall = run(["20kg 8", "20kg 7", "20kg 7", "20kg 6"])
    assert stall is not None
    assert stall.fix is StallFix.REP_RANGE
    assert "20 kg is as light as it goes" in stall.reason


# --- invariants ------------------------------------------------------------------------

sets = st.tuples(st.integers(1, 12), st.sampled_from([None, D(0), D(1), D(2), D(3)]))
Raw = list[tuple[Decimal, list[tuple[int, Decimal | None]]]]
sessions = st.lists(
    st.tuples(st.decimals(20, 200, places=1), st.lists(sets, min_size=1, max_size=4)),
    max_size=8,
)


MOVES = {
    "same": lambda w: w,
    "up": lambda w: w + D("2.5"),
    "down": lambda w: max(w - D("2.5"), D(20)),
    "reset": lambda w: (w * D("0.9")).quantize(D("0.1")),
}


@st.composite
def climbs(draw: st.DrawFn) -> Raw:
    """A lifter's loads: mostly the same or a small step, now and then a 10% reset."""
    load = draw(st.decimals(40, 150, places=0))
    raw: Raw = []
    for move in draw(st.lists(st.sampled_from(["same", "same", *MOVES]), max_size=14)):
        load = MOVES[move](load)
        raw.append((load, draw(st.lists(sets, min_size=1, max_size=3))))
    return raw


histories = sessions | climbs()


def build(raw: Raw) -> list[Exposure]:
    start = TODAY - timedelta(days=3 * len(raw) + 3)
    return [
        Exposure(start + timedelta(days=3 * i), tuple(WorkSet(r, Mass(w), rir) for r, rir in s))
        for i, (w, s) in enumerate(raw)
    ]


def after(history: list[Exposure], load: Mass, reps: int) -> list[Exposure]:
    on = history[-1].on + timedelta(days=3) if history else TODAY
    return [*history, Exposure(on, (WorkSet(reps, load, None),))]


@settings(max_examples=300, deadline=None)
@given(raw=histories, window=st.integers(1, 5))
def test_stalled_is_the_run_without_a_gain_when_long_enough(raw: Raw, window: int) -> None:
    history = build(raw)
    run_length = stalled(history, 1)
    assert stalled(history, window) == (run_length if run_length >= window else 0)
    assert run_length < max(len(history), 1)


@settings(max_examples=300, deadline=None)
@given(raw=histories)
def test_a_new_best_ends_a_stall_a_miss_extends_it_and_a_reset_restarts_it(raw: Raw) -> None:
    history = build(raw)
    best = max(
        (m for e in since_reset(history) if (m := exposure_e1rm(e)) is not None), default=None
    )
    if best is None:
        return
    last = working_load(history[-1])
    assert last is not None
    run_length = stalled(history, 1)
    assert stalled(after(history, max(best, last) + kg("0.5"), 1), 1) == 0
    if last <= best:  # a single at the last load: no reset, no gain
        assert stalled(after(history, last, 1), 1) == run_length + 1
    reset = after(history, last * D("0.9"), 1)
    assert since_reset(reset) == (reset[-1],)
    assert stalled(reset, 1) == 0
    assert not reset_tried(reset, 1)


@settings(max_examples=300, deadline=None)
@given(raw=histories, window=st.integers(1, 4))
def test_only_the_exposures_since_the_last_reset_count(raw: Raw, window: int) -> None:
    history = build(raw)
    segment = since_reset(history)
    assert stalled(history, window) == stalled(segment, window)
    assert since_reset(segment) == segment
    assert history[len(history) - len(segment) :] == list(segment)
    loads = [working_load(e) for e in segment]
    for a, b in itertools.pairwise(loads):
        assert a is not None
        assert b is not None
        assert b > a * RESET_SEEN
    if segment and len(segment) < len(history):
        before, first = working_load(history[-len(segment) - 1]), loads[0]
        assert before is not None
        assert first is not None
        assert first <= before * RESET_SEEN
    if reset_tried(history, window):
        assert len(segment) < len(history)
        assert stalled(segment, window) >= window


@settings(max_examples=200, deadline=None)
@given(raw=histories, poor=st.booleans())
def test_a_diagnosis_has_exactly_its_fix(raw: Raw, poor: bool) -> None:
    history = build(raw)
    stall = diagnose(
        "squat",
        history,
        ladder=SQUAT_KG,
        target=TARGET,
        poor_recovery=poor,
        variations={"front-squat": FRONT_SQUAT},
    )
    if stalled(history) == 0:
        assert stall is None
        return
    assert stall is not None
    assert stall.exposures >= 3
    assert (stall.fix is StallFix.CUT_VOLUME) == poor
    assert (stall.load is not None) == (stall.fix is StallFix.RESET)
    assert (stall.swap_to is not None) == (stall.fix is StallFix.SWAP)
    assert (stall.reps_min is not None) == (stall.fix is StallFix.REP_RANGE)
    if stall.fix is StallFix.RESET:
        assert not reset_tried(history)
    if stall.fix in {StallFix.SWAP, StallFix.REP_RANGE}:
        assert reset_tried(history) or "as light as it goes" in stall.reason
    if stall.load is not None:
        latest = max(s.load for s in history[-1].sets if s.load is not None)
        assert stall.load <= latest * D("0.9")
        assert SQUAT_KG.round(stall.load) == stall.load
