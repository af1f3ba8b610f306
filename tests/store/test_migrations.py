"""Migrations from empty to head and back, engines per backend, and models matching scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from redwood.store import migrate
from redwood.store.engine import DatabaseUrlError, make_engine, mask_url, parse_url
from redwood.store.models import Base

TABLES = {
    "athletes",
    "auth_tokens",
    "bodyweights",
    "checkins",
    "coach_invites",
    "coach_links",
    "exercise_mappings",
    "exercise_records",
    "exercises",
    "held_uploads",
    "imports",
    "log_actions",
    "login_attempts",
    "performed_sessions",
    "planned_sessions",
    "programs",
    "sets",
}


def _tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


@pytest.mark.empty_database
def test_upgrade_from_empty_reaches_head(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert migrate.current(engine) is None
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
        assert _tables(engine) == TABLES
        migrate.upgrade(engine)  # a second run changes nothing
        assert migrate.current(engine) == migrate.head()
    finally:
        engine.dispose()


def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    migrate.upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO athletes (name) VALUES ('Ana')"))
        migrate.downgrade(engine, "base")
        assert migrate.current(engine) is None
        assert _tables(engine) == set()
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT COUNT(*) FROM athletes")).scalar_one() == 0
    finally:
        engine.dispose()


def test_models_match_the_migration_scripts(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_revision_is_shipped_in_the_package() -> None:
    revisions = migrate.revisions()
    assert revisions[0] == "0001"
    assert revisions[-1] == migrate.head()
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file()


def test_constraint_names_follow_the_convention(engine: Engine) -> None:
    with engine.connect() as connection:
        inspector = inspect(connection)
        fks = {fk["name"] for fk in inspector.get_foreign_keys("sets")}
        uniques = {uq["name"] for uq in inspector.get_unique_constraints("bodyweights")}
    assert fks == {
        "fk_sets_athlete_id_athletes",
        "fk_sets_exercise_id_exercises",
        "fk_sets_import_id_imports",
        "fk_sets_session_id_performed_sessions",
    }
    assert uniques == {"uq_bodyweights_athlete_id_measured_on"}


def test_sqlite_connections_enforce_foreign_keys_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'redwood.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 30_000
        assert (tmp_path / "deep" / "er").is_dir()
    finally:
        engine.dispose()


def test_current_of_a_missing_sqlite_file_is_none(tmp_path: Path) -> None:
    assert migrate.current(f"sqlite:///{tmp_path / 'absent.db'}") is None
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg"),
        ("postgres://u@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_urls_are_normalised_to_psycopg(url: str, driver: str) -> None:
    assert parse_url(url).drivername == driver


@pytest.mark.parametrize("url", ["nosuchdb://x", "mysql://u@h/db", "not a url"])
def test_unsupported_urls_are_refused_in_one_line(url: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        make_engine(url)
    assert "\n" not in str(caught.value)


def test_passwords_are_masked() -> None:
    masked = mask_url("postgresql+psycopg://bob:s3cret@db.example:5432/redwood")
    assert "s3cret" not in masked
    assert masked == "postgresql+psycopg://bob:***@db.example:5432/redwood"
