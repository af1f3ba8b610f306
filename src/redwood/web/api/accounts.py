"""Accounts: health, register, sign in and out, the account itself, and deleting it.

Only health, register and login work without a token. Sign-in answers an opaque bearer
token for `Authorization: Bearer TOKEN`; a wrong email or password is one 401 message for
both, and an email with too many recent failures is a 429 with Retry-After. Registration is
limited per client address (429 with Retry-After) and refuses weak passwords (422 naming
`password`: too short or long, holding the email's name, or a common one). A token is
labelled with the `label` sent and the User-Agent, for the list of signed-in devices
(GET /api/v1/tokens).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from redwood.services import accounts, database
from redwood.web.api.inputs import Database, Email, Name, Secret, SignedIn, Token, Word

router = APIRouter(tags=["accounts"])


class Registration(BaseModel):
    """A new account."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    password: Secret = Field(min_length=8, description="8-200 characters.")
    name: Name
    timezone: Word = Field("UTC", description="IANA time zone, e.g. Europe/Berlin.")
    unit: str = Field("kg", pattern="^(kg|lb)$", description="kg or lb.")


class Credentials(BaseModel):
    """An email and password to sign in with."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    password: Secret
    label: Name | None = Field(None, description="Where the token is used, e.g. 'phone'.")


class Account(BaseModel):
    """An account's public fields."""

    id: int
    email: str | None
    name: str
    role: str
    unit: str
    timezone: str
    created_at: str


class TokenOut(BaseModel):
    """A bearer token, shown once."""

    token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Seconds until the token expires.")


class Health(BaseModel):
    """The server is up and its database reachable."""

    status: str
    database: str
    revision: str | None


@router.get("/health", response_model=Health)
def health(url: Database) -> dict[str, Any]:
    """Liveness and the database's schema revision (503 when it cannot be reached)."""
    current, head = database.current_revision(url)
    return {
        "status": "ok",
        "database": "ok" if current == head else "behind",
        "revision": current,
    }


@router.post("/auth/register", status_code=201, response_model=Account)
def register(body: Registration, request: Request, url: Database) -> dict[str, Any]:
    """Create an account (409 when the email is already registered, 429 when this address
    made too many accounts in the last hour)."""
    return accounts.register(
        body.email,
        body.password,
        body.name,
        timezone=body.timezone,
        unit=body.unit,
        client=request.client.host if request.client else None,
        url=url,
    )


@router.post("/auth/login", response_model=TokenOut)
def login(body: Credentials, request: Request, url: Database) -> dict[str, Any]:
    """A bearer token for the email and password, valid for 30 days."""
    agent = request.headers.get("user-agent")
    token = accounts.login(body.email, body.password, label=body.label, user_agent=agent, url=url)
    return {"token": token, "expires_in": int(accounts.TOKEN_LIFETIME.total_seconds())}


@router.post("/auth/logout", status_code=204)
def logout(athlete_id: SignedIn, token: Token, url: Database) -> Response:
    """Revoke the token of this request."""
    accounts.logout(token, url=url)
    return Response(status_code=204)


@router.get("/account", response_model=Account)
def account(athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """The signed-in account."""
    return accounts.account(athlete_id, url=url)


@router.delete("/account", status_code=204)
def delete_account(athlete_id: SignedIn, url: Database) -> Response:
    """Delete the account with every program, set, reading and token it has."""
    accounts.delete_account(athlete_id, url=url)
    return Response(status_code=204)
