"""The `redwood plan` questionnaire driven through a real pseudo-terminal, as a person would:
prompts with defaults, wrong answers asked again, the program with its reasons, and the offer
to make it the active program. Every wait is bounded."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\r")
WAIT = 60.0


class Terminal:
    """A child process on a pseudo-terminal: read what it shows, type answers."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        import fcntl
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.seen = ""
        self.start = 0

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not chunk:
            return False
        self.seen += ANSI.sub("", chunk.decode("utf-8", "replace"))
        return True

    def expect(self, text: str, timeout: float = WAIT) -> str:
        """Wait until `text` appears after what was already matched; what came before it."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.start :]:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 0.5)):
                if text in self.seen[self.start :]:
                    break
                tail = self.seen[self.start :][-1500:]
                raise AssertionError(f"{text!r} did not appear; the terminal shows:\n{tail}")
        at = self.seen.index(text, self.start)
        before = self.seen[self.start : at]
        self.start = at + len(text)
        return before

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def finish(self, timeout: float = WAIT) -> int:
        """Read to the end and return the exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(0.5):
            if self.process.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
        return self.process.wait(timeout=max(1.0, deadline - time.monotonic()))

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        os.close(self.master)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh user: their own data directory, the default database."""
    out = {key: value for key, value in os.environ.items() if not key.startswith("REDWOOD_")}
    out.update({"XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm", "COLUMNS": "200"})
    out.pop("NO_COLOR", None)
    return out


@pytest.fixture
def terminal(env: dict[str, str]) -> Iterator[Terminal]:
    term = Terminal([sys.executable, "-m", "redwood", "plan"], env)
    try:
        yield term
    finally:
        term.close()


def test_the_questionnaire_plans_explains_and_activates(
    terminal: Terminal, env: dict[str, str]
) -> None:
    terminal.expect("Goal [strength/hypertrophy/endurance/general] (hypertrophy):")
    terminal.type("strength")
    terminal.expect("Level [beginner/intermediate/advanced] (intermediate):")
    terminal.type("")
    terminal.expect("Days a week (2-6), or the exact days (e.g. mon,thu) (3):")
    terminal.type("9")
    terminal.expect("days a week must be a whole number from 2 to 6")
    terminal.type("mon,thu")
    terminal.expect("Minutes per session (20-120) (60):")
    terminal.type("150")
    terminal.expect("minutes must be a whole number from 20 to 120")
    terminal.type("50")
    terminal.expect("Where do you train [gym/home/outdoor] (gym):")
    terminal.type("home")
    terminal.expect("Equipment you have (comma-separated) (bands,dumbbells,none,pullup_bar):")
    terminal.type("dumbbells,kettlebells")
    terminal.expect("equipment: unknown 'kettlebells'")
    terminal.type("")
    terminal.expect("Priority [legs/back/balanced] (balanced):")
    terminal.type("legs")
    terminal.expect("Limitations (e.g. lower_back,knee) or none (none):")
    terminal.type("lower_back")
    terminal.expect("Program length in weeks (4-16) (8):")
    terminal.type("")
    shown = terminal.expect("Make this your active program? [y/n] (y):")
    assert "Week 1" in shown
    assert "Why this program" in shown
    assert "Back & Legs A" in shown
    assert "--weekdays mon,thu --minutes 50 --setting home" in " ".join(shown.split())
    terminal.type("y")
    terminal.expect("Saved as program 1: it is now your active program.")
    assert terminal.finish() == 0

    listed = subprocess.run(
        [sys.executable, "-m", "redwood", "program", "show", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=True,
    )
    profile = json.loads(listed.stdout)["profile"]
    assert profile["goal"] == "strength"
    assert profile["weekdays"] == ["mon", "thu"]
    assert profile["session_minutes"] == 50
    assert profile["setting"] == "home"
    assert profile["limitations"] == ["lower_back"]


def test_declining_saves_nothing(terminal: Terminal, env: dict[str, str]) -> None:
    for prompt in ("Goal", "Level", "Days a week", "Minutes", "Where", "Equipment"):
        terminal.expect(prompt)
        terminal.type("")
    for prompt in ("Priority", "Limitations", "Program length"):
        terminal.expect(prompt)
        terminal.type("")
    terminal.expect("Make this your active program?")
    terminal.type("n")
    terminal.expect("Not saved.")
    assert terminal.finish() == 0
    listed = subprocess.run(
        [sys.executable, "-m", "redwood", "program", "list", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=True,
    )
    assert json.loads(listed.stdout) == []


def test_end_of_input_aborts_without_a_traceback(terminal: Terminal) -> None:
    terminal.expect("Goal")
    os.write(terminal.master, b"\x04")
    terminal.expect("redwood: aborted")
    assert terminal.finish() == 130
    assert "Traceback" not in terminal.seen


def test_without_a_terminal_it_says_which_flags_are_required(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "redwood", "plan"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "missing --goal, --level, --days (or --weekdays), --minutes, --setting" in result.stderr
