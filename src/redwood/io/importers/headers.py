"""Headers of export files: how a header line is split, and how column names are compared.

Apps are told apart by their header alone (FORMATS.md), so each importer lists its headers
exactly; this module only folds names (case, surrounding spaces and quotes, a byte-order
mark) and splits the first line with each separator an app uses. A header that is one
quoted field holding a whole header (an old broken Strong export) is split once more.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from redwood.domain.mass import Unit
from redwood.io.importers.records import Layout

DELIMITERS = (",", ";", "\t")


def fold(name: str) -> str:
    """A column name for comparison: no byte-order mark, quotes or outer spaces; lower case."""
    return name.replace("\ufeff", "").strip().strip('"').strip().casefold()


@dataclass(frozen=True, slots=True)
class HeaderSplit:
    """The first line split with one separator; `wrapped` when it was one quoted field."""

    delimiter: str
    names: tuple[str, ...]
    wrapped: bool = False
    written: tuple[str, ...] = ()


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    except csv.Error:
        return []


def _shown(names: list[str]) -> tuple[str, ...]:
    return tuple(name.replace("\ufeff", "").strip().strip('"').strip() for name in names)


def splits(first_line: str) -> list[HeaderSplit]:
    """Every plausible reading of a header line, most likely first."""
    found: list[HeaderSplit] = []
    for delimiter in DELIMITERS:
        names = _split(first_line, delimiter)
        if len(names) > 1:
            found.append(
                HeaderSplit(delimiter, tuple(fold(n) for n in names), False, _shown(names))
            )
    whole = _split(first_line, ",")
    if len(whole) == 1:
        for delimiter in DELIMITERS:
            inner = _split(whole[0], delimiter)
            if len(inner) > 1:
                folded = tuple(fold(n) for n in inner)
                found.append(HeaderSplit(delimiter, folded, True, _shown(inner)))
    return found


@dataclass(frozen=True, slots=True)
class KnownHeader:
    """One header an app writes, as folded column names, and what its columns mean."""

    app: str
    name: str
    names: tuple[str, ...]
    fields: tuple[str, ...]
    delimiters: tuple[str, ...] = (",",)
    weight_unit: str | None = None
    distance_unit: str | None = None
    kind: str = "sets"
    per_row_unit: bool = False


def match(known: Iterable[KnownHeader], split: HeaderSplit) -> Layout | None:
    """The layout of the first known header equal to `split`, or None."""
    for header in known:
        if header.names == split.names and split.delimiter in header.delimiters:
            return Layout(
                app=header.app,
                name=header.name,
                delimiter=split.delimiter,
                header=split.written or header.names,
                columns={field: at for at, field in enumerate(header.fields) if field},
                weight_unit=None if header.weight_unit is None else Unit(header.weight_unit),
                distance_unit=header.distance_unit,
                kind=header.kind,
                wrapped=split.wrapped,
                per_row_unit=header.per_row_unit,
            )
    return None
