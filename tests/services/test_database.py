"""`upgrade_database`, `current_revision`, `downgrade_database` and `unit_of_work`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from redwood.services import database
from redwood.services.database import DatabaseError
from redwood.store import Bodyweights, Logbook, ensure_local_athlete, migrate
from tests.store.samples import CATALOGUE


@pytest.mark.empty_database
def test_upgrade_migrates_then_syncs_the_catalogue(db_url: str) -> None:
    assert database.current_revision(db_url) == (None, migrate.head())
    report = database.upgrade_database(db_url, quiet=True, catalogue=CATALOGUE)
    assert report.from_revision is None
    assert report.to_revision == migrate.head()
    assert report.catalogue_synced == report.catalogue_changed == len(CATALOGUE)
    again = database.upgrade_database(db_url, catalogue=CATALOGUE)
    assert (again.from_revision, again.to_revision) == (migrate.head(), migrate.head())
    assert again.catalogue_changed == 0
    assert database.current_revision(db_url) == (migrate.head(), migrate.head())


def test_upgrade_syncs_the_shipped_catalogue(db_url: str) -> None:
    from redwood.catalog import load_catalogue

    report = database.upgrade_database(db_url)
    assert report.catalogue_synced == len(load_catalogue().exercises)


def test_the_configured_url_is_used(db_url: str, settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("REDWOOD_DATABASE_URL", db_url)
    assert database.database_url() == db_url
    report = database.upgrade_database(catalogue=CATALOGUE)
    assert report.to_revision == migrate.head()
    assert database.current_revision()[0] == migrate.head()


def test_downgrade_to_base_empties_the_database(db_url: str) -> None:
    database.upgrade_database(db_url, catalogue=CATALOGUE)
    report = database.downgrade_database("base", db_url)
    assert (report.from_revision, report.to_revision) == (migrate.head(), None)
    assert database.current_revision(db_url)[0] is None


def test_unit_of_work_commits_or_leaves_nothing(db_url: str) -> None:
    database.upgrade_database(db_url, catalogue=CATALOGUE)
    with database.unit_of_work(db_url) as session:
        athlete = ensure_local_athlete(session)

    def write_then_fail() -> None:
        with database.unit_of_work(db_url) as session:
            Logbook(session, athlete.id).start_session(date(2026, 11, 2))
            Bodyweights(session, athlete.id).add(date(2026, 11, 2), Decimal("80"))
            raise RuntimeError("the client went away")

    with pytest.raises(RuntimeError):
        write_then_fail()
    with database.unit_of_work(db_url) as session:
        assert ensure_local_athlete(session).id == athlete.id
        assert Logbook(session, athlete.id).sessions() == []
        assert Bodyweights(session, athlete.id).between() == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("nosuchdb://x", "unknown database kind 'nosuchdb'"),
        ("not a url", "not a database URL"),
        ("postgresql+psycopg://bob:s3cret@127.0.0.1:1/x", "cannot use the database at"),
    ],
)
def test_bad_or_unreachable_databases_are_one_clear_line(url: str, expected: str) -> None:
    for call in (database.current_revision, database.upgrade_database):
        with pytest.raises(DatabaseError) as caught:
            call(url)
        message = str(caught.value)
        assert expected in message
        assert "\n" not in message
        assert "s3cret" not in message
