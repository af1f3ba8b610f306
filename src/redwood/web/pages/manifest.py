"""The web app manifest: what a phone needs to install Redwood on its home screen.

Chromium and Safari install a site that serves a manifest with a name, a start URL, a
standalone display and icons of 192 and 512 pixels (PNG, plus the SVG for any size). The
start URL is the Today screen, the page a lifter opens at the gym.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

router = APIRouter(include_in_schema=False)

THEME = "#7a2e1f"
BACKGROUND = "#f4ede4"
MANIFEST: dict[str, Any] = {
    "name": "Redwood strength coach",
    "short_name": "Redwood",
    "description": "Back-and-legs training: today's loads from your log, every set recorded.",
    "id": "/today",
    "start_url": "/today",
    "scope": "/",
    "display": "standalone",
    "orientation": "portrait",
    "background_color": BACKGROUND,
    "theme_color": THEME,
    "categories": ["health", "fitness", "sports"],
    "icons": [
        {"src": "/static/icons/redwood-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icons/redwood-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icons/redwood-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": "/static/icons/redwood.svg", "sizes": "any", "type": "image/svg+xml"},
    ],
}


@router.get("/manifest.webmanifest")
def manifest() -> JSONResponse:
    """The manifest, as `application/manifest+json`."""
    return JSONResponse(MANIFEST, media_type="application/manifest+json")
