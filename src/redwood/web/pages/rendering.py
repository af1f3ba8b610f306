"""One view-model per page, rendered as HTML (Jinja2) or as JSON from the same object.

A page endpoint builds one view-model (a frozen dataclass or a mapping) and hands it to
`render`. A browser gets the template with the view-model as `view`; a client that asks
for JSON (`?format=json`, or `Accept: application/json` before any HTML type) gets the
view-model itself, through `plain`. Pages and the API therefore never drift: what the page
shows is what the JSON says. htmx requests that name a block (`block=`) get only that
block of the template (jinja2-fragments), so a partial update reuses the page's markup.

Every template also gets `page`: the CSRF token for its forms, the signed-in athlete's
name, the navigation entry to highlight, and the vendored front-end file names.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any
from uuid import UUID

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from jinja2_fragments.fastapi import Jinja2Blocks

WEB = Path(__file__).resolve().parent.parent
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"
VENDOR_INDEX = STATIC / "vendor" / "vendor.json"

NAVIGATION = (
    ("today", "Today", "/today"),
    ("program", "Program", "/program"),
    ("history", "History", "/history"),
    ("progress", "Progress", "/progress"),
    ("more", "More", "/more"),
)
"""The bottom bar on a phone, the top bar on a wide screen: (key, label, path)."""


@dataclass(frozen=True, slots=True)
class PageContext:
    """What every template needs besides its view-model."""

    csrf: str
    athlete: str | None
    active: str
    vendor: Mapping[str, str]
    navigation: tuple[tuple[str, str, str], ...] = NAVIGATION


@lru_cache(maxsize=1)
def vendor_files() -> dict[str, str]:
    """Logical name -> vendored file name, as `tools/vendor.py` (run by make) wrote it."""
    try:
        names = json.loads(VENDOR_INDEX.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(
            "the front-end files are missing (src/redwood/web/static/vendor): run `make install`"
        ) from None
    return {str(key): str(value) for key, value in names.items()}


def _format_number(value: Any, places: int = 1) -> str:
    """A load or a count as a person writes it: 102.5, 100 (not 100.0), 1,250."""
    if value is None:
        return ""
    number = Decimal(str(value))
    text = f"{number:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=1)
def templates() -> Jinja2Blocks:
    """The template set, with autoescaping on and Redwood's filters."""
    found = Jinja2Blocks(directory=str(TEMPLATES))
    found.env.filters["number"] = _format_number
    found.env.globals["static_version"] = "1"
    return found


def plain(value: Any) -> Any:
    """`value` as JSON-ready data: dataclasses and mappings to objects, Decimals to numbers,
    dates to ISO strings, enums to their values, sets and tuples to lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return value


def wants_json(request: Request) -> bool:
    """True when the client asked for the view-model as JSON rather than the page."""
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    for part in accept.split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in {"text/html", "application/xhtml+xml"}:
            return False
        if kind == "application/json":
            return True
    return False


def is_htmx(request: Request) -> bool:
    """True for a request htmx made (it sends `HX-Request: true`)."""
    return request.headers.get("hx-request") == "true"


def page_context(request: Request, active: str = "") -> PageContext:
    """The common template context for `request` (see `pages.session` for where it comes from)."""
    return PageContext(
        csrf=getattr(request.state, "csrf", ""),
        athlete=getattr(request.state, "athlete_name", None),
        active=active,
        vendor=vendor_files(),
    )


def render(
    request: Request,
    template: str,
    view: Any,
    *,
    active: str = "",
    status: int = 200,
    block: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The page `template` for `view`, or `view` as JSON when the client asked for JSON."""
    if wants_json(request):
        return JSONResponse(plain(view), status_code=status, headers=dict(headers or {}))
    context = {"view": view, "page": page_context(request, active)}
    response: Response = templates().TemplateResponse(
        request,
        template,
        context,
        status_code=status,
        headers=dict(headers or {}),
        block_name=block if block and is_htmx(request) else None,
    )
    return response
