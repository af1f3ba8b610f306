"""`redwood --help` and each command's help start without the database layer, the web
stack or the program files: the CLI modules import the services a command needs inside
the command, so asking what the commands are stays a fraction of a second."""

from __future__ import annotations

import subprocess
import sys

import pytest

LOADED_AT_EXIT = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('\\n'.join(sorted(sys.modules)), file=sys.stderr))\n"
    "sys.argv = ['redwood', *sys.argv[1:]]\n"
    "from redwood.cli.app import main\n"
    "main()\n"
)
HEAVY = ("sqlalchemy", "alembic", "fastapi", "yaml", "redwood.store", "redwood.planner")


def _modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED_AT_EXIT, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Usage" in done.stdout
    return set(done.stderr.split())


COMMANDS = [
    "welcome",
    "plan",
    "today",
    "status",
    "import",
    "serve",
    "progress",
    "review",
    "backtest",
    "exercises",
    "calc",
    "guide",
    "db",
    "program",
    "settings",
    "log",
    "checkin",
    "bodyweight",
    "export",
    "chart",
]


@pytest.mark.parametrize("args", [["--help"], *([name, "--help"] for name in COMMANDS)])
def test_help_leaves_the_heavy_layers_unloaded(args: list[str]) -> None:
    loaded = _modules_after(*args)
    assert "typer" in loaded  # the probe sees what was imported
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(f"{h}.") for h in HEAVY))
    assert heavy == []
