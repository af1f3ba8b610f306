"""Batched writes and reads of the training log, for imports, restores and exports.

`Logbook.add_set` stores one set with its checks, which is right for a person logging and
far too slow for a 200,000-row export. Here sessions and sets go in by the thousand, in the
caller's transaction, the fastest way each backend allows (`store/bulk.py`). They stay
idempotent the way `add_set` is: ids already stored for the athlete are skipped (not
counted), an id stored for another athlete is refused, and a session whose import key is
stored is not made again. Sets come as `BatchSet`s (a checked `SetEntry` with its session,
as a restore has them) or, from another app's export, as `ImportedSet`s (checked by the same
rules, without building an entry per row); `store/set_rows.py` makes their rows.

`log_rows` streams an athlete's sessions with their sets in a stable order (local date,
start, id, then position) for exports, a thousand rows at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import fields
from typing import Any
from uuid import UUID

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from redwood.domain.logbook import LoggedSet, PerformedSession
from redwood.domain.vocab import SetType
from redwood.store import record_book
from redwood.store.base import AthleteRepository
from redwood.store.bulk import bulk_insert, refresh_statistics, wait_for_copy
from redwood.store.errors import DuplicateRecordError
from redwood.store.models import PerformedSessionRow, SetRow, utcnow
from redwood.store.set_rows import SET_COLUMNS as SET_COLUMNS
from redwood.store.set_rows import BatchSet as BatchSet
from redwood.store.set_rows import ImportedSet as ImportedSet
from redwood.store.set_rows import entry_rows, imported_rows

LOOKUP_CHUNK = 2000


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), LOOKUP_CHUNK):
        yield items[start : start + LOOKUP_CHUNK]


def sessions_by_import_key(
    session: Session, athlete_id: int, keys: Iterable[str]
) -> dict[str, UUID]:
    """The stored session id of each import key that the athlete already has."""
    wanted = sorted(set(keys))
    found: dict[str, UUID] = {}
    for chunk in _chunks(wanted):
        query = select(PerformedSessionRow.import_key, PerformedSessionRow.id).where(
            PerformedSessionRow.athlete_id == athlete_id,
            PerformedSessionRow.import_key.in_(chunk),
        )
        for key, session_id in session.execute(query):
            found[str(key)] = session_id
    return found


def owners_of_sessions(session: Session, ids: Iterable[UUID]) -> dict[UUID, int]:
    """Which athlete each stored session id belongs to (absent ids are left out)."""
    found: dict[UUID, int] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = select(PerformedSessionRow.id, PerformedSessionRow.athlete_id).where(
            PerformedSessionRow.id.in_(chunk)
        )
        found.update((row_id, owner) for row_id, owner in session.execute(query))
    return found


SESSION_COLUMNS = (
    "id",
    "athlete_id",
    "planned_session_id",
    "local_date",
    "started_at",
    "ended_at",
    "title",
    "notes",
    "source",
    "import_key",
    "import_id",
    "created_at",
    "updated_at",
)


def add_sessions(
    session: Session,
    athlete_id: int,
    sessions: Sequence[PerformedSession],
    import_id: int | None = None,
) -> int:
    """Store new sessions (ids and import keys the caller has checked are free); how many.
    `import_id` names the import that makes them."""
    now = utcnow()
    rows = [
        (
            item.id,
            athlete_id,
            item.planned_session_id,
            item.local_date,
            item.started_at,
            item.ended_at,
            item.title[:200],
            item.notes,
            item.source[:40],
            item.import_key,
            import_id,
            now,
            now,
        )
        for item in sessions
    ]
    bulk_insert(session, _table(PerformedSessionRow), SESSION_COLUMNS, rows)
    return len(rows)


def _stored_ids(
    session: Session, athlete_id: int, sessions: Iterable[UUID], new_sessions: Collection[UUID]
) -> set[UUID]:
    """The ids of the stored sets of these sessions (the sessions made now have none).

    Filtered by session alone, so SQLite walks the (session_id, position) index: the
    sessions are the athlete's own, and the composite foreign key keeps their sets so.
    """
    wanted = sorted(set(sessions) - set(new_sessions))
    owners = owners_of_sessions(session, wanted)
    if any(owner != athlete_id for owner in owners.values()):
        raise DuplicateRecordError("session: a session id of another athlete was given")
    stored: set[UUID] = set()
    for chunk in _chunks(wanted):
        stored.update(session.scalars(select(SetRow.id).where(SetRow.session_id.in_(chunk))))
    return stored


def _owned_ids(session: Session, athlete_id: int, batch: Sequence[BatchSet]) -> set[UUID]:
    """The batch's set ids stored anywhere: the athlete's own, or a refusal for another's."""
    owners: dict[UUID, int] = {}
    for chunk in _chunks([item.entry.id for item in batch]):
        query = select(SetRow.id, SetRow.athlete_id).where(SetRow.id.in_(chunk))
        owners.update((row_id, owner) for row_id, owner in session.execute(query))
    for set_id, owner in owners.items():
        if owner != athlete_id:
            raise DuplicateRecordError(f"id: set id {set_id} is already used")
    return set(owners)


def add_sets(
    session: Session,
    athlete_id: int,
    batch: Sequence[BatchSet],
    new_sessions: Collection[UUID] = (),
    *,
    check_ids: bool = False,
    import_id: int | None = None,
    background: bool = False,
) -> int:
    """Store the sets whose ids are new for their sessions; how many were stored.

    Ids are looked up per session: sets already stored in the batch's sessions are skipped,
    and `new_sessions` (made by the caller in this transaction, from ids derived for this
    athlete) are not looked up at all, which halves the cost of a first import. With
    `check_ids` (ids that came from a file, as in a restore) every id is looked up wherever
    it is stored: the athlete's own are skipped, another athlete's refused. Exercises and
    sessions must exist (foreign keys). `import_id` names the import that makes them.
    With `background`, PostgreSQL takes them while the caller goes on: a refusal surfaces
    at the transaction's next statement or at its commit (`bulk.bulk_insert`).
    """
    if check_ids:
        stored = _owned_ids(session, athlete_id, batch)
    else:
        stored = _stored_ids(session, athlete_id, (b.session_id for b in batch), new_sessions)
    rows = entry_rows(athlete_id, batch, stored, import_id, utcnow())
    return _insert_sets(session, athlete_id, rows, background)


def add_imported_sets(
    session: Session,
    athlete_id: int,
    batch: Sequence[tuple[UUID, ImportedSet]],
    new_sessions: Collection[UUID] = (),
    *,
    import_id: int | None = None,
    background: bool = False,
) -> int:
    """`add_sets` for (session id, imported set) pairs: the same rows, ids already stored in
    the batch's sessions skipped (none looked up in `new_sessions`); how many were stored."""
    stored = _stored_ids(session, athlete_id, (pair[0] for pair in batch), new_sessions)
    rows = imported_rows(athlete_id, batch, stored, import_id, utcnow())
    return _insert_sets(session, athlete_id, rows, background)


def _insert_sets(
    session: Session, athlete_id: int, rows: list[tuple[Any, ...]], background: bool
) -> int:
    """Store set rows (in `SET_COLUMNS` order), the record book told; how many."""
    record_book.touch_sets(session, athlete_id, ((row[3], row[1]) for row in rows))
    bulk_insert(session, _table(SetRow), SET_COLUMNS, rows, background=background)
    return len(rows)


def _logged(row: Any) -> LoggedSet:
    values = row._mapping
    return LoggedSet(
        **{name: values[name] for name in LOGGED_FIELDS},
        set_type=SetType(values["set_type"]),
    )


LOGGED_FIELDS = tuple(f.name for f in fields(LoggedSet) if f.name != "set_type")
"""`LoggedSet` fields copied from a stored row as they are (the set type is converted)."""


def log_rows(
    session: Session, athlete_id: int, *, include_deleted: bool = False
) -> Iterator[LoggedSet]:
    """Every set of the athlete in export order (local date, start, session id, position),
    streamed a thousand rows at a time."""
    sets = _table(SetRow)
    query = (
        select(*sets.columns)
        .join(
            PerformedSessionRow,
            (PerformedSessionRow.id == SetRow.session_id)
            & (PerformedSessionRow.athlete_id == SetRow.athlete_id),
        )
        .where(SetRow.athlete_id == athlete_id)
        .order_by(
            PerformedSessionRow.local_date,
            PerformedSessionRow.started_at.is_(None),
            PerformedSessionRow.started_at,
            PerformedSessionRow.id,
            SetRow.position,
            SetRow.performed_at,
            SetRow.id,
        )
        .execution_options(yield_per=1000)
    )
    if not include_deleted:
        query = query.where(SetRow.deleted_at.is_(None))
    for row in session.execute(query):
        yield _logged(row)


class Batches(AthleteRepository):
    """One athlete's log in batches (reached through `Logbook.batches()`)."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        super().__init__(session, athlete_id)
        self._analyzed = False

    def sessions_by_import_key(self, keys: Iterable[str]) -> dict[str, UUID]:
        """The stored session id of each of these import keys the athlete already has."""
        return sessions_by_import_key(self.session, self.athlete_id, keys)

    def session_owners(self, ids: Iterable[UUID]) -> dict[UUID, int]:
        """Which athlete each stored session id belongs to."""
        return owners_of_sessions(self.session, ids)

    def add_sessions(
        self, sessions: Sequence[PerformedSession], *, import_id: int | None = None
    ) -> int:
        """Store new sessions at once (ids and import keys checked free by the caller)."""
        added = add_sessions(self.session, self.athlete_id, sessions, import_id)
        if added and not self._analyzed:
            self._analyzed = True
            refresh_statistics(self.session)
        return added

    def add_sets(
        self,
        sets: Sequence[BatchSet],
        new_sessions: Collection[UUID] = (),
        *,
        check_ids: bool = False,
        import_id: int | None = None,
        background: bool = False,
    ) -> int:
        """Store sets at once: ids already stored are skipped; how many were new
        (`background`: see `add_sets`)."""
        return add_sets(
            self.session,
            self.athlete_id,
            sets,
            new_sessions,
            check_ids=check_ids,
            import_id=import_id,
            background=background,
        )

    def add_imported_sets(
        self,
        sets: Sequence[tuple[UUID, ImportedSet]],
        new_sessions: Collection[UUID] = (),
        *,
        import_id: int | None = None,
        background: bool = False,
    ) -> int:
        """Store an import's checked sets at once (see `add_imported_sets`)."""
        return add_imported_sets(
            self.session,
            self.athlete_id,
            sets,
            new_sessions,
            import_id=import_id,
            background=background,
        )

    def wait(self) -> None:
        """Wait for the sets still being copied in the background; raise their refusal."""
        wait_for_copy(self.session)

    def all_sets(self, *, include_deleted: bool = False) -> Iterator[LoggedSet]:
        """Every set in export order (date, start, session, position), streamed."""
        return log_rows(self.session, self.athlete_id, include_deleted=include_deleted)
