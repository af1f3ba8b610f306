"""In Chromium on a 390 x 844 phone: sign up, plan through onboarding, then log a WHOLE
session on /today by tapping (every set, warm-ups and a superset pair included, and a
swap), watch the rest timer across a locked screen (the page's clock jumps ahead), finish
and see the summary with new records, and find the session on /history. No page may
scroll sideways at 360 px."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from redwood.services import accounts, coaching, logbook
from redwood.services.identity import acting_as
from tests.web.pages.browser import PHONE, snap
from tests.web.pages.workouts import WEEKDAYS, athlete_of, give_program, today

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "correct horse battery"
MAX_TAPS = 80


def sign_up_and_plan(phone: Page) -> None:
    """The sign-up page, then the onboarding questionnaire: today and three days later,
    supersets on, week 1 this week."""
    phone.goto("/signup")
    phone.get_by_label("Your name").fill("Ana")
    phone.get_by_label("Email").fill("ana@example.com")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Create account").click()
    expect(phone).to_have_url("/onboarding")
    first = today().weekday()
    for day in (WEEKDAYS[first], WEEKDAYS[(first + 3) % 7]):
        phone.locator(f"input[name=weekdays][value={day}]").check()
    phone.get_by_label("Days a week").select_option("2")
    phone.locator("input[name=minutes]").fill("45")
    phone.locator("input[name=setting][value=gym]").check()
    phone.get_by_text("More choices").click()
    phone.locator("select[name=supersets]").select_option("on")
    phone.locator("input[name=starts_on]").fill(today().isoformat())
    phone.get_by_role("button", name="Plan my program").click()
    expect(phone).to_have_url(re.compile(r"/program"), timeout=60_000)


def seed_last_week(phone: Page, url: str) -> list[str]:
    """A lighter session a week ago for every loaded exercise of today's session (so the
    coach prescribes loads and plates, and today's sets set records); their names."""
    token = next(c["value"] for c in phone.context.cookies() if c["name"] == "rw_session")
    athlete = accounts.authenticate(token, url=url)
    assert athlete is not None
    with acting_as(athlete):
        document = coaching.today(url=url)
        assert document["session"] is not None, document["reason"]
        earlier = (today() - timedelta(days=7)).isoformat()
        for line in document["session"]["exercises"]:
            hand = any(word in line["exercise"] for word in ("dumbbell", "kettlebell"))
            amount = ("20kg" if hand else "60kg") if line["loaded"] else "bw"
            logbook.add_line(f"{earlier} {line['exercise']} {amount} 6", today=today(), url=url)
        return [line["name"] for line in document["session"]["exercises"]]


def no_sideways_scroll(phone: Page) -> None:
    phone.set_viewport_size({"width": 360, "height": 800})
    wide = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"{phone.url} scrolls sideways by {wide} px at 360 px"
    phone.set_viewport_size({"width": 390, "height": 844})


def seconds_shown(phone: Page) -> int:
    text = phone.locator("[data-timer] [data-until]").inner_text()
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def log_next(phone: Page) -> str:
    """Tap "Log" on the set shown (typing a load where none is prescribed); the exercise."""
    now = phone.locator("article.now")
    name = now.locator("h2").inner_text().replace("superset", "").strip()
    client_id = now.locator("input[name=id]").input_value()
    load = now.locator("input[name=load]")
    if not load.input_value():
        load.fill("30")
    now.get_by_role("button", name=re.compile(r"^Log ")).click()
    expect(phone.locator(f'article.now input[name=id][value="{client_id}"]')).to_have_count(0)
    return name


def test_log_a_whole_session_on_a_phone(phone: Page, tmp_path: Path) -> None:
    sign_up_and_plan(phone)
    names = seed_last_week(phone, f"sqlite:///{tmp_path / 'site.db'}")
    phone.clock.install()
    phone.goto("/today")
    expect(phone.locator("h1")).not_to_have_text("Rest day")
    expect(phone.locator(".plates").first).to_contain_text("per side")
    snap(phone, "today-start")
    no_sideways_scroll(phone)

    # The first set, then the rest timer; the screen "locks" for a minute.
    order = [log_next(phone)]
    timer = phone.locator("[data-timer] [data-until]")
    expect(timer).to_have_text(re.compile(r"^\d+:\d\d$"))
    before = seconds_shown(phone)
    assert 100 < before <= 150
    snap(phone, "today-rest-timer")
    phone.clock.fast_forward("01:00")
    expect(timer).not_to_have_text(re.compile(rf"^{before // 60}:{before % 60:02d}$"))
    assert before - 62 <= seconds_shown(phone) <= before - 58
    phone.clock.fast_forward("03:00")
    expect(timer).to_have_text("0:00")
    expect(phone.locator("[data-timer].done")).to_have_count(1)

    # Every set, swapping the last exercise for a substitute when it comes up.
    swapped = ""
    while phone.locator("article.now form.log-form").count() and len(order) < MAX_TAPS:
        now = phone.locator("article.now h2").inner_text().replace("superset", "").strip()
        if now == names[-1] and not swapped:
            phone.get_by_role("link", name="Swap exercise").click()
            expect(phone.locator("h1")).to_have_text(f"Swap {names[-1].lower()}", ignore_case=True)
            snap(phone, "today-swap")
            choice = phone.locator("ul.cards button").first
            swapped = choice.inner_text().strip()
            choice.click()
            expect(phone.locator("article.now h2")).to_contain_text(swapped)
            expect(phone.get_by_text(re.compile(r"^Instead of "))).to_have_count(1)
        if len(order) == 12:
            snap(phone, "today-mid-session")
        order.append(log_next(phone))
    assert swapped
    assert swapped in order
    assert names[-1] not in order
    pairs = [(a, b) for a, b in itertools.pairwise(order) if a != b]
    alternating = [p for p in pairs if (p[1], p[0]) in pairs]
    assert alternating, f"no superset alternated: {order}"
    expect(phone.locator("article.now h2")).to_have_text("All sets done")
    snap(phone, "today-all-done")
    no_sideways_scroll(phone)

    phone.get_by_role("button", name="Finish session").click()
    expect(phone).to_have_url(re.compile(r"/today/summary\?session="))
    expect(phone.locator("h1")).to_have_text("Session done")
    expect(phone.locator(".summary")).to_contain_text(f"{len(order)} sets")
    expect(phone.locator("ul.records li").first).to_be_visible()
    snap(phone, "today-summary")

    phone.locator("nav.tabs").get_by_role("link", name="History").click()
    expect(phone).to_have_url("/history")
    first = phone.locator("ol.history > li").first
    expect(first).to_contain_text(today().isoformat())
    expect(first).to_contain_text(f"{len(order)} sets")
    expect(first.locator(".set-row").first).to_be_visible()
    snap(phone, "history")
    no_sideways_scroll(phone)


def test_without_javascript_a_tap_logs_and_the_rest_shows_its_end(
    chromium: Browser, site: str, tmp_path: Path
) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE, base_url=site)
    page = context.new_page()
    try:
        page.goto("/signup")
        page.get_by_label("Your name").fill("Bo")
        page.get_by_label("Email").fill("bo@example.com")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        token = next(c["value"] for c in context.cookies() if c["name"] == "rw_session")
        url = f"sqlite:///{tmp_path / 'site.db'}"
        give_program(athlete_of(token, url), url)
        page.goto("/today")
        page.get_by_role("button", name="Log warm-up").click()
        expect(page).to_have_url(f"/today?date={today().isoformat()}")
        expect(page.locator("[data-timer]")).to_contain_text(
            re.compile(r"Rest until \d\d:\d\d:\d\d")
        )
        expect(page.locator("article.now input[name=load]")).to_have_value("45")
        snap(page, "today-no-javascript")
    finally:
        context.close()
