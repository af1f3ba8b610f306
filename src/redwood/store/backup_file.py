"""The database backup file: a gzip'd stream of JSON lines, versioned and checksummed.

A backup is independent of the backend that wrote it, so an SQLite backup restores into
PostgreSQL and back. The file is UTF-8 JSON lines inside gzip:

1. a header object: `format` (`redwood-database-backup`), `version` (of this layout),
   `revision` (the schema revision the rows belong to), `created_at` (UTC), `backend` (where
   it was taken), and `tables`, in dependency order (a table after those it references),
   each `{"name", "columns": [[name, kind], ...], "rows"}`;
2. the rows, table after table in the header's order, one JSON array of values per row in
   the order of that table's columns;
3. a trailer object `{"end": true, "rows": total, "sha256": ...}`: the SHA-256 of every
   byte before the trailer (the checksum can only be known once the rows are streamed, so
   it closes the file rather than opening it).

Values are written by column kind so every backend reads them back the same: decimals,
dates, instants (ISO 8601, UTC) and UUIDs as strings, bytes as base64, JSON documents as
themselves. A file that is not gzip, is cut short, has a wrong checksum or row count, or an
unknown format or version is refused with one line (`BackupFileError`) before anything is
written to a database.
"""

from __future__ import annotations

import base64
import glob
import gzip
import hashlib
import json
import os
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

FORMAT = "redwood-database-backup"
VERSION = 1


class BackupFileError(ValueError):
    """A backup file that cannot be read; the message is one line for people."""


class Kind(StrEnum):
    """How a column's values are written in the file."""

    INT = "int"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOL = "bool"
    STR = "str"
    DATE = "date"
    DATETIME = "datetime"
    UUID = "uuid"
    JSON = "json"
    BYTES = "bytes"


@dataclass(frozen=True, slots=True)
class TableHeader:
    """One table of a backup: its columns (name, kind) and how many rows follow."""

    name: str
    columns: tuple[tuple[str, Kind], ...]
    rows: int


@dataclass(frozen=True, slots=True)
class BackupHeader:
    """What a backup file holds, read from its first line."""

    revision: str
    created_at: datetime
    backend: str
    tables: tuple[TableHeader, ...]

    @property
    def total_rows(self) -> int:
        """Rows in every table together."""
        return sum(table.rows for table in self.tables)


Convert = Callable[[Any], Any]


def _instant_out(value: datetime) -> str:
    if value.tzinfo is not None and value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat()


def _uuid_out(value: Any) -> str:
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


def _bytes_out(value: Any) -> str:
    return base64.b64encode(bytes(value)).decode("ascii")


def _decimal_in(value: Any) -> Decimal:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValueError(f"not a decimal: {value!r}") from None


def _instant_in(value: str) -> datetime:
    instant = datetime.fromisoformat(value)
    # Redwood keeps every instant in UTC; SQLite stores them without an offset.
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def _bytes_in(value: str) -> bytes:
    return base64.b64decode(value, validate=True)


_OUT: dict[Kind, Convert | None] = {
    Kind.DECIMAL: str,
    Kind.DATETIME: _instant_out,
    Kind.DATE: date.isoformat,
    Kind.UUID: _uuid_out,
    Kind.BYTES: _bytes_out,
    Kind.BOOL: bool,
}
"""How values leave the database for the file (a kind not listed is written as it is)."""

_IN: dict[Kind, Convert | None] = {
    Kind.DECIMAL: _decimal_in,
    Kind.DATETIME: _instant_in,
    Kind.DATE: date.fromisoformat,
    Kind.UUID: uuid.UUID,
    Kind.BYTES: _bytes_in,
}
"""How values come back from the file. Kinds not listed (numbers, text, flags, JSON) are
JSON's own types; a value of the wrong type is refused by the database when inserted."""


def encoders(kinds: Iterable[Kind]) -> list[Convert | None]:
    """The conversion of each column of a row, in order (None: the value is JSON as it is)."""
    return [_OUT.get(kind) for kind in kinds]


def decoders(kinds: Iterable[Kind]) -> list[Convert | None]:
    """The inverse of `encoders`."""
    return [_IN.get(kind) for kind in kinds]


def convert_row(converters: list[Convert | None], values: Iterable[Any]) -> list[Any]:
    """Apply `encoders` or `decoders` to one row (None stays None)."""
    return [
        value if convert is None or value is None else convert(value)
        for convert, value in zip(converters, values, strict=True)
    ]


def encode(kind: Kind, value: Any) -> Any:
    """One column value as JSON (None stays null)."""
    return convert_row(encoders([kind]), [value])[0]


def decode(kind: Kind, value: Any) -> Any:
    """One JSON value from the file back as the Python value of its column kind (ValueError
    when it cannot be)."""
    return convert_row(decoders([kind]), [value])[0]


def _line(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


class BackupWriter:
    """Writes a backup to a temporary file beside `path`, renamed into place by `commit`.

    Until `commit`, `path` is untouched: a backup that fails (or a process killed half way)
    never leaves a partial file under the name asked for. Use as a context manager; leaving
    the block without `commit` removes the temporary file.
    """

    def __init__(self, path: Path, header: BackupHeader) -> None:
        self.path = path
        self.header = header
        self._temporary = path.with_name(f".{path.name}.partial-{os.getpid()}")
        self._raw: IO[bytes] | None = None
        self._gzip: gzip.GzipFile | None = None
        self._digest = hashlib.sha256()
        self._written = 0

    def __enter__(self) -> BackupWriter:
        self._remove_abandoned()
        self._raw = self._temporary.open("wb")
        self._gzip = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=3, mtime=0)
        self._write(_line(_header_json(self.header)))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._gzip is not None:
            self._gzip.close()
        if self._raw is not None:
            self._raw.close()
        self._temporary.unlink(missing_ok=True)

    def _remove_abandoned(self) -> None:
        """Delete the temporary files of earlier backups to this name whose process is gone
        (killed before it could clean up); a backup still running keeps its file."""
        prefix = f".{self.path.name}.partial-"
        for leftover in self.path.parent.glob(f"{glob.escape(prefix)}*"):
            pid = leftover.name.removeprefix(prefix)
            if pid.isdigit() and not _alive(int(pid)):
                leftover.unlink(missing_ok=True)

    def _write(self, data: bytes) -> None:
        assert self._gzip is not None, "use BackupWriter as a context manager"
        self._digest.update(data)
        self._gzip.write(data)

    def row(self, values: list[Any]) -> None:
        """Write one row (values already encoded, in the table's column order)."""
        self._write(_line(values))
        self._written += 1

    def commit(self) -> None:
        """Close the file with its trailer, flush it to disk and rename it into place."""
        if self._written != self.header.total_rows:
            raise BackupFileError(
                f"wrote {self._written} rows but the header promised {self.header.total_rows}"
            )
        trailer = {"end": True, "rows": self._written, "sha256": self._digest.hexdigest()}
        assert self._gzip is not None
        assert self._raw is not None
        self._gzip.write(_line(trailer))
        self._gzip.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self._temporary, self.path)
        _fsync_directory(self.path.parent)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _header_json(header: BackupHeader) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "revision": header.revision,
        "created_at": header.created_at.astimezone(UTC).isoformat(),
        "backend": header.backend,
        "tables": [
            {"name": table.name, "columns": [list(c) for c in table.columns], "rows": table.rows}
            for table in header.tables
        ],
    }


def _parse_header(line: bytes) -> BackupHeader:
    try:
        data = json.loads(line)
    except (UnicodeDecodeError, ValueError):
        raise BackupFileError("not a Redwood database backup (no header)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupFileError("not a Redwood database backup (unknown format)")
    if data.get("version") != VERSION:
        raise BackupFileError(
            f"backup file version {data.get('version')!r} is not one this Redwood reads "
            f"(it reads version {VERSION})"
        )
    try:
        tables = tuple(
            TableHeader(
                name=str(table["name"]),
                columns=tuple((str(name), Kind(kind)) for name, kind in table["columns"]),
                rows=_count(table["rows"]),
            )
            for table in data["tables"]
        )
        created = datetime.fromisoformat(data["created_at"])
        revision = data["revision"]
        backend = str(data.get("backend", "unknown"))
    except (KeyError, TypeError, ValueError):
        raise BackupFileError("damaged backup: its header is incomplete") from None
    if not isinstance(revision, str) or not revision:
        raise BackupFileError("damaged backup: its header names no schema revision")
    return BackupHeader(revision=revision, created_at=created, backend=backend, tables=tables)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("row count")
    return value


@dataclass(frozen=True, slots=True)
class TableRows:
    """One table's rows, decoded, in batches (what `BackupReader.tables` yields)."""

    table: TableHeader
    batches: Iterator[list[dict[str, Any]]]


class BackupReader:
    """Reads a backup: `check()` reads it whole once (gzip, checksum, counts), then `tables()`
    streams the rows for writing. Every defect is a `BackupFileError` with one line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header = self._open_header()

    def _lines(self) -> Iterator[bytes]:
        try:
            with gzip.open(self.path, "rb") as stream:
                yield from stream
        except FileNotFoundError:
            raise BackupFileError(f"no such backup file: {self.path}") from None
        except IsADirectoryError:
            raise BackupFileError(f"{self.path} is a directory, not a backup file") from None
        except PermissionError:
            raise BackupFileError(f"cannot read {self.path}: permission denied") from None
        except gzip.BadGzipFile:
            raise BackupFileError(f"{self.path} is not a Redwood database backup") from None
        except EOFError:
            raise BackupFileError(f"{self.path} is cut short (truncated backup)") from None
        except (zlib.error, OSError) as exc:
            raise BackupFileError(f"{self.path} is damaged: {exc}") from None

    def _open_header(self) -> BackupHeader:
        lines = self._lines()
        try:
            first = next(lines, b"")
        finally:
            lines.close()  # type: ignore[attr-defined]
        if not first:
            raise BackupFileError(f"{self.path} is empty or not a Redwood database backup")
        return _parse_header(first)

    def check(self) -> None:
        """Read the whole file: gzip intact, trailer present, checksum and counts right."""
        digest = hashlib.sha256()
        count = -1  # the header line is not a row
        trailer: bytes | None = None
        for line in self._lines():
            if trailer is not None:
                raise BackupFileError(f"{self.path} has data after its end mark")
            if line.startswith(b'{"end":'):
                trailer = line
                continue
            digest.update(line)
            count += 1
        if trailer is None:
            raise BackupFileError(f"{self.path} is cut short (no end mark: truncated backup)")
        try:
            end = json.loads(trailer)
            expected, rows = str(end["sha256"]), int(end["rows"])
        except (UnicodeDecodeError, ValueError, KeyError, TypeError):
            raise BackupFileError(f"{self.path} has a damaged end mark") from None
        if expected != digest.hexdigest():
            raise BackupFileError(f"{self.path} is damaged: its checksum does not match")
        if not rows == count == self.header.total_rows:
            raise BackupFileError(
                f"{self.path} is damaged: {count} rows where its header counts "
                f"{self.header.total_rows}"
            )

    def tables(self, batch_size: int) -> Iterator[TableRows]:
        """Each table (header order) with its decoded rows in batches of `batch_size`."""
        lines = self._lines()
        next(lines)  # the header
        for table in self.header.tables:
            yield TableRows(table, self._batches(table, lines, batch_size))
        lines.close()  # type: ignore[attr-defined]

    def _batches(
        self, table: TableHeader, lines: Iterator[bytes], batch_size: int
    ) -> Iterator[list[dict[str, Any]]]:
        names = [name for name, _ in table.columns]
        converters = decoders(kind for _, kind in table.columns)
        batch: list[dict[str, Any]] = []
        for index in range(table.rows):
            line = next(lines, b"")
            try:
                values = json.loads(line)
                if not isinstance(values, list) or len(values) != len(names):
                    raise ValueError("wrong number of values")
                row = dict(zip(names, convert_row(converters, values), strict=True))
            except (UnicodeDecodeError, ValueError, TypeError) as exc:
                raise BackupFileError(
                    f"{self.path} is damaged: row {index + 1} of table {table.name}: {exc}"
                ) from None
            batch.append(row)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch
