"""Running `redwood` in process, the way a user's shell would, and capturing what it prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from redwood.cli.app import main
from redwood.services.database import dispose_engines
from redwood.settings import get_settings


@dataclass(frozen=True)
class Result:
    """What one `redwood ...` invocation printed and how it exited."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(autouse=True)
def isolated_data_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Every CLI test gets its own data directory, so none touches the user's database."""
    home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield home
    dispose_engines()
    get_settings.cache_clear()


@pytest.fixture
def redwood(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Call as `redwood("calc", "e1rm", "100kg", "5")`; returns exit code and output."""

    def run(*args: str) -> Result:
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
