"""A whole class session in Chromium: the facilitator opens a class, a learner joins on
another device with the code, takes the quiz, and the dashboard shows it without a reload."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.browser.support import LiveServer
from tests.factories import PASSWORD


def test_facilitator_and_learner_run_a_session(browser: Browser, live_server: LiveServer):
    teacher = browser.new_context(base_url=live_server.url)
    teacher.set_default_timeout(10_000)
    page = teacher.new_page()
    page.goto("/en/classes/signup")
    page.fill("#username", "razredna")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("button[type=submit]")
    page.fill("#name", "Gimnazija Sombor")
    page.get_by_role("button", name="Create").click()
    page.goto("/en/classes/new")
    page.fill("#name", "IV-1")
    page.get_by_role("button", name="Open the class").click()
    expect(page.locator("h1")).to_have_text("IV-1")
    code = page.locator(".join-panel .big-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    # Keep the dashboard open, with a controllable clock for its 15-second refresh.
    page.clock.install()
    page.goto(page.url)
    expect(page.locator("#live")).to_contain_text("Nobody has joined yet")

    learner = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    learner.set_default_timeout(10_000)
    phone = learner.new_page()
    phone.goto(f"/en/join/{code}")
    phone.fill("#nickname", "Zvezdica")
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator(".recovery .big-code")).to_be_visible()
    phone.goto("/en/courses/demo/basics/quiz")
    phone.locator("label[for=q-forward-1]").click()
    phone.locator("label[for=q-signs-0]").click()
    phone.locator("label[for=q-signs-2]").click()
    phone.locator("label[for=q-vanish-1]").click()
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.locator(".result-summary")).to_contain_text("you passed this module")

    # The open dashboard refreshes itself, without a reload, and shows the learner's result.
    page.clock.run_for(16_000)
    expect(page.locator("#live")).to_contain_text("Zvezdica")
    expect(page.locator("#live .status--passed").first).to_contain_text("Passed")
    teacher.close()
    learner.close()
