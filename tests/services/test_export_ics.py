"""The active program as .ics on SQLite and PostgreSQL: parsed back with icalendar, one event
per planned session on its weekday from the start Monday, UIDs unique and identical across
exports (so calendars update instead of duplicating), every exercise in the description, and
supersets marked by the pure writer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from redwood.domain.program import program_from_dict
from redwood.io.exporters.calendar import program_calendar
from redwood.services import athletes, catalogue, planning
from redwood.services.errors import ServiceError
from redwood.services.exports import export_ics
from tests.services.test_identity import PROFILE


def _events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).events)


def test_the_program_on_the_calendar(db_url: str, tmp_path: Path) -> None:
    athletes.set_timezone("America/New_York", db_url)
    program = planning.plan(PROFILE)
    program_id = planning.save_program(program, activate=True, url=db_url)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    start = date(2026, 3, 4)  # a Wednesday: week 1 is its Monday, 2026-03-02
    result = export_ics(first, start=start, url=db_url)
    assert export_ics(second, start=start, url=db_url)["sessions"] == result["sessions"]
    assert first.read_bytes() == second.read_bytes()

    planned = [(week, session) for week in program.weeks for session in week.sessions]
    events = _events(first)
    assert result == {
        "file": str(first),
        "program": program_id,
        "start": "2026-03-02",
        "sessions": len(planned),
    }
    assert len(events) == len(planned) > 0
    uids = [str(event["uid"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(event["uid"]) for event in _events(second)]
    assert uids[0] == f"redwood-{program_id}-w1-s0@redwood.local"
    zone = ZoneInfo("America/New_York")
    names = catalogue.catalogue()
    for event, (week, session) in zip(events, planned, strict=True):
        day = date(2026, 3, 2) + timedelta(days=7 * (week.index - 1) + session.weekday.number)
        begins = event.start
        assert begins == datetime.combine(day, time(18, 0), tzinfo=zone)
        assert event["dtstart"].params["TZID"] == "America/New_York"
        assert event.end - begins == timedelta(minutes=session.estimated_minutes)
        assert str(event["summary"]) == f"{session.title} (week {week.index}, {week.kind})"
        text = str(event["description"])
        for item in session.prescriptions():
            exercise = names.get(item.exercise)
            assert exercise is not None
            assert f"{exercise.name}: {item.sets} x " in text
            assert f"@ {item.rir} RIR" in text

    moved = export_ics(tmp_path / "c.ics", start=None, url=db_url)
    assert moved["sessions"] == len(planned)
    assert [str(e["uid"]) for e in _events(tmp_path / "c.ics")] == uids


def test_no_active_program_is_refused(db_url: str, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    with pytest.raises(ServiceError, match=r"^program: no active program to export"):
        export_ics(target, start=None, url=db_url)
    assert not target.exists()


def test_supersets_and_rests_in_the_description() -> None:
    item = {"sets": 3, "reps_min": 8, "reps_max": 8, "rir": 2, "rest_seconds": 45}
    session = {
        "weekday": "fri",
        "title": "Pull",
        "kind": "upper",
        "regions": [],
        "estimated_minutes": 0,
        "blocks": [
            {
                "type": "superset",
                "pair_rest_seconds": 120,
                "exercises": [{"exercise": "row", **item}, {"exercise": "curl", **item}],
            }
        ],
    }
    program = program_from_dict(
        {
            "schema": "redwood.program/1",
            "profile": PROFILE_DICT,
            "weeks": [{"index": 2, "block": 1, "kind": "deload", "sessions": [session]}],
        }
    )
    content = program_calendar(
        program,
        program_id=7,
        name="Redwood",
        starts_on=date(2026, 3, 2),
        zone=ZoneInfo("UTC"),
        name_of=str.upper,
        stamp=datetime(2026, 1, 1, tzinfo=UTC),
    )
    (event,) = icalendar.Calendar.from_ical(content).events
    assert str(event["uid"]) == "redwood-7-w2-s0@redwood.local"
    assert event.start.date() == date(2026, 3, 13)
    assert event.end - event.start == timedelta(minutes=60)
    assert str(event["description"]).splitlines()[2:] == [
        "1a. ROW: 3 x 8 @ 2 RIR, rest 45 s (superset)",
        "1b. CURL: 3 x 8 @ 2 RIR, rest 45 s (superset)",
        "    rest 2:00 after each round",
    ]
    with pytest.raises(ValueError, match="aware"):
        program_calendar(
            program,
            program_id=7,
            name="Redwood",
            starts_on=date(2026, 3, 2),
            zone=ZoneInfo("UTC"),
            name_of=str,
            stamp=datetime(2026, 1, 1),
        )


PROFILE_DICT = planning.plan(PROFILE).profile.to_dict()
