"""Running `redwood` in process, the way a user's shell would, and capturing what it prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from redwood.cli.app import main


@dataclass(frozen=True)
class Result:
    """What one `redwood ...` invocation printed and how it exited."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


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
