"""In Chromium on a phone: the e1RM chart after logging sets, an import previewed then
committed then undone, and a coach invited and accepted in a second browser, who then sees
the athlete's program; none of these pages scrolls sideways at 360 px."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.client import PLAN
from tests.web.pages.browser import PHONE, snap

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "correct horse battery"
STRONG = Path(__file__).resolve().parents[2] / "io" / "importers" / "fixtures" / "strong_s1.csv"


def _sign_up(page: Page, name: str, email: str) -> dict[str, str]:
    """Sign up through the form; the API header for the same session."""
    page.goto("/signup")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url("/onboarding")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "rw_session")
    return {"Authorization": f"Bearer {token}"}


def _no_sideways_scroll(page: Page, *paths: str) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    for path in paths:
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px wide)"


def test_the_e1rm_chart_shows_after_logging_sets(phone: Page) -> None:
    api = _sign_up(phone, "Ana", "ana@example.com")
    today = datetime.now(UTC).date()
    for days, load in ((15, 100), (8, 105), (1, 110)):
        for _ in range(3):
            body = {
                "id": str(uuid.uuid4()),
                "date": (today - timedelta(days=days)).isoformat(),
                "exercise": "back squat",
                "reps": 5,
                "load_kg": load,
            }
            logged = phone.request.post("/api/v1/sets", headers=api, data=body)
            assert logged.status == 201, logged.text()
    phone.goto("/more")
    phone.get_by_role("link", name="Progress").last.click()
    expect(phone).to_have_url("/progress")
    chart = phone.locator("figure.chart-card[data-exercise] svg").first
    expect(chart).to_be_visible()
    points = chart.locator("polyline").get_attribute("points") or ""
    assert len(points.split()) == 3
    expect(chart.locator("text", has_text="estimated 1RM (kg)")).to_have_count(1)
    assert chart.locator("text").count() > 8  # title, unit, value and date ticks
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 300  # fills the phone's width, so its labels are readable
    snap(phone, "progress")
    phone.get_by_role("link", name="4-week review").click()
    expect(phone.locator("article.rw-review")).to_be_visible()
    expect(phone.get_by_role("link", name="Download PDF")).to_be_visible()
    snap(phone, "progress-review")
    _no_sideways_scroll(phone, "/progress", "/progress/review")


def test_import_preview_commit_and_undo(phone: Page) -> None:
    _sign_up(phone, "Ana", "ana@example.com")
    phone.goto("/transfer")
    phone.get_by_label("Export file").set_input_files(str(STRONG))
    phone.get_by_label("Unit of loads").select_option("kg")
    phone.get_by_role("button", name="Preview").click()
    expect(phone.get_by_role("heading", name="Preview of strong_s1.csv")).to_be_visible()
    expect(phone.locator("dl.facts")).to_contain_text("strong")
    snap(phone, "transfer-preview")
    phone.get_by_role("button", name="Import these").click()
    expect(phone.get_by_role("status")).to_contain_text("Imported strong_s1.csv")
    undo = phone.get_by_role("button", name="Undo import")
    expect(undo).to_have_count(1)
    snap(phone, "transfer-imported")
    undo.click()
    expect(phone.get_by_role("status")).to_contain_text("was undone")
    expect(phone.get_by_role("button", name="Undo import")).to_have_count(0)
    _no_sideways_scroll(phone, "/transfer")


def test_a_coach_is_invited_accepts_and_sees_the_program(
    phone: Page, chromium: Browser, site: str
) -> None:
    api = _sign_up(phone, "Ana", "ana@example.com")
    planned = phone.request.post("/api/v1/plan", headers=api, data={**PLAN, "activate": True})
    assert planned.status == 201, planned.text()
    active = phone.request.get("/api/v1/programs/active", headers=api)
    program = active.json()["name"]
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    phone.goto("/more")
    phone.locator('a.card-link[href="/coach"]').click()  # boosted: htmx swaps the page in
    expect(phone.get_by_role("button", name="Make an invite code")).to_be_visible()
    phone.get_by_role("button", name="Make an invite code").click()
    code = phone.locator("#invite-code").input_value()
    assert code.startswith("RW-")
    copy = phone.locator('button[data-copy-from="invite-code"]')
    expect(copy).to_have_text("Copy code")
    copy.click()  # works after htmx navigation, not only on a full page load
    expect(copy).to_have_text("Copied")
    assert phone.evaluate("navigator.clipboard.readText()") == code
    snap(phone, "coach-invite")
    coach = chromium.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, base_url=site
    )
    try:
        coach.set_default_timeout(15_000)
        page = coach.new_page()
        _sign_up(page, "Bo", "bo@example.com")
        page.goto("/coach")
        page.get_by_label("Invite code").fill(code)
        page.get_by_role("button", name="Start coaching").click()
        expect(page.get_by_role("heading", name="Ana", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Program")).to_be_visible()
        expect(page.locator("textarea#f-program_file")).to_contain_text("schema")
        expect(page.get_by_text(program, exact=True)).to_be_visible()
        snap(page, "coach-athlete")
        athlete = page.url
        _no_sideways_scroll(page, "/coach", athlete)
    finally:
        coach.close()
    phone.goto("/coach")
    expect(phone.get_by_role("button", name="Remove Bo")).to_be_visible()
    _no_sideways_scroll(phone, "/coach")
