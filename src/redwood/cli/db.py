"""`redwood db upgrade|current|downgrade|backup|restore`: create, migrate, inspect, back up
and restore the database.

The database is `--db URL`, else `REDWOOD_DATABASE_URL` (default: SQLite in the user data
directory). URLs are always printed with the password masked. A bad
URL, an unreachable server or a damaged backup file is one line on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from redwood.cli.output import FORMAT_OPTION, OutputFormat, console, emit, fail
from redwood.services.errors import ServiceError

app = typer.Typer(no_args_is_help=True)

FormatOpt = Annotated[OutputFormat | None, FORMAT_OPTION]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: REDWOOD_DATABASE_URL or the SQLite file)."),
]


@app.command("upgrade")
def upgrade_command(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing when all went well.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Create the database or migrate it to the newest schema, then sync the catalogue."""
    from redwood.services import database  # SQLAlchemy and Alembic load only when needed

    try:
        report = database.upgrade_database(db, quiet=quiet)
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
def current_command(fmt: FormatOpt = None, db: DbOpt = None) -> None:
    """Show the database's schema revision and the newest one this Redwood ships."""
    from redwood.services import database

    url = db or database.database_url()
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
    db: DbOpt = None,
) -> None:
    """Migrate the schema down to REVISION (drops what later revisions added)."""
    from redwood.services import database

    if not yes:
        fail(f"downgrading to {revision} drops tables and their data: add --yes to confirm")
    try:
        report = database.downgrade_database(revision, db)
    except ServiceError as exc:
        fail(exc.message)
    console.print(f"database: {report.url}", markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"schema: {report.from_revision or 'empty'} -> {report.to_revision or 'empty'}",
        highlight=False,
        soft_wrap=True,
    )


def _summary_table(data: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None)
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("database", data["url"])
    table.add_row("file", data["file"])
    table.add_row("schema", data["schema"])
    table.add_row("tables", str(len(data["tables"])))
    table.add_row("rows", str(data["rows"]))
    table.add_row("seconds", f"{data['seconds']:.2f}")
    console.print(table)


def _summary(report: Any) -> dict[str, Any]:
    schema = report.revision
    if report.restored_to is not None and report.restored_to != report.revision:
        schema = f"{report.revision} -> {report.restored_to}"
    return {
        "url": report.url,
        "file": str(report.path),
        "schema": schema,
        "tables": dict(report.tables),
        "rows": report.rows,
        "seconds": report.seconds,
    }


@app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="The backup file to write (gzip'd JSON lines).")],
    db: DbOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Back up the whole database into FILE while Redwood keeps serving (one snapshot)."""
    from redwood.services import backups

    try:
        report = backups.back_up_database(file, db)
    except ServiceError as exc:
        fail(exc.message)
    emit(_summary(report), fmt, _summary_table)


@app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="A file written by 'redwood db backup'.")],
    db: DbOpt = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a database that already holds data (it is lost)."),
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Restore FILE into the database (one transaction), then upgrade it to the newest schema."""
    from redwood.services import backups

    try:
        report = backups.restore_database(file, db, force=force)
    except ServiceError as exc:
        fail(exc.message)
    emit(_summary(report), fmt, _summary_table)
