"""Signed-in devices: list the athlete's live bearer tokens and revoke one.

`GET /tokens` answers `{"items": [{"id", "label", "created_at", "last_used_at",
"expires_at", "current"}]}`, newest first: each live token (neither revoked nor expired) with
the device it was made for and whether it is the one this request carries. The token itself
is never shown (only its hash is stored). `DELETE /tokens/{id}` revokes one of the athlete's
own tokens (204); another athlete's token, a revoked or expired one and one that never
existed all answer 404. Revoking the current token signs this client out.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel

from redwood.services import accounts
from redwood.web.api.inputs import MAX_ID, Database, SignedIn, Token

router = APIRouter(tags=["accounts"])

TokenId = Annotated[int, Path(ge=1, le=MAX_ID, description="The token's id (from GET /tokens).")]


class Device(BaseModel):
    """A live token: the device it signs in, never the secret."""

    id: int
    label: str | None
    created_at: str
    last_used_at: str | None
    expires_at: str | None
    current: bool


class Devices(BaseModel):
    """The athlete's signed-in devices, newest first."""

    items: list[Device]


@router.get("/tokens", response_model=Devices)
def list_tokens(athlete_id: SignedIn, token: Token, url: Database) -> dict[str, Any]:
    """The athlete's live tokens; `current` marks the one of this request."""
    return {"items": accounts.list_tokens(athlete_id, token, url=url)}


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: TokenId, athlete_id: SignedIn, url: Database) -> Response:
    """Sign one device out (404 unless it is a live token of this athlete)."""
    accounts.revoke_token(athlete_id, token_id, url=url)
    return Response(status_code=204)
