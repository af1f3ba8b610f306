"""The JSON API under /api/v1: one router per noun, joined here."""

from __future__ import annotations

from fastapi import APIRouter

from redwood.web.api import accounts, programs, readings, sets, settings

PREFIX = "/api/v1"


def api_router() -> APIRouter:
    """Every API route, under /api/v1."""
    router = APIRouter(prefix=PREFIX)
    for module in (accounts, settings, programs, sets, readings):
        router.include_router(module.router)
    return router
