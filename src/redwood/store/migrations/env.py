"""Alembic environment for Redwood's packaged migrations.

The database comes from `config.attributes["connection"]` (what `redwood.store.migrate`
passes) or, failing that, from the config's `sqlalchemy.url`; never from an ini file in the
working directory. SQLite runs in batch mode so later revisions can alter its tables.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from redwood.store.engine import make_engine
from redwood.store.migrate import migration_connection
from redwood.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL for `alembic upgrade --sql` without connecting."""
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("offline migrations need sqlalchemy.url in the Alembic config")
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through the caller's connection, or connect to sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError(
            "no database: pass config.attributes['connection'] or set sqlalchemy.url"
        )
    engine = make_engine(url)
    try:
        with migration_connection(engine) as owned:
            _run(owned)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
