"""`redwood today`, `redwood status`, `redwood guide` and `redwood settings` from the shell."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from redwood.services import planning
from tests.cli.conftest import Result
from tests.coach.builders import program, session

Redwood = Callable[..., Result]
EXERCISES = (
    ("barbell-back-squat", 3, 5, 8, 2),
    ("pull-up", 3, 6, 10, 2),
    ("one-arm-dumbbell-row", 3, 8, 12, 2),
)


def _activate(redwood: Redwood) -> date:
    """Store a Monday/Thursday program (hand-made, so its exercises are known) and make it
    active from the Monday two weeks ago; that Monday."""
    doc = program(
        [[session("mon", exercises=EXERCISES), session("thu", label="B", exercises=EXERCISES)]] * 4
    ).to_dict()
    assert redwood("settings", "timezone", "UTC").code == 0
    program_id = planning.save_document(doc, name="test", profile=None, seed=None, activate=False)
    today = datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday() + 14)
    got = redwood(
        "program", "activate", str(program_id), "--start", monday.isoformat(), "-f", "json"
    )
    assert got.code == 0, got.err
    assert got.json()["starts_on"] == monday.isoformat()
    return monday


def test_today_gives_loads_rounded_to_plates_with_plates_per_side(
    redwood: Redwood, tmp_path: Path
) -> None:
    monday = _activate(redwood)
    before = (monday - timedelta(days=7)).isoformat()
    assert redwood("log", "add", f"{before} back squat 100kg 8,8,8 rir2").code == 0
    assert redwood("log", "add", f"{before} one-arm dumbbell row 20kg 12,12,12 rir2").code == 0
    got = redwood("today", "--date", monday.isoformat(), "--format", "json")
    assert got.code == 0, got.err
    data = got.json()
    assert {"date", "session", "adjustments", "stalls", "warnings"} <= set(data)
    assert data["date"] == monday.isoformat()
    exercises = {e["exercise"]: e for e in data["session"]["exercises"]}
    squat = exercises["barbell-back-squat"]
    assert {"exercise", "sets", "rule", "reason"} <= set(squat)
    working = [s for s in squat["sets"] if s["type"] == "working"]
    assert len(working) == 3
    for s in working:
        assert {"type", "reps_min", "reps_max", "rir", "load_kg", "plates_per_side"} <= set(s)
        assert s["load_kg"] == 105.0
        assert s["plates_per_side"] == [25.0, 15.0, 2.5]
    warmups = [s for s in squat["sets"] if s["type"] == "warmup"]
    assert warmups[0]["load_kg"] == 20.0
    assert warmups[0]["plates_per_side"] == []
    row = [s for s in exercises["one-arm-dumbbell-row"]["sets"] if s["type"] == "working"]
    assert all(s["plates_per_side"] is None for s in row)
    assert row[0]["load_kg"] in {20.0, 22.5}
    pullup = exercises["pull-up"]
    assert all(s["load_kg"] is None for s in pullup["sets"])
    assert data["session"]["warmup"]["drills"]
    assert data["session"]["cooldown"]


def test_today_in_pounds(redwood: Redwood, tmp_path: Path) -> None:
    monday = _activate(redwood)
    assert redwood("settings", "unit", "lb").code == 0
    before = (monday - timedelta(days=7)).isoformat()
    assert redwood("log", "add", f"{before} back squat 225lb 8,8,8 rir2").code == 0
    data = redwood("today", "--date", monday.isoformat(), "--format", "json").json()
    squat = next(e for e in data["session"]["exercises"] if e["exercise"] == "barbell-back-squat")
    working = [s for s in squat["sets"] if s["type"] == "working"]
    assert working[0]["load"] == "235 lb"
    assert working[0]["plates_per_side"] == [45.0, 45.0, 5.0]


def test_a_rest_day_suggests_active_recovery(redwood: Redwood, tmp_path: Path) -> None:
    monday = _activate(redwood)
    assert redwood("log", "add", f"{monday.isoformat()} back squat 100kg 8,8,8 rir2").code == 0
    data = redwood("today", "--date", (monday + timedelta(days=1)).isoformat()).json()
    assert data["rest_day"] is True
    assert data["session"] is None
    assert data["active_recovery"]
    assert data["next"]["date"] == (monday + timedelta(days=3)).isoformat()


def test_today_without_a_program_is_one_line(redwood: Redwood) -> None:
    got = redwood("today")
    assert got.code == 2
    assert got.err.strip() == (
        "redwood: no active program: make one with 'redwood plan ... --activate'"
    )


def test_bad_dates_are_one_line(redwood: Redwood) -> None:
    got = redwood("today", "--date", "next tuesday")
    assert got.code == 2
    assert "date: expected a date such as 2026-11-02" in got.err


def test_status_shows_recovery_and_the_next_session(redwood: Redwood, tmp_path: Path) -> None:
    monday = _activate(redwood)
    assert redwood("log", "add", f"{monday.isoformat()} back squat 100kg 8,8,8 rir2").code == 0
    data = redwood("status", "--date", monday.isoformat(), "--format", "json").json()
    quads = next(m for m in data["muscles"] if m["muscle"] == "quads")
    assert quads["readiness"] < 100
    assert quads["ready_at"] is not None
    assert data["next"]["date"] == (monday + timedelta(days=3)).isoformat()


def test_settings_change_and_refuse_in_one_line(redwood: Redwood) -> None:
    data = redwood("settings", "plates", "20,10,5,2.5", "--bar", "15kg", "--format", "json").json()
    assert data["bar"] == "15"
    assert data["plates"] == ["20", "10", "5", "2.5"]
    data = redwood("settings", "rule", "back squat", "two_for_two", "--format", "json").json()
    assert data["rules"] == {"barbell-back-squat": "two_for_two"}
    assert (
        redwood("settings", "cap", "2.5%", "--format", "json").json()["weekly_cap_percent"] == 2.5
    )
    bad = redwood("settings", "rule", "back squat", "sometimes")
    assert bad.code == 2
    assert bad.err.startswith("redwood: rule: use one of double_progression")
    assert redwood("settings", "timezone", "Mars/Olympus").code == 2
    assert (
        redwood("settings", "dumbbells", "2.5-30/2.5", "--format", "json").json()["dumbbells"][-1]
        == "30"
    )


def test_guide_gives_todays_advice(redwood: Redwood) -> None:
    assert redwood("bodyweight", "add", "80kg").code == 0
    data = redwood("guide", "--format", "json").json()
    topics = {line["topic"]: line["text"] for line in data["lines"]}
    assert "128 g" in topics["protein"]
    assert set(topics) >= {"protein", "sleep", "fluids", "rest"}
    text = " ".join(topics.values()).lower()
    for banned in ("activation", "hormone", "burn", "28%", "72%"):
        assert banned not in text
