"""Performed sessions as a use case, where the API cannot reach: a session that never had a
set (an import can leave one) is listed, and deleting it removes it outright, with nothing
for undo. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from redwood.services import logbook, performed_sessions
from redwood.services.database import unit_of_work
from redwood.services.errors import NotFoundError
from redwood.services.identity import acting_as
from redwood.store import Logbook
from tests.services.test_identity import _athletes


def test_a_session_without_sets_is_listed_then_deleted_outright(db_url: str) -> None:
    (ana,) = _athletes(db_url, "Ana")
    with unit_of_work(db_url) as session:
        bare = Logbook(session, ana).start_session(date(2026, 11, 2), title="Rained off")
    with acting_as(ana):
        listed = performed_sessions.list_sessions(url=db_url)["items"]
        assert [(item["id"], item["sets"], item["duration_seconds"]) for item in listed] == [
            (str(bare.id), 0, None)
        ]
        shown = performed_sessions.get_session(bare.id, url=db_url)
        assert (shown["sets"], shown["summary"]["sets"]) == ([], 0)
        gone = performed_sessions.delete_session(bare.id, url=db_url)
        assert (gone["sets"], gone["undo"]) == ([], None)
        with pytest.raises(NotFoundError):
            performed_sessions.get_session(bare.id, url=db_url)
        assert logbook.undo(url=db_url)["undone"] is None
        assert performed_sessions.list_sessions(url=db_url)["items"] == []
