"""The pages anyone can reach: the front page, sign up, sign in, sign out, and "More".

Sign-up creates the account, signs it in (a session cookie, see `pages.session`) and goes
on to the onboarding questionnaire; sign-in goes back to the page that asked for it. A
refused form is shown again with the message beside the field at fault (status 422, or 429
when the email is locked out by too many failures), keeping what was typed except the
password. Both forms work without JavaScript; with it, the sign-up form also fills in the
browser's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.services import accounts
from redwood.services.errors import ConflictError, RateLimitedError, ServiceError
from redwood.web.api.inputs import Database
from redwood.web.pages.errors import redirect
from redwood.web.pages.rendering import render
from redwood.web.pages.session import (
    CheckedForm,
    MaybeAthlete,
    PageAthlete,
    end_session,
    safe_next,
    start_session,
)

router = APIRouter(include_in_schema=False)

MORE_LINKS = (
    ("Exercise library", "/exercises", "Every exercise with cues, mistakes and substitutes."),
    ("Settings", "/settings", "Units, plates, dumbbells and equipment per place."),
    ("Import and export", "/transfer", "Bring your Strong, Hevy or FitNotes log; download yours."),
    ("Coach", "/coach", "Invite a coach, or follow the athletes who invited you."),
    ("New program", "/onboarding", "Answer the questions again for a new program."),
)
"""The "More" page: everything the bottom bar has no room for."""


@dataclass(frozen=True, slots=True)
class SignUpView:
    """The sign-up form: what was typed, and what was wrong with it."""

    name: str = ""
    email: str = ""
    unit: str = "kg"
    timezone: str = "UTC"
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SignInView:
    """The sign-in form."""

    email: str = ""
    next: str = "/today"
    error: str | None = None


@dataclass(frozen=True, slots=True)
class MoreView:
    """Links to the rarer pages, with a line on each."""

    links: tuple[tuple[str, str, str], ...] = MORE_LINKS


def _text(form: CheckedForm, name: str, limit: int = 400) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


@router.get("/")
def front_page(request: Request, visitor: MaybeAthlete) -> Response:
    """Signed in: today's session. Otherwise what Redwood is, with sign-up and sign-in."""
    if visitor is not None:
        return redirect(request, "/today")
    return render(request, "front.html", {"signed_in": False})


@router.get("/signup")
def sign_up_page(request: Request) -> Response:
    """The sign-up form."""
    return render(request, "signup.html", SignUpView())


@router.post("/signup")
def sign_up(request: Request, form: CheckedForm, url: Database) -> Response:
    """Create the account, sign it in, and go to onboarding; or the form with its errors."""
    typed = SignUpView(
        name=_text(form, "name"),
        email=_text(form, "email"),
        unit=_text(form, "unit") or "kg",
        timezone=_text(form, "timezone") or "UTC",
    )
    password = form.get("password")
    password = password if isinstance(password, str) else ""
    try:
        accounts.register(
            typed.email,
            password,
            typed.name,
            timezone=typed.timezone,
            unit=typed.unit,
            client=request.client.host if request.client else None,
            url=url,
        )
        agent = request.headers.get("user-agent")
        token = accounts.login(typed.email, password, label="web", user_agent=agent, url=url)
    except ServiceError as exc:
        errors = {exc.field or "form": exc.message}
        view = SignUpView(typed.name, typed.email, typed.unit, typed.timezone, errors)
        status = 409 if isinstance(exc, ConflictError) else 422
        if isinstance(exc, RateLimitedError):
            headers = {"Retry-After": str(exc.retry_after)}
            return render(request, "signup.html", view, status=429, headers=headers)
        return render(request, "signup.html", view, status=status)
    response = redirect(request, "/onboarding")
    start_session(response, request, token)
    return response


@router.get("/signin")
def sign_in_page(request: Request, visitor: MaybeAthlete, next: str = "/today") -> Response:
    """The sign-in form (signed in already: straight on)."""
    if visitor is not None:
        return redirect(request, safe_next(next))
    return render(request, "signin.html", SignInView(next=safe_next(next)))


@router.post("/signin")
def sign_in(request: Request, form: CheckedForm, url: Database) -> Response:
    """Check the email and password; on success go back where the athlete was going."""
    email, target = _text(form, "email"), safe_next(_text(form, "next"))
    password = form.get("password")
    try:
        token = accounts.login(
            email,
            password if isinstance(password, str) else "",
            label="web",
            user_agent=request.headers.get("user-agent"),
            url=url,
        )
    except RateLimitedError as exc:
        view = SignInView(email, target, exc.message)
        return render(
            request, "signin.html", view, status=429, headers={"Retry-After": str(exc.retry_after)}
        )
    except ServiceError as exc:
        return render(request, "signin.html", SignInView(email, target, exc.message), status=401)
    response = redirect(request, target)
    start_session(response, request, token)
    return response


@router.post("/signout")
def sign_out(request: Request, form: CheckedForm, url: Database) -> Response:
    """Revoke this browser's token and clear the cookie."""
    token = request.cookies.get("rw_session")
    if token:
        accounts.logout(token, url=url)
    response = redirect(request, "/signin")
    end_session(response, request)
    return response


@router.get("/more")
def more_page(request: Request, visitor: PageAthlete) -> Response:
    """The rarer pages, and signing out."""
    return render(request, "more.html", MoreView(), active="more")
