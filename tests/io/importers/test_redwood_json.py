"""Redwood's backup read back: exact decimals, and one line naming the line or field at fault."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from redwood.io.importers import ImportFileError
from redwood.io.importers.redwood_json import parse_backup, read_backup

SET = {
    "id": "0b3a6f1e-8f7b-4a53-9a3e-2f1c2b1d9e01",
    "exercise": "barbell-back-squat",
    "set_type": "working",
    "position": 0,
    "reps": 5,
    "load_kg": 102.058,
    "performed_at": "2024-03-04T17:02:13+00:00",
}


def _backup(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema": "redwood.backup/1",
        "athlete": {"name": "Ana", "unit": "lb", "timezone": "Europe/Lisbon"},
        "sessions": [
            {
                "id": "6a2c3f1e-8f7b-4a53-9a3e-2f1c2b1d9e02",
                "date": "2024-03-04",
                "sets": [SET],
            }
        ],
    }
    document.update(changes)
    return document


def test_a_backup_reads_with_exact_decimals() -> None:
    backup = parse_backup(json.dumps(_backup()))
    (loaded,) = backup.sessions[0].sets
    assert loaded.load_kg == Decimal("102.058")
    assert backup.athlete.unit == "lb"
    assert backup.programs == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{\n  "schema": "redwood.backup/1",\n  "athlete": {,}\n}',
            "b.json: line 3: not valid JSON",
        ),
        ("[1, 2]", "b.json: line 1: a Redwood backup is a JSON object"),
        ('{"schema": "redwood.backup/2"}', "schema is 'redwood.backup/2'"),
        (json.dumps(_backup(athlete={"name": "Ana"})), "b.json: athlete.unit: Field required"),
        (
            json.dumps(_backup(sessions=[{"id": "x", "date": "2024-03-04"}])),
            "b.json: sessions[0].id:",
        ),
        (
            json.dumps(
                _backup(
                    sessions=[
                        {
                            "id": "6a2c3f1e-8f7b-4a53-9a3e-2f1c2b1d9e02",
                            "date": "2024-03-04",
                            "sets": [{**SET, "reps": -1}],
                        }
                    ]
                )
            ),
            "b.json: sessions[0].sets[0].reps:",
        ),
        (json.dumps(_backup(surprise=1)), "b.json: surprise: Extra inputs are not permitted"),
    ],
)
def test_a_damaged_backup_is_refused_with_where(text: str, message: str) -> None:
    with pytest.raises(ImportFileError) as exc:
        parse_backup(text, "b.json")
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        read_backup(tmp_path / "none.json")
    empty = tmp_path / "empty.json"
    empty.write_text("  ")
    with pytest.raises(ImportFileError, match="empty"):
        read_backup(empty)
