"""Failures on pages, as pages: a browser gets a readable HTML page, never a JSON body.

The API's handlers (`web.errors`) ask `html_error` first: for a page path whose client did
not ask for JSON it answers the `error.html` page with the same status and message. Two
refusals belong to pages only: `SignInRequiredError` sends the browser to /signin and back
(htmx gets `HX-Redirect`, which it follows with a full page load), and `CsrfRefusedError`
answers 403 with a page that says to reload the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from redwood.web.pages.rendering import is_htmx, render, wants_json
from redwood.web.pages.session import (
    CsrfRefusedError,
    SignInRequiredError,
    is_page_path,
    sign_in_path,
)

TITLES = {
    400: "That request could not be read",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "That clashes with what is stored",
    413: "Too large",
    422: "That could not be used",
    429: "Too many attempts",
    500: "Something went wrong",
    503: "The database is unavailable",
}


@dataclass(frozen=True, slots=True)
class ErrorView:
    """What went wrong, for the error page."""

    status: int
    title: str
    message: str


def wants_page(request: Request) -> bool:
    """True when a failure on `request` should be answered with an HTML page."""
    return is_page_path(request.url.path) and not wants_json(request)


def error_page(request: Request, status: int, message: str) -> Response:
    """The error page for `status`, saying `message`."""
    view = ErrorView(status, TITLES.get(status, "Something went wrong"), message)
    return render(request, "error.html", view, status=status)


def forbidden_page(request: Request, message: str) -> Response:
    """403 with `message` (used before the request reaches any route)."""
    return error_page(request, 403, message)


def redirect(request: Request, path: str) -> Response:
    """Go to `path`: a 303 for a browser, `HX-Redirect` for htmx."""
    if is_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": path})
    return RedirectResponse(path, status_code=303)


async def _on_sign_in_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequiredError)
    return redirect(request, sign_in_path(exc.path))


async def _on_csrf(request: Request, exc: Exception) -> Response:
    return error_page(
        request,
        403,
        "This form had expired or came from elsewhere, so nothing was changed. "
        "Go back, reload the page and try again.",
    )


def install_page_handlers(app: FastAPI) -> None:
    """The refusals only pages raise."""
    app.add_exception_handler(SignInRequiredError, _on_sign_in_required)
    app.add_exception_handler(CsrfRefusedError, _on_csrf)
