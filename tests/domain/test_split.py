"""The split and its weekday placement: every weekday combination keeps 48 h (spec, Splits)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations, permutations

import pytest

from redwood.domain.profile import Weekday, make_profile
from redwood.domain.program import SessionKind
from redwood.domain.split import (
    HEAVY_LOWER_KINDS,
    KIND_REGIONS,
    SessionSlot,
    Split,
    choose_split,
    pair_hours,
    shares,
)
from redwood.domain.vocab import Goal, Level, Region

BL, PU, FB = SessionKind.BACK_LEGS, SessionKind.PUSH_UPPER, SessionKind.FULL_BODY
UP, LO = SessionKind.UPPER, SessionKind.LOWER
MON, TUE, WED, THU, FRI, SAT, SUN = tuple(Weekday)

COMBINATIONS = [days for k in range(2, 7) for days in combinations(Weekday, k)]
GOALS_LEVELS = [(goal, level) for goal in Goal for level in Level]


def _split(days: tuple[Weekday, ...], goal: Goal, level: Level, minutes: int = 60) -> Split:
    return choose_split(make_profile(goal=goal, level=level, weekdays=days, minutes=minutes))


def _all_apart(days: tuple[Weekday, ...], hours: int) -> bool:
    return all(pair_hours(a, b) >= hours for a, b in combinations(days, 2))


def _expected_kinds(days: tuple[Weekday, ...], goal: Goal, level: Level) -> Counter[SessionKind]:
    """An oracle for the table and its fallbacks, written from the spec, not the code."""
    n = len(days)
    if n == 2:
        return Counter([BL, BL] if _all_apart(days, 48) else [UP, LO])
    if n == 3:
        full = level is Level.BEGINNER or goal is Goal.GENERAL
        return Counter([FB] * 3 if full and _all_apart(days, 48) else [BL, PU, BL])
    if n == 4:
        return Counter([UP, LO] * 2 if goal is Goal.STRENGTH else [BL, PU] * 2)
    return Counter([BL] * 3 + [PU] * (n - 3))


def _heavy_72_possible(days: tuple[Weekday, ...], kinds: list[SessionKind]) -> bool:
    """Brute force: some order of the kinds keeps 48 h and puts heavy days 72 h apart."""
    for order in set(permutations(kinds)):
        slots = list(zip(days, order, strict=True))
        keeps_48 = all(
            pair_hours(a, b) >= 48
            for (a, x), (b, y) in combinations(slots, 2)
            if set(KIND_REGIONS[x]) & set(KIND_REGIONS[y])
        )
        heavy = tuple(d for d, k in slots if k in HEAVY_LOWER_KINDS)
        if keeps_48 and _all_apart(heavy, 72):
            return True
    return False


def test_there_are_119_weekday_combinations() -> None:
    assert len(COMBINATIONS) == 119


@pytest.mark.parametrize("days", COMBINATIONS, ids=lambda d: "-".join(map(str, d)))
def test_every_combination_keeps_48_hours_between_shared_muscles(
    days: tuple[Weekday, ...],
) -> None:
    for goal, level in GOALS_LEVELS:
        for minutes in (30, 60):
            split = _split(days, goal, level, minutes)
            assert tuple(slot.weekday for slot in split.slots) == days
            assert Counter(slot.kind for slot in split.slots) == _expected_kinds(days, goal, level)
            for a, b in combinations(split.slots, 2):
                if set(a.regions) & set(b.regions):
                    assert pair_hours(a.weekday, b.weekday) >= 48, (split, a, b)
            if _heavy_72_possible(days, [slot.kind for slot in split.slots]):
                heavy = [s.weekday for s in split.slots if s.kind in HEAVY_LOWER_KINDS]
                assert _all_apart(tuple(heavy), 72), split
            assert len({slot.title for slot in split.slots}) == len(split.slots)
            assert split.reasons
            assert all(line.endswith(".") for line in split.reasons)


def _kinds(split: Split) -> list[tuple[Weekday, SessionKind]]:
    return [(slot.weekday, slot.kind) for slot in split.slots]


PLACEMENTS = [
    ((MON, THU), Goal.HYPERTROPHY, Level.INTERMEDIATE, [(MON, BL), (THU, BL)]),
    ((MON, WED, FRI), Goal.HYPERTROPHY, Level.INTERMEDIATE, [(MON, BL), (WED, PU), (FRI, BL)]),
    ((MON, WED, FRI), Goal.HYPERTROPHY, Level.BEGINNER, [(MON, FB), (WED, FB), (FRI, FB)]),
    ((MON, WED, FRI), Goal.GENERAL, Level.ADVANCED, [(MON, FB), (WED, FB), (FRI, FB)]),
    (
        (MON, TUE, THU, FRI),
        Goal.HYPERTROPHY,
        Level.INTERMEDIATE,
        [(MON, BL), (TUE, PU), (THU, BL), (FRI, PU)],
    ),
    (
        (MON, TUE, THU, FRI),
        Goal.STRENGTH,
        Level.INTERMEDIATE,
        [(MON, LO), (TUE, UP), (THU, LO), (FRI, UP)],
    ),
    (
        (MON, TUE, WED, FRI, SAT),
        Goal.HYPERTROPHY,
        Level.ADVANCED,
        [(MON, BL), (TUE, PU), (WED, BL), (FRI, PU), (SAT, BL)],
    ),
    (
        (MON, TUE, WED, THU, FRI, SAT),
        Goal.ENDURANCE,
        Level.INTERMEDIATE,
        [(MON, BL), (TUE, PU), (WED, BL), (THU, PU), (FRI, BL), (SAT, PU)],
    ),
    ((MON, TUE, WED), Goal.HYPERTROPHY, Level.INTERMEDIATE, [(MON, BL), (TUE, PU), (WED, BL)]),
    ((MON, TUE, FRI), Goal.STRENGTH, Level.ADVANCED, [(MON, BL), (TUE, PU), (FRI, BL)]),
    ((MON, TUE), Goal.HYPERTROPHY, Level.INTERMEDIATE, [(MON, LO), (TUE, UP)]),
    ((MON, SUN), Goal.STRENGTH, Level.BEGINNER, [(MON, LO), (SUN, UP)]),
    ((MON, TUE, THU), Goal.GENERAL, Level.BEGINNER, [(MON, BL), (TUE, PU), (THU, BL)]),
]


@pytest.mark.parametrize(("days", "goal", "level", "expected"), PLACEMENTS)
def test_placement_table(
    days: tuple[Weekday, ...],
    goal: Goal,
    level: Level,
    expected: list[tuple[Weekday, SessionKind]],
) -> None:
    assert _kinds(_split(days, goal, level)) == expected


def test_the_seed_example_reads_as_the_brief_asks() -> None:
    split = _split((MON, WED, FRI), Goal.HYPERTROPHY, Level.INTERMEDIATE)
    assert split.name == "back & legs x2 + push/upper"
    assert [s.title for s in split.slots] == ["Back & Legs A", "Push & Upper A", "Back & Legs B"]
    text = " ".join(split.reasons)
    assert "two back-and-legs sessions" in text
    assert "Back & Legs A Mon" in text
    assert "at least 72 h apart" in text


def test_a_fallback_says_why_the_table_split_was_dropped() -> None:
    split = _split((MON, TUE), Goal.HYPERTROPHY, Level.INTERMEDIATE)
    assert split.name == "upper/lower"
    assert split.reasons[0].startswith("On Mon and Tue a back & legs A/B split")
    assert "24 h apart" in split.reasons[0]
    beginner = _split((MON, TUE, THU), Goal.HYPERTROPHY, Level.BEGINNER)
    assert "full body x3" in beginner.reasons[0]


def test_short_heavy_gaps_are_explained() -> None:
    split = _split((MON, TUE, WED), Goal.HYPERTROPHY, Level.INTERMEDIATE)
    assert any("Mon and Wed are 48 h apart" in line for line in split.reasons)


@pytest.mark.parametrize(
    ("days", "minutes", "core"),
    [
        ((MON, THU), 60, [True, True]),
        ((MON, THU), 45, [False, False]),
        ((MON, WED, FRI), 75, [True, None, True]),
        ((MON, TUE, THU), 60, [False, None, True]),
        ((MON, TUE, THU, FRI), 90, [False, None, False, None]),
    ],
)
def test_core_joins_back_and_legs_when_time_allows_and_no_core_day_is_near(
    days: tuple[Weekday, ...], minutes: int, core: list[bool | None]
) -> None:
    split = _split(days, Goal.HYPERTROPHY, Level.INTERMEDIATE, minutes)
    got = [(Region.CORE in slot.regions) if slot.kind is BL else None for slot in split.slots]
    assert got == core


def test_sharing_is_region_overlap() -> None:
    assert not shares(BL, PU)
    assert not shares(UP, LO)
    assert all(shares(FB, kind) for kind in SessionKind)
    assert shares(BL, LO)
    assert shares(BL, UP)
    assert KIND_REGIONS[BL] == (Region.LEGS, Region.BACK)


def test_pair_hours_is_the_shorter_way_round() -> None:
    assert pair_hours(MON, FRI) == 72
    assert pair_hours(FRI, MON) == 72
    assert pair_hours(MON, TUE) == 24
    assert pair_hours(SUN, MON) == 24
    assert pair_hours(MON, MON) == 0


def test_values_are_frozen() -> None:
    slot = SessionSlot(MON, BL, "Back & Legs A", (Region.LEGS,))
    with pytest.raises(AttributeError):
        slot.title = "x"  # type: ignore[misc]
