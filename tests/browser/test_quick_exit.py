"""After the quick exit, Back, Forward and other tabs never show the site again (issue 9,
item 1), in a Chromium whose back/forward cache is on, as in a real browser (Playwright
turns it off by default)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserType, Page, expect

from tests.browser.support import (
    AXE_OPTIONS,
    CHROMIUM,
    CHROMIUM_ARGS,
    LESSON_URL,
    TIMEOUT_MS,
    LiveServer,
    describe,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
NEUTRAL_TEXT = "Nothing to show here. Continue"
NEUTRAL_BODY = re.compile(r"^\s*Nothing to show here\.\s*Continue\s*$")
# Registered before the site's script runs: reports what each page of the site showed the
# moment its HTML was parsed (before any script could blank it) and when it was shown again
# from the back/forward cache.
REPORT_WHAT_IS_SHOWN = """(() => {
  const report = (when) => window.reportShown({when, url: location.href, title: document.title,
      text: document.body ? document.body.innerText : ""});
  document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") { report("parsed"); }
  });
  window.addEventListener("pageshow", (e) => report(e.persisted ? "restored" : "shown"), true);
})()"""


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def real_browser(browser_type: BrowserType, browser_type_launch_args: dict) -> Iterator[Browser]:
    """Chromium with its back/forward cache on."""
    assert CHROMIUM.exists()
    browser = browser_type.launch(
        **{**browser_type_launch_args, "args": CHROMIUM_ARGS},
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield browser
    browser.close()


class Visit:
    """One visitor's tab, with everything any page of the site ever showed in it."""

    def __init__(self, browser: Browser, server: LiveServer, *, js: bool) -> None:
        self.server = server
        self.context = browser.new_context(
            base_url=server.url, locale="en-GB", java_script_enabled=js, viewport=PHONE
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.js = js
        self.shown: list[dict] = []
        if js:
            self.context.expose_function("reportShown", lambda seen: self.shown.append(seen))
            self.context.add_init_script(REPORT_WHAT_IS_SHOWN)
        self.page = self.context.new_page()

    def walk_to_the_lesson(self) -> None:
        """A neutral page, then the site typed in, then three pages by their links."""
        page = self.page
        page.goto(self.server.quick_exit_url)
        page.goto("/en/")
        page.get_by_role("link", name="Demo course").click()
        expect(page.get_by_role("complementary", name="Content warning")).to_be_visible()
        page.get_by_role("link", name="Module basics").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Module basics")
        page.get_by_role("link", name="What consent is").click()
        expect(page).to_have_url(re.compile(re.escape(LESSON_URL) + "$"))
        page.wait_for_load_state("load")
        if self.js:
            # The recorder's reports arrive asynchronously: wait for the lesson's own "shown"
            # report, so that it is not mistaken for something shown after the exit.
            for _ in range(100):
                if any(s["when"] == "shown" and s["url"] == page.url for s in self.shown):
                    break
                page.wait_for_timeout(100)
            else:
                raise AssertionError("the recorder never reported the lesson")

    def assert_nothing_of_the_site(self, where: str) -> None:
        page = self.page
        if page.url.startswith(self.server.url):
            # The address bar names no page of the site either.
            expect(page, where).to_have_url(self.server.url + "/notes")
            expect(page, where).to_have_title("Notes")
            expect(page.locator("body"), where).to_have_text(NEUTRAL_BODY)
        else:
            assert page.url == self.server.quick_exit_url, where
            expect(page).to_have_title("Weather")

    def site_pages_shown(self) -> list[dict]:
        """What the site's pages showed (the neutral page aside)."""
        return [
            s
            for s in self.shown
            if s["url"].startswith(self.server.url)
            and not (s["title"] in ("Notes", "\u2026") and words(s["text"]) in ("", NEUTRAL_TEXT))
        ]


@pytest.fixture
def visit_factory(real_browser: Browser, live_server: LiveServer) -> Iterator:
    visits: list[Visit] = []

    def make(*, js: bool) -> Visit:
        visits.append(Visit(real_browser, live_server, js=js))
        return visits[-1]

    yield make
    for visit in visits:
        visit.context.close()


def leave(visit: Visit, how: str) -> None:
    if how == "shift":
        for _ in range(3):
            visit.page.keyboard.press("Shift")
    elif how == "keyboard":
        visit.page.keyboard.press("Tab")
        assert visit.page.evaluate("document.activeElement.id") == "quick-exit"
        visit.page.keyboard.press("Enter")
    else:
        visit.page.locator("#quick-exit").click()
    visit.page.wait_for_url(visit.server.quick_exit_url)


@pytest.mark.parametrize(
    ("js", "how"),
    [(True, "button"), (True, "shift"), (False, "button"), (False, "keyboard")],
    ids=["js-button", "js-shift", "no-js-button", "no-js-keyboard"],
)
def test_back_and_forward_after_the_exit_never_show_the_site(visit_factory, js, how):
    visit = visit_factory(js=js)
    visit.walk_to_the_lesson()
    assert visit.site_pages_shown() or not js  # the recorder sees the site before the exit
    visit.shown.clear()
    leave(visit, how)
    visited_site = 0
    for step in ("Back once", "Back twice", "Back three times", "Forward"):
        # "commit": a page restored from the back/forward cache fires no "load"
        if step == "Forward":
            visit.page.go_forward(wait_until="commit")
        else:
            visit.page.go_back(wait_until="commit")
        visit.assert_nothing_of_the_site(step)
        visited_site += visit.page.url.startswith(visit.server.url)
    assert visited_site == 4  # every step landed on an address of the site
    assert visit.site_pages_shown() == []


def test_with_the_setting_back_leaves_the_site_at_once(visit_factory, live_server: LiveServer):
    visit = visit_factory(js=True)
    page = visit.page
    page.goto("/en/settings")
    page.get_by_label("Keep this visit out of the Back button").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Your settings are saved")
    page.goto(live_server.quick_exit_url)
    page.goto("/en/")
    length = page.evaluate("history.length")
    page.get_by_role("link", name="Demo course").click()
    page.get_by_role("link", name="Module basics").click()
    page.get_by_role("link", name="What consent is").click()
    page.get_by_role("button", name="Done, next lesson").click()  # a form, too
    expect(page.get_by_role("heading", level=1)).to_have_text("Asking first")
    expect(page).to_have_url(re.compile(r"/en/courses/demo/basics/more$"))
    assert page.evaluate("history.length") == length
    visit.shown.clear()
    leave(visit, "button")
    page.go_back(wait_until="commit")  # straight to the neutral page the visit started from
    assert page.url == live_server.quick_exit_url
    expect(page).to_have_title("Weather")
    assert visit.site_pages_shown() == []


def test_other_open_tabs_of_the_site_leave_too(visit_factory, live_server):
    visit = visit_factory(js=True)
    other = visit.context.new_page()
    other.goto("/en/")
    other.goto(LESSON_URL)
    expect(other.get_by_role("heading", level=1)).to_have_text("What consent is")
    # The page's script is listening once it has marked the page (the class comes last).
    expect(other.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    visit.page.goto("/en/")
    leave(visit, "button")
    # The other tab hears the exit and leaves the same way, to the same neutral site: allow
    # for a slow machine.
    expect(other).to_have_url(live_server.quick_exit_url, timeout=15_000)
    expect(other).to_have_title("Weather")
    # Back in that tab shows nothing of the site either.
    other.go_back()
    expect(other.locator("body")).to_have_text(NEUTRAL_BODY, timeout=15_000)


def test_another_tab_leaves_on_the_message_alone(visit_factory):
    """Chromium may hand the exit cookie to another tab after the message that says a tab
    left: the message alone blanks the tab and sends it out through the exit, to the
    neutral site."""
    visit = visit_factory(js=True)
    other = visit.context.new_page()
    other.goto(LESSON_URL)
    expect(other.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    # What a tab that left sends, before any cookie is set.
    visit.page.goto("/en/")
    visit.page.evaluate("new BroadcastChannel('unshared').postMessage('left')")
    expect(other).to_have_url(re.compile(r"/weather$"), timeout=15_000)


def test_continue_brings_the_learner_back_on_purpose(visit_factory, live_server):
    visit = visit_factory(js=True)
    visit.walk_to_the_lesson()
    leave(visit, "shift")
    page = visit.page
    page.goto(LESSON_URL)  # typed in again, on purpose
    visit.assert_nothing_of_the_site("typed address")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("#quick-exit")).to_be_visible()
    page.goto(LESSON_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("What consent is")


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_the_blank_page_and_the_settings_have_no_axe_violations(page: Page, lang: str):
    page.goto(f"/{lang}/settings")
    problems = describe_all(page)
    page.goto("/exit")
    page.goto(f"/{lang}/courses/demo/")
    assert page.locator("button").count() == 1
    problems += describe_all(page)
    assert not problems, "\n".join(problems)


def describe_all(page: Page) -> list[str]:
    problems = []
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        page.set_viewport_size(viewport)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        problems += [f"{page.url} [{viewport['width']}px] {line}" for line in describe(violations)]
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(f"{page.url} scrolls sideways at {viewport['width']}px")
    return problems


def test_site_pages_stay_out_of_the_back_forward_cache(visit_factory, live_server: LiveServer):
    visit = visit_factory(js=True)
    page = visit.page
    # The cache is on in this browser: the neutral page elsewhere is kept in it...
    page.goto(live_server.quick_exit_url)
    page.evaluate("window.keptInMemory = true")
    page.goto("/en/")
    page.go_back(wait_until="commit")
    expect(page).to_have_title("Weather")
    assert page.evaluate("window.keptInMemory") is True
    # ...but a page of the site is asked for again, and its kept copy showed nothing.
    page.go_forward(wait_until="commit")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.evaluate("window.keptInMemory = true")
    page.goto(live_server.quick_exit_url)
    visit.shown.clear()
    page.go_back(wait_until="commit")
    expect(page.locator("#quick-exit")).to_be_visible()
    assert page.evaluate("window.keptInMemory") is None
    restored = [s for s in visit.shown if s["when"] == "restored"]
    assert restored and all(words(s["text"]) == "" for s in restored), visit.shown
