"""`redwood log`: the session runner driven through a real pseudo-terminal, as a person would.

The athlete warms up, accepts pre-filled sets with Enter, types what they did, flags form
breaking down, alternates a superset, swaps an exercise for a substitute, undoes a set,
skips the rest, and gets a summary with a new record. Every set is in the log afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from redwood.domain.program import Block, BlockType, PlannedSession, Prescription
from redwood.services import athletes, logbook, planning
from tests.cli.terminal import Terminal, running, user_env
from tests.coach.builders import program, session

pytestmark = pytest.mark.slow


def _monday() -> date:
    today = datetime.now(UTC).date()
    return today - timedelta(days=today.weekday() + 7)


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A database with a program whose Monday has squats then a leg curl + pulldown superset,
    and one earlier squat session (so the squat has loads and the others calibrate)."""
    url = f"sqlite:///{tmp_path / 'redwood.db'}"
    monday = _monday()
    first = session("mon", exercises=(("barbell-back-squat", 3, 5, 8, 2),))
    pair = Block(
        BlockType.SUPERSET,
        (
            Prescription("lying-leg-curl", 2, 10, 15, 2, 90),
            Prescription("lat-pulldown", 2, 8, 12, 2, 120),
        ),
        30,
    )
    day = PlannedSession(
        first.weekday, first.title, first.kind, first.regions, 50, (*first.blocks, pair)
    )
    document = program([[day, session("thu", label="B")]] * 4).to_dict()
    athletes.set_timezone("UTC", url)
    program_id = planning.save_document(
        document, name="runner", profile=None, seed=None, activate=False, url=url
    )
    planning.activate_program(program_id, url, starts_on=monday)
    earlier = (monday - timedelta(days=7)).isoformat()
    logbook.add_line(f"{earlier} squat 100kg 8,8,8 rir2", today=monday, url=url)
    return url


@pytest.fixture
def terminal(url: str) -> Iterator[Terminal]:
    args = ["log", "--date", _monday().isoformat(), "--rest-scale", "0.005"]
    with running(args, user_env(REDWOOD_DATABASE_URL=url)) as term:
        yield term


def _answer(terminal: Terminal, shown: str, typed: str) -> str:
    """Wait for a set prompt that shows `shown`, then type `typed`; what came before."""
    before = terminal.expect("] > ")
    assert shown in before.splitlines()[-2] + before.splitlines()[-1], before[-300:]
    terminal.type(typed)
    return before


def test_a_whole_session_at_the_terminal(terminal: Terminal, url: str) -> None:
    terminal.expect("Back & Legs A - week 1 (build)")
    terminal.expect("Press Enter when warmed up")
    terminal.type("")
    for _ in range(4):  # the ramp to 105 kg: bar, then three steps, each pre-filled
        _answer(terminal, "warm-up", "")
    _answer(
        terminal, "set 1 of 3: 105 kg x 5-8 @ RIR 2  [25 kg + 15 kg + 2.5 kg per side]", "105 7 @8"
    )
    terminal.expect("logged 105 kg x 7 @8")
    terminal.expect("Rest 0:0")
    terminal.expect("Rest over.")
    _answer(terminal, "set 2 of 3", "form")
    terminal.expect("Form broke down on Barbell Back Squat: one set fewer")
    _answer(terminal, "set 2 of 3: 105 kg x 5-8 @ RIR 3", "")
    terminal.expect("logged 105 kg x 5 rir 3")
    # the superset: leg curl and pulldown alternate; neither has history, so calibrate
    _answer(terminal, "Lying Leg Curl (superset) - find your load", "")
    terminal.expect("Type the load you used with the reps")
    _answer(terminal, "Lying Leg Curl (superset) - find your load", "40kg 12")
    terminal.expect("Next: Lat Pulldown")
    _answer(terminal, "Lat Pulldown (superset)", "swap")
    terminal.expect("1. Machine Lat Pulldown")
    terminal.expect("Swap to which?")
    terminal.type("1")
    terminal.expect("Lat Pulldown swapped for Machine Lat Pulldown")
    _answer(terminal, "Machine Lat Pulldown (superset)", "50kg 10")
    _answer(terminal, "Lying Leg Curl (superset)", "undo")
    terminal.expect("Last set removed")
    _answer(terminal, "Machine Lat Pulldown (superset)", "52.5kg 10 rir1")
    _answer(terminal, "Lying Leg Curl (superset)", "bogus input")
    terminal.expect("('?' for help)")
    _answer(terminal, "Lying Leg Curl (superset)", "skip")
    terminal.expect("Skipped the rest of Lying Leg Curl")
    _answer(terminal, "Machine Lat Pulldown (superset) - find your load: 52.5 kg", "done")
    summary = terminal.expect("Cool-down:")
    assert "Done: 8 sets (4 hard)" in summary
    assert "New heaviest load on Barbell Back Squat: 105 kg (was 100 kg)." in summary
    assert "quads" in summary
    assert terminal.finish() == 0
    listed = logbook.list_sets(start=_monday(), end=_monday(), limit=50, url=url)["items"]
    done = sorted((s["exercise"], s["set_type"], s["reps"], s["load_kg"]) for s in listed)
    assert ("machine-lat-pulldown", "working", 10, 52.5) in done
    assert ("machine-lat-pulldown", "working", 10, 50.0) not in done
    assert ("lying-leg-curl", "working", 12, 40.0) in done
    assert len([d for d in done if d[0] == "barbell-back-squat"]) == 6


def test_a_rest_day_says_so_and_logs_nothing(url: str) -> None:
    tuesday = _monday() + timedelta(days=1)
    logbook.add_line(f"{_monday().isoformat()} squat 100kg 5", today=_monday(), url=url)
    with running(
        ["log", "--date", tuesday.isoformat()], user_env(REDWOOD_DATABASE_URL=url)
    ) as term:
        term.expect("Rest")
        term.expect("redwood log add")
        assert term.finish() == 0


def test_a_future_date_is_refused(url: str) -> None:
    later = (datetime.now(UTC).date() + timedelta(days=3)).isoformat()
    with running(["log", "--date", later], user_env(REDWOOD_DATABASE_URL=url)) as term:
        term.expect(f"redwood: date: {later} is in the future")
        assert term.finish() == 2
