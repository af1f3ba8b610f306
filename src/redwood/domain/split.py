"""The weekly split and the weekday each session falls on (planner-design.md, "Splits").

The split table (issue 3, item 2): 2 days: two back-and-legs sessions (A/B); 3 days: two
back-and-legs sessions and a push/upper day, or three full-body days for beginners and the
general goal; 4 days: back-and-legs twice with push/upper days between (seed `004`: Monday
and Thursday), or upper/lower for strength; 5-6 days: three back-and-legs sessions and two
or three push/upper days.

Placement tries every order of the split's sessions on the athlete's weekdays and keeps
the best by, in turn:

1. no two sessions that share a region closer than 48 h (TRAINING.md 5: the same muscle
   trained hard again needs 48 h; Thomas 2018, Korak 2015). Back-and-legs and push/upper
   share no region, nor do upper and lower; full body shares with everything;
2. as few pairs of heavy lower days (back-and-legs, lower, full body) under 72 h as the
   weekdays allow (72 h after heavy lower-body barbell work, Moran-Navarro 2017), then the
   smallest shortfall;
3. the seed pattern: heavy lower days on Monday and Thursday (seed `004`);
4. the table's own order (back-and-legs, push/upper, back-and-legs, ...).

When no order of the table's split keeps 48 h (two adjacent days; three full-body days
without a day off between each), the next split in `_CANDIDATES` is tried and a reason
says why. Upper/lower pairs never share a region, so every profile gets a split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, permutations

from redwood.domain.profile import Profile, Weekday, gap_hours
from redwood.domain.program import SessionKind
from redwood.domain.recovery import HEAVY_LOWER_HOURS, MIN_HOURS_SAME_MUSCLE
from redwood.domain.vocab import Goal, Level, Region

BL, PU, FB = SessionKind.BACK_LEGS, SessionKind.PUSH_UPPER, SessionKind.FULL_BODY
UP, LO = SessionKind.UPPER, SessionKind.LOWER

KIND_REGIONS: dict[SessionKind, tuple[Region, ...]] = {
    BL: (Region.LEGS, Region.BACK),
    PU: (Region.PUSH, Region.ARMS, Region.CORE),
    FB: (Region.LEGS, Region.BACK, Region.PUSH),
    UP: (Region.BACK, Region.PUSH, Region.ARMS),
    LO: (Region.LEGS, Region.CORE),
}
"""Regions each kind trains (spec). Back-and-legs adds `core` when time allows."""

KIND_TITLES: dict[SessionKind, str] = {
    BL: "Back & Legs",
    PU: "Push & Upper",
    FB: "Full Body",
    UP: "Upper",
    LO: "Lower",
}

HEAVY_LOWER_KINDS = frozenset({BL, LO, FB})
"""Kinds that carry heavy lower-body work, kept 72 h apart when the weekdays allow."""

SEED_DAYS = frozenset({Weekday.MON, Weekday.THU})
"""Seed `004`: back and legs on Monday and Thursday."""

CORE_MINUTES = 60
"""A back-and-legs session of this many minutes has room for core work after 2-3 leg and
2-3 back exercises [practitioner]; shorter sessions keep to legs and back."""


class SplitError(ValueError):
    """No split keeps the athlete's sessions 48 h apart (never raised for 2-6 days)."""


@dataclass(frozen=True, slots=True)
class SessionSlot:
    """One session of the week: its day, kind, title ("Back & Legs A") and regions."""

    weekday: Weekday
    kind: SessionKind
    title: str
    regions: tuple[Region, ...]


@dataclass(frozen=True, slots=True)
class Split:
    """The week's sessions in weekday order, the split's name and why it was chosen."""

    name: str
    slots: tuple[SessionSlot, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    name: str
    kinds: tuple[SessionKind, ...]
    why: str


def _plans(profile: Profile) -> list[_Plan]:
    """The split table for the profile, best first; later entries are fallbacks."""
    days = profile.days_per_week
    upper_lower = _Plan(
        "upper/lower",
        (UP, LO) * (days // 2),
        f"{days} days: upper and lower days, which share no muscles, so each can be trained "
        "hard the day after the other.",
    )
    if days == 2:
        both = "2 days: two back-and-legs sessions (A/B), so legs and back are each trained "
        both += "twice a week (each muscle 2-3 times a week, Schoenfeld 2016)."
        return [_Plan("back & legs A/B", (BL, BL), both), upper_lower]
    two_bl = _Plan(
        "back & legs x2 + push/upper",
        (BL, PU, BL),
        "3 days: two back-and-legs sessions and a push/upper day between, so legs and back "
        "get two sessions a week with full recovery (Schoenfeld 2016).",
    )
    if days == 3:
        whom = "as a beginner" if profile.level is Level.BEGINNER else "for general fitness"
        full = _Plan(
            "full body x3",
            (FB, FB, FB),
            f"3 days {whom}: three full-body sessions, so every muscle is practised three "
            "times a week at a small dose per session (Schoenfeld 2016).",
        )
        if profile.level is Level.BEGINNER or profile.goal is Goal.GENERAL:
            return [full, two_bl]
        return [two_bl]
    if days == 4:
        seed = _Plan(
            "back & legs x2 + push/upper x2",
            (BL, PU, BL, PU),
            "4 days: back and legs twice a week with a push/upper day after each, the seed's "
            "Monday/Thursday pattern, so no muscle is trained on consecutive days.",
        )
        if profile.goal is Goal.STRENGTH:
            upper_lower = _Plan(
                "upper/lower",
                (UP, LO, UP, LO),
                "4 days for strength: upper/lower, so each main lift is trained twice a week "
                "and the upper and lower days share no muscles.",
            )
            return [upper_lower, seed]
        return [seed]
    push_days = days - 3
    kinds = (BL, PU, BL, PU, BL, PU)[:days]
    return [
        _Plan(
            f"back & legs x3 + push/upper x{push_days}",
            kinds,
            f"{days} days: three back-and-legs sessions and {('two', 'three')[push_days - 2]} "
            "push/upper days, so "
            "legs and back get three sessions a week, the top of the 2-3 that suits them "
            "(Schoenfeld 2016).",
        )
    ]


def pair_hours(a: Weekday, b: Weekday) -> int:
    """Hours between two training days of a repeating week, the shorter way round (0 if same)."""
    if a is b:
        return 0
    return min(gap_hours(a, b), gap_hours(b, a))


def shares(a: SessionKind, b: SessionKind) -> bool:
    """True when two kinds train a region in common (and so need 48 h between them)."""
    return bool(set(KIND_REGIONS[a]) & set(KIND_REGIONS[b]))


_Score = tuple[int, int, int, int, int, tuple[SessionKind, ...]]


def _score(
    days: Sequence[Weekday], kinds: Sequence[SessionKind], table: Sequence[SessionKind]
) -> _Score:
    clashes = heavy_short = shortfall = 0
    for i, j in combinations(range(len(days)), 2):
        hours = pair_hours(days[i], days[j])
        if shares(kinds[i], kinds[j]) and hours < MIN_HOURS_SAME_MUSCLE:
            clashes += 1
        if {kinds[i], kinds[j]} <= HEAVY_LOWER_KINDS and hours < HEAVY_LOWER_HOURS:
            heavy_short += 1
            shortfall += HEAVY_LOWER_HOURS - hours
    seed = sum(
        1 for d, k in zip(days, kinds, strict=True) if k in HEAVY_LOWER_KINDS and d in SEED_DAYS
    )
    distance = sum(1 for k, t in zip(kinds, table, strict=True) if k is not t)
    return (clashes, heavy_short, shortfall, -seed, distance, tuple(kinds))


def _place(days: Sequence[Weekday], plan: _Plan) -> tuple[SessionKind, ...] | None:
    """The best order of the plan's kinds on `days`, or None when 48 h cannot be kept."""
    best = min(set(permutations(plan.kinds)), key=lambda order: _score(days, order, plan.kinds))
    return best if _score(days, best, plan.kinds)[0] == 0 else None


def _day(day: Weekday) -> str:
    return str(day).capitalize()


def _days(days: Sequence[Weekday]) -> str:
    names = [_day(d) for d in days]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _titled(days: Sequence[Weekday], kinds: Sequence[SessionKind]) -> list[str]:
    seen: dict[SessionKind, int] = {}
    titles = []
    for kind in kinds:
        seen[kind] = seen.get(kind, 0) + 1
        titles.append(f"{KIND_TITLES[kind]} {'ABCDEF'[seen[kind] - 1]}")
    return titles


def _with_core(
    profile: Profile, days: Sequence[Weekday], kinds: Sequence[SessionKind]
) -> list[tuple[Region, ...]]:
    """Regions per slot: back-and-legs gains `core` when time allows and no other core
    session is within 48 h (so core, too, keeps its recovery)."""
    regions = [KIND_REGIONS[k] for k in kinds]
    if profile.session_minutes < CORE_MINUTES:
        return regions
    for i, kind in enumerate(kinds):
        near = [
            j
            for j in range(len(kinds))
            if j != i
            and Region.CORE in regions[j]
            and pair_hours(days[i], days[j]) < MIN_HOURS_SAME_MUSCLE
        ]
        if kind is BL and not near:
            regions[i] = (*regions[i], Region.CORE)
    return regions


def _fallback_reason(days: Sequence[Weekday], failed: _Plan, chosen: _Plan) -> str:
    order = min(set(permutations(failed.kinds)), key=lambda o: _score(days, o, failed.kinds))
    for i, j in combinations(range(len(days)), 2):
        hours = pair_hours(days[i], days[j])
        if shares(order[i], order[j]) and hours < MIN_HOURS_SAME_MUSCLE:
            kind = KIND_TITLES[order[i]].lower()
            other = KIND_TITLES[order[j]].lower()
            pair = f"{kind} sessions" if kind == other else f"{kind} and {other} sessions"
            return (
                f"On {_days(days)} a {failed.name} split would put {pair} on {_day(days[i])} "
                f"and {_day(days[j])}, {hours} h apart, under the 48 h the same muscles need "
                f"(TRAINING.md 5; Thomas 2018), so the split is {chosen.name} instead."
            )
    return f"{failed.name} does not fit {_days(days)}, so the split is {chosen.name} instead."


def _placement_reasons(
    days: Sequence[Weekday], kinds: Sequence[SessionKind], titles: Sequence[str]
) -> list[str]:
    where = ", ".join(f"{t} {_day(d)}" for t, d in zip(titles, days, strict=True))
    gaps = [
        pair_hours(days[i], days[j])
        for i, j in combinations(range(len(days)), 2)
        if shares(kinds[i], kinds[j])
    ]
    if gaps:
        lines = [
            f"{where}: sessions that train the same muscles are at least {min(gaps)} h apart "
            "(48 h is the minimum; Thomas 2018, Korak 2015)."
        ]
    else:
        lines = [f"{where}: no two sessions train the same muscles."]
    heavy = [
        (days[i], days[j])
        for i, j in combinations(range(len(days)), 2)
        if {kinds[i], kinds[j]} <= HEAVY_LOWER_KINDS
    ]
    short = [(a, b) for a, b in heavy if pair_hours(a, b) < HEAVY_LOWER_HOURS]
    if heavy and not short:
        lines.append(
            "The heavy lower days are at least 72 h apart, the recovery heavy lower-body "
            "barbell work asks (Moran-Navarro 2017)."
        )
    elif short:
        a, b = short[0]
        lines.append(
            f"{_days(days)} leave no placement with 72 h between every pair of heavy lower "
            f"days ({_day(a)} and {_day(b)} are {pair_hours(a, b)} h apart), so heavy "
            "lower-body barbell work, which asks 72 h (Moran-Navarro 2017), belongs on the "
            "days furthest apart."
        )
    return lines


def _core_reason(profile: Profile, slots: Sequence[SessionSlot]) -> list[str]:
    legs_back = [s for s in slots if s.kind is BL]
    if not legs_back:
        return []
    minutes = profile.session_minutes
    if minutes < CORE_MINUTES:
        return [
            f"Back-and-legs sessions keep to legs and back: {minutes} minutes leave no room "
            "for core work."
        ]
    with_core = [s.title for s in legs_back if Region.CORE in s.regions]
    without = [s.title for s in legs_back if Region.CORE not in s.regions]
    lines = []
    if with_core:
        lines.append(f"Core work goes on {', '.join(with_core)}: {minutes} minutes leave room.")
    if without:
        lines.append(
            f"No core work on {', '.join(without)}: a push/upper day within 48 h trains "
            "core already."
        )
    return lines


def choose_split(profile: Profile) -> Split:
    """The split for the athlete's days, placed on their weekdays, with its reasons.

    Every pair of sessions that share a region ends up at least 48 h apart (the
    module docstring gives the search order); `SplitError` is unreachable for 2-6 days.
    """
    days = profile.weekdays
    plans = _plans(profile)
    for index, plan in enumerate(plans):
        kinds = _place(days, plan)
        if kinds is None:
            continue
        titles = _titled(days, kinds)
        regions = _with_core(profile, days, kinds)
        slots = tuple(
            SessionSlot(day, kind, title, region)
            for day, kind, title, region in zip(days, kinds, titles, regions, strict=True)
        )
        reasons = [_fallback_reason(days, plans[0], plan)] if index else []
        reasons.append(plan.why)
        reasons += _placement_reasons(days, kinds, titles)
        reasons += _core_reason(profile, slots)
        return Split(plan.name, slots, tuple(reasons))
    raise SplitError(f"no split keeps 48 h between sessions on {_days(days)}")
