"""In Chromium on a phone: the Today page keeps logging with no network and syncs when the
network is back. One flow: sign up with a program, open Today (the service worker installs
and caches it), log a set online (the cached copy follows), lose the network, log three
sets (the page moves on and shows them waiting),
reload (the worker serves the cached page, still three waiting), log a fourth the server
will refuse, come back online: the three are stored once each, at the times they were
tapped, and the fourth is shown as failed with the server's message.

Losing the network is `context.set_offline(True)` (the page sees `navigator.onLine` false
and its requests fail) and, to be sure, the server stopped too: offline emulation has not
always covered a service worker's own requests (microsoft/playwright#2311), and with the
server gone a request that slipped through would fail anyway, so the reload can only come
from the worker's cache (the worker marks such answers `X-Redwood-Offline: cached`)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from redwood.services import logbook
from redwood.services.database import dispose_engines
from redwood.services.identity import acting_as
from redwood.web.app import create_app
from tests.web.pages.browser import Server, phone_page, snap
from tests.web.pages.workouts import athlete_of, give_program, today

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "correct horse battery"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'site.db'}"
    dispose_engines()


@pytest.fixture
def server(database: str) -> Iterator[Server]:
    running = Server(create_app(database))
    running.start()
    yield running
    running.stop()


@pytest.fixture
def lifter(chromium: Browser, server: Server) -> Iterator[Page]:
    with phone_page(chromium, server.url) as page:
        yield page


def sets_of_today(database: str, athlete: int) -> list[dict[str, Any]]:
    with acting_as(athlete):
        items: list[dict[str, Any]] = logbook.list_sets(start=today(), end=today(), url=database)[
            "items"
        ]
    return items


def wait_for_cached(page: Page, text: str) -> None:
    """Wait until the worker's cached Today page contains `text`."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        cached = page.evaluate(
            """async () => {
                const found = await caches.match("/today");
                return found === undefined ? "" : await found.text();
            }"""
        )
        if text in cached:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the cached Today page never showed {text}")


def tap_log(page: Page, load: str = "") -> str:
    """Tap "Log" on the set shown (after typing `load`); the set's client id."""
    card = page.locator("article.now")
    client_id = card.locator("input[name=id]").input_value()
    if load:
        card.locator("input[name=load]").fill(load)
    card.get_by_role("button", name=re.compile(r"^Log ")).click()
    expect(page.locator(f'article.now input[name=id][value="{client_id}"]')).to_have_count(0)
    return client_id


def test_sets_logged_offline_survive_a_reload_and_sync_once(
    lifter: Page, server: Server, database: str
) -> None:
    page = lifter
    page.goto("/signup")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Email").fill("ana@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url("/onboarding")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "rw_session")
    athlete = athlete_of(token, database)
    give_program(athlete, database)

    page.goto("/today")
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    count = page.locator("#sync [data-sync-count]")
    expect(page.locator("#sync")).to_be_hidden()

    # One set online: the worker's copy of the page is fetched again with it.
    online_set = tap_log(page)
    expect(page.locator(f"#set-{online_set}")).to_have_count(1)
    wait_for_cached(page, f'id="set-{online_set}"')
    next_row = page.locator("li.todo.next")
    first_step = next_row.get_attribute("data-step")

    # The network goes away: three taps, each moves the runner on and waits in the queue.
    page.context.set_offline(True)
    server.stop()
    started = datetime.now(UTC)
    ids = []
    for number in (1, 2, 3):
        ids.append(tap_log(page))
        expect(count).to_have_text(str(number))
    expect(page.locator("#sync")).to_be_visible()
    expect(page.locator("#sync [data-sync-status]")).to_contain_text("No network")
    expect(page.locator("li.todo.queued")).to_have_count(3)
    expect(page.locator("[data-timer] [data-until]")).to_have_text(re.compile(r"^\d+:\d\d$"))
    fourth = page.locator("article.now h2").inner_text()
    fourth_step = next_row.get_attribute("data-step")
    assert fourth_step != first_step
    snap(page, "offline-three-waiting")

    # A reload with no network: the worker serves the cached page, the queue is laid over it.
    reloaded = page.reload()
    assert reloaded is not None
    assert reloaded.headers.get("x-redwood-offline") == "cached"
    expect(count).to_have_text("3")
    expect(page.locator("#sync [data-sync-list] li.queued")).to_have_count(3)
    expect(page.locator("li.todo.queued")).to_have_count(3)
    expect(page.locator("#session li.set-row")).to_have_count(1)  # the set logged online
    expect(page.locator("article.now h2")).to_have_text(fourth)
    expect(next_row).to_have_attribute("data-step", str(fourth_step))
    assert page.locator("article.now input[name=id]").input_value() not in ids

    # A fourth set with a load the server cannot read: queued now, refused later.
    refused = tap_log(page, load="heavy")
    expect(count).to_have_text("4")
    snap(page, "offline-after-reload")

    # The network is back: the queue is sent in order, each set stored once.
    online = datetime.now(UTC)
    server.start()
    page.context.set_offline(False)
    expect(count).to_have_text("0", timeout=30_000)
    failed = page.locator("#sync [data-sync-list] li.failed")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text("load:")
    expect(failed).to_contain_text("heavy")
    expect(page.locator("#session li.set-row")).to_have_count(4)
    snap(page, "offline-synced")

    stored = list(reversed(sets_of_today(database, athlete)))  # oldest first
    assert [s["id"] for s in stored] == [online_set, *ids]  # once each, in the order tapped
    assert refused not in {s["id"] for s in stored}
    times = [datetime.fromisoformat(s["performed_at"]) for s in stored[1:]]
    assert all(started <= at <= online for at in times), (started, times, online)

    # Remove the failed one; a reload online shows nothing waiting and the server's runner.
    failed.get_by_role("button", name="Remove").click()
    expect(failed).to_have_count(0)
    page.reload()
    expect(page.locator("#sync")).to_be_hidden()
    expect(page.locator("#session li.set-row")).to_have_count(4)
