"""Set rows: an imported set gives the very row its `SetEntry` gives; repeats are dropped."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.logbook import SetEntry
from redwood.domain.vocab import SetType
from redwood.store.set_rows import (
    SET_COLUMNS,
    BatchSet,
    ImportedSet,
    entry_rows,
    imported_rows,
)

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def _decimals(high: str, places: int) -> st.SearchStrategy[Decimal | None]:
    return st.none() | st.decimals(
        min_value=Decimal(0), max_value=Decimal(high), places=places + 2, allow_nan=False
    )


imported_sets = st.builds(
    ImportedSet,
    id=st.uuids(),
    exercise_id=st.sampled_from(["barbell-back-squat", "custom-old-press"]),
    position=st.integers(min_value=0, max_value=500),
    set_type=st.sampled_from(list(SetType)),
    reps=st.none() | st.integers(min_value=0, max_value=10_000),
    load_kg=_decimals("99999", 3),
    rpe=st.none() | st.sampled_from([Decimal(n) / 2 for n in range(2, 21)]),
    seconds=st.none() | st.integers(min_value=0, max_value=86_400),
    distance_m=_decimals("9999999", 2),
    rest_seconds=st.none() | st.integers(min_value=0, max_value=3600),
    note=st.none() | st.text(max_size=20),
    performed_at=st.datetimes(timezones=st.just(UTC)),
)


def _entry(item: ImportedSet) -> SetEntry:
    return SetEntry(
        id=item.id,
        exercise_id=item.exercise_id,
        performed_at=item.performed_at,
        set_type=item.set_type,
        reps=item.reps,
        load_kg=item.load_kg,
        rpe=item.rpe,
        seconds=item.seconds,
        distance_m=item.distance_m,
        rest_seconds=item.rest_seconds,
        note=item.note,
        position=item.position,
    )


@given(items=st.lists(imported_sets, max_size=8), session_id=st.uuids())
def test_an_imported_set_is_the_row_of_its_entry(
    items: list[ImportedSet], session_id: UUID
) -> None:
    imported = imported_rows(7, [(session_id, item) for item in items], (), 3, NOW)
    entries = [BatchSet(session_id, item.position, _entry(item)) for item in items]
    assert imported == entry_rows(7, entries, (), 3, NOW)
    for row in imported:
        assert len(row) == len(SET_COLUMNS)


def test_rounding_stored_ids_and_repeats() -> None:
    first, stored = uuid4(), uuid4()
    item = ImportedSet(
        first,
        "barbell-back-squat",
        0,
        SetType.WORKING,
        5,
        Decimal("102.05849"),
        Decimal("8"),
        None,
        Decimal("1609.344"),
        90,
        None,
        NOW,
    )
    again = item._replace(load_kg=Decimal("102.0585"))
    other = item._replace(id=stored)
    session_id = uuid4()
    rows = imported_rows(
        7, [(session_id, item), (session_id, other), (session_id, again)], {stored}, None, NOW
    )
    assert len(rows) == 1
    row = dict(zip(SET_COLUMNS, rows[0], strict=True))
    assert (row["id"], row["session_id"], row["athlete_id"]) == (first, session_id, 7)
    assert (row["load_kg"], row["rpe"], row["rir"]) == (Decimal("102.058"), Decimal("8.0"), None)
    assert row["distance_m"] == Decimal("1609.34")
    assert (row["set_type"], row["version"], row["created_at"]) == ("working", 1, NOW)
    assert row["import_id"] is None
