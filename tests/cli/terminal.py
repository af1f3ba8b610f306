"""A child process on a real pseudo-terminal, for driving interactive commands as a
person would: read what it shows, type answers. Every wait is bounded."""

from __future__ import annotations

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
from contextlib import contextmanager

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


def user_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh user at a colour terminal: no REDWOOD_ settings from the
    test run leak in; `extra` sets what the test needs (a data directory, a database)."""
    out = {key: value for key, value in os.environ.items() if not key.startswith("REDWOOD_")}
    out.update({"TERM": "xterm", "COLUMNS": "200", **extra})
    out.pop("NO_COLOR", None)
    return out


@contextmanager
def running(args: list[str], env: dict[str, str]) -> Iterator[Terminal]:
    """`python -m redwood ARGS` on a pseudo-terminal, killed at the end whatever happens."""
    term = Terminal([sys.executable, "-m", "redwood", *args], env)
    try:
        yield term
    finally:
        term.close()
