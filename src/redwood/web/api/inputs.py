"""What every route takes: who is calling, the database, and the shared field types.

`SignedIn` is the dependency every athlete route takes: the athlete id behind the bearer
token of `Authorization: Bearer TOKEN`, or a 401 in the error shape (with
`WWW-Authenticate: Bearer`) when the header is missing, malformed, or names an unknown,
expired or revoked token. Routes then run their use cases inside
`identity.acting_as(athlete_id)`, so every query is scoped to that athlete. `Database` is the
URL the app was made for.

The field types refuse at the edge, with a 422 naming the field, what would otherwise fail
deep inside: PostgreSQL rejects text with NUL characters and lone surrogates cannot be
encoded as UTF-8; date arithmetic overflows near year 1 or 9999; an integer over 2^31 - 1
overflows an `integer` column. Lengths match the columns they end up in.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, Field

from redwood.services import accounts
from redwood.services.errors import AuthenticationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
MAX_ID = 2**31 - 1


def clean_text(value: str) -> str:
    """`value` unless it holds a NUL character or cannot be written as UTF-8."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def sane_date(value: date) -> date:
    """`value` if it lies between 1900-01-01 and 2999-12-31."""
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(clean_text)]
"""An exercise, person or program name."""
Word = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(clean_text)]
"""A short token: a time zone, a rule name, a mass such as `80.5kg`."""
Note = Annotated[str, Field(max_length=2000), AfterValidator(clean_text)]
"""A free-text note."""
Secret = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(clean_text)]
"""A password as typed."""
Email = Annotated[
    str,
    Field(min_length=3, max_length=320, json_schema_extra={"format": "email"}),
    AfterValidator(clean_text),
]
"""An email address (the service checks its shape)."""
Day = Annotated[date, AfterValidator(sane_date)]
"""A local calendar date (YYYY-MM-DD)."""
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A database integer id in a body."""


def optional_date(value: date | None) -> date | None:
    """`sane_date` for an optional date."""
    return None if value is None else sane_date(value)


DayQuery = Annotated[date | None, Query(), AfterValidator(optional_date)]
"""An optional date in the query string."""
ProgramId = Annotated[int, Path(ge=1, le=MAX_ID, description="The program's id.")]


# ---- who is calling -------------------------------------------------------------------------

bearer = HTTPBearer(
    auto_error=False,
    bearerFormat="opaque",
    description="The token from POST /api/v1/auth/login.",
)


def database_url(request: Request) -> str:
    """The database URL the app was made for."""
    url: str = request.app.state.database_url
    return url


Database = Annotated[str, Depends(database_url)]


def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The token of the Authorization header; 401 when there is none."""
    if credentials is None or not credentials.credentials.strip():
        raise AuthenticationError(
            "authorization: send 'Authorization: Bearer TOKEN' with a token from "
            "POST /api/v1/auth/login",
            "authorization",
        )
    return credentials.credentials.strip()


Token = Annotated[str, Depends(bearer_token)]


def signed_in(token: Token, url: Database) -> int:
    """The athlete id behind the token; 401 when it is unknown, expired or revoked."""
    athlete_id = accounts.authenticate(token, url=url)
    if athlete_id is None:
        raise AuthenticationError(
            "authorization: this token is wrong, expired or signed out: sign in again",
            "authorization",
        )
    return athlete_id


SignedIn = Annotated[int, Depends(signed_in)]
