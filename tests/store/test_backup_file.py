"""The backup file format: values survive the trip through the file exactly, whatever they
are, and a file is only ever found under its name once it is complete."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.store.backup_file import (
    BackupFileError,
    BackupHeader,
    BackupReader,
    BackupWriter,
    Kind,
    TableHeader,
    decode,
    encode,
)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
VALUES: dict[Kind, st.SearchStrategy[Any]] = {
    Kind.INT: st.integers(-(2**63), 2**63 - 1),
    Kind.FLOAT: st.floats(allow_nan=False, allow_infinity=False),
    Kind.DECIMAL: st.decimals(allow_nan=False, allow_infinity=False, places=3),
    Kind.BOOL: st.booleans(),
    Kind.STR: st.text(),
    Kind.DATE: st.dates(),
    Kind.DATETIME: st.datetimes(timezones=st.just(UTC)),
    Kind.UUID: st.uuids(),
    Kind.JSON: JSON_VALUES,
    Kind.BYTES: st.binary(),
}
ROW_KINDS = tuple(VALUES)


@given(st.data())
def test_every_kind_of_value_comes_back_equal(data: st.DataObject) -> None:
    for kind, strategy in VALUES.items():
        value = data.draw(st.none() | strategy, label=kind.value)
        assert decode(kind, encode(kind, value)) == value


def _header(rows: int) -> BackupHeader:
    columns = tuple((kind.value, kind) for kind in ROW_KINDS)
    return BackupHeader(
        "0001", datetime(2026, 1, 1, tzinfo=UTC), "sqlite", (TableHeader("things", columns, rows),)
    )


@given(st.lists(st.tuples(*(st.none() | VALUES[kind] for kind in ROW_KINDS)), max_size=5))
def test_rows_written_are_the_rows_read(rows: list[tuple[Any, ...]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "b.rwbak"
        with BackupWriter(path, _header(len(rows))) as writer:
            for row in rows:
                writer.row(
                    [encode(kind, value) for kind, value in zip(ROW_KINDS, row, strict=True)]
                )
            writer.commit()
        reader = BackupReader(path)
        reader.check()
        read = [r for section in reader.tables(2) for batch in section.batches for r in batch]
    assert [tuple(r[kind.value] for kind in ROW_KINDS) for r in read] == rows


def _write_one_row_then(path: Path, finish: str) -> None:
    with BackupWriter(path, _header(2)) as writer:
        writer.row([None] * len(ROW_KINDS))
        if finish == "raise":
            raise RuntimeError("killed half way")
        writer.commit()  # one row short of the header's count


@pytest.mark.parametrize(
    ("finish", "error"), [("raise", RuntimeError), ("commit", BackupFileError)]
)
def test_an_unfinished_backup_leaves_no_file(
    tmp_path: Path, finish: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        _write_one_row_then(tmp_path / "b.rwbak", finish)
    assert list(tmp_path.iterdir()) == []


def test_a_row_that_does_not_fit_its_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.rwbak"
    with BackupWriter(path, _header(1)) as writer:
        writer.row([1, 2])  # two values for ten columns
        writer.commit()
    reader = BackupReader(path)
    reader.check()
    with pytest.raises(BackupFileError, match="row 1 of table things"):
        list(next(reader.tables(10)).batches)
    assert gzip.decompress(path.read_bytes()).count(b"\n") == 3
