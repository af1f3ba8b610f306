"""Uploads held between an import's preview and its commit (`held_uploads`, migration 0007).

A held upload is named by a random token the athlete's browser keeps; only the token's
SHA-256 hash is stored, so the table alone opens nothing. `HeldUploads` reads and writes
one athlete's rows only: a hash another athlete holds finds nothing. `ExpiredUploads`
removes every athlete's expired rows (they are nobody's any more), which the service does
on each write so the table never grows past the last half hour of previews.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from redwood.store.base import AthleteRepository, Repository
from redwood.store.models import HeldUploadRow


@dataclass(frozen=True, slots=True)
class HeldUploadRecord:
    """A held file: its name, the import options chosen with it, its bytes and lifetime."""

    file_name: str
    options: dict[str, Any]
    content: bytes
    size: int
    created_at: datetime
    expires_at: datetime


class HeldUploads(AthleteRepository):
    """One athlete's held uploads, by token hash."""

    def hold(
        self,
        token_hash: str,
        *,
        file_name: str,
        options: dict[str, Any],
        content: bytes,
        held_at: datetime,
        expires_at: datetime,
    ) -> None:
        """Keep `content` under `token_hash` for the athlete until `expires_at`."""
        self.session.add(
            HeldUploadRow(
                athlete_id=self.athlete_id,
                token_hash=token_hash,
                file_name=file_name,
                options=options,
                content=content,
                size=len(content),
                created_at=held_at,
                expires_at=expires_at,
            )
        )
        self.session.flush()

    def find(self, token_hash: str, at: datetime) -> HeldUploadRecord | None:
        """The athlete's upload under `token_hash` that has not expired at `at`, or None."""
        row = self.session.scalars(
            select(HeldUploadRow).where(
                HeldUploadRow.athlete_id == self.athlete_id,
                HeldUploadRow.token_hash == token_hash,
                HeldUploadRow.expires_at > at,
            )
        ).first()
        if row is None:
            return None
        return HeldUploadRecord(
            file_name=row.file_name,
            options=dict(row.options),
            content=bytes(row.content),
            size=row.size,
            created_at=row.created_at,
            expires_at=row.expires_at,
        )

    def release(self, token_hash: str) -> bool:
        """Forget the athlete's upload under `token_hash`; True when there was one."""
        result = self.session.execute(
            delete(HeldUploadRow).where(
                HeldUploadRow.athlete_id == self.athlete_id,
                HeldUploadRow.token_hash == token_hash,
            )
        )
        return bool(getattr(result, "rowcount", 0))


class ExpiredUploads(Repository):
    """The clean-up of held uploads past their time, whoever held them."""

    def purge(self, at: datetime) -> int:
        """Remove every held upload that has expired at `at` (through the `expires_at`
        index); how many went."""
        result = self.session.execute(delete(HeldUploadRow).where(HeldUploadRow.expires_at <= at))
        return int(getattr(result, "rowcount", 0))
