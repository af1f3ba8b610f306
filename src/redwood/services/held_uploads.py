"""Uploads held between an import's preview and its commit, in the database, per athlete.

The import page shows a dry run first and imports only when the athlete says "Import
these". A browser cannot post the same file twice without asking for it again, and the
app runs as several stateless processes on several hosts (docs/deploy.md: any request may
reach any host), so the bytes can wait neither in one process's memory nor on one
machine's disk: they wait in the database (`store.held_uploads`), in a row of the acting
athlete named by a random token (`secrets.token_urlsafe`, 192 bits) of which only the
SHA-256 hash is stored. A token only finds rows of the athlete who holds it, so another
athlete's token finds nothing, and an account's deletion deletes its rows. A held upload
lasts `HOLD_SECONDS` (30 minutes): expired rows (anyone's) are removed whenever an upload
is held, and the import removes the one it used.

The file's options (`app`, `unit`, `skip_bad_rows`) are kept with it, so the import
commits exactly what the preview showed.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO

from redwood.io.importers import Upload
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.logsupport import athlete_work
from redwood.store.held_uploads import ExpiredUploads, HeldUploads

HOLD_SECONDS = 30 * 60
CHUNK = 1024 * 1024
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
"""The shape of `secrets.token_urlsafe(24)`; anything else is refused before a look-up."""
EXPIRED = "file: this preview has expired or was imported already: choose the file again"


@dataclass(frozen=True, slots=True)
class HeldOptions:
    """How to read a held file: its name and the import options chosen with it."""

    file: str
    app: str | None
    unit: str | None
    skip_bad_rows: bool


def token_hash(token: str) -> str:
    """The SHA-256 hex digest under which a held upload's token is stored."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _read(stream: BinaryIO, max_bytes: int) -> bytes:
    """The whole stream, refused (field `file`) as soon as it passes `max_bytes`."""
    content = bytearray()
    while chunk := stream.read(CHUNK):
        content += chunk
        if len(content) > max_bytes:
            raise ServiceError(
                f"file: the upload is larger than {max_bytes // (1024 * 1024)} MB", "file"
            )
    return bytes(content)


def hold(
    stream: BinaryIO,
    options: HeldOptions,
    *,
    max_bytes: int,
    url: str | None = None,
    now: datetime | None = None,
) -> str:
    """Keep the upload `stream` (at most `max_bytes`) for the acting athlete; its token.

    Expired held uploads are removed in the same transaction."""
    content = _read(stream, max_bytes)
    at = _now(now)
    token = secrets.token_urlsafe(24)
    kept: dict[str, Any] = {
        "app": options.app,
        "unit": options.unit,
        "skip_bad_rows": options.skip_bad_rows,
    }
    with athlete_work(url) as work:
        ExpiredUploads(work.session).purge(at)
        HeldUploads(work.session, work.athlete.id).hold(
            token_hash(token),
            file_name=options.file,
            options=kept,
            content=content,
            held_at=at,
            expires_at=at + timedelta(seconds=HOLD_SECONDS),
        )
    return token


def _found(token: str, url: str | None, now: datetime | None) -> tuple[bytes, HeldOptions]:
    """The acting athlete's live held upload `token`: its bytes and options."""
    if not TOKEN.fullmatch(token):
        raise NotFoundError(EXPIRED, "file")
    with athlete_work(url) as work:
        found = HeldUploads(work.session, work.athlete.id).find(token_hash(token), _now(now))
    if found is None:
        raise NotFoundError(EXPIRED, "file")
    kept = found.options
    options = HeldOptions(
        found.file_name, kept.get("app"), kept.get("unit"), bool(kept.get("skip_bad_rows"))
    )
    return found.content, options


def options_of(token: str, *, url: str | None = None, now: datetime | None = None) -> HeldOptions:
    """The options of the acting athlete's held upload `token` (NotFoundError when gone)."""
    return _found(token, url, now)[1]


@contextmanager
def opened(
    token: str, *, url: str | None = None, now: datetime | None = None
) -> Iterator[tuple[Upload, HeldOptions]]:
    """The acting athlete's held upload as an `Upload` to import, with its options.

    The bytes are read in a transaction of their own that has ended before the block runs,
    so the import's own unit of work never waits on it."""
    content, options = _found(token, url, now)
    with io.BytesIO(content) as stream:
        yield Upload(options.file, stream), options


def release(token: str, *, url: str | None = None) -> None:
    """Forget the acting athlete's held upload `token` (after its import, or when it cannot
    be read); nothing happens when there is none."""
    if TOKEN.fullmatch(token):
        with athlete_work(url) as work:
            HeldUploads(work.session, work.athlete.id).release(token_hash(token))
