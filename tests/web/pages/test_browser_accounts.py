"""In Chromium on a phone-sized screen: sign up, sign out, sign in again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.pages.browser import PHONE, snap

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "correct horse battery"


def test_sign_up_sign_out_and_back_in(phone: Page) -> None:
    phone.goto("/")
    snap(phone, "front-page")
    phone.get_by_role("link", name="Create an account").click()
    phone.get_by_label("Your name").fill("Ana")
    phone.get_by_label("Email").fill("ana@example.com")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_label("pounds").check()
    zone = phone.locator("input[name=timezone]").input_value()
    assert zone  # the browser's own zone, filled in by app.js
    snap(phone, "sign-up")
    phone.get_by_role("button", name="Create account").click()
    expect(phone).to_have_url("/onboarding")
    phone.goto("/more")
    phone.get_by_role("button", name="Sign out (Ana)").click()
    expect(phone).to_have_url("/signin")
    phone.goto("/more")
    expect(phone).to_have_url("/signin?next=/more")
    phone.get_by_label("Email").fill("ana@example.com")
    phone.get_by_label("Password").fill("wrong password")
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("alert")).to_contain_text("email or password is wrong")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    expect(phone).to_have_url("/more")
    snap(phone, "more")


def test_sign_up_works_with_javascript_off(chromium: Browser, site: str) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE, base_url=site)
    page = context.new_page()
    try:
        page.goto("/signup")
        page.get_by_label("Your name").fill("Bo")
        page.get_by_label("Email").fill("bo@localhost")  # the browser lets it through
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        expect(page.get_by_role("alert")).to_contain_text("email")
        assert page.get_by_label("Your name").input_value() == "Bo"
        page.get_by_label("Email").fill("bo@example.com")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        expect(page).to_have_url("/onboarding")
    finally:
        context.close()
