"""WCAG 2.2 AA checks with axe-core on every page type, and a keyboard walk.

Every page type is checked in English, Serbian Latin and Serbian Cyrillic, on a phone
(360×740) and a desktop (1280×900) viewport, and once more in one of the other languages
(each page type in the next one in turn, so every language meets every kind of page over
the map without tripling the run). Set ``UNSHARED_SCREENS=<folder>`` to also save
a full-page screenshot of each, for looking at by eye.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from werkzeug.routing import Rule

from app.languages import LANGUAGES
from tests.browser.support import AXE_OPTIONS, LANGS, LESSON_URL, Staff, Walker, describe
from tests.routes import page_rules

pytestmark = pytest.mark.browser

AXE = Axe()
VIEWPORTS = [{"width": 360, "height": 740}, {"width": 1280, "height": 900}]
SCREENS = os.environ.get("UNSHARED_SCREENS")


def _screenshot_name(path: str, width: int) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") + f"-{width}.png"


def check(page: Page, path: str) -> list[str]:
    """axe at both viewports, plus reflow; one line per problem."""
    problems = []
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        width = viewport["width"]
        results = AXE.run(page, options=AXE_OPTIONS)
        problems += [
            f"{path} [{width}px] {line}" for line in describe(results.response["violations"])
        ]
        # WCAG 1.4.10 Reflow: no sideways scrolling of the whole page on a phone.
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{path} [{width}px] the page scrolls sideways: {scroll_width}px")
        if SCREENS:
            Path(SCREENS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(SCREENS) / _screenshot_name(path, width), full_page=True)
    return problems


OTHER_LANGS = [tag for tag in LANGUAGES if tag not in LANGS]


def _other_language(rule: Rule | None) -> str:
    rules = [r.rule for r in page_rules()]
    index = rules.index(rule.rule) if rule is not None else len(rules)
    return OTHER_LANGS[index % len(OTHER_LANGS)]


def test_no_axe_violations(walker: Walker, staff: Staff, page_rule_or_404: Rule | None):
    """One page type in three languages and one other, as a guest learner (or as staff if
    need be)."""
    problems = []
    for lang in [*LANGS, _other_language(page_rule_or_404)]:
        page, opened = walker.open(page_rule_or_404, lang, staff)
        assert not opened.problem, opened.problem  # no page type escapes the check
        problems += check(page, opened.path)
    assert not problems, "\n".join(problems)
    foreign = walker.recorder.foreign()
    assert not foreign, f"requests to other hosts: {foreign}"


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {tag: el.tagName, id: el.id, text: (el.innerText || el.value || "").trim().slice(0, 60),
          outline, shadow: style.boxShadow !== "none",
          visible: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0};
}"""


def test_keyboard_reaches_done_with_visible_focus_and_submits(page: Page):
    page.goto(LESSON_URL)
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        seen.append(focused)
        assert focused["tag"] != "BODY", f"focus fell off the page after {seen[:-1]}"
        assert focused["visible"], f"focused element is not visible: {focused}"
        assert focused["outline"] or focused["shadow"], f"no visible focus style: {focused}"
        if focused["text"] == "Done, next lesson":
            break
    else:
        pytest.fail(f"'Done, next lesson' was not reached with Tab: {seen}")
    assert seen[0]["id"] == "quick-exit"
    assert any(f["text"] == "Skip to content" for f in seen)
    page.keyboard.press("Enter")
    # A new visitor is asked first; the question's button is reached the same way.
    expect(page.get_by_role("heading", level=1)).to_have_text("Keep your progress in this browser?")
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused["outline"] or focused["shadow"], f"no visible focus style: {focused}"
        if focused["text"] == "Yes, mark it as read":
            break
    else:
        pytest.fail("'Yes, mark it as read' was not reached with Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/courses/demo/basics/more$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Asking first")


def test_skip_link_moves_focus_to_the_content(page: Page):
    page.goto(LESSON_URL)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is inside <main>, not back in the header.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("width", [360, 1280])
def test_jump_targets_are_not_hidden_under_the_sticky_quick_exit(page: Page, width: int):
    """WCAG 2.4.11: what a link or focus moves to stays below the always-visible exit bar."""
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(LESSON_URL)
    page.locator(".toc").get_by_role("link", name="After the note").click()
    bar = page.locator("#quick-exit").bounding_box()
    heading = page.get_by_role("heading", name="After the note").bounding_box()
    assert bar and heading
    assert heading["y"] >= bar["y"] + bar["height"], (bar, heading)
    # Shift+Tab back up the page: each focused element shows below the bar.
    page.get_by_role("button", name="Done, next lesson").focus()
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.id") == "quick-exit":
            break
        box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        bar = page.locator("#quick-exit").bounding_box()
        assert bar and box["top"] >= bar["y"] + bar["height"] - 1, (box, bar)
