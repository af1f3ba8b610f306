"""The `redwood plan` questionnaire driven through a real pseudo-terminal, as a person would:
prompts with defaults, wrong answers asked again, the program with its reasons, and the offer
to make it the active program. Every wait is bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.terminal import WAIT, Terminal, running, user_env

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh user: their own data directory, the default database."""
    return user_env(XDG_DATA_HOME=str(tmp_path / "data"))


@pytest.fixture
def terminal(env: dict[str, str]) -> Iterator[Terminal]:
    with running(["plan"], env) as term:
        yield term


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
