"""`serving_app`, the app `redwood serve` builds in each worker: the same app as
`create_app`, with what it made kept out of the garbage collector's full collections."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from redwood.cli.serve import APP_FACTORY
from redwood.web.app import serving_app


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give the frozen objects back to the collector after the test."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_serve_builds_its_workers_with_serving_app() -> None:
    assert APP_FACTORY == "redwood.web.app:serving_app"


@pytest.mark.usefixtures("unfrozen")
def test_serving_app_freezes_what_it_made_and_serves(
    db_url: str, settings_env: pytest.MonkeyPatch
) -> None:
    settings_env.setenv("REDWOOD_DATABASE_URL", db_url)
    assert gc.get_freeze_count() == 0

    app = serving_app()

    assert gc.get_freeze_count() > 10_000  # the modules, the app, the catalogue
    with TestClient(app) as client:
        answer = client.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json()["database"] == "ok"
