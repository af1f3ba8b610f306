"""The FastAPI app: `create_app(database_url)` builds it; `redwood serve` runs it on uvicorn.

The app keeps nothing in process memory but the database URL and its connection pool: a
signed-in athlete is found from the bearer token on every request, and the login rate limit
lives in the database, so any number of workers can serve the same athletes. Endpoints are
plain (sync) functions that FastAPI runs in its thread pool; each calls the use cases in
`redwood.services` inside `acting_as(athlete_id)`.

Making the app prepares its database the way the CLI does: an empty or SQLite database is
migrated to the newest schema; a PostgreSQL database that is behind is refused with the
command that fixes it (`redwood db upgrade`).

On SQLite, one request at a time (`SQLiteGate`). SQLite lets one connection write at a
time, and Redwood's transactions start deferred: a request that reads and then writes
(logging a set, stamping a token's last use) fails with "database is locked" when another
request wrote meanwhile, and the busy timeout cannot help (SQLite refuses at once rather
than risk a deadlock). With four phones logging at once a third of the requests failed.
SQLite is the one-person install, so its app lets one request in at a time; a PostgreSQL
app has no gate. The gate is a `threading.Lock` taken by polling from the event loop, so
waiting requests hold no worker thread (the endpoints need those), whatever loop calls it.

Request bodies are capped for every route (`BodyLimit`): `MAX_BODY_BYTES` (1 MB) for JSON
and forms, `MAX_UPLOAD_BODY_BYTES` for multipart uploads (the 20 MB file limit of the
transfer routes plus room for the form around it). A declared Content-Length over the cap
is refused before a byte is read; a body sent without one (chunked) or longer than it said is
counted as it arrives and refused as soon as it passes the cap. Either way the answer is 413
in the error shape, naming the field (`body`, or `file` for an upload) and the limit, and no
route runs.
"""

from __future__ import annotations

import tempfile
import threading
from typing import IO

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redwood.services import database
from redwood.web.api import api_router
from redwood.web.api.transfers import MAX_UPLOAD_BYTES
from redwood.web.errors import install_error_handlers
from redwood.web.pages import pages_router
from redwood.web.pages.errors import install_page_handlers
from redwood.web.pages.rendering import STATIC, vendor_files
from redwood.web.pages.session import page_middleware

MAX_BODY_BYTES = 1024 * 1024
MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024
SPOOL_BYTES = 1024 * 1024
CHUNK_BYTES = 64 * 1024
TITLE = "Redwood"
VERSION = "1"
POLL_SECONDS = 0.002


class SQLiteGate:
    """ASGI middleware that serves one HTTP request at a time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        while not self.lock.acquire(blocking=False):
            await anyio.sleep(POLL_SECONDS)
        try:
            await self.app(scope, receive, send)
        finally:
            self.lock.release()


def _header(scope: Scope, name: bytes) -> bytes:
    return next((value for key, value in scope.get("headers") or [] if key == name), b"")


class BodyLimit:
    """ASGI middleware capping every request body (see the module's docstring).

    A body is read whole before the app sees it, into a spooled file (memory up to
    `SPOOL_BYTES`, then a temporary file), and handed on from there; over the cap, the
    reading stops and the client gets 413 (an error page on page paths): no route runs,
    nothing is parsed. Requests without a body (no length, not chunked) pass untouched."""

    def __init__(
        self, app: ASGIApp, limit: int = MAX_BODY_BYTES, upload_limit: int = MAX_UPLOAD_BODY_BYTES
    ) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit

    def cap(self, scope: Scope) -> int:
        """The cap of this request: uploads (multipart) get the larger one."""
        kind = _header(scope, b"content-type").split(b";")[0].strip().lower()
        return self.upload_limit if kind == b"multipart/form-data" else self.limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = _header(scope, b"content-length").strip()
        chunked = bool(_header(scope, b"transfer-encoding"))
        if scope["type"] != "http" or not (chunked or declared not in {b"", b"0"}):
            await self.app(scope, receive, send)
            return
        cap = self.cap(scope)
        if declared.isdigit() and int(declared) > cap:
            await self.refuse(scope, receive, send, cap)
            return
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            size, more = 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > cap:
                    await self.refuse(scope, receive, send, cap)
                    return
                spool.write(chunk)
                more = bool(message.get("more_body", False))
            spool.seek(0)
            await self.app(scope, _replay(spool, size, receive), send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        """Answer 413 naming the limit: the error page on a page path, else JSON."""
        from redwood.web.errors import error_body
        from redwood.web.pages.errors import error_page, wants_page

        if cap == self.upload_limit:
            field = "file"
            size = f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
            message = f"file: the upload is larger than {size}; split the export"
        else:
            field = "body"
            size = f"{cap // (1024 * 1024)} MB" if cap >= 1024 * 1024 else f"{cap} bytes"
            message = f"body: the request body is larger than the limit of {size}"
        request = Request(scope, receive)
        response = (
            error_page(request, 413, message)
            if wants_page(request)
            else JSONResponse(error_body(message, field), 413)
        )
        await response(scope, receive, send)


def _replay(spool: IO[bytes], size: int, receive: Receive) -> Receive:
    """A `receive` that gives the spooled body in chunks, then defers to the client's."""
    left = size

    async def replay() -> Message:
        nonlocal left
        if left < 0:
            return await receive()
        chunk = spool.read(CHUNK_BYTES)
        left -= len(chunk)
        if not chunk or left <= 0:
            left = -1
            return {"type": "http.request", "body": chunk, "more_body": False}
        return {"type": "http.request", "body": chunk, "more_body": True}

    return replay


def create_app(database_url: str | None = None) -> FastAPI:
    """The app on `database_url` (default: `REDWOOD_DATABASE_URL`, else the SQLite file)."""
    url = database_url or database.database_url()
    database.ensure_schema(url)
    app = FastAPI(
        title=TITLE,
        version=VERSION,
        description=(
            "The Redwood strength coach: accounts, programs, today's prescription and the "
            'training log. Errors are JSON: {"error": {"field", "message"}}.'
        ),
        openapi_url="/openapi.json",
        docs_url=None,  # FastAPI's Swagger UI page loads its files from a CDN
        redoc_url=None,
    )
    app.state.database_url = url
    vendor_files()  # refuse to start without the front-end files, with the command to fix it
    app.add_middleware(BodyLimit)  # inside page_middleware: its 413 gets the page headers
    app.middleware("http")(page_middleware)
    if url.startswith("sqlite"):
        app.add_middleware(SQLiteGate)
    install_error_handlers(app)
    install_page_handlers(app)
    app.include_router(api_router())
    app.include_router(pages_router())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def serving_app() -> FastAPI:
    """`create_app` as `redwood serve` runs it, once per worker process: the catalogue is
    loaded, then everything made so far is moved out of the garbage collector's sight
    (`gc.freeze`). Those objects live as long as the process; left in view, every full
    collection walks them again, and a request that builds thousands of rows (today on a
    long log) sets off several: 30 of GET /today's 100 ms on a 100,000-set log, 5 after."""
    import gc

    from redwood.services.catalogue import catalogue

    app = create_app()
    catalogue()
    gc.collect()
    gc.freeze()
    return app
