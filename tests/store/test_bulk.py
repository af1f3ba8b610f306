"""Bulk inserts: the same stored values as the ORM, binary COPY, and COPY in the background."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from redwood.domain.logbook import PerformedSession, SetEntry
from redwood.store import AthleteRecord, Logbook
from redwood.store.batches import SESSION_COLUMNS, SET_COLUMNS, BatchSet
from redwood.store.bulk import copy_types, sqlite_converter, sqlite_values
from redwood.store.models import ImportRow, PerformedSessionRow, SetRow

SQLITE = sqlite.dialect()
SET_TABLE = SetRow.__table__
T0 = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)

instants = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)


@given(value=st.uuids())
def test_a_uuid_is_written_as_the_orm_writes_it(value: UUID) -> None:
    column = SET_TABLE.c.id.type
    convert = sqlite_converter(column, SQLITE)
    assert convert is not None
    assert convert(value) == column._cached_bind_processor(SQLITE)(value)


@given(value=instants, offset_minutes=st.integers(min_value=-14 * 60, max_value=14 * 60))
def test_an_instant_is_written_as_the_orm_writes_it(value: datetime, offset_minutes: int) -> None:
    column = SET_TABLE.c.performed_at.type
    convert = sqlite_converter(column, SQLITE)
    assert convert is not None
    processor = column._cached_bind_processor(SQLITE)
    assert convert(value) == processor(value)
    elsewhere = value.astimezone(timezone(timedelta(minutes=offset_minutes)))
    assert convert(elsewhere) == processor(elsewhere) == processor(value)


def test_a_naive_instant_is_refused_as_the_orm_refuses_it() -> None:
    convert = sqlite_converter(SET_TABLE.c.performed_at.type, SQLITE)
    assert convert is not None
    with pytest.raises(ValueError, match="naive datetime"):
        convert(datetime(2026, 3, 1, 17, 0))


def test_repeated_values_are_converted_once_and_each_row_keeps_its_own() -> None:
    ids = [uuid4() for _ in range(3)]
    rows = [(ids[n], T0 + timedelta(seconds=n), T0, Decimal("102.5")) for n in range(3)]
    columns = ("id", "performed_at", "created_at", "load_kg")
    values = sqlite_values(SET_TABLE, columns, rows, SQLITE)
    assert values == [
        (ids[n].hex, f"2026-03-01 17:00:0{n}.000000", "2026-03-01 17:00:00.000000", 102.5)
        for n in range(3)
    ]


def test_the_log_tables_go_in_as_binary_copy() -> None:
    assert copy_types(SET_TABLE, SET_COLUMNS) == [
        "uuid",
        "uuid",
        "int4",
        "text",
        "int4",
        "text",
        "int4",
        "numeric",
        "numeric",
        "numeric",
        "int4",
        "numeric",
        "int4",
        "text",
        "timestamptz",
        "timestamptz",
        "timestamptz",
        "int4",
        "timestamptz",
        "int4",
    ]
    sessions = copy_types(PerformedSessionRow.__table__, SESSION_COLUMNS)
    assert sessions is not None
    assert sessions[3] == "date"
    assert copy_types(ImportRow.__table__, ("id", "payload")) is None  # JSON: a text COPY


def _session(log: Logbook, day: date) -> PerformedSession:
    made = PerformedSession(id=uuid4(), local_date=day, title="Legs", source="strong")
    assert log.batches().add_sessions([made]) == 1
    return made


def _sets(session_id: UUID, count: int, exercise: str = "barbell-back-squat") -> list[BatchSet]:
    return [
        BatchSet(
            session_id,
            n,
            SetEntry(
                id=uuid4(),
                exercise_id=exercise,
                performed_at=T0 + timedelta(seconds=n),
                reps=5,
                load_kg=Decimal("100.0004"),
                rpe=Decimal("8.5"),
                position=n,
            ),
        )
        for n in range(count)
    ]


def test_bulk_sets_are_stored_as_an_orm_insert_stores_them(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    day = _session(log, date(2026, 3, 1))
    bulk, orm = _sets(day.id, 2)
    assert log.batches().add_sets([bulk]) == 1
    log.add_set(day.id, orm.entry)
    session.flush()
    stored = session.execute(
        select(SetRow.id, text("CAST(performed_at AS TEXT)"), SetRow.load_kg, SetRow.rpe)
        .where(SetRow.id.in_([bulk.entry.id, orm.entry.id]))
        .order_by(SetRow.performed_at)
    ).all()
    assert [row[0] for row in stored] == [bulk.entry.id, orm.entry.id]
    bulk_time, orm_time = stored[0][1], stored[1][1]
    assert len(bulk_time) == len(orm_time)
    assert stored[0][2:] == stored[1][2:] == (Decimal("100.000"), Decimal("8.5"))
    on_the_second = session.scalar(
        select(func.count()).select_from(SetRow).where(SetRow.performed_at >= T0)
    )
    assert on_the_second == 2


def test_sets_copied_in_the_background_are_there_for_the_next_statement(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    day = _session(log, date(2026, 3, 1))
    batch = _sets(day.id, 300)
    assert log.batches().add_sets(batch, [day.id], background=True) == 300
    assert session.scalar(select(func.count()).select_from(SetRow)) == 300
    session.commit()
    assert session.scalar(select(func.count()).select_from(SetRow)) == 300


def _orphans(log: Logbook) -> None:
    """Sets of a session that does not exist, copied in the background: SQLite refuses
    them at once, PostgreSQL when the connection is next used."""
    orphans = _sets(uuid4(), 50)
    log.batches().add_sets(orphans, [o.session_id for o in orphans], background=True)


def test_a_background_copy_refused_surfaces_at_the_next_statement_and_nothing_stays(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    day = _session(log, date(2026, 3, 1))
    session.commit()

    def write_then_read() -> None:
        _orphans(log)
        session.execute(select(func.count()).select_from(SetRow)).scalar()

    with pytest.raises(IntegrityError):
        write_then_read()
    session.rollback()
    assert session.scalar(select(func.count()).select_from(SetRow)) == 0
    assert log.get_session(day.id) is not None


def test_a_background_copy_refused_stops_the_commit(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    _session(log, date(2026, 3, 1))

    def write_then_commit() -> None:
        _orphans(log)
        session.commit()

    with pytest.raises(DBAPIError):
        write_then_commit()
    session.rollback()
    assert session.scalar(select(func.count()).select_from(SetRow)) == 0
    assert session.scalar(select(func.count()).select_from(PerformedSessionRow)) == 0


def test_waiting_for_a_background_copy_raises_its_refusal(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)

    def write_then_wait() -> None:
        _orphans(log)
        log.batches().wait()

    with pytest.raises(IntegrityError):
        write_then_wait()
    session.rollback()
    log.batches().wait()


def test_a_rollback_while_copying_in_the_background_leaves_nothing(
    session: Session, athlete: AthleteRecord
) -> None:
    log = Logbook(session, athlete.id)
    day = _session(log, date(2026, 3, 1))
    log.batches().add_sets(_sets(day.id, 2000), [day.id], background=True)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(SetRow)) == 0
    assert session.scalar(select(func.count()).select_from(PerformedSessionRow)) == 0
