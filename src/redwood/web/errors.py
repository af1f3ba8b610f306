"""The API's one error shape, and the handlers that give every failure that shape.

Every refusal answers JSON `{"error": {"field": "reps", "message": "reps: must be 0-100"}}`
(`field` is null when no single input is at fault), never a traceback:

- pydantic validation of a path, query or body -> 422, naming the first faulty field (its
  path joined with dots, `plates.bar`, `pain.0`) and listing every fault under `"errors"`;
- a `ServiceError` or any `ValueError` from the use cases -> by kind: sign-in 401, an id
  taken by another athlete 403, not found (also someone else's) 404, a clash 409, too many
  attempts 429 (with Retry-After), the database unavailable 503, anything else 422;
- Starlette's own HTTP errors (an unknown route 404, a wrong method 405, a body that cannot
  be decoded 400, field "body") keep their status;
- anything unexpected -> 500 with a fixed message; the traceback goes to the server log only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from redwood.services.database import DatabaseError
from redwood.services.errors import (
    AuthenticationError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    RateLimitedError,
    ServiceError,
)
from redwood.web.pages.errors import error_page, wants_page

log = logging.getLogger("redwood.web")

STATUS_OF: tuple[tuple[type[ServiceError], int], ...] = (
    (AuthenticationError, 401),
    (ForbiddenError, 403),
    (NotFoundError, 404),
    (ConflictError, 409),
    (RateLimitedError, 429),
    (DatabaseError, 503),
)
FIELD_PREFIX = re.compile(r"^([a-z_][a-z0-9_.]*):")
LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})


def error_body(message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """`{"error": {"field", "message"}}` plus any extra top-level keys."""
    return {"error": {"field": field, "message": message}, **extra}


def _field_of(loc: Sequence[Any]) -> str:
    """A pydantic error location as the field's name: ("body", "plates", "bar") -> plates.bar."""
    parts = [str(part) for part in loc]
    if len(parts) > 1 and parts[0] in LOCATIONS:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _validation_errors(errors: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    found = []
    for error in errors:
        field = _field_of(error.get("loc", ()))
        if error.get("type") == "json_invalid":
            field = "body"
        reason = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        found.append({"field": field, "message": f"{field}: {reason}"})
    return found


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc.errors()) or [{"field": "body", "message": "body: invalid"}]
    first = errors[0]
    if wants_page(request):
        return error_page(request, 422, first["message"])
    return JSONResponse(error_body(first["message"], first["field"], errors=errors), 422)


def status_of(exc: ValueError) -> int:
    """The HTTP status for a refusal from the use cases."""
    for kind, status in STATUS_OF:
        if isinstance(exc, kind):
            return status
    return 422


async def _on_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ValueError)
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    field = getattr(exc, "field", None)
    if field is None and (named := FIELD_PREFIX.match(message)):
        field = named.group(1)
    headers: dict[str, str] = {}
    if isinstance(exc, AuthenticationError):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after)
    if wants_page(request):
        return error_page(request, status_of(exc), message)
    return JSONResponse(error_body(message, field), status_of(exc), headers=headers)


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request refused"
    headers = dict(exc.headers or {})
    if wants_page(request):
        return error_page(request, exc.status_code, message)
    # FastAPI answers 400 for a body it cannot even decode (not UTF-8, not JSON); 413 is a
    # body over the size limit (web/app.py).
    field = "body" if exc.status_code in {400, 413} else None
    if field:
        message = f"body: {message[:1].lower()}{message[1:]}"
    return JSONResponse(error_body(message, field), exc.status_code, headers=headers)


async def _on_crash(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    if wants_page(request):
        return error_page(request, 500, "The server could not show this page; the error is logged.")
    return JSONResponse(
        error_body("internal error: the server could not answer this request (it is logged)"),
        500,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Give every failure of `app` the error shape above."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(ValueError, _on_refusal)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_crash)
