"""Fixtures for page tests: a fresh live server per test and a phone-sized browser page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from redwood.services.database import dispose_engines
from tests.web.pages.browser import launch, live_server, phone_page


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless chromium per test process."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """The base URL of the app on a fresh SQLite database."""
    with live_server(f"sqlite:///{tmp_path / 'site.db'}") as url:
        yield url
    dispose_engines()


@pytest.fixture
def phone(chromium: Browser, site: str) -> Iterator[Page]:
    """A page in a phone-sized, touch-enabled browser context on `site`."""
    with phone_page(chromium, site) as page:
        yield page
