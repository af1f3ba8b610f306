"""/onboarding: the questionnaire that ends in a generated program, with its reasons.

One form, fieldsets for each question, working without JavaScript: goal, level, days (or
the exact weekdays), minutes, where the athlete trains and the kit there, priority,
limitations, weeks, and under "More choices" a template, favourites, exclusions, order,
supersets, bodyweight and the start date. The answers become `planning.PlanOptions`, the
same path `POST /api/v1/plan` takes; the program is stored and made active (from the
Monday of the start date when one is given) and the browser goes to `/program?new=1`,
which opens the program's rationale and warnings. A refused answer (`ServiceError`, the
planner's `PlanError` included) is shown beside its field, status 422.

The form starts from the profile the athlete last planned with (`planning.remembered_profile`)
and, for the kit, from the equipment stored per place on /settings
(`athletes.equipment_by_setting`): those lists are also the presets `onboarding.js` ticks
when the setting changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.domain.profile import (
    DEFAULT_WEEKDAYS,
    DEFAULT_WEEKS,
    MAX_DAYS,
    MAX_MINUTES,
    MAX_WEEKS,
    MIN_DAYS,
    MIN_MINUTES,
    MIN_WEEKS,
    OrderPreference,
    Priority,
    SupersetPreference,
    Weekday,
)
from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Setting
from redwood.services import athletes, planning
from redwood.services.errors import ServiceError
from redwood.web.api.inputs import Database
from redwood.web.pages.errors import redirect
from redwood.web.pages.rendering import render
from redwood.web.pages.session import CheckedForm, PageAthlete

router = APIRouter(include_in_schema=False)

FIELDS = frozenset(
    {
        "goal",
        "level",
        "days",
        "weekdays",
        "minutes",
        "setting",
        "equipment",
        "priority",
        "limitations",
        "weeks",
        "template",
        "favourites",
        "excluded",
        "order",
        "supersets",
        "bodyweight",
        "starts_on",
    }
)
"""Answers an error can stand beside; anything else is shown above the form."""

LISTS = ("weekdays", "equipment", "limitations")
"""Answers given as ticked boxes (the rest are single values)."""


def _values(kind: Any) -> tuple[str, ...]:
    return tuple(str(member) for member in kind)


@dataclass(frozen=True, slots=True)
class Choices:
    """What each question offers."""

    goals: tuple[str, ...] = _values(Goal)
    levels: tuple[str, ...] = _values(Level)
    weekdays: tuple[str, ...] = _values(Weekday)
    settings: tuple[str, ...] = _values(Setting)
    equipment: tuple[str, ...] = tuple(e for e in _values(Equipment) if e != "none")
    priorities: tuple[str, ...] = _values(Priority)
    limitations: tuple[str, ...] = _values(Limitation)
    orders: tuple[str, ...] = _values(OrderPreference)
    supersets: tuple[str, ...] = _values(SupersetPreference)
    days: tuple[int, ...] = tuple(range(MIN_DAYS, MAX_DAYS + 1))
    minutes: tuple[int, int] = (MIN_MINUTES, MAX_MINUTES)
    weeks: tuple[int, int] = (MIN_WEEKS, MAX_WEEKS)
    templates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OnboardingView:
    """The questionnaire: the answers so far, the choices, the kit presets per place and
    what was wrong with the last submission."""

    answers: dict[str, Any]
    choices: Choices
    presets: dict[str, list[str]]
    errors: dict[str, str] = field(default_factory=dict)
    returning: bool = False


def _chosen_days(profile: Mapping[str, Any]) -> list[str]:
    """The remembered weekdays when the athlete picked them; none (spread by the number of
    days) when they are the planner's default spread, so changing the count just works."""
    days = [str(day) for day in profile.get("weekdays") or []]
    spread = [str(day) for day in DEFAULT_WEEKDAYS.get(len(days), ())]
    return [] if days == spread else days


def _first_answers(
    profile: Mapping[str, Any] | None, kit: Mapping[str, list[str]]
) -> dict[str, Any]:
    """The form's starting answers: the remembered profile, else sensible defaults."""
    p = profile or {}
    setting = str(p.get("setting") or "gym")
    remembered = p.get("equipment") if p.get("setting") == setting else None
    return {
        "goal": str(p.get("goal") or "hypertrophy"),
        "level": str(p.get("level") or "intermediate"),
        "days": str(p.get("days_per_week") or 3),
        "weekdays": _chosen_days(p),
        "minutes": str(p.get("session_minutes") or 60),
        "setting": setting,
        "equipment": list(remembered or kit.get(setting, [])),
        "priority": str(p.get("priority") or "balanced"),
        "limitations": list(p.get("limitations") or []),
        "weeks": str(p.get("weeks") or DEFAULT_WEEKS),
        "template": "",
        "favourites": ", ".join(p.get("favourites") or []),
        "excluded": ", ".join(p.get("excluded") or []),
        "order": str(p.get("order") or "auto"),
        "supersets": str(p.get("supersets") or "auto"),
        "bodyweight": "" if p.get("bodyweight_kg") is None else f"{p['bodyweight_kg']}kg",
        "starts_on": "",
    }


def _typed(form: CheckedForm) -> dict[str, Any]:
    """The submitted answers, as text (lists for the ticked boxes)."""
    answers: dict[str, Any] = {}
    for name in FIELDS:
        if name in LISTS:
            answers[name] = [str(v).strip().lower() for v in form.getlist(name) if str(v).strip()]
        else:
            value = form.get(name)
            answers[name] = value.strip()[:400] if isinstance(value, str) else ""
    return answers


def _whole(answers: Mapping[str, Any], name: str, label: str) -> int:
    text = str(answers.get(name) or "")
    if not text.isdigit():
        raise ServiceError(f"{name}: {label} must be a whole number (got {text!r})", name)
    return int(text)


def _start(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ServiceError(
            f"starts_on: expected a date such as 2026-11-02 (got {text!r})", "starts_on"
        ) from None


def options_of(answers: Mapping[str, Any]) -> planning.PlanOptions:
    """The answers as plan options: ticked weekdays win over the number of days; no kit
    ticked means bodyweight only."""
    weekdays = answers.get("weekdays") or None
    equipment = list(answers.get("equipment") or []) or ["none"]
    return planning.PlanOptions(
        goal=str(answers.get("goal") or "") or None,
        level=str(answers.get("level") or "") or None,
        days=None if weekdays else _whole(answers, "days", "days a week"),
        weekdays=weekdays,
        minutes=_whole(answers, "minutes", "minutes per session"),
        setting=str(answers.get("setting") or "") or None,
        equipment=equipment,
        priority=str(answers.get("priority") or "balanced"),
        order=str(answers.get("order") or "auto"),
        supersets=str(answers.get("supersets") or "auto"),
        limitations=answers.get("limitations") or None,
        weeks=_whole(answers, "weeks", "weeks"),
        bodyweight=str(answers.get("bodyweight") or "") or None,
        template=str(answers.get("template") or "") or None,
        favourites=str(answers.get("favourites") or "") or None,
        excluded=str(answers.get("excluded") or "") or None,
    )


def _view(
    url: str, answers: dict[str, Any] | None = None, errors: dict[str, str] | None = None
) -> OnboardingView:
    kit = athletes.equipment_by_setting(url)
    profile = planning.remembered_profile(url)
    return OnboardingView(
        answers=answers if answers is not None else _first_answers(profile, kit),
        choices=Choices(templates=tuple(planning.template_names())),
        presets=kit,
        errors=errors or {},
        returning=profile is not None,
    )


@router.get("/onboarding")
def onboarding_page(request: Request, visitor: PageAthlete, url: Database) -> Response:
    """The questionnaire, pre-filled with the last answers."""
    with visitor.acting():
        view = _view(url)
    return render(request, "onboarding.html", view, active="program")


@router.post("/onboarding")
def plan_program(
    request: Request, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Plan the program, store it as the active one and show it with its reasons."""
    answers = _typed(form)
    with visitor.acting():
        try:
            starts_on = _start(str(answers["starts_on"]))
            program = planning.plan(options_of(answers))
            if starts_on is None:
                planning.save_program(program, activate=True, url=url)
            else:
                program_id = planning.save_program(program, url=url)
                planning.activate_program(program_id, url, starts_on=starts_on)
        except ServiceError as exc:
            where = exc.field if exc.field in FIELDS else "form"
            view = _view(url, answers, {where: exc.message})
            return render(request, "onboarding.html", view, active="program", status=422)
    return redirect(request, "/program?new=1")
