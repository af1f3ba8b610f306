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
"""

from __future__ import annotations

import threading

import anyio
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from redwood.services import database
from redwood.web.api import api_router
from redwood.web.errors import install_error_handlers
from redwood.web.pages import pages_router
from redwood.web.pages.errors import install_page_handlers
from redwood.web.pages.rendering import STATIC, vendor_files
from redwood.web.pages.session import page_middleware

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
    app.middleware("http")(page_middleware)
    if url.startswith("sqlite"):
        app.add_middleware(SQLiteGate)
    install_error_handlers(app)
    install_page_handlers(app)
    app.include_router(api_router())
    app.include_router(pages_router())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
