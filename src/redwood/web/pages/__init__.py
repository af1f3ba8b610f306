"""The server-rendered pages (Jinja2 + htmx): one router per page noun, joined here.

Each page module builds one view-model per page and renders it with `rendering.render`, as
HTML for a browser and as JSON for `?format=json`. Pages read the signed-in athlete from
the session cookie (`session.PageAthlete`), take forms through the CSRF check
(`session.CheckedForm`) and call the same use cases as the API, inside `acting_as`.
"""

from __future__ import annotations

from fastapi import APIRouter

from redwood.web.pages import (
    accounts,
    coach,
    history,
    library,
    manifest,
    offline,
    onboarding,
    program,
    progress,
    settings,
    today,
    transfer,
)


def pages_router() -> APIRouter:
    """Every page route."""
    router = APIRouter(include_in_schema=False)
    for module in (accounts, manifest, onboarding, program, settings, library, today, history):
        router.include_router(module.router)
    for module in (progress, transfer, coach, offline):
        router.include_router(module.router)
    return router
