"""/settings: units, time zone, plates, dumbbells, the coach's settings and the kit per place.

The view embeds `athletes.show_settings()` unchanged (what `GET /api/v1/settings` answers)
and, beside it, the equipment stored per place (`athletes.equipment_by_setting`), which
onboarding ticks by default for the place chosen. Each section of the page is its own
form posting to `/settings/{section}` and calls the one setter `redwood settings` uses for
it, so a refused value changes nothing else; the refusal is shown beside the field with
what was typed, status 422. Numbers without a unit (plates, dumbbells) are read in the
athlete's unit.

"Signed-in devices" lists the athlete's live tokens (`accounts.list_tokens`, as
`GET /api/v1/tokens`), this browser's marked; each has a revoke button posting (CSRF-checked)
to `/settings/devices/{id}/revoke`. Revoking this browser's own token signs it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from redwood.domain.progression import RuleName
from redwood.domain.vocab import Equipment, Setting
from redwood.services import accounts, athletes
from redwood.services.errors import ServiceError
from redwood.web.api.inputs import Database
from redwood.web.pages.errors import error_page, redirect
from redwood.web.pages.rendering import render
from redwood.web.pages.session import CheckedForm, PageAthlete, Visitor, end_session

router = APIRouter(include_in_schema=False)

SECTIONS: dict[str, tuple[str, ...]] = {
    "unit": ("unit",),
    "timezone": ("timezone",),
    "plates": ("plates", "bar"),
    "dumbbells": ("dumbbells",),
    "stack_step": ("stack_step",),
    "cap": ("cap",),
    "rule": ("exercise", "rule"),
    "equipment": ("equipment", "setting"),
}
"""Each form of the page and its fields; the first field carries errors naming no field."""


@dataclass(frozen=True, slots=True)
class SettingsChoices:
    """What the pickers offer."""

    units: tuple[str, ...] = ("kg", "lb")
    rules: tuple[str, ...] = (*(str(rule) for rule in RuleName), "default")
    settings: tuple[str, ...] = tuple(str(where) for where in Setting)
    equipment: tuple[str, ...] = tuple(str(e) for e in Equipment if e is not Equipment.NONE)


@dataclass(frozen=True, slots=True)
class SettingsView:
    """The settings, the kit per place, what was typed into a refused form and why."""

    settings: dict[str, Any]
    equipment: dict[str, list[str]]
    choices: SettingsChoices = SettingsChoices()
    typed: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    saved: str | None = None
    devices: list[dict[str, Any]] = field(default_factory=list)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip()[:400] if isinstance(value, str) else ""


def _unit(url: str) -> str:
    return str(athletes.show_settings(url)["unit"])


def _store(section: str, form: FormData, url: str) -> None:
    """Call the setter of `section` with the form's fields."""
    setters: dict[str, Callable[[], object]] = {
        "unit": lambda: athletes.set_unit(_text(form, "unit"), url),
        "timezone": lambda: athletes.set_timezone(_text(form, "timezone"), url),
        "plates": lambda: athletes.set_plates(
            _text(form, "bar") or None, _text(form, "plates") or None, _unit(url), url
        ),
        "dumbbells": lambda: athletes.set_dumbbells(_text(form, "dumbbells"), _unit(url), url),
        "stack_step": lambda: athletes.set_stack_step(_text(form, "stack_step"), url),
        "cap": lambda: athletes.set_weekly_cap(_text(form, "cap"), url),
        "rule": lambda: athletes.set_rule(_text(form, "exercise"), _text(form, "rule"), url),
        "equipment": lambda: athletes.set_equipment(
            _text(form, "setting"), [str(item) for item in form.getlist("equipment")], url
        ),
    }
    setters[section]()


def _view(url: str, visitor: Visitor, **extra: Any) -> SettingsView:
    devices = accounts.list_tokens(visitor.id, visitor.token, url=url)
    return SettingsView(
        athletes.show_settings(url), athletes.equipment_by_setting(url), devices=devices, **extra
    )


@router.get("/settings")
def settings_page(
    request: Request, visitor: PageAthlete, url: Database, saved: str | None = None
) -> Response:
    """Every setting, each section its own form."""
    with visitor.acting():
        view = _view(url, visitor, saved=saved if saved in {*SECTIONS, "devices"} else None)
    return render(request, "settings.html", view, active="more")


@router.post("/settings/{section}")
def change_setting(
    request: Request, section: str, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Store one section; back to the page (saying it was saved), or its error beside it."""
    if section not in SECTIONS:
        return error_page(request, 404, f"There is no settings section {section[:40]!r}.")
    fields = SECTIONS[section]
    with visitor.acting():
        try:
            _store(section, form, url)
        except ServiceError as exc:
            where = exc.field if exc.field in fields else fields[0]
            typed = {name: _text(form, name) for name in fields}
            typed["section"] = section
            view = _view(url, visitor, typed=typed, errors={where: exc.message})
            return render(request, "settings.html", view, active="more", status=422)
    return redirect(request, f"/settings?saved={section}#{section}")


@router.post("/settings/devices/{token_id}/revoke")
def revoke_device(
    request: Request, token_id: str, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Sign one device out; this browser's own token signs this browser out."""
    number = int(token_id) if token_id.isdigit() and len(token_id) < 10 else 0
    current = any(
        d["current"] and d["id"] == number
        for d in accounts.list_tokens(visitor.id, visitor.token, url=url)
    )
    try:
        accounts.revoke_token(visitor.id, number, url=url)
    except ServiceError as exc:
        return error_page(request, 404, exc.message)
    if current:
        response = redirect(request, "/signin")
        end_session(response, request)
        return response
    return redirect(request, "/settings?saved=devices#devices")
