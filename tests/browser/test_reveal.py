"""A distressing passage stays folded behind its content note until the learner opens it, by
keyboard, with JavaScript off; paper (a printed lesson or handout) shows it."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import LESSON_URL, TIMEOUT_MS, Staff

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
THREAT = "Someone threatens to share a photo."


@pytest.fixture
def no_js(new_context) -> BrowserContext:  # type: ignore[no-untyped-def]
    ctx = new_context(java_script_enabled=False, viewport=PHONE)
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


def _tab_to(page: Page, text: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    pytest.fail(f"{text!r} was not reached with Tab")


def test_the_passage_opens_only_when_the_learner_chooses_by_keyboard_without_js(
    no_js: BrowserContext,
):
    page = no_js.new_page()
    page.goto(LESSON_URL)
    note = page.locator(".content-note")
    expect(note).to_contain_text("This section describes a threat.")
    threat = page.get_by_text(THREAT)
    expect(threat).to_be_hidden()
    toggle = page.locator(".reveal > summary")
    expect(toggle).to_have_text("Show the threat")
    # The note and its choices come first; then the toggle, nothing of the passage itself.
    _tab_to(page, "Skip this section")
    _tab_to(page, "Show the threat", limit=3)
    page.keyboard.press("Enter")
    expect(threat).to_be_visible()
    expect(page.locator(".reveal")).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(threat).to_be_hidden()


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_the_fold_speaks_the_lessons_language(no_js: BrowserContext, lang: str):
    page = no_js.new_page()
    page.goto(LESSON_URL.replace("/en/", f"/{lang}/"))
    summary = "Prikaži pretnju" if lang == "sr-Latn" else "Прикажи претњу"
    page.locator(".reveal > summary").filter(has_text=summary).click()
    expect(page.locator(".reveal")).to_contain_text(
        "Neko preti" if lang == "sr-Latn" else "Неко прети"
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_a_printed_lesson_shows_the_folded_passage(new_context, javascript: bool):  # type: ignore[no-untyped-def]
    ctx = new_context(java_script_enabled=javascript)
    page = ctx.new_page()
    page.goto(LESSON_URL)
    page.emulate_media(media="print")
    expect(page.get_by_text(THREAT)).to_be_visible()
    expect(page.locator(".reveal > summary")).to_be_hidden()


def test_the_printed_handout_shows_the_folded_passage(new_context, staff: Staff):  # type: ignore[no-untyped-def]
    ctx = new_context(storage_state=staff.storage_state, java_script_enabled=False)
    page = ctx.new_page()
    # The full text beside the two-page summary is where the lessons themselves are printed.
    page.goto("/en/handout/demo/basics/full")
    expect(page.get_by_text(THREAT)).to_be_hidden()  # on screen the handout folds it too
    page.emulate_media(media="print")
    expect(page.get_by_text(THREAT)).to_be_visible()
