"""Fixtures for page tests: a fresh live server per test and a phone-sized browser page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from redwood.services.database import dispose_engines
from tests.web.pages.browser import PHONE, launch, live_server


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
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, base_url=site
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
