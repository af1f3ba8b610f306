"""`redwood db upgrade|current|downgrade`: create, migrate and inspect the database.

The database is `REDWOOD_DATABASE_URL` (default: SQLite in the user data directory). URLs
are always printed with the password masked. A bad URL or an unreachable server is one
line on stderr and exit code 2.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit, fail
from redwood.services.errors import ServiceError

app = typer.Typer(no_args_is_help=True)

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]


@app.command("upgrade")
def upgrade_command(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing when all went well.")
    ] = False,
) -> None:
    """Create the database or migrate it to the newest schema, then sync the catalogue."""
    from redwood.services import database  # SQLAlchemy and Alembic load only when needed

    try:
        report = database.upgrade_database(quiet=quiet)
    except ServiceError as exc:
        fail(exc.message)
    if quiet:
        return
    console.print(f"database: {report.url}", markup=False, highlight=False, soft_wrap=True)
    before = report.from_revision or "empty"
    if report.from_revision == report.to_revision:
        console.print(f"schema: {report.to_revision} (already the newest)", soft_wrap=True)
    else:
        console.print(f"schema: {before} -> {report.to_revision}", soft_wrap=True)
    console.print(
        f"catalogue: {report.catalogue_synced} exercises ({report.catalogue_changed} changed)",
        highlight=False,
        soft_wrap=True,
    )


def _current_table(data: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None)
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("database", data["url"])
    table.add_row("current", data["current"] or "empty (run 'redwood db upgrade')")
    table.add_row("head", data["head"])
    table.add_row("up to date", "yes" if data["up_to_date"] else "no")
    console.print(table)


@app.command("current")
def current_command(fmt: FormatOpt = None) -> None:
    """Show the database's schema revision and the newest one this Redwood ships."""
    from redwood.services import database

    url = database.database_url()
    try:
        current, head = database.current_revision(url)
    except ServiceError as exc:
        fail(exc.message)
    data = {
        "url": database.masked_url(url),
        "current": current,
        "head": head,
        "up_to_date": current == head,
    }
    emit(data, fmt, _current_table)


@app.command("downgrade")
def downgrade_command(
    revision: Annotated[str, typer.Argument(help="Target revision, or 'base' for empty.")],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Confirm: downgrading drops tables and data.")
    ] = False,
) -> None:
    """Migrate the schema down to REVISION (drops what later revisions added)."""
    from redwood.services import database

    if not yes:
        fail(f"downgrading to {revision} drops tables and their data: add --yes to confirm")
    try:
        report = database.downgrade_database(revision)
    except ServiceError as exc:
        fail(exc.message)
    console.print(f"database: {report.url}", markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"schema: {report.from_revision or 'empty'} -> {report.to_revision or 'empty'}",
        highlight=False,
        soft_wrap=True,
    )
