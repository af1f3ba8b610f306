"""The exporters' writers without a database: deterministic backup JSON, streamed lists, and
the Strong layout's rows (set order tags, rest timers, units, names)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

from redwood.catalog import load_catalogue
from redwood.domain.logbook import LoggedSet, PerformedSession
from redwood.domain.mass import Unit
from redwood.domain.vocab import SetType
from redwood.io.exporters import SetRows, dumps, strong_name, write_backup

START = datetime(2024, 3, 4, 17, 2, 13, tzinfo=UTC)
SESSION = PerformedSession(
    id=UUID(int=1),
    local_date=date(2024, 3, 4),
    title="Legs, heavy",
    source="log",
    started_at=START,
    ended_at=START + timedelta(minutes=65),
    notes="Felt\ngood",
)


def _set(position: int, kind: SetType, load: str | None, **extra: object) -> LoggedSet:
    values: dict[str, object] = {
        "reps": 5,
        "rpe": None,
        "rir": None,
        "seconds": None,
        "distance_m": None,
        "rest_seconds": None,
        "note": None,
    }
    values.update(extra)
    return LoggedSet(
        id=UUID(int=100 + position),
        session_id=SESSION.id,
        exercise_id="barbell-back-squat",
        position=position,
        set_type=kind,
        load_kg=None if load is None else Decimal(load),
        performed_at=START + timedelta(seconds=position),
        created_at=START,
        updated_at=START,
        version=1,
        **values,  # type: ignore[arg-type]
    )


def test_backup_json_is_deterministic_and_streams_lists() -> None:
    def sessions() -> object:
        yield {"id": UUID(int=1), "load_kg": Decimal("102.500"), "on": date(2024, 1, 2)}
        yield {"id": UUID(int=2), "load_kg": Decimal("100"), "sets": []}

    out = io.StringIO()
    sections = [("schema", "redwood.backup/1"), ("sessions", sessions()), ("empty", iter([]))]
    write_backup(out, sections)
    text = out.getvalue()
    parsed = json.loads(text)
    expected = {
        "schema": "redwood.backup/1",
        "sessions": [
            {"id": str(UUID(int=1)), "load_kg": 102.5, "on": "2024-01-02"},
            {"id": str(UUID(int=2)), "load_kg": 100, "sets": []},
        ],
        "empty": [],
    }
    assert parsed == expected
    assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert dumps({"name": "Ана"}) == '{\n  "name": "Ана"\n}'


def test_strong_rows_follow_s1() -> None:
    squat = load_catalogue().get("barbell-back-squat")
    assert squat is not None
    assert strong_name(squat) == "Squat (Barbell)"
    out = io.StringIO()
    rows = SetRows(out, "strong", Unit.LB, ZoneInfo("Europe/Berlin"))
    rows.write(SESSION, _set(0, SetType.WARMUP, "61.235"), squat)
    rows.write(
        SESSION, _set(1, SetType.WORKING, "102.058", rpe=Decimal("8.0"), rest_seconds=180), squat
    )
    rows.write(SESSION, _set(2, SetType.WORKING, None, note='paused, "slow"'), squat)
    rows.write(SESSION, _set(3, SetType.DROP, "80"), squat)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE"
    )
    body = out.getvalue().split("\n", 1)[1]
    assert body.startswith(
        '2024-03-04 18:02:13,"Legs, heavy",1h 5m,Squat (Barbell),W,135,5,,,,"Felt\ngood",\n'
    )
    assert '1,225,5,,,,"Felt\ngood",8\n' in body
    assert 'Rest Timer,,,,180,,"Felt\ngood",\n' in body
    assert '2,0,5,,,"paused, ""slow""","Felt\ngood",\n' in body
    assert ",D,176.37," in body  # 80 kg in pounds, to the hundredth
    assert rows.rows == 5


def test_redwood_rows_keep_everything() -> None:
    squat = load_catalogue().get("barbell-back-squat")
    assert squat is not None
    out = io.StringIO()
    rows = SetRows(out, "redwood", Unit.KG, ZoneInfo("UTC"))
    rows.write(SESSION, _set(0, SetType.WORKING, "102.500", rir=Decimal("2.0")), squat)
    (record,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert record["load_kg"] == "102.5"
    assert record["rir"] == "2"
    assert record["set_id"] == str(UUID(int=100))
    assert record["exercise_name"] == "Barbell Back Squat"
