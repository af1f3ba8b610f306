"""An export file opened for streaming: its encoding, its first line, and its CSV records.

Files are read a buffer at a time through the `csv` module, never whole, so a 200,000-row
export costs the memory of one batch. What can go wrong with the bytes is settled here, each
as one clear line: a missing or empty file, binary junk, text that is not UTF-8 (a Windows
spreadsheet re-save is read as Windows-1252 instead), a UTF-16 re-save (read through its
byte-order mark), a broken quote or a field past the csv module's limit (that record becomes a
`BadRow` with its line number and reading goes on), and the old Strong export that wrapped
every line in one quoted field (each record is unwrapped and read again).

A file comes as a path or as an `Upload` (a name and a binary stream, such as a web upload
spooled by the server): each `Source` reads the stream from its start and leaves it open, so
an import can read the same upload several times (the header, the unit, the rows).

`bytes_read` counts what has been read so far, for a progress bar.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from redwood.io.importers.records import BadRow, ImportFileError

SNIFF_BYTES = 64 * 1024
MAX_ERRORS_WITHOUT_PROGRESS = 3


@dataclass(frozen=True, slots=True)
class Upload:
    """A file that arrives as a binary stream rather than a path: its name and its bytes.

    The stream must be seekable; importing reads it from the start and never closes it.
    """

    name: str
    stream: BinaryIO


Origin = str | Path | Upload
"""Where an import's bytes come from."""


def origin_name(origin: Origin) -> str:
    """The file's name as the athlete knows it (no folders)."""
    if isinstance(origin, Upload):
        return Path(origin.name.replace("\\", "/")).name or "upload"
    return Path(origin).name


class _CountingReader(io.RawIOBase):
    """A raw binary stream that counts the bytes handed out (for progress bars); it closes
    the stream under it only when it owns it (a file it opened, not an upload)."""

    def __init__(self, raw: BinaryIO, *, owned: bool = True) -> None:
        self._raw = raw
        self._owned = owned
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        got = len(data)
        buffer[:got] = data
        self.count += got
        return got

    def close(self) -> None:
        if self._owned:
            self._raw.close()
        super().close()


def _encoding(head: bytes) -> str:
    """The text encoding of a file from its first bytes (see the module docstring)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise ImportFileError("line 1: this is binary data, not a text export (CSV or JSON)")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return "cp1252"
    return "utf-8-sig"


class Source:
    """One file being imported; use it as a context manager so the file is closed."""

    def __init__(self, origin: Origin) -> None:
        self.name = origin_name(origin)
        owned = not isinstance(origin, Upload)
        raw = _open(origin, self.name)
        try:
            self.size = raw.seek(0, io.SEEK_END)
            raw.seek(0)
            head = raw.read(SNIFF_BYTES)
            raw.seek(0)
            if not head.strip():
                raise ImportFileError(f"{self.name}: the file is empty: nothing to import")
            try:
                self.encoding = _encoding(head)
            except ImportFileError as exc:
                raise ImportFileError(f"{self.name}: {exc}") from None
        except OSError as exc:
            if owned:
                raw.close()
            raise ImportFileError(f"{self.name}: cannot read it ({exc})") from None
        except BaseException:
            if owned:
                raw.close()
            raise
        self._counter = _CountingReader(raw, owned=owned)
        self.text = io.TextIOWrapper(
            io.BufferedReader(self._counter, buffer_size=SNIFF_BYTES),
            encoding=self.encoding,
            errors="replace",
            newline="",
        )
        lines = head.decode(self.encoding, errors="replace").lstrip("\ufeff").splitlines()
        self.first_line = lines[0] if lines else ""
        self._records_started = False

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (also when reading stopped early)."""
        self.text.close()

    @property
    def bytes_read(self) -> int:
        """Bytes read from the file so far."""
        return self._counter.count

    @property
    def notes(self) -> list[str]:
        """What the reader had to assume about the bytes, for the report."""
        if self.encoding == "cp1252":
            return ["the file is not UTF-8 text: read as Windows-1252 (a spreadsheet re-save?)"]
        if self.encoding == "utf-16":
            return ["the file is UTF-16 text (a spreadsheet re-save): read as such"]
        return []

    def records(
        self, delimiter: str, *, wrapped: bool = False
    ) -> Iterator[tuple[int, list[str]] | BadRow]:
        """The data records after the header: (first line number, fields) or a `BadRow`.

        Blank lines are passed over. Can be called once per `Source`.
        """
        if self._records_started:
            raise RuntimeError("records() reads the file once")
        self._records_started = True
        reader = csv.reader(self.text, delimiter=delimiter, strict=True)
        end = 0
        stuck = 0
        header_seen = False
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, end, stuck = end + 1, max(end + 1, reader.line_num), stuck + 1
                if stuck > MAX_ERRORS_WITHOUT_PROGRESS:
                    raise ImportFileError(
                        f"{self.name}: line {start}: the file cannot be read as CSV ({exc})"
                    ) from None
                if header_seen:
                    yield BadRow(start, f"unreadable CSV ({_reason(exc)})")
                    continue
                raise ImportFileError(
                    f"{self.name}: line 1: the header cannot be read ({exc})"
                ) from None
            start, end, stuck = end + 1, reader.line_num, 0
            if not header_seen:
                header_seen = True
                continue
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            if wrapped:
                inner = _unwrap(fields, delimiter)
                if isinstance(inner, str):
                    yield BadRow(start, inner)
                    continue
                fields = inner
            if "\ufffd" in "".join(fields):
                yield BadRow(start, f"the text is not valid {self.encoding} (a broken character)")
                continue
            yield start, fields


def _open(origin: Origin, name: str) -> BinaryIO:
    """The binary stream of a path (opened here) or of an upload (as given)."""
    if isinstance(origin, Upload):
        if not origin.stream.seekable():
            raise ImportFileError(f"{name}: the upload cannot be read twice (not seekable)")
        return origin.stream
    try:
        return Path(origin).open("rb")
    except FileNotFoundError:
        raise ImportFileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ImportFileError(f"{name}: is a directory, not an export file") from None
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot read it ({exc.strerror})") from None


def _reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field longer than {csv.field_size_limit():,} characters"
    return text


def _unwrap(fields: list[str], delimiter: str) -> list[str] | str:
    """The fields of a line that an old export wrapped in one quoted field, or why not."""
    if len(fields) != 1:
        return "expected the whole line in one quoted field, like the rest of this file"
    try:
        rows = list(csv.reader(io.StringIO(fields[0], newline=""), delimiter=delimiter))
    except csv.Error as exc:
        return f"unreadable CSV inside the quoted line ({exc})"
    if len(rows) != 1:
        return "the quoted line holds more than one record"
    return rows[0]
