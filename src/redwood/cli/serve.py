"""`redwood serve`: run the web app and API on uvicorn.

The database is `REDWOOD_DATABASE_URL` (default: the SQLite file), prepared first the way
every command does: an empty or SQLite database is migrated; a PostgreSQL database that is
behind is refused with one line saying to run `redwood db upgrade`. Each worker builds the
app with `redwood.web.app:serving_app` (an import string, so this module never imports the
web layer). Several workers only make sense on PostgreSQL: SQLite lets one process write
at a time, so on SQLite a request for more is answered with a warning and one worker.
"""

from __future__ import annotations

from typing import Annotated

import typer

from redwood.cli.output import console, err_console, fail
from redwood.services.errors import ServiceError

APP_FACTORY = "redwood.web.app:serving_app"


def worker_count(url: str, asked: int) -> tuple[int, str | None]:
    """The workers to start for `asked` on `url`, and a warning when fewer are started."""
    if asked > 1 and url.startswith("sqlite"):
        return 1, (
            f"SQLite lets one process write at a time: serving with 1 worker, not {asked} "
            "(use PostgreSQL for several)"
        )
    return asked, None


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Worker processes (PostgreSQL).")
    ] = 1,
) -> None:
    """Serve the web app and the REST API (/api/v1, OpenAPI at /openapi.json)."""
    from redwood.services import database

    url = database.database_url()
    try:
        database.ensure_schema(url)
    except ServiceError as exc:
        fail(exc.message)
    count, warning = worker_count(url, workers)
    if warning:
        err_console.print(f"redwood: {warning}", markup=False, highlight=False, soft_wrap=True)
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"Redwood is serving http://{shown}:{port}/ (API at /api/v1, database "
        f"{database.masked_url(url)}, {count} worker{'s' if count > 1 else ''}); "
        "Ctrl+C stops it.",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    import uvicorn

    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=count)
