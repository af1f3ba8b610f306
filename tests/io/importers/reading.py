"""Reading a fixture (or any file) the way the import service does, without a database."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from redwood.domain.mass import Unit
from redwood.io.importers import (
    IMPORTERS,
    BadRow,
    Item,
    Layout,
    Notice,
    ReadOptions,
    SkippedRow,
    Source,
    WorkoutSet,
    find_layout,
)

FIXTURES = Path(__file__).parent / "fixtures"
ZONE = "Europe/Berlin"


def fixture(name: str) -> Path:
    """The path of a fixture file written for these tests."""
    return FIXTURES / name


def read(path: Path | str, unit: Unit = Unit.KG, zone: str = ZONE) -> tuple[Layout, list[Item]]:
    """The layout of a file and every item its importer reads, in order."""
    path = fixture(path) if isinstance(path, str) else path
    with Source(path) as source:
        layout = find_layout(source.first_line, None, source.name)
        reader = IMPORTERS[layout.app].read
        assert reader is not None
        records = source.records(layout.delimiter, wrapped=layout.wrapped)
        return layout, list(reader(records, layout, ReadOptions(unit, ZoneInfo(zone))))


def sets(items: list[Item]) -> list[WorkoutSet]:
    """Only the sets."""
    return [item for item in items if isinstance(item, WorkoutSet)]


def others(items: list[Item]) -> list[tuple[str, int]]:
    """(kind, line) of everything that is not a set or a reading."""
    return [
        (type(item).__name__, item.line)
        for item in items
        if isinstance(item, BadRow | SkippedRow | Notice)
    ]
