"""`redwood db backup FILE` and `redwood db restore FILE` as an operator runs them.

Round trips across backends (SQLite into PostgreSQL and back give the same rows), a backup
from an older schema restored and upgraded, a backup taken while sets keep being logged,
refusals (a database holding data, a newer schema, truncated, junk and tampered files) in
one line with exit code 2 and the target left exactly as it was.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, select, text

from redwood.services.database import upgrade_database
from redwood.store import migrate
from redwood.store.backup_file import BackupHeader, BackupReader, BackupWriter, Kind, TableHeader
from redwood.store.engine import make_engine
from redwood.store.models import PerformedSessionRow, SetRow
from tests.cli.conftest import Result
from tests.store.history_samples import assert_samples_kept, write_samples

pytestmark = pytest.mark.empty_database  # each test builds its own schema
Redwood = Callable[..., Result]


@pytest.fixture
def other_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on the OTHER backend than `db_url`."""
    if not db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    from sqlalchemy.engine import make_url

    from tests.conftest import POSTGRES_URL, _schema_name

    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = _schema_name()
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _filled(url: str) -> list[tuple[str, dict[str, Any]]]:
    """The database at head with the shipped catalogue and the sample rows of every table."""
    upgrade_database(url, quiet=True)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            return write_samples(connection, catalogue=False)
    finally:
        engine.dispose()


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of a backup file, decoded, per table (what the file says the database held)."""
    reader = BackupReader(path)
    reader.check()
    return {
        section.table.name: [row for batch in section.batches for row in batch]
        for section in reader.tables(1000)
    }


def _one_line(result: Result) -> str:
    assert result.code == 2, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


def _count(url: str, table: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_a_round_trip_across_backends_gives_the_same_data(
    db_url: str, other_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    written = _filled(db_url)
    first, second = tmp_path / "first.rwbak", tmp_path / "second.rwbak"
    backed = redwood("db", "backup", str(first), "--db", db_url, "--format", "json")
    assert backed.code == 0, backed.err
    summary = backed.json()
    assert summary["schema"] == migrate.head()
    assert summary["tables"]["sets"] == 6
    assert summary["rows"] == sum(summary["tables"].values())
    restored = redwood("db", "restore", str(first), "--db", other_url, "--format", "json")
    assert restored.code == 0, restored.err
    assert restored.json()["tables"] == summary["tables"]
    assert redwood("db", "backup", str(second), "--db", other_url).code == 0
    assert _rows(second) == _rows(first)
    engine = make_engine(other_url)
    try:
        assert migrate.current(engine) == migrate.head()
        with engine.begin() as connection:
            assert_samples_kept(connection, written)
            # sequences (PostgreSQL) continue after the restored ids
            connection.execute(text("INSERT INTO athletes (name) VALUES ('Caro')"))
            new_id = connection.execute(
                text("SELECT id FROM athletes WHERE name = 'Caro'")
            ).scalar_one()
            assert new_id == 3
    finally:
        engine.dispose()
    back = redwood("db", "restore", str(second), "--db", db_url, "--force")
    assert back.code == 0, back.err
    third = tmp_path / "third.rwbak"
    assert redwood("db", "backup", str(third), "--db", db_url).code == 0
    assert _rows(third) == _rows(first)


def test_a_database_that_holds_data_is_refused_without_force(
    db_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    _filled(db_url)
    file = tmp_path / "b.rwbak"
    assert redwood("db", "backup", str(file), "--db", db_url).code == 0
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE athletes SET name = 'changed' WHERE id = 1"))
    finally:
        engine.dispose()
    line = _one_line(redwood("db", "restore", str(file), "--db", db_url))
    assert "--force" in line
    assert "6 sets" in line
    assert _count(db_url, "athletes WHERE name = 'changed'") == 1
    assert redwood("db", "restore", str(file), "--db", db_url, "--force").code == 0
    assert _count(db_url, "athletes WHERE name = 'changed'") == 0


def test_a_freshly_upgraded_database_counts_as_empty(
    db_url: str, other_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    _filled(db_url)
    file = tmp_path / "b.rwbak"
    assert redwood("db", "backup", str(file), "--db", db_url).code == 0
    upgrade_database(other_url, quiet=True)  # only the shipped catalogue
    result = redwood("db", "restore", str(file), "--db", other_url)
    assert result.code == 0, result.err
    assert _count(other_url, "sets") == 6


def test_a_backup_from_an_older_revision_is_restored_and_upgraded(
    db_url: str, other_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    older = migrate.revisions()[1]
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine, older)
        with engine.begin() as connection:
            written = write_samples(connection)
    finally:
        engine.dispose()
    file = tmp_path / "old.rwbak"
    backed = redwood("db", "backup", str(file), "--db", db_url, "--format", "json")
    assert backed.code == 0, backed.err
    assert backed.json()["schema"] == older
    assert BackupReader(file).header.revision == older
    restored = redwood("db", "restore", str(file), "--db", other_url, "--format", "json")
    assert restored.code == 0, restored.err
    assert restored.json()["schema"] == f"{older} -> {migrate.head()}"
    target = make_engine(other_url)
    try:
        assert migrate.current(target) == migrate.head()
        with target.connect() as connection:
            # the restore syncs the shipped catalogue over the sample catalogue row
            assert_samples_kept(connection, [s for s in written if s[0] != "exercises"])
            assert_samples_kept(connection, [s for s in written if s[1].get("athlete_id")])
    finally:
        target.dispose()


def _forged(path: Path, revision: str, rows: list[list[Any]] | None = None) -> None:
    """A well-formed backup file (right checksum) with the given revision and athlete rows."""
    athletes = rows if rows is not None else [[7, "Forged"]]
    header = BackupHeader(
        revision=revision,
        created_at=datetime.now(UTC),
        backend="sqlite",
        tables=(
            TableHeader("athletes", (("id", Kind.INT), ("name", Kind.STR)), rows=len(athletes)),
        ),
    )
    with BackupWriter(path, header) as writer:
        for row in athletes:
            writer.row(row)
        writer.commit()


def test_a_backup_from_a_newer_schema_is_refused(
    db_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    file = tmp_path / "newer.rwbak"
    _forged(file, "9999")
    line = _one_line(redwood("db", "restore", str(file), "--db", db_url))
    assert "9999" in line
    assert "upgrade Redwood" in line
    assert migrate.current(db_url) is None


def _truncated(good: Path, bad: Path) -> None:
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 2])


def _tampered(good: Path, bad: Path) -> None:
    lines = gzip.decompress(good.read_bytes()).split(b"\n")
    lines[3] = lines[3].replace(b"1", b"2", 1)
    bad.write_bytes(gzip.compress(b"\n".join(lines)))


def _without_end(good: Path, bad: Path) -> None:
    lines = gzip.decompress(good.read_bytes()).rstrip(b"\n").split(b"\n")
    bad.write_bytes(gzip.compress(b"\n".join(lines[:-1]) + b"\n"))


def _junk(_good: Path, bad: Path) -> None:
    bad.write_bytes(b"\x00\x01 not a backup at all \xff" * 50)


def _gzipped_junk(_good: Path, bad: Path) -> None:
    bad.write_bytes(gzip.compress(b"id,name\n1,Ana\n"))


def _other_json(_good: Path, bad: Path) -> None:
    bad.write_bytes(gzip.compress(json.dumps({"format": "redwood-backup", "version": 1}).encode()))


def _future_layout(_good: Path, bad: Path) -> None:
    header = {"format": "redwood-database-backup", "version": 99, "tables": []}
    bad.write_bytes(gzip.compress(json.dumps(header).encode() + b"\n"))


def _empty(_good: Path, bad: Path) -> None:
    bad.write_bytes(b"")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (_truncated, "truncated"),
        (_tampered, "checksum"),
        (_without_end, "truncated"),
        (_junk, "not a Redwood database backup"),
        (_gzipped_junk, "not a Redwood database backup"),
        (_other_json, "unknown format"),
        (_future_layout, "version 99"),
        (_empty, "empty"),
    ],
)
def test_a_bad_file_is_one_line_and_the_target_is_untouched(
    db_url: str,
    redwood: Redwood,
    tmp_path: Path,
    damage: Callable[[Path, Path], None],
    expected: str,
) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    _filled(source)
    good, bad = tmp_path / "good.rwbak", tmp_path / "bad.rwbak"
    assert redwood("db", "backup", str(good), "--db", source).code == 0
    damage(good, bad)
    upgrade_database(db_url, quiet=True)
    line = _one_line(redwood("db", "restore", str(bad), "--db", db_url, "--force"))
    assert expected in line
    assert _count(db_url, "exercises") > 0  # the target is as it was
    assert _count(db_url, "sets") == 0


def test_missing_file_directory_and_empty_database(
    db_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    assert "no such backup file" in _one_line(
        redwood("db", "restore", str(tmp_path / "nope.rwbak"), "--db", db_url)
    )
    assert "directory" in _one_line(redwood("db", "restore", str(tmp_path), "--db", db_url))
    assert "directory" in _one_line(redwood("db", "backup", str(tmp_path), "--db", db_url))
    assert "nothing to back up" in _one_line(
        redwood("db", "backup", str(tmp_path / "x.rwbak"), "--db", db_url)
    )
    assert not (tmp_path / "x.rwbak").exists()
    assert "nosuchdb" in _one_line(
        redwood("db", "backup", str(tmp_path / "y.rwbak"), "--db", "nosuchdb://x")
    )
    assert not list(tmp_path.glob(".*partial*"))


def test_an_unwritable_place_and_an_unreachable_server_are_one_line(
    db_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    _filled(db_url)
    line = _one_line(
        redwood("db", "backup", str(tmp_path / "no" / "such" / "dir.rwbak"), "--db", db_url)
    )
    assert "cannot write" in line
    file = tmp_path / "b.rwbak"
    assert redwood("db", "backup", str(file), "--db", db_url).code == 0
    unreachable = "postgresql+psycopg://bob:s3cret@127.0.0.1:1/nowhere"
    for command in ("backup", "restore"):
        line = _one_line(redwood("db", command, str(file), "--db", unreachable))
        assert "cannot use the database at" in line
        assert "s3cret" not in line
    assert file.exists()  # a failed backup never touches an existing file


def test_a_restore_that_fails_half_way_leaves_the_target_as_it_was(
    db_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    written = _filled(db_url)
    file = tmp_path / "clash.rwbak"
    _forged(file, migrate.head(), rows=[[1, "One"], [1, "Same id twice"]])
    line = _one_line(redwood("db", "restore", str(file), "--db", db_url, "--force"))
    assert "cannot use the database" in line or "restore failed" in line
    engine = make_engine(db_url)
    try:
        assert migrate.current(engine) == migrate.head()
        with engine.connect() as connection:
            assert_samples_kept(connection, written)
    finally:
        engine.dispose()


def _session_with_sets(connection: Connection, on: date, sets: int) -> None:
    """One performed session of athlete 1 on `on` with `sets` working squat sets."""
    session_id = uuid.uuid4()
    connection.execute(
        PerformedSessionRow.__table__.insert(),
        {"id": session_id, "athlete_id": 1, "local_date": on},
    )
    connection.execute(
        SetRow.__table__.insert(),
        [
            {
                "id": uuid.uuid4(),
                "session_id": session_id,
                "athlete_id": 1,
                "exercise_id": "barbell-back-squat",
                "position": position,
                "set_type": "working",
                "reps": 5,
                "performed_at": datetime.now(UTC),
            }
            for position in range(sets)
        ],
    )


def test_the_backup_is_one_snapshot_while_sets_keep_being_logged(
    db_url: str, other_url: str, redwood: Redwood, tmp_path: Path
) -> None:
    """A writer commits (session + set) pairs all through the backup; the file holds whole
    pairs only, its counts match, and the writer was never blocked for long."""
    _filled(db_url)
    engine = make_engine(db_url)
    stop = threading.Event()
    commits: list[float] = []

    def write() -> None:
        while not stop.is_set():
            with engine.begin() as connection:
                _session_with_sets(connection, date(2026, 3, 5), 3)
            commits.append(time.monotonic())

    with engine.begin() as connection:  # enough rows that the backup takes a while
        for _ in range(40):
            _session_with_sets(connection, date(2026, 3, 4), 200)
    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(commits) < 3:
            time.sleep(0.01)
        file = tmp_path / "online.rwbak"
        started = time.monotonic()
        result = redwood("db", "backup", str(file), "--db", db_url)
        ended = time.monotonic()
        time.sleep(0.2)
    finally:
        stop.set()
        writer.join()
        engine.dispose()
    assert result.code == 0, result.err
    during = [at for at in commits if started <= at <= ended]
    assert during, "no set was logged while the backup ran: the backup blocked the writer"
    rows = _rows(file)
    sessions = {row["id"] for row in rows["performed_sessions"]}
    sets = rows["sets"]
    assert {row["session_id"] for row in sets} <= sessions
    per_session: dict[Any, int] = {}
    for row in sets:
        per_session[row["session_id"]] = per_session.get(row["session_id"], 0) + 1
    logged = {row["id"] for row in rows["performed_sessions"] if row["local_date"].day == 5}
    assert logged, "the snapshot holds none of the writer's sessions"
    assert all(per_session.get(session_id) == 3 for session_id in logged)  # whole pairs only
    assert _count(db_url, "sets") > len(sets)  # the writer went on after the snapshot
    assert redwood("db", "restore", str(file), "--db", other_url).code == 0
    target = make_engine(other_url)
    try:
        with target.connect() as connection:
            stored = connection.execute(select(func.count()).select_from(SetRow)).scalar_one()
    finally:
        target.dispose()
    assert stored == len(sets)


def test_every_db_command_takes_db(db_url: str, redwood: Redwood) -> None:
    assert redwood("db", "upgrade", "--quiet", "--db", db_url) == Result(0, "", "")
    current = redwood("db", "current", "--db", db_url, "--format", "json").json()
    assert current["current"] == migrate.head()
    assert current["url"].split("?")[0] == db_url.split("?")[0]
    previous = migrate.revisions()[-2]
    down = redwood("db", "downgrade", previous, "--yes", "--db", db_url)
    assert down.code == 0, down.err
    assert migrate.current(db_url) == previous
