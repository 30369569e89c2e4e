"""Everything a learner needs works with JavaScript turned off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import LESSON_URL, TIMEOUT_MS, LiveServer, answer
from tests.helpers import ALL_RIGHT, QUIZ_URL

pytestmark = pytest.mark.browser


@pytest.fixture
def no_js(new_context) -> BrowserContext:  # type: ignore[no-untyped-def]
    ctx = new_context(java_script_enabled=False)
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


@pytest.fixture
def page(no_js: BrowserContext) -> Page:
    return no_js.new_page()


def test_lessons_and_quiz_work_without_javascript(page: Page):
    page.goto(LESSON_URL)
    assert page.evaluate("1 + 1") == 2  # Playwright's own scripts still run...
    assert "js" not in (page.locator("html").get_attribute("class") or "")  # ...the site's not
    page.get_by_role("button", name="Done, next lesson").click()
    # A new visitor has no cookie yet: the first "Done" asks before keeping anything.
    expect(page.get_by_role("heading", level=1)).to_have_text("Keep your progress in this browser?")
    page.get_by_role("button", name="Yes, mark it as read").click()
    expect(page).to_have_url(re.compile(r"/en/courses/demo/basics/more$"))
    page.get_by_role("button", name="Done, go to the quiz").click()
    expect(page).to_have_url(re.compile(re.escape(QUIZ_URL) + "$"))
    answer(page, ALL_RIGHT)
    page.get_by_role("button", name="Send my answers").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/\d+$"))
    expect(page.get_by_role("status")).to_contain_text("you passed this module")
    expect(page.locator(".feedback__item")).to_have_count(3)
    page.goto("/en/courses/demo/basics/")
    expect(page.get_by_text("2 of 2 lessons read")).to_be_visible()


def test_unanswered_quiz_is_explained_without_javascript(page: Page):
    page.goto(QUIZ_URL)
    page.locator('label[for="q-forward-1"]').click()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("#q-forward-1")).to_be_checked()
    expect(page.locator(".question--missing")).to_have_count(2)


def test_quick_exit_is_a_plain_link_without_javascript(page: Page, live_server: LiveServer):
    page.goto("/en/")
    page.goto(LESSON_URL)
    link = page.locator("#quick-exit")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == "/exit"
    assert "noreferrer" in (link.get_attribute("rel") or "").split()
    expect(link).to_contain_text("Leave this site")
    # The Shift hint would be a false promise without the script.
    expect(link.locator(".quick-exit__hint")).to_be_hidden()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    link.click()
    page.wait_for_url(live_server.quick_exit_url)
