"""The nastiest profiles: the best program with warnings, never a generic PlanError.

Each profile gets a program that keeps every hard rule (judged by the validator and the
independent checker), with a warning for every planned group below its band and every
session it drops, or, only when no session of the week can hold any exercise at all, a
one-line `PlanError` naming a session, its day and what fits nothing.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redwood.catalog import load_catalogue
from redwood.domain.profile import Weekday, make_profile
from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Setting
from redwood.planner.generator import PlanError, generate_program
from redwood.planner.validate import validate_program
from tests.planner.checker import check_program, program_volume_targets

pytestmark = pytest.mark.slow

CATALOGUE = load_catalogue()
EVERY_LIMIT = sorted(str(limit) for limit in Limitation)
NOTHING_FITS = re.compile(r"^.+ \((Mon|Tue|Wed|Thu|Fri|Sat|Sun)\): no .*exercise fits ")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def judge(kwargs: dict[str, Any], seed: int = 0, template: str | None = None) -> str:
    """'program' or 'nothing fits', after asserting everything the outcome promises."""
    profile = make_profile(**kwargs)
    try:
        program = generate_program(profile, CATALOGUE, seed=seed, template=template)
    except PlanError as exc:
        message = str(exc)
        assert "\n" not in message
        assert NOTHING_FITS.match(message), message
        assert "no program keeps every rule" not in message
        return "nothing fits"
    doc: dict[str, Any] = json.loads(json.dumps(program.to_dict()))
    assert check_program(doc, CATALOGUE) == []
    assert [str(v) for v in validate_program(program, CATALOGUE)] == []
    missed = [t for t in program_volume_targets(doc, CATALOGUE) if t.lowest < t.low]
    assert all(t.warned for t in missed), program.warnings
    held = {str(s.weekday).capitalize() for s in program.weeks[0].sessions}
    for day in {str(d).capitalize() for d in profile.weekdays} - held:
        assert any(f"({day}) is dropped from the week: " in w for w in program.warnings), day
    return "program"


NASTY: list[tuple[str, dict[str, Any], str]] = [
    ("2x20 strength", {"goal": "strength", "level": "advanced", "days": 2, "minutes": 20},
     "program"),
    ("2x20 back to back", {"goal": "hypertrophy", "level": "beginner", "weekdays": ["mon", "tue"],
                           "minutes": 20}, "program"),
    ("6x20 in a row", {"goal": "endurance", "level": "intermediate", "minutes": 20,
                       "weekdays": ["mon", "tue", "wed", "thu", "fri", "sat"]}, "program"),
    ("weekend 2x25", {"goal": "strength", "level": "advanced", "weekdays": ["sat", "sun"],
                      "minutes": 25, "setting": "gym", "equipment": ["leg_press"]}, "program"),
    ("outdoor with nothing", {"goal": "hypertrophy", "level": "intermediate", "days": 3,
                              "minutes": 45, "setting": "outdoor", "equipment": []}, "program"),
    ("home with only bands", {"goal": "general", "level": "beginner", "days": 4, "minutes": 30,
                              "setting": "home", "equipment": ["bands"]}, "program"),
    ("every limitation at the gym", {"goal": "hypertrophy", "level": "intermediate", "days": 3,
                                     "minutes": 60, "limitations": EVERY_LIMIT}, "program"),
    ("every limitation outdoors with nothing", {"goal": "strength", "level": "advanced",
                                                "days": 2, "minutes": 20, "setting": "outdoor",
                                                "equipment": [], "limitations": EVERY_LIMIT},
     "program"),
    ("lower limbs out, six days", {"goal": "general", "level": "beginner", "days": 6,
                                   "minutes": 20, "limitations": ["lower_back", "knee", "hip"]},
     "program"),
    ("a leg press only", {"goal": "strength", "level": "advanced", "priority": "back",
                          "order": "back_first", "days": 5, "minutes": 25, "setting": "gym",
                          "equipment": ["leg_press"]}, "program"),
    ("mixed days, tiny kits", {"goal": "hypertrophy", "level": "advanced", "minutes": 20,
                               "weekdays": ["mon", "tue", "wed", "thu", "fri", "sat"],
                               "setting_by_day": {"tue": "outdoor", "thu": "home"},
                               "equipment_by_setting": {"outdoor": [], "home": ["dumbbells"]}},
     "program"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "outcome"), [(k, o) for _, k, o in NASTY], ids=[n for n, _, _ in NASTY]
)
def test_the_nastiest_profiles_get_the_best_program_or_a_named_session(
    kwargs: dict[str, Any], outcome: str
) -> None:
    assert judge(kwargs) == outcome


@pytest.mark.parametrize("template", ["leg-focused", "full-body-compound", "dumbbell-20"])
def test_templates_on_nasty_profiles(template: str) -> None:
    for _, kwargs, outcome in NASTY:
        assert judge(kwargs, template=template) in {"program", outcome}


def _names(kind: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([str(member) for member in kind])


@st.composite
def nasty_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """Short sessions, crowded or back-to-back weekdays, tiny kits, many limitations."""
    days = draw(st.lists(_names(Weekday), min_size=2, max_size=6, unique=True))
    setting = draw(_names(Setting))
    kit = draw(st.lists(_names(Equipment), max_size=3, unique=True))
    kwargs: dict[str, Any] = {
        "goal": draw(_names(Goal)),
        "level": draw(_names(Level)),
        "weekdays": days,
        "minutes": draw(st.integers(20, 30)),
        "setting": setting,
        "equipment": kit,
        "limitations": draw(st.lists(_names(Limitation), min_size=2, max_size=6, unique=True)),
        "priority": draw(st.sampled_from(["legs", "back", "balanced"])),
        "order": draw(st.sampled_from(["auto", "legs_first", "back_first", "alternating"])),
        "supersets": draw(st.sampled_from(["auto", "on", "off"])),
    }
    other = draw(_names(Setting))
    if other != setting and draw(st.booleans()):
        kwargs["setting_by_day"] = {days[0]: other}
    return kwargs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kwargs=nasty_profiles(), seed=st.integers(0, 2**16))
def test_random_nasty_profiles_never_raise_a_generic_plan_error(
    kwargs: dict[str, Any], seed: int
) -> None:
    judge(kwargs, seed)


def test_only_a_week_where_nothing_fits_any_session_is_an_error() -> None:
    """Every compound excluded: no session can open, so there is no program at all."""
    compounds = [ex.id for ex in CATALOGUE if ex.is_compound]
    profile = make_profile(
        goal="hypertrophy", level="intermediate", days=3, minutes=60, excluded=compounds
    )
    with pytest.raises(PlanError) as raised:
        generate_program(profile, CATALOGUE)
    assert NOTHING_FITS.match(str(raised.value)), str(raised.value)
    assert str(raised.value).startswith("Back & Legs A (Mon): no compound exercise fits")
