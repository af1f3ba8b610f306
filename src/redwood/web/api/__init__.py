"""The JSON API under /api/v1: one router per noun, joined here."""

from __future__ import annotations

from fastapi import APIRouter

from redwood.web.api import (
    accounts,
    analytics,
    coach,
    exercises,
    program_files,
    programs,
    readings,
    sessions,
    sets,
    settings,
    tokens,
    transfers,
)

PREFIX = "/api/v1"


def api_router() -> APIRouter:
    """Every API route, under /api/v1."""
    router = APIRouter(prefix=PREFIX)
    for module in (accounts, settings, programs, sets, readings):
        router.include_router(module.router)
    router.include_router(coach.router)
    router.include_router(program_files.router)
    router.include_router(sessions.router)
    router.include_router(exercises.router)
    router.include_router(transfers.router)
    router.include_router(analytics.router)
    router.include_router(tokens.router)
    return router
