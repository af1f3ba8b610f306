"""`redwood checkin`: flags, one-line refusals, the list, and the questions asked on a real
pseudo-terminal when no flag is given (Enter skips, wrong answers are asked again)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from redwood.services.athletes import system_timezone
from tests.cli.conftest import Result
from tests.cli.terminal import WAIT, Terminal, running, user_env

Run = Callable[..., Result]


def test_flags_record_a_check_in(redwood: Run) -> None:
    args = ("--sleep", "6.5", "--soreness", "4", "--energy", "2", "--pain", "knee,lower_back")
    result = redwood("checkin", *args, "--note", "long day", "--date", "2024-03-04", "-f", "json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["date"] == "2024-03-04"
    assert data["sleep_hours"] == 6.5
    assert (data["soreness"], data["energy"]) == (4, 2)
    assert data["pain_where"] == ["knee", "lower_back"]
    assert data["note"] == "long day"
    table = redwood("checkin", "--sleep", "8", "-f", "table")
    assert table.out.startswith("Check-in for ")
    assert table.out.endswith(": slept 8 h.\n")


def test_check_ins_are_listed_newest_first(redwood: Run) -> None:
    redwood("checkin", "--soreness", "2", "--date", "2024-03-01")
    redwood("checkin", "--soreness", "3", "--date", "2024-03-04")
    listed = redwood("checkin", "list", "-f", "json").json()
    assert [row["soreness"] for row in listed] == [3, 2]
    window = redwood("checkin", "list", "--to", "2024-03-02", "-f", "json").json()
    assert [row["date"] for row in window] == ["2024-03-01"]
    table = redwood("checkin", "list", "-f", "table")
    assert "2024-03-04" in table.out
    assert "soreness" in table.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--sleep", "25"), "sleep: must be 0-24 hours (got 25)"),
        (("--soreness", "6"), "soreness: must be a whole number from 1 to 5"),
        (("--energy", "high"), "energy: must be a whole number from 1 to 5"),
        (("--pain", "knee,toe"), "pain: unknown area 'toe' (use lower_back, knee"),
        (("--soreness", "2", "--date", "2999-01-01"), "date: 2999-01-01 is in the future"),
        ((), "give at least one of --sleep, --soreness, --energy, --pain, --note"),
        (("--sleep", "7", "list"), "give the check-in flags without 'list'"),
    ],
)
def test_bad_answers_are_one_line_exit_2(redwood: Run, args: tuple[str, ...], message: str) -> None:
    result = redwood("checkin", *args)
    assert result.code == 2
    assert result.err.startswith("redwood: ")
    assert result.err.count("\n") == 1
    assert message in result.err
    assert redwood("checkin", "list", "-f", "json").json() == []


# ---- the questions, on a pseudo-terminal ---------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh user: their own data directory, the default database."""
    return user_env(XDG_DATA_HOME=str(tmp_path / "data"))


@pytest.fixture
def terminal(env: dict[str, str]) -> Iterator[Terminal]:
    with running(["checkin"], env) as term:
        yield term


def _listed(env: dict[str, str]) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "redwood", "checkin", "list", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=True,
    )
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


@pytest.mark.slow
def test_the_questions_skip_on_enter_and_ask_again_when_wrong(
    terminal: Terminal, env: dict[str, str]
) -> None:
    terminal.expect("Check-in: press Enter to skip a question.")
    terminal.expect("Hours of sleep last night (0-24):")
    terminal.type("25")
    terminal.expect("sleep: must be 0-24 hours (got 25)")
    terminal.type("7.5")
    terminal.expect("Soreness 1-5 (1 none, 5 very sore):")
    terminal.type("")
    terminal.expect("Energy 1-5 (1 drained, 5 great):")
    terminal.type("4")
    terminal.expect("or Enter for none:")
    terminal.type("toe")
    terminal.expect("pain: unknown area 'toe'")
    terminal.type("knee")
    terminal.expect("A note:")
    terminal.type("")
    today = datetime.now(ZoneInfo(system_timezone())).date().isoformat()
    terminal.expect(f"Check-in for {today}: slept 7.5 h, energy 4/5, pain: knee.")
    assert terminal.finish() == 0
    [row] = _listed(env)
    assert (row["sleep_hours"], row["soreness"], row["energy"]) == (7.5, None, 4)
    assert row["pain_where"] == ["knee"]


@pytest.mark.slow
def test_skipping_every_question_records_nothing(terminal: Terminal, env: dict[str, str]) -> None:
    for prompt in ("Hours of sleep", "Soreness", "Energy", "Pain?", "A note"):
        terminal.expect(prompt)
        terminal.type("")
    terminal.expect("Nothing recorded.")
    assert terminal.finish() == 0
    assert _listed(env) == []


@pytest.mark.slow
def test_end_of_input_aborts_without_a_traceback(terminal: Terminal) -> None:
    terminal.expect("Hours of sleep")
    os.write(terminal.master, b"\x04")
    terminal.expect("redwood: aborted")
    assert terminal.finish() == 130
    assert "Traceback" not in terminal.seen
