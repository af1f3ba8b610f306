"""Who is looking at a page, and proof that a form came from our own page.

Sign-in on the pages gives the same opaque token as the API's login (accounts.login,
labelled "web"), kept in the `rw_session` cookie: HttpOnly (scripts cannot read it),
SameSite=Lax (other sites' forms and scripts do not send it), Secure when the request came
over HTTPS (directly or through a proxy that sets X-Forwarded-Proto, which uvicorn honours
for the proxy addresses in FORWARDED_ALLOW_IPS). Signing out revokes the token, so a copied
cookie stops working too. The API never reads this cookie: it takes bearer tokens only, so
it needs no CSRF defence.

CSRF, two layers. Every page response carries a random `rw_csrf` cookie (SameSite=Strict);
every form repeats it in a hidden `csrf` field (htmx sends it as `X-CSRF-Token`), and a
state-changing page request whose field does not match the cookie is refused (the
"double submit" pattern: another site can make a browser send our cookies, but cannot read
them to copy the value into its form). On top, a state-changing request whose `Origin`
names another site is refused before anything runs.

Security headers go on every answer, pages, static files and API alike (`page_middleware`):
no sniffing, no framing, a referrer kept on this site; pages and files get the
Content-Security-Policy below, API answers one that allows nothing at all (JSON is never
rendered) and `Cache-Control: no-store` unless the route set its own. HSTS is sent only over
HTTPS (a browser would ignore it over HTTP, and a local install on plain HTTP must stay
reachable).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from redwood.services import accounts
from redwood.services.identity import acting_as
from redwood.web.api.inputs import Database

SESSION_COOKIE = "rw_session"
CSRF_COOKIE = "rw_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = int(accounts.TOKEN_LIFETIME.total_seconds())
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'"
    ),
}
"""Sent with every page: no sniffing, no framing, no scripts but our own files."""
API_HEADERS = {
    **{
        name: value for name, value in SECURITY_HEADERS.items() if name != "Content-Security-Policy"
    },
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
}
"""Sent with every API answer and the OpenAPI document."""
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
"""Sent with every answer over HTTPS only."""


class SignInRequiredError(Exception):
    """The page needs a signed-in athlete; the handler sends the browser to /signin."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class CsrfRefusedError(Exception):
    """A state-changing page request without a matching CSRF token, or from another site."""


@dataclass(frozen=True, slots=True)
class Visitor:
    """The signed-in athlete a page is for."""

    id: int
    name: str
    token: str

    def acting(self) -> AbstractContextManager[None]:
        """`with visitor.acting():` runs use cases as this athlete."""
        return acting_as(self.id)


def is_page_path(path: str) -> bool:
    """Pages are everything but the API, the OpenAPI document and static files."""
    return not path.startswith(("/api/", "/openapi.json", "/static/"))


def secure(request: Request) -> bool:
    """Cookies are marked Secure when the browser reached us over HTTPS."""
    return request.url.scheme == "https"


def _valid_token(value: str | None) -> bool:
    return bool(value) and 20 <= len(value or "") <= 100 and (value or "").isascii()


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    parts = urlsplit(origin)
    host = request.headers.get("host", "")
    return parts.netloc == host


async def page_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Give each page request its CSRF token, refuse cross-site writes, add the security
    headers to every answer."""
    if not is_page_path(request.url.path):
        answer = await call_next(request)
        api = not request.url.path.startswith("/static/")
        _protect(answer, request, API_HEADERS if api else SECURITY_HEADERS)
        return answer
    cookie = request.cookies.get(CSRF_COOKIE)
    fresh = not _valid_token(cookie)
    request.state.csrf = secrets.token_urlsafe(32) if fresh else cookie
    if request.method in UNSAFE and not _same_origin(request):
        from redwood.web.pages.errors import forbidden_page

        response = forbidden_page(request, "This request came from another site and was refused.")
    else:
        response = await call_next(request)
    if fresh:
        response.set_cookie(
            CSRF_COOKIE,
            request.state.csrf,
            httponly=True,
            samesite="strict",
            secure=secure(request),
            path="/",
        )
    _protect(response, request, SECURITY_HEADERS)
    return response


def _protect(response: Response, request: Request, headers: dict[str, str]) -> None:
    """Add `headers` (and HSTS over HTTPS) where the route did not set its own."""
    for name, value in headers.items():
        response.headers.setdefault(name, value)
    if secure(request):
        response.headers.setdefault(*HSTS)


async def checked_form(request: Request) -> FormData:
    """The submitted form, once its CSRF token matches the cookie (else `CsrfRefusedError`)."""
    form = await request.form()
    sent = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    expected = request.cookies.get(CSRF_COOKIE)
    if (
        not isinstance(sent, str)
        or not _valid_token(expected)
        or not hmac.compare_digest(sent.encode(), str(expected).encode())
    ):
        raise CsrfRefusedError("the form's security token is missing or out of date")
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]
"""A page form that passed the CSRF check: take it instead of reading the request."""


def visitor_or_none(request: Request, url: Database) -> Visitor | None:
    """The athlete signed in by the session cookie, or None."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 200:
        return None
    athlete_id = accounts.authenticate(token, url=url)
    if athlete_id is None:
        return None
    name = str(accounts.account(athlete_id, url=url)["name"])
    request.state.athlete_name = name
    return Visitor(athlete_id, name, token)


def page_visitor(request: Request, url: Database) -> Visitor:
    """The signed-in athlete, or `SignInRequiredError` (the browser is sent to sign in)."""
    visitor = visitor_or_none(request, url)
    if visitor is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequiredError(target)
    return visitor


PageAthlete = Annotated[Visitor, Depends(page_visitor)]
"""A page for signed-in athletes only."""
MaybeAthlete = Annotated[Visitor | None, Depends(visitor_or_none)]
"""A page anyone may see (sign-in, sign-up); the athlete when signed in."""


def sign_in_path(next_path: str) -> str:
    """/signin, coming back to `next_path` afterwards (only paths on this site)."""
    return f"/signin?next={quote(safe_next(next_path), safe='/')}"


def safe_next(value: str | None) -> str:
    """A path on this site to go to after signing in; anything else becomes /today."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/today"
    return value


def start_session(response: Response, request: Request, token: str) -> None:
    """Put a fresh sign-in token in the session cookie."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure(request),
        path="/",
    )


def end_session(response: Response, request: Request) -> None:
    """Clear the session cookie."""
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure(request)
    )
