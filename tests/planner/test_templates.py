"""The seed templates: real catalogue ids, seed ranges, and they fit their minutes."""

from __future__ import annotations

from itertools import product

import pytest

from redwood.catalog import load_catalogue
from redwood.domain.dosage import dosage_for
from redwood.domain.exercise import Exercise
from redwood.domain.profile import Weekday
from redwood.domain.program import Block, BlockType, PlannedSession, Prescription, SessionKind
from redwood.domain.timing import estimated_minutes
from redwood.domain.vocab import Goal, Level, Region
from redwood.planner.templates import (
    TEMPLATES,
    Template,
    TemplateError,
    TemplateSlot,
    template_named,
)

CATALOGUE = load_catalogue()


def _ex(ex_id: str) -> Exercise:
    found = CATALOGUE.get(ex_id)
    assert found is not None, ex_id
    return found


def test_the_three_templates() -> None:
    assert sorted(TEMPLATES) == ["dumbbell-20", "full-body-compound", "leg-focused"]
    assert TEMPLATES["dumbbell-20"].minutes == 20


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=lambda t: t.name)
def test_every_option_is_a_catalogue_exercise_of_the_slot_region(template: Template) -> None:
    for slot in template.slots:
        for option in slot.options:
            assert _ex(option).region is slot.region, option
        assert _ex(slot.options[0]).is_compound or slot is not template.slots[0]


SEED = {
    "leg-focused": [
        ("barbell-back-squat", 3, 4, 5, 8),
        ("leg-press", 3, 3, 8, 12),
        ("barbell-bent-over-row", 3, 4, 6, 10),
        ("lat-pulldown", 3, 3, 8, 12),
        ("cable-face-pull", 2, 3, 10, 15),
    ],
    "full-body-compound": [
        ("conventional-deadlift", 3, 4, 4, 6),
        ("dumbbell-goblet-squat", 3, 3, 6, 10),
        ("t-bar-row", 3, 3, 8, 12),
        ("lying-leg-curl", 3, 3, 10, 15),
        ("cable-straight-arm-pulldown", 2, 3, 12, 15),
    ],
}


@pytest.mark.parametrize("name", sorted(SEED))
def test_seed_options_keep_the_seed_ranges(name: str) -> None:
    """The seed's slots, in the seed's order; a coach's optional extras aside."""
    got = [
        (s.options[0], s.sets_min, s.sets_max, s.reps_min, s.reps_max)
        for s in TEMPLATES[name].slots
        if not s.optional
    ]
    assert got == SEED[name]


def test_leg_focused_adds_an_optional_hamstring_slot_after_the_leg_moves() -> None:
    """The seed's Option A trains no hamstrings; the added slot does, loads no spine at
    spinal load 3 (one per session, and the back squat is one) and keeps the squat first."""
    template = TEMPLATES["leg-focused"]
    extra = [(n, s) for n, s in enumerate(template.slots) if s.optional]
    assert len(extra) == 1
    n, slot = extra[0]
    assert slot.region is Region.LEGS
    assert [s.region for s in template.slots[:n]] == [Region.LEGS, Region.LEGS]
    for option in slot.options:
        ex = _ex(option)
        assert "hamstrings" in {str(m) for m in ex.primary}, option
        assert ex.spinal_load < 3, option
    first = _ex(slot.options[0])
    assert not first.is_compound
    assert first.spinal_load == 0
    assert all(not s.optional for s in (*TEMPLATES["dumbbell-20"].slots,))


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=lambda t: t.name)
def test_every_template_says_why_its_sessions_repeat(template: Template) -> None:
    assert "by design" in template.design or "repeats" in template.design


def _session(
    template: Template, choice: tuple[str, ...], goal: Goal, level: Level
) -> PlannedSession:
    """The template's top dose as a session: its pairs as supersets, other slots straight."""
    rx = []
    for i, (slot, option) in enumerate(zip(template.slots, choice, strict=True)):
        if slot.optional:
            continue
        ex = _ex(option)
        rest = slot.rest_seconds
        if rest is None:
            rest = dosage_for(goal, level, ex.mechanic, main_lift=i == 0).rest_seconds
        rx.append(Prescription(option, slot.sets_max, slot.reps_min, slot.reps_max, 2, rest))
    paired = {i for pair in template.pairs for i in pair}
    blocks = []
    assert not any(slot.optional for slot in template.slots[: len(rx)]) or not template.pairs
    for i, item in enumerate(rx):
        pair = next((p for p in template.pairs if p[0] == i), None)
        if pair is not None:
            two = (item, rx[pair[1]])
            blocks.append(Block(BlockType.SUPERSET, two, template.pair_rest_seconds))
        elif i not in paired:
            blocks.append(Block(BlockType.STRAIGHT, (item,)))
    return PlannedSession(
        Weekday.MON,
        template.title,
        SessionKind.BACK_LEGS,
        (Region.LEGS, Region.BACK),
        0,
        tuple(blocks),
    )


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=lambda t: t.name)
@pytest.mark.parametrize("goal", list(Goal))
@pytest.mark.parametrize("level", list(Level))
def test_the_first_options_fit_the_minutes_by_the_time_model(
    template: Template, goal: Goal, level: Level
) -> None:
    first = tuple(slot.options[0] for slot in template.slots)
    session = _session(template, first, goal, level)
    assert estimated_minutes(session, _ex) <= template.minutes


def test_dumbbell_20_is_the_documented_1169_seconds() -> None:
    from redwood.domain.timing import session_seconds

    template = TEMPLATES["dumbbell-20"]
    first = tuple(slot.options[0] for slot in template.slots)
    assert session_seconds(_session(template, first, Goal.HYPERTROPHY, Level.BEGINNER), _ex) == 1169


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=lambda t: t.name)
def test_pairs_are_legal_supersets(template: Template) -> None:
    for a, b in template.pairs:
        first, second = template.slots[a], template.slots[b]
        assert a > 0  # the session opens with straight sets
        assert (first.sets_min, first.sets_max) == (second.sets_min, second.sets_max)
        for x, y in product(first.options, second.options):
            ex, ey = _ex(x), _ex(y)
            assert not set(ex.primary) & set(ey.primary)
            assert not (ex.spinal_load >= 2 and ey.spinal_load >= 2)
            assert 3 not in (ex.spinal_load, ey.spinal_load)
    assert 0 <= template.pair_rest_seconds <= 45


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=lambda t: t.name)
def test_first_options_keep_the_spine_rule(template: Template) -> None:
    first = [_ex(slot.options[0]) for slot in template.slots]
    assert sum(1 for ex in first if ex.spinal_load == 3) <= 1
    squats = [
        n for n, ex in enumerate(first) if ex.pattern.value == "squat" and ex.spinal_load == 3
    ]
    hinges = [
        n for n, ex in enumerate(first) if ex.pattern.value == "hinge" and ex.spinal_load >= 2
    ]
    assert not squats or all(n < squats[0] for n in hinges)
    legs = [s for s in template.slots if s.region is Region.LEGS]
    back = [s for s in template.slots if s.region is Region.BACK]
    assert 2 <= len(legs) <= 3
    assert 2 <= len(back) <= 3


def test_template_named() -> None:
    assert template_named(" Leg-Focused ") is TEMPLATES["leg-focused"]
    with pytest.raises(TemplateError, match=r"unknown template 'option-c' \(use one of leg-f"):
        template_named("option-c")


@pytest.mark.parametrize(
    ("sets", "reps", "message"),
    [((1, 3), (8, 12), "sets 1-3"), ((3, 2), (8, 12), "sets 3-2"), ((2, 3), (9, 8), "reps 9-8")],
)
def test_a_slot_refuses_contradictory_ranges(
    sets: tuple[int, int], reps: tuple[int, int], message: str
) -> None:
    with pytest.raises(TemplateError, match=message):
        TemplateSlot(("leg-press",), *sets, *reps, Region.LEGS)
    with pytest.raises(TemplateError, match="at least one"):
        TemplateSlot((), 2, 3, 8, 12, Region.LEGS)
