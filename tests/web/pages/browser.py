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
from fastapi import FastAPI
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


class Server:
    """The app on uvicorn in a thread, on a free port of 127.0.0.1 the first time; `stop`
    then `start` serve it again on the same port (the network going away and coming back,
    as the browser sees it)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.port = 0
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        self.server, self.thread = server, thread

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(timeout=10)
        self.server = self.thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def live_server(database_url: str) -> Iterator[str]:
    """The app served on 127.0.0.1 at a free port; yields its base URL."""
    server = Server(create_app(database_url))
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@contextmanager
def phone_page(chromium: Browser, base_url: str) -> Iterator[Page]:
    """A page in a phone-sized, touch-enabled context on `base_url`; fails the test if a
    script on the page threw."""
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, base_url=base_url
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def launch(playwright: Playwright) -> Browser:
    """Debian's chromium, headless."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-dev-shm-usage"]
    )
