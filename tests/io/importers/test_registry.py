"""Telling formats apart by the header, naming the wrong one, and the bytes of a file:
empty, binary, not UTF-8, UTF-16, a byte-order mark, a huge field, a cut-off quote."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from redwood.io.importers import (
    IMPORTERS,
    BadRow,
    ImportFileError,
    Source,
    WrongFormatError,
    detect,
    find_layout,
)
from tests.io.importers.reading import FIXTURES, fixture, read, sets

EXPECTED = {
    "strong_s1.csv": "strong",
    "strong_s1_10.csv": "strong",
    "strong_s1_11.csv": "strong",
    "strong_s2.csv": "strong",
    "strong_s3.csv": "strong",
    "strong_legacy_kg.csv": "strong",
    "strong_legacy_lbs.csv": "strong",
    "strong_french.csv": "strong",
    "strong_bodyweight.csv": "strong",
    "strong_wrapped.csv": "strong",
    "hevy_kg.csv": "hevy",
    "hevy_lb.csv": "hevy",
    "hevy_mixed.csv": "hevy",
    "hevy_13.csv": "hevy",
    "hevy_resave_broken.csv": "hevy",
    "fitnotes_lbs.csv": "fitnotes",
    "fitnotes_units.csv": "fitnotes",
    "fitnotes_body.csv": "fitnotes",
    "fitbod_kg.csv": "fitbod",
    "fitbod_old.csv": "fitbod",
}


def _first_line(path: Path) -> str:
    with Source(path) as source:
        return source.first_line


def test_every_fixture_is_detected_from_its_header() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.csv")) == sorted(EXPECTED)
    for name, app in EXPECTED.items():
        assert detect(_first_line(fixture(name))) == app, name


def test_the_registry_names_every_importer() -> None:
    assert set(IMPORTERS) == {"strong", "hevy", "fitnotes", "fitbod", "redwood"}
    assert detect('{\n  "schema": "redwood.backup/1"') == "redwood"


def test_the_wrong_format_named_says_which_it_is() -> None:
    header = _first_line(fixture("strong_s1.csv"))
    with pytest.raises(WrongFormatError, match="not a Hevy export: the header is Strong's") as exc:
        find_layout(header, "hevy", "strong.csv")
    assert exc.value.found.app == "strong"
    with pytest.raises(ImportFileError, match="unknown format 'jefit'"):
        find_layout(header, "jefit", "strong.csv")
    fitbod = _first_line(fixture("fitbod_kg.csv"))
    with pytest.raises(WrongFormatError, match="not a Strong export: the header is Fitbod's"):
        find_layout(fitbod, "strong", "fitbod.csv")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x00\x01\x02\xff" * 50, "binary data"),
        (b"Date,Exercise,Sets\n2020-01-01,Squat,3\n", "not a known export"),
        (b"just some words\n", "not a known export"),
    ],
)
def test_files_that_are_no_export(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message) as exc, Source(path) as source:
        find_layout(source.first_line, None, source.name)
    assert str(exc.value).startswith("junk.csv: ")
    assert "\n" not in str(exc.value)


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"nope\.csv: no such file"):
        Source(tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="is a directory"):
        Source(tmp_path)


def test_a_byte_order_mark_and_utf16_re_save(tmp_path: Path) -> None:
    text = fixture("strong_s2.csv").read_text(encoding="utf-8")
    with_bom = tmp_path / "bom.csv"
    with_bom.write_bytes(codecs.BOM_UTF8 + text.encode())
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(text.encode("utf-16"))
    expected = [(s.exercise, s.load) for s in sets(read("strong_s2.csv")[1])]
    for path in (with_bom, utf16):
        assert [(s.exercise, s.load) for s in sets(read(path)[1])] == expected


def test_a_windows_1252_re_save_is_read_as_such(tmp_path: Path) -> None:
    text = fixture("strong_french.csv").read_text(encoding="utf-8")
    path = tmp_path / "latin.csv"
    path.write_bytes(text.encode("cp1252"))
    with Source(path) as source:
        assert source.encoding == "cp1252"
        assert "Windows-1252" in source.notes[0]
    (squat,) = sets(read(path)[1])
    assert squat.workout.title == "Séance du midi"


def test_invalid_utf8_after_the_first_block_is_a_bad_row(tmp_path: Path) -> None:
    header = fixture("strong_s1_11.csv").read_bytes().splitlines()[0]
    good = b"2020-05-02 10:00:00,Morning,Leg Press,1,200,10,,,,,9"
    rows = [good] * 3000 + [good.replace(b"Morning", b"Morn\xe9ing")] + [good]
    path = tmp_path / "late.csv"
    path.write_bytes(b"\n".join([header, *rows]) + b"\n")
    items = read(path)[1]
    bad = [item for item in items if isinstance(item, BadRow)]
    assert [b.line for b in bad] == [3002]
    assert "not valid" in bad[0].reason
    assert len(sets(items)) == 3001


def test_a_huge_field_is_a_bad_row_and_reading_goes_on(tmp_path: Path) -> None:
    header = fixture("strong_s1_11.csv").read_text().splitlines()[0]
    good = "2020-05-02 10:00:00,Morning,Leg Press,1,200,10,,,,,9"
    huge = f'2020-05-02 10:00:00,Morning,Leg Press,2,200,10,,,"{"x" * 10_000_000}",,9'
    path = tmp_path / "huge.csv"
    path.write_text("\n".join([header, good, huge, good]) + "\n")
    items = read(path)[1]
    bad = [item for item in items if isinstance(item, BadRow)]
    assert [b.line for b in bad] == [3]
    assert "a field longer than" in bad[0].reason
    assert len(sets(items)) == 2


def test_a_file_cut_off_inside_a_quoted_note(tmp_path: Path) -> None:
    text = fixture("strong_s1.csv").read_text()
    path = tmp_path / "cut.csv"
    path.write_text(text[: text.index("Grindy") + 3])
    items = read(path)[1]
    (bad,) = [item for item in items if isinstance(item, BadRow)]
    assert bad.line == 10
    assert "unexpected end of data" in bad.reason
    assert len(sets(items)) == 2


def test_records_reads_once(tmp_path: Path) -> None:
    with Source(fixture("strong_s1_10.csv")) as source:
        list(source.records(","))
        with pytest.raises(RuntimeError):
            list(source.records(","))
        assert source.bytes_read == source.size
