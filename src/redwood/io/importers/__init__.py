"""Importers of other apps' exports (Strong, Hevy, FitNotes, Fitbod) and of Redwood's backup.

`IMPORTERS` maps each importer's name (what `redwood import NAME FILE` takes) to it;
`detect(header)` names the importer whose header a file's first line is, and `find_layout`
gives the exact layout. Formats are told apart by the header alone (FORMATS.md). Each CSV
importer is a module with `NAME`, `TITLE`, `HEADERS` (the headers it knows) and
`read(records, layout, options)`, which turns records into the plain values of `records`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from redwood.io.importers import fitbod, fitnotes, hevy, redwood_json, strong
from redwood.io.importers.headers import KnownHeader, match, splits
from redwood.io.importers.records import (
    BadRow,
    BodyweightReading,
    ImportFileError,
    Item,
    Layout,
    Notice,
    ReadOptions,
    SkippedRow,
    Workout,
    WorkoutSet,
)
from redwood.io.importers.source import Origin, Source, Upload, origin_name
from redwood.io.importers.units import LOW_CONFIDENCE, UnitEvidence, UnitGuess, clean_load

Reader = Callable[[Iterable[tuple[int, list[str]] | BadRow], Layout, ReadOptions], Iterator[Item]]

__all__ = [
    "IMPORTERS",
    "LOW_CONFIDENCE",
    "BadRow",
    "BodyweightReading",
    "ImportFileError",
    "Importer",
    "Item",
    "Layout",
    "Notice",
    "Origin",
    "ReadOptions",
    "SkippedRow",
    "Source",
    "UnitEvidence",
    "UnitGuess",
    "Upload",
    "Workout",
    "WorkoutSet",
    "WrongFormatError",
    "clean_load",
    "detect",
    "find_layout",
    "guess_unit",
    "origin_name",
]


@dataclass(frozen=True, slots=True)
class Importer:
    """One app's importer: its name, its name for people, the headers it knows, its reader."""

    name: str
    title: str
    headers: tuple[KnownHeader, ...]
    read: Reader | None


IMPORTERS: dict[str, Importer] = {
    module.NAME: Importer(module.NAME, module.TITLE, module.HEADERS, module.read)
    for module in (strong, hevy, fitnotes, fitbod)
}
IMPORTERS[redwood_json.NAME] = Importer(redwood_json.NAME, redwood_json.TITLE, (), None)

BACKUP_LAYOUT = Layout(redwood_json.NAME, redwood_json.SCHEMA, "", (), {}, kind="backup")


class WrongFormatError(ImportFileError):
    """The file is another importer's format than the one named; `found` is that layout."""

    def __init__(self, message: str, found: Layout) -> None:
        super().__init__(message)
        self.found = found


def _layout(first_line: str) -> Layout | None:
    if redwood_json.is_backup(first_line):
        return BACKUP_LAYOUT
    for split in splits(first_line):
        for importer in IMPORTERS.values():
            found = match(importer.headers, split)
            if found is not None:
                return found
    return None


def detect(header: str) -> str:
    """The name of the importer whose header `header` (a file's first line) is."""
    found = _layout(header)
    if found is None:
        raise ImportFileError(_unknown(header))
    return found.app


def _unknown(header: str) -> str:
    shown = header.strip()
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    known = ", ".join(importer.title for importer in IMPORTERS.values())
    if not shown:
        return "line 1: the header is empty: not an export file"
    if any(not ch.isprintable() for ch in shown):
        return f"line 1: not a known export ({known}): the first line is not text"
    return f"line 1: not a known export ({known}): the header is {shown!r}"


def find_layout(first_line: str, app: str | None, file_name: str) -> Layout:
    """The layout of a file from its first line; with `app`, it must be that app's.

    Raises `ImportFileError` for an unknown header and `WrongFormatError` when the file is
    another app's export than the one named.
    """
    if app is not None and app not in IMPORTERS:
        names = ", ".join(IMPORTERS)
        raise ImportFileError(f"unknown format {app!r}: use one of {names}")
    found = _layout(first_line)
    if found is None:
        raise ImportFileError(f"{file_name}: {_unknown(first_line)}")
    if app is not None and found.app != app:
        wanted, actual = IMPORTERS[app].title, IMPORTERS[found.app].title
        raise WrongFormatError(
            f"{file_name}: line 1: this is not a {wanted} export: the header is "
            f"{actual}'s ({found.name})",
            found,
        )
    return found


UNIT_SAMPLE_ROWS = 20_000
"""Rows read to infer a unit: far more than the evidence needs, a tenth of a big file."""


def guess_unit(source: Source, layout: Layout) -> UnitGuess:
    """Read the loads of a file whose header does not state their unit, and weigh them.

    A pass of its own over the first `UNIT_SAMPLE_ROWS` rows (streamed like the import),
    before anything is written.
    """
    evidence = UnitEvidence()
    column = layout.columns.get("weight")
    if column is None:
        return evidence.guess()
    records = source.records(layout.delimiter, wrapped=layout.wrapped)
    for record in itertools.islice(records, UNIT_SAMPLE_ROWS):
        if isinstance(record, BadRow):
            continue
        _, fields = record
        if len(fields) != layout.width:
            continue
        text = fields[column].strip()
        if text:
            try:
                evidence.add(Decimal(text.replace(",", ".")))
            except InvalidOperation:
                continue
    return evidence.guess()
