"""`redwood db upgrade|current|downgrade` as a user runs them, on both backends."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from redwood.cli.app import main
from redwood.store import migrate


@dataclass(frozen=True)
class Run:
    """Exit code and what one `redwood ...` call printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_db(
    db_url: str, settings_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """Run `redwood ARGS...` in process against the test's database."""
    settings_env.setenv("REDWOOD_DATABASE_URL", db_url)
    return lambda *args: _run(capsys, *args)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


@pytest.mark.empty_database
def test_upgrade_then_current(run_db: Callable[..., Run], db_url: str) -> None:
    first = run_db("db", "upgrade")
    assert first.code == 0, first.err
    assert f"empty -> {migrate.head()}" in first.out
    assert "catalogue:" in first.out
    assert run_db("db", "upgrade", "--quiet") == Run(0, "", "")
    current = run_db("db", "current", "--format", "json")
    assert current.code == 0
    data = json.loads(current.out)
    assert data["current"] == data["head"] == migrate.head()
    assert data["up_to_date"] is True
    assert data["url"].split("?")[0] == db_url.split("?")[0]


@pytest.mark.empty_database
def test_current_of_an_empty_database(run_db: Callable[..., Run]) -> None:
    data = json.loads(run_db("db", "current", "--format", "json").out)
    assert data["current"] is None
    assert data["up_to_date"] is False


def test_downgrade_needs_yes(run_db: Callable[..., Run]) -> None:
    run_db("db", "upgrade", "--quiet")
    refused = run_db("db", "downgrade", "base")
    assert refused.code == 2
    assert "--yes" in refused.err
    done = run_db("db", "downgrade", "base", "--yes")
    assert done.code == 0, done.err
    assert f"{migrate.head()} -> empty" in done.out
    assert json.loads(run_db("db", "current", "--format", "json").out)["current"] is None


@pytest.mark.parametrize("command", [("db", "upgrade"), ("db", "current")])
@pytest.mark.parametrize(
    "url", ["nosuchdb://x", "postgresql+psycopg://bob:s3cret@127.0.0.1:1/nowhere"]
)
def test_a_bad_url_is_one_line_and_exit_2(
    url: str,
    command: tuple[str, ...],
    settings_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings_env.setenv("REDWOOD_DATABASE_URL", url)
    result = _run(capsys, *command)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("redwood: ")
    assert "Traceback" not in result.err
    assert "s3cret" not in result.err
