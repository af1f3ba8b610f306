"""Hostile files for every importer: NUL bytes, right-to-left and zero-width characters,
invalid UTF-8 and lone surrogates, a 10 MB field, cut-off files, random bytes, deeply nested
JSON. Whatever arrives, reading ends in items or in one `ImportFileError` line, never in any
other exception; through the import service on SQLite and PostgreSQL, a refused file is one
`ServiceError` naming the field `file` and leaves nothing behind.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from redwood.io.importers import BadRow, ImportFileError, Upload
from redwood.io.importers.redwood_json import parse_backup
from redwood.services import imports
from redwood.services.database import engine_for, ensure_schema
from redwood.services.errors import ServiceError
from tests.io.importers.reading import fixture, read

CSV_FIXTURES = ("strong_s1.csv", "hevy_kg.csv", "fitnotes_lbs.csv", "fitbod_kg.csv")
HOSTILE = [
    b"\x00",
    "\u202e".encode(),  # right-to-left override
    "\u200b\u200d\ufeff".encode(),  # zero-width space, joiner, byte-order mark
    "\u0301\u0338".encode(),  # lone combining marks
    b"\xff\xfe",  # not UTF-8
    b"\xed\xa0\x80",  # a lone surrogate, as UTF-8 would write it
    b"\xc3",  # a cut multi-byte character
    b'"',  # a stray quote
    b"\r",
    b"\n,,,\n",
    "𝕊𝕢𝕦𝕒𝕥 🏋️".encode(),
    b"%s%n{0}${x}",
    b"=cmd|' /C calc'!A0",  # a spreadsheet formula
]
SETTINGS = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


def _read_bytes(name: str, data: bytes, tmp: Path) -> list[Any] | str:
    """The items read from `data` as the file `name`, or the refusal's one line."""
    path = tmp / name
    path.write_bytes(data)
    try:
        return read(path)[1]
    except ImportFileError as exc:
        message = str(exc)
        assert "\n" not in message, message
        assert message.startswith(name), message
        return message


@pytest.mark.parametrize("name", CSV_FIXTURES)
@SETTINGS
@given(data=st.data())
def test_hostile_bytes_anywhere_in_a_csv_export_are_read_or_refused(
    name: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    original = fixture(name).read_bytes()
    where = data.draw(st.integers(0, len(original)), label="offset")
    junk = data.draw(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3), label="junk")
    cut = data.draw(st.booleans(), label="cut after")
    changed = original[:where] + b"".join(junk) + (b"" if cut else original[where:])
    _read_bytes(name, changed, tmp_path_factory.mktemp("hostile"))


@SETTINGS
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_read_or_refused(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _read_bytes("random.csv", data, tmp_path_factory.mktemp("random"))


@pytest.mark.parametrize("name", CSV_FIXTURES)
def test_a_10_mb_field_is_refused_with_its_line(name: str, tmp_path: Path) -> None:
    lines = fixture(name).read_bytes().splitlines(keepends=True)
    head, row = lines[0], lines[1]
    cells = row.split(b",")
    cells[1] = b"x" * (10 * 1024 * 1024)
    outcome = _read_bytes(name, head + b",".join(cells) + b"\n" + b"".join(lines[2:]), tmp_path)
    if isinstance(outcome, str):
        assert "line 2" in outcome
        return
    # Read on: the row is a bad row with its line (the service refuses the file for it),
    # and nothing read holds the field.
    assert any(isinstance(item, BadRow) and item.line == 2 for item in outcome), outcome[:3]
    assert all(len(repr(item)) < 100_000 for item in outcome)


# ---- the Redwood JSON backup ----------------------------------------------------------------

SET = {
    "id": "0b3a6f1e-8f7b-4a53-9a3e-2f1c2b1d9e01",
    "exercise": "barbell-back-squat",
    "set_type": "working",
    "position": 0,
    "reps": 5,
    "load_kg": 102.5,
    "note": "fine",
    "performed_at": "2024-03-04T17:02:13+00:00",
}


def backup(**athlete: Any) -> dict[str, Any]:
    return {
        "schema": "redwood.backup/1",
        "athlete": {"name": "Ana", "unit": "kg", "timezone": "Europe/Lisbon", **athlete},
        "sessions": [
            {
                "id": "6a2c3f1e-8f7b-4a53-9a3e-2f1c2b1d9e02",
                "date": "2024-03-04",
                "title": "Legs",
                "sets": [dict(SET)],
            }
        ],
    }


def _parse(data: bytes) -> Any:
    try:
        return parse_backup(data, "b.json")
    except ImportFileError as exc:
        message = str(exc)
        assert message.startswith("b.json: "), message
        assert "\n" not in message, message
        return message


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\x00\u202e\u200b")),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
PLACES = [
    ("athlete", "name"),
    ("athlete", "timezone"),
    ("athlete", "unit"),
    ("sessions", 0, "title"),
    ("sessions", 0, "date"),
    ("sessions", 0, "sets", 0, "note"),
    ("sessions", 0, "sets", 0, "exercise"),
    ("sessions", 0, "sets", 0, "reps"),
    ("sessions", 0, "sets", 0, "load_kg"),
    ("sessions", 0, "sets", 0, "id"),
    ("sessions", 0, "sets", 0, "performed_at"),
]


@SETTINGS
@given(place=st.sampled_from(PLACES), value=JSON_VALUES)
def test_any_value_in_any_field_of_a_backup_is_read_or_refused(
    place: tuple[Any, ...], value: Any
) -> None:
    document = backup()
    target: Any = document
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = value
    outcome = _parse(json.dumps(document).encode())
    if isinstance(outcome, str):
        return
    # What is accepted holds no NUL anywhere (PostgreSQL could not store it).
    assert "\\u0000" not in outcome.model_dump_json()


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (
            b'{"schema": "redwood.backup/1", "athlete": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "not a Redwood backup",
        ),
        (
            b'{"schema": "redwood.backup/1", "x": '
            + b'{"a": ' * 50_000
            + b"1"
            + b"}" * 50_000
            + b"}",
            "not a Redwood backup",
        ),
        (b"\xff\xfe{\x00}", "not a Redwood backup"),
        (
            b'{"schema": "redwood.backup/1", "athlete": {"name": "\xed\xa0\x80"}}',
            "athlete.name",
        ),
        (json.dumps(backup(name="An\x00a")).encode(), "athlete.name: must not contain NUL"),
        (json.dumps(backup()).replace('"fine"', '"\\ud800"').encode(), "sessions[0].sets[0].note"),
        (
            json.dumps(backup()).replace('"fine"', '"' + "x" * (10 * 1024 * 1024) + '"').encode(),
            "at most 100000 characters",
        ),
        (json.dumps(backup()).replace("102.5", "NaN").encode(), "load_kg"),
        (json.dumps(backup())[:-7].encode(), "not valid JSON"),
    ],
    ids=[
        "deep-lists",
        "deep-objects",
        "utf16-nul",
        "surrogate-bytes",
        "nul",
        "lone-surrogate",
        "10mb",
        "nan",
        "cut",
    ],
)
def test_hostile_backups_are_refused_in_one_line(raw: bytes, said: str) -> None:
    outcome = _parse(raw)
    assert isinstance(outcome, str), outcome
    assert said in outcome


def test_right_to_left_and_zero_width_text_is_kept_as_written() -> None:
    document = backup(name="\u202eanA\u200b")
    document["sessions"][0]["sets"][0]["note"] = "שלום \u200dok 🏋️"
    parsed = parse_backup(json.dumps(document))
    assert parsed.athlete.name == "\u202eanA\u200b"
    assert parsed.sessions[0].sets[0].note == "שלום \u200dok 🏋️"


# ---- through the import service, on both databases -------------------------------------------


def _hostile_files() -> list[tuple[str, bytes]]:
    strong = fixture("strong_s1.csv").read_bytes()
    nul_note = backup()
    nul_note["sessions"][0]["sets"][0]["note"] = "a\x00b"
    nul_title = backup()
    nul_title["sessions"][0]["title"] = "\x00"
    return [
        ("nul.csv", strong.replace(b"Squat (Barbell)", b"Squat\x00 (Barbell)", 1)),
        ("latin.csv", strong.replace(b"Squat (Barbell)", b"Squat \xff\xfe(Barbell)", 1)),
        ("surrogate.csv", strong.replace(b"Squat (Barbell)", b"Squat \xed\xa0\x80(Barbell)", 1)),
        ("big.csv", strong.replace(b"Slept badly", b"x" * (10 * 1024 * 1024), 1)),
        ("note_nul.json", json.dumps(nul_note).encode()),
        ("title_nul.json", json.dumps(nul_title).encode()),
        (
            "deep.json",
            b'{"schema": "redwood.backup/1", "athlete": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        ),
        ("random.csv", bytes(range(256)) * 64),
        ("huge.json", json.dumps(backup()).replace("102.5", "1e999999").encode()),
    ]


def _sets(url: str) -> int:
    with engine_for(url).connect() as connection:
        return int(connection.execute(text("SELECT COUNT(*) FROM sets")).scalar_one())


def _import(name: str, data: bytes, url: str) -> str:
    """What the import service made of a file: "imported N" or "refused: FIELD: MESSAGE"."""
    try:
        report = imports.import_file(Upload(name, io.BytesIO(data)), unit="kg", url=url)
    except ServiceError as exc:
        return f"refused: {exc.field}: {exc.message}"
    return f"imported {report.get('sets')}"


def test_hostile_files_through_the_import_service(db_url: str) -> None:
    ensure_schema(db_url)
    seen: dict[str, str] = {}
    for name, data in _hostile_files():
        seen[name] = _import(name, data, db_url)
        if seen[name].startswith("refused"):
            field = seen[name].split(": ")[1]
            assert field in {"file", "unit", "app"}, seen[name]
            assert "\n" not in seen[name]
            assert _sets(db_url) == 0, name  # nothing half-written
    # Those the database could not store are refused by the reader, before any write.
    for name in ("note_nul.json", "title_nul.json", "nul.csv", "big.csv", "deep.json", "huge.json"):
        assert seen[name].startswith("refused: file: "), (name, seen[name])


def test_right_to_left_names_are_imported_and_read_back(db_url: str) -> None:
    strong = fixture("strong_s1.csv").read_bytes()
    data = strong.replace(b"Squat (Barbell)", "Squat \u202e(Barbell)\u200b".encode())
    report = imports.import_file(Upload("rtl.csv", io.BytesIO(data)), unit="kg", url=db_url)
    assert report["sets"] > 0
    assert _sets(db_url) == report["sets"]
