"""`sets.create_set` when a copy of the same request (a client's retry after a lost answer)
stores the set between the retry's two id checks: the retry answers the stored set (200),
not "this set id is already used" (403). Found by bench/soak.py on PostgreSQL, where each
statement of a transaction sees what other transactions committed before it ran."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select

from redwood.domain.mass import Mass
from redwood.domain.notation import SetSpec
from redwood.services import sets
from redwood.services.database import engine_for, unit_of_work, upgrade_database
from redwood.store.models import PerformedSessionRow, SetRow

SPEC = SetSpec(reps=5, load=Mass(Decimal(100)))


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_copy_committed_between_the_id_checks_is_answered_as_stored(db_url: str) -> None:
    upgrade_database(db_url, quiet=True)
    today = datetime.now(UTC).date()
    sets.create_set(uuid.uuid4(), today, "back squat", SPEC, today=today, url=db_url)
    set_id = uuid.uuid4()
    raced: list[bool] = []

    def copy_lands_first(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        if not raced and statement.startswith("SELECT sets.athlete_id"):
            raced.append(True)  # the racing copy commits now, on another connection
            _, created = sets.create_set(set_id, today, "back squat", SPEC, today=today, url=db_url)
            assert created

    engine = engine_for(db_url)
    event.listen(engine, "before_cursor_execute", copy_lands_first)
    try:
        stored, created = sets.create_set(
            set_id, today, "back squat", SPEC, today=today, url=db_url
        )
    finally:
        event.remove(engine, "before_cursor_execute", copy_lands_first)

    assert raced == [True]
    assert created is False
    assert stored["id"] == str(set_id)
    with unit_of_work(db_url) as session:
        assert session.scalar(select(func.count()).where(SetRow.id == set_id)) == 1


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_copy_of_the_days_first_set_leaves_no_empty_session(db_url: str) -> None:
    """The first set of a day: the retry makes a session for it, the copy (with a session of
    its own) commits the set meanwhile. The retry's session would stay empty; it is removed,
    and the answer names the session the set is in."""
    upgrade_database(db_url, quiet=True)
    today = datetime.now(UTC).date()
    set_id = uuid.uuid4()
    raced: list[bool] = []

    def copy_lands_first(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        if not raced and statement.startswith("INSERT INTO performed_sessions"):
            raced.append(True)
            _, created = sets.create_set(set_id, today, "back squat", SPEC, today=today, url=db_url)
            assert created

    engine = engine_for(db_url)
    event.listen(engine, "before_cursor_execute", copy_lands_first)
    try:
        stored, _ = sets.create_set(set_id, today, "back squat", SPEC, today=today, url=db_url)
    finally:
        event.remove(engine, "before_cursor_execute", copy_lands_first)

    assert raced == [True]
    with unit_of_work(db_url) as session:
        assert session.scalar(select(func.count()).where(SetRow.id == set_id)) == 1
        sessions = session.scalars(select(PerformedSessionRow.id)).all()
        assert sessions == [session.scalar(select(SetRow.session_id).where(SetRow.id == set_id))]
    assert stored["id"] == str(set_id)
