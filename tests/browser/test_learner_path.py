"""A learner's path through the demo course in Chromium, and the quick exit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import LESSON_URL, LiveServer, answer
from tests.helpers import ALL_RIGHT, ALL_WRONG, QUIZ_URL

pytestmark = pytest.mark.browser


def test_learner_reads_lessons_takes_the_quiz_and_retakes_it(page: Page, live_server: LiveServer):
    page.goto("/en/")
    page.get_by_role("link", name="Demo course").click()
    expect(page).to_have_url(re.compile(r"/en/courses/demo/$"))
    warning = page.get_by_role("complementary", name="Content warning")
    expect(warning).to_contain_text("Mentions of pressure.")

    page.get_by_role("link", name="Module basics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Module basics")
    page.get_by_role("link", name="What consent is").click()
    expect(page).to_have_url(re.compile(r"/en/courses/demo/basics/intro$"))
    expect(page.get_by_text("Lesson 1 of 2")).to_be_visible()

    page.get_by_role("button", name="Done, next lesson").click()
    # A new visitor has no cookie yet: the first "Done" asks before keeping anything.
    expect(page.get_by_role("heading", level=1)).to_have_text("Keep your progress in this browser?")
    page.get_by_role("button", name="Yes, mark it as read").click()
    expect(page).to_have_url(re.compile(r"/en/courses/demo/basics/more$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Asking first")
    page.get_by_role("button", name="Done, go to the quiz").click()
    expect(page).to_have_url(re.compile(re.escape(QUIZ_URL) + "$"))

    answer(page, ALL_RIGHT)
    expect(page.locator("#q-signs-0")).to_be_checked()
    expect(page.locator("#q-signs-2")).to_be_checked()
    page.get_by_role("button", name="Send my answers").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/\d+$"))
    first_result = page.url
    expect(page.get_by_role("status")).to_contain_text("you passed this module")
    expect(page.get_by_role("status")).to_contain_text("3 of 3 answers correct (100%)")
    items = page.locator(".feedback__item")
    expect(items).to_have_count(3)
    for marker in (
        "EXPLANATION-forward",
        "EXPLANATION-signs",
        "EXPLANATION-vanish",
        "FEEDBACK-forward-no",
        "FEEDBACK-signs-free",
        "FEEDBACK-signs-reversible",
    ):
        expect(page.locator(".feedback")).to_contain_text(marker)
    expect(items.locator(".badge--passed")).to_have_count(3)

    page.get_by_role("link", name="Take the quiz again").click()
    expect(page).to_have_url(re.compile(re.escape(QUIZ_URL) + "$"))
    expect(page.locator("input:checked")).to_have_count(0)
    answer(page, ALL_WRONG)
    page.get_by_role("button", name="Send my answers").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/\d+$"))
    assert page.url != first_result  # a new attempt, not the first one again
    expect(page.get_by_role("status")).to_contain_text("Not yet")
    expect(page.locator(".feedback__item .badge--notyet")).to_have_count(3)

    page.goto("/en/courses/demo/basics/")
    expect(page.get_by_text("2 of 2 lessons read")).to_be_visible()
    expect(page.get_by_text("your best: 100%")).to_be_visible()


# Records, in sessionStorage (kept across same-origin navigations in a tab), what the page
# looked like at the moment its content was removed, i.e. before the exit URL answered.
WATCH_THE_EXIT = """() => {
  const seen = (snapshot) => sessionStorage.setItem("exit-snapshot", JSON.stringify(snapshot));
  new MutationObserver(() => {
    if (document.body.childElementCount === 0) {
      seen({url: location.href, title: document.title, cls: document.body.className,
            text: document.body.innerText});
    }
  }).observe(document.body, {childList: true});
}"""


def _assert_left_without_trace(page: Page, live_server: LiveServer, length_before: int) -> None:
    page.wait_for_url(live_server.quick_exit_url)
    # location.replace(): the lesson's history entry was overwritten, not added to.
    assert page.evaluate("history.length") == length_before
    page.go_back()  # to /en/, which now sends this browser to the blank page
    assert page.url == live_server.url + "/notes"
    # Back on the site's origin, whose sessionStorage holds the snapshot.
    snapshot = page.evaluate("JSON.parse(sessionStorage.getItem('exit-snapshot'))")
    # The page was blanked while it was still the lesson, before the next page answered.
    assert snapshot is not None, "the page was not blanked before leaving"
    assert snapshot["url"].endswith(LESSON_URL)
    assert snapshot["text"] == "" and snapshot["cls"] == "exited"
    assert "What consent is" not in snapshot["title"]
    expect(page.locator("body")).not_to_contain_text("Leave this site")
    expect(page).to_have_title("Notes")


def test_pressing_shift_three_times_blanks_the_page_and_leaves(page: Page, live_server: LiveServer):
    page.goto("/en/")
    page.goto(LESSON_URL)
    length_before = page.evaluate("history.length")
    page.evaluate(WATCH_THE_EXIT)
    for _ in range(3):
        page.keyboard.press("Shift")
    _assert_left_without_trace(page, live_server, length_before)


def test_shift_presses_interrupted_by_typing_do_not_leave(page: Page):
    page.goto(LESSON_URL)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    expect(page.get_by_role("heading", level=1)).to_have_text("What consent is")


def test_clicking_the_quick_exit_blanks_the_page_and_leaves(page: Page, live_server: LiveServer):
    page.goto("/en/")
    page.goto(LESSON_URL)
    length_before = page.evaluate("history.length")
    page.evaluate(WATCH_THE_EXIT)
    page.locator("#quick-exit").click()
    _assert_left_without_trace(page, live_server, length_before)


@pytest.mark.parametrize("path", ["/en/", LESSON_URL, QUIZ_URL, "/sr-Cyrl/help"])
def test_quick_exit_is_reached_first_with_tab(page: Page, live_server: LiveServer, path: str):
    page.goto(path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    expect(page.locator("#quick-exit")).to_be_visible()
    expect(page.locator("#quick-exit .quick-exit__hint")).to_be_visible()  # JS is on
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.quick_exit_url)
