"""Representative rows for every table Redwood has had, written with raw SQL at any revision.

`write_samples` looks at the tables and columns the database has *now* (whatever revision it
is at) and inserts, with plain SQL and per-backend literal formats, the sample rows of the
tables that exist, leaving out columns that do not exist yet. It returns what it wrote, so a
test can check each value is still there after migrations, a backup and a restore.

The rows cover what a lifter's database holds: a local athlete and a coach, a catalogue and
a custom exercise, a name mapping, a program with planned sessions, two imports (the first
replaced by the second: a reference forward), performed sessions (one planned, one
imported) with working, warm-up and deleted sets, body weights, check-ins, a token, the
undo journal, a failed login, a coach invite and link, a held upload.
A table added by a later revision gets no rows here until it is added below.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection

from redwood.store.models import Base

AT = datetime(2026, 3, 2, 17, 45, 12, 345678, tzinfo=UTC)
SESSION_A = uuid.UUID("6a1f0c3e-1111-4d2a-9b1e-0123456789ab")
SESSION_B = uuid.UUID("6a1f0c3e-2222-4d2a-9b1e-0123456789ab")
SET_IDS = [uuid.UUID(f"7b2e1d4f-{n:04d}-4e3b-8c2f-0123456789ab") for n in range(1, 7)]

RECORD = {"id": "barbell-back-squat", "name": "Back squat", "primary": ["quads"], "ratio": 0.75}
PROGRAM = {"name": "Legs & back", "weeks": [{"sessions": [{"title": "A"}]}], "rpe": 8.5}

SAMPLES: list[tuple[str, dict[str, Any]]] = [
    (
        "athletes",
        {
            "id": 1,
            "email": "ana@example.com",
            "name": "Ana Ferreira ✓",
            "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
            "role": "athlete",
            "unit": "kg",
            "timezone": "Europe/Lisbon",
            "is_local": True,
            "plates": {"kg": [25, 20, 15, 10, 5, 2.5, 1.25]},
            "dumbbells": None,
            "equipment": {"barbell": True, "cable": True},
            "profile": {"sex": "f", "goal": "strength", "age": 34},
            "coach_settings": {"cap": 1.1, "rules": {"barbell-back-squat": "double"}},
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    (
        "athletes",
        {
            "id": 2,
            "email": "coach@example.com",
            "name": "Bea",
            "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$b3RoZXI",
            "role": "coach",
            "unit": "lb",
            "timezone": "America/New_York",
            "is_local": False,
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    (
        "exercises",
        {
            "id": "barbell-back-squat",
            "athlete_id": None,
            "name": "Back squat",
            "folded_name": "back squat",
            "record": RECORD,
            "source": "catalogue",
            "retired": False,
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    (
        "exercises",
        {
            "id": "custom_1_sled_push",
            "athlete_id": 1,
            "name": "Sled push",
            "folded_name": "sled push",
            "record": {"id": "custom_1_sled_push", "name": "Sled push"},
            "source": "custom",
            "retired": False,
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    (
        "exercise_mappings",
        {
            "id": 1,
            "athlete_id": 1,
            "folded_name": "squat (barbell)",
            "name": "Squat (Barbell)",
            "exercise_id": "barbell-back-squat",
            "created_at": AT,
        },
    ),
    (
        "programs",
        {
            "id": 1,
            "athlete_id": 1,
            "name": "Legs & back",
            "document": PROGRAM,
            "profile": {"days": 3},
            "seed": 9_007_199_254_740_993,
            "active": True,
            "starts_on": date(2026, 3, 2),
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    *[
        (
            "planned_sessions",
            {
                "id": n,
                "program_id": 1,
                "week_index": 1,
                "weekday": weekday,
                "position": n - 1,
                "title": f"Session {n}",
                "data": {"exercises": [{"id": "barbell-back-squat", "sets": 3, "reps": [5, 5, 5]}]},
            },
        )
        for n, weekday in ((1, "mon"), (2, "thu"))
    ],
    (
        "imports",
        {
            "id": 2,
            "athlete_id": 1,
            "created_at": AT,
            "file_name": "strong.csv",
            "source_key": "sha256:abc",
            "format": "strong",
            "layout": "Strong S1",
            "unit": "lb",
            "sessions": 0,
            "sets": 0,
            "bodyweights": 0,
            "custom_created": 0,
            "skipped": 0,
            "payload": {},
            "undone_at": None,
            "replaced_by": None,
        },
    ),
    (
        "imports",
        {
            "id": 1,
            "athlete_id": 1,
            "created_at": AT,
            "file_name": "strong.csv",
            "source_key": "sha256:abc",
            "format": "strong",
            "layout": "Strong S1",
            "unit": "lb",
            "sessions": 1,
            "sets": 2,
            "bodyweights": 0,
            "custom_created": 0,
            "skipped": 1,
            "payload": {"bodyweights": [], "programs": []},
            "undone_at": AT,
            "replaced_by": 2,  # a later import took its place: a reference forward
        },
    ),
    (
        "performed_sessions",
        {
            "id": SESSION_A,
            "athlete_id": 1,
            "planned_session_id": 1,
            "local_date": date(2026, 3, 2),
            "started_at": AT,
            "ended_at": None,
            "title": "Session 1",
            "notes": "felt quick — slept 8 h",
            "source": "manual",
            "import_key": None,
            "import_id": None,
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    (
        "performed_sessions",
        {
            "id": SESSION_B,
            "athlete_id": 1,
            "planned_session_id": None,
            "local_date": date(2025, 12, 31),
            "started_at": None,
            "ended_at": None,
            "title": "Legs & Back A",
            "notes": None,
            "source": "strong",
            "import_key": "strong:2025-12-31 18:00:00:Legs & Back A",
            "import_id": 1,
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    *[
        (
            "sets",
            {
                "id": SET_IDS[n],
                "session_id": SESSION_A if n < 4 else SESSION_B,
                "athlete_id": 1,
                "exercise_id": "barbell-back-squat" if n != 3 else "custom_1_sled_push",
                "position": n if n < 4 else n - 4,
                "set_type": "warmup" if n == 0 else "working",
                "reps": 5 + n,
                "load_kg": Decimal("102.125") + n,
                "rpe": Decimal("8.5") if n % 2 else None,
                "rir": Decimal("1.5") if n % 2 == 0 else None,
                "seconds": 40 if n == 3 else None,
                "distance_m": Decimal("25.50") if n == 3 else None,
                "rest_seconds": 180,
                "note": "paused" if n == 2 else None,
                "performed_at": AT,
                "created_at": AT,
                "updated_at": AT,
                "version": 1 + n,
                "deleted_at": AT if n == 5 else None,
                "import_id": 1 if n >= 4 else None,
            },
        )
        for n in range(6)
    ],
    *[
        (
            "bodyweights",
            {
                "id": n,
                "athlete_id": 1,
                "measured_on": date(2026, 3, n),
                "kg": Decimal("71.35") + n,
                "source": "manual",
                "note": None if n == 1 else "morning",
                "created_at": AT,
                "updated_at": AT,
            },
        )
        for n in (1, 2)
    ],
    (
        "checkins",
        {
            "id": 1,
            "athlete_id": 1,
            "local_date": date(2026, 3, 2),
            "sleep_hours": Decimal("7.5"),
            "soreness": 2,
            "energy": 4,
            "pain": True,
            "pain_where": ["lower_back", "knee"],
            "note": "stiff",
            "created_at": AT,
        },
    ),
    (
        "auth_tokens",
        {
            "id": 1,
            "athlete_id": 1,
            "token_hash": "f" * 64,
            "label": "phone",
            "created_at": AT,
            "last_used_at": AT,
            "expires_at": datetime(2026, 4, 1, tzinfo=UTC),
            "revoked_at": None,
        },
    ),
    (
        "log_actions",
        {
            "id": 1,
            "athlete_id": 1,
            "created_at": AT,
            "kind": "edit",
            "payload": {"sets": [str(SET_IDS[1])], "before": {"reps": 5}},
            "undone_at": None,
        },
    ),
    ("login_attempts", {"id": 1, "email": "ana@example.com", "attempted_at": AT}),
    (
        "coach_invites",
        {
            "id": 1,
            "athlete_id": 1,
            "code_hash": "a" * 64,
            "created_at": AT,
            "expires_at": datetime(2026, 3, 9, tzinfo=UTC),
            "used_at": AT,
            "used_by": 2,
        },
    ),
    (
        "coach_links",
        {"id": 1, "athlete_id": 1, "coach_id": 2, "created_at": AT, "revoked_at": None},
    ),
    (
        "held_uploads",
        {
            "id": 1,
            "athlete_id": 1,
            "token_hash": "b" * 64,
            "file_name": "hevy.csv",
            "options": {"unit": "kg"},
            "content": b"title,start_time\n\x00\xffbinary",
            "size": 27,
            "created_at": AT,
            "expires_at": datetime(2026, 3, 3, tzinfo=UTC),
        },
    ),
]


def _literal(value: Any, dialect: str) -> Any:
    """A value as raw SQL binds it on this backend, as SQLAlchemy would have stored it."""
    if isinstance(value, uuid.UUID):
        return value.hex if dialect == "sqlite" else value
    if isinstance(value, datetime):
        if dialect == "sqlite":
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value) if dialect == "sqlite" else value
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def write_samples(
    connection: Connection, *, catalogue: bool = True
) -> list[tuple[str, dict[str, Any]]]:
    """Insert the samples of every table that exists, with the columns that exist (raw SQL).

    `catalogue=False` leaves out the catalogue exercise (for a database whose shipped
    catalogue is already synced: it has that id). Returns the rows as written (only the
    existing columns), in insertion order."""
    inspector = inspect(connection)
    existing = {
        name: {column["name"] for column in inspector.get_columns(name)}
        for name in inspector.get_table_names()
    }
    dialect = connection.dialect.name
    written: list[tuple[str, dict[str, Any]]] = []
    for table, row in SAMPLES:
        if table not in existing or (not catalogue and row.get("source") == "catalogue"):
            continue
        kept = {name: value for name, value in row.items() if name in existing[table]}
        names = ", ".join(f'"{name}"' for name in kept)
        marks = ", ".join(f":{name}" for name in kept)
        connection.execute(
            text(f'INSERT INTO "{table}" ({names}) VALUES ({marks})'),
            {name: _literal(value, dialect) for name, value in kept.items()},
        )
        written.append((table, kept))
    return written


def same(expected: Any, found: Any) -> bool:
    """Whether a stored value is the sample value (decimals by value, instants as UTC)."""
    if isinstance(expected, Decimal) and found is not None:
        return Decimal(str(found)) == expected
    if isinstance(expected, datetime) and isinstance(found, datetime):
        if found.tzinfo is None:
            found = found.replace(tzinfo=UTC)
        return found == expected
    if isinstance(expected, bytes) and found is not None:
        return bytes(found) == expected
    return bool(expected == found)


def assert_samples_kept(connection: Connection, written: list[tuple[str, dict[str, Any]]]) -> None:
    """Every sample row is found by its key through the head models with each value intact."""
    for table_name, row in written:
        table = Base.metadata.tables[table_name]
        keys = [column.name for column in table.primary_key.columns]
        stored = (
            connection.execute(select(table).where(*[table.c[k] == row[k] for k in keys]))
            .mappings()
            .one_or_none()
        )
        assert stored is not None, f"{table_name} {[row[k] for k in keys]} was lost"
        for name, value in row.items():
            assert same(value, stored[name]), (table_name, name, value, stored[name])
