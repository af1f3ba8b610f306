"""In Chromium on a phone: onboarding to a program with its reasons, the program page,
settings, the library search as you type, and no sideways scrolling at 360 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.pages.browser import snap

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "correct horse battery"
PAGES = ("/onboarding", "/program", "/settings", "/exercises", "/exercises/barbell-back-squat")


def _sign_up(phone: Page, email: str) -> None:
    phone.set_default_timeout(60_000)  # full-page screenshots of long pages on a busy machine
    phone.goto("/signup")
    phone.get_by_label("Your name").fill("Ana")
    phone.get_by_label("Email").fill(email)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Create account").click()
    expect(phone).to_have_url("/onboarding")


def _ticked(phone: Page) -> list[str]:
    boxes = phone.locator("input[name=equipment]:checked")
    return sorted(boxes.evaluate_all("boxes => boxes.map(box => box.value)"))


def test_onboarding_plans_a_program_shown_with_its_reasons(phone: Page) -> None:
    _sign_up(phone, "ana@example.com")
    expect(phone.get_by_role("heading", name="Your back-and-legs program")).to_be_visible()
    assert "barbell" in _ticked(phone)
    phone.get_by_label("home").check()  # the home kit preset replaces the gym's
    assert _ticked(phone) == ["bands", "dumbbells", "pullup_bar"]
    phone.get_by_label("strength").check()
    phone.get_by_label("Minutes per session").fill("45")
    phone.get_by_label("knee").check()
    snap(phone, "onboarding")
    phone.get_by_role("button", name="Plan my program").click()
    expect(phone).to_have_url("/program?new=1", timeout=90_000)  # the solver takes seconds
    expect(phone.get_by_role("status")).to_contain_text("Your program is ready")
    reasons = phone.locator("details.rationale li")
    expect(reasons.first).to_be_visible()  # the reasons are open on a new program
    assert reasons.count() >= 3
    snap(phone, "program-new")
    first = phone.locator("details.week[open] .prescription").first
    first.get_by_text("Cues, mistakes, substitutes").click()
    expect(first.get_by_role("heading", name="Cues")).to_be_visible()
    first.locator("a").first.click()
    expect(phone.locator("h2", has_text="Cues")).to_be_visible()
    phone.get_by_role("link", name="Program").last.click()
    expect(phone).to_have_url("/program")
    expect(phone.locator("h1")).to_contain_text("strength, intermediate, 3 x 45 min, home")
    expect(phone.locator("details.rationale")).not_to_have_attribute("open", "")
    snap(phone, "program")
    phone.goto("/onboarding")
    assert _ticked(phone) == ["bands", "dumbbells", "pullup_bar"]  # remembered
    phone.set_viewport_size({"width": 360, "height": 780})
    for path in PAGES:
        phone.goto(path)
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px wide)"


def test_settings_and_the_library(phone: Page) -> None:
    _sign_up(phone, "bo@example.com")
    phone.goto("/settings")
    phone.get_by_label("pounds").check()
    phone.get_by_role("button", name="Save unit").click()
    expect(phone.locator("#unit").get_by_role("status")).to_have_text("Saved.")
    phone.get_by_label("Time zone").fill("Mars/Olympus")
    phone.get_by_role("button", name="Save time zone").click()
    expect(phone.locator("#e-timezone")).to_contain_text("is not an IANA time zone")
    expect(phone.get_by_label("Time zone")).to_have_value("Mars/Olympus")
    home = phone.locator("#equipment-home")
    home.get_by_label("kettlebell").check()
    home.get_by_role("button", name="Save home equipment").click()
    expect(phone.locator("#equipment-home").get_by_label("kettlebell")).to_be_checked()
    snap(phone, "settings")
    phone.goto("/exercises")
    before = phone.locator("#results .card-link").count()
    phone.get_by_label("Search").press_sequentially("split squat", delay=30)
    expect(phone).to_have_url(re.compile(r"/exercises\?q=split(\+|%20)squat&"))
    first = phone.locator("#results .card-link").first
    expect(first).to_contain_text("Split Squat")
    assert phone.locator("#results .card-link").count() < before
    phone.get_by_label("Where").select_option("home")
    expect(phone).to_have_url(re.compile(r"&setting=home&"))
    snap(phone, "library-search")
    chosen = phone.locator("#results .card-link strong").first.inner_text()
    phone.locator("#results .card-link").first.click()
    expect(phone.locator("h1")).to_have_text(chosen)
    expect(phone.get_by_text("Main muscles")).to_be_visible()
    snap(phone, "exercise")
