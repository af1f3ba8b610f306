"""A live server and a phone-sized Chromium for the browser tests.

The app runs on uvicorn in a thread of the test process (so the tests' cheap password
hasher applies) on a free port of 127.0.0.1, on its own SQLite file. The browser is
Debian's chromium at /usr/bin/chromium driven by Playwright (never `playwright install`),
with a 390 x 844 touch viewport, the size of a current phone. Screenshots go to
`test-artifacts/screenshots/` at the repository root (or `$REDWOOD_ARTIFACTS/screenshots`),
kept after the run for people to look at.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from playwright.sync_api import Browser, Page, Playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from redwood.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
ROOT = Path(__file__).resolve().parents[3]


def artifacts_dir() -> Path:
    """Where screenshots are kept after the run."""
    base = Path(os.environ.get("REDWOOD_ARTIFACTS") or ROOT / "test-artifacts")
    folder = base / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(page: Page, name: str) -> Path:
    """A full-page screenshot named `name`, kept as a test artefact.

    A very tall page on a busy machine can take chromium longer than the timeout to
    capture whole; the artefact is then the visible screen, rather than a failed test."""
    path = artifacts_dir() / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    try:
        page.screenshot(path=str(path), full_page=True, timeout=20_000)
    except PlaywrightTimeoutError:
        page.screenshot(path=str(path), timeout=20_000)
    return path


@contextmanager
def live_server(database_url: str) -> Iterator[str]:
    """The app served on 127.0.0.1 at a free port; yields its base URL."""
    config = uvicorn.Config(
        create_app(database_url), host="127.0.0.1", port=0, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def launch(playwright: Playwright) -> Browser:
    """Debian's chromium, headless."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-dev-shm-usage"]
    )
