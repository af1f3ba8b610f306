"""The app itself: its OpenAPI document lists the contract's routes, it prepares its
database, and on SQLite it serves one request at a time (concurrent writers never fail)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from redwood.services.database import DatabaseError, downgrade_database
from redwood.store import migrate
from redwood.web.app import SQLiteGate, create_app
from tests.web.client import Api

CONTRACT = {
    ("get", "/api/v1/health"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/plan"),
    ("get", "/api/v1/today"),
    ("post", "/api/v1/sets"),
    ("get", "/api/v1/sets"),
    ("get", "/api/v1/sets/{set_id}"),
    ("patch", "/api/v1/sets/{set_id}"),
    ("delete", "/api/v1/sets/{set_id}"),
}


def test_openapi_lists_every_contract_route(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    routes = {(m, p) for p, item in document["paths"].items() for m in item}
    assert routes >= CONTRACT
    assert "bearer" in str(document["components"]["securitySchemes"]).lower()


@pytest.mark.empty_database
def test_a_fresh_database_is_migrated_when_the_app_is_made(db_url: str) -> None:
    assert migrate.current(db_url) is None
    create_app(db_url)
    assert migrate.current(db_url) == migrate.head()


def test_a_postgresql_database_that_is_behind_is_refused(db_url: str) -> None:
    create_app(db_url)
    downgrade_database("0002", db_url)
    if db_url.startswith("sqlite"):
        create_app(db_url)  # SQLite is the embedded default: it is brought up to date
        assert migrate.current(db_url) == migrate.head()
        return
    with pytest.raises(DatabaseError, match="redwood db upgrade"):
        create_app(db_url)


def test_only_sqlite_apps_have_the_gate(db_url: str) -> None:
    app = create_app(db_url)
    gated = any(layer.cls is SQLiteGate for layer in app.user_middleware)
    assert gated == db_url.startswith("sqlite")


def test_concurrent_writers_all_succeed(api: Api) -> None:
    people = [api.signup(name) for name in ("Ana", "Bo", "Cy", "Di")]
    codes: Counter[int] = Counter()
    with TestClient(api.client.app) as shared:

        def log(headers: dict[str, str]) -> None:
            for _ in range(10):
                body = {"id": str(uuid.uuid4()), "exercise": "squat", "reps": 5, "load_kg": 60}
                codes[shared.post("/api/v1/sets", headers=headers, json=body).status_code] += 1

        threads = [threading.Thread(target=log, args=(p.headers,)) for p in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert codes == Counter({201: 40})
