"""WCAG 2.2 AA checks with axe-core on every page type, and a keyboard walk.

Every page type is checked in English, Serbian Latin and Serbian Cyrillic, on a phone
(360×740) and a desktop (1280×900) viewport. Set ``UNSHARED_SCREENS=<folder>`` to also save
a full-page screenshot of each, for looking at by eye.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect
from werkzeug.routing import Rule

from tests.browser.support import (
    LANGS,
    LESSON_URL,
    PAGE_RULES,
    LiveServer,
    open_page,
    rule_id,
    submit_quiz,
)

pytestmark = pytest.mark.browser

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
VIEWPORTS = [{"width": 360, "height": 740}, {"width": 1280, "height": 900}]
SCREENS = os.environ.get("UNSHARED_SCREENS")


def describe(violations: list[dict]) -> list[str]:
    """One readable line per failing element: rule id, help text, CSS target, summary."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} "
                         f"| target {node['target']} | {summary} | {violation['helpUrl']}")
    return lines


def _screenshot_name(path: str, width: int) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") + f"-{width}.png"


def check(page: Page, path: str) -> list[str]:
    """axe at both viewports, plus reflow; one line per problem."""
    problems = []
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        width = viewport["width"]
        results = AXE.run(page, options=AXE_OPTIONS)
        problems += [f"{path} [{width}px] {line}"
                     for line in describe(results.response["violations"])]
        # WCAG 1.4.10 Reflow: no sideways scrolling of the whole page on a phone.
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{path} [{width}px] the page scrolls sideways: {scroll_width}px")
        if SCREENS:
            Path(SCREENS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(SCREENS) / _screenshot_name(path, width), full_page=True)
    return problems


@pytest.mark.parametrize("rule", [*PAGE_RULES, None], ids=rule_id)
def test_no_axe_violations(context: BrowserContext, page: Page, live_server: LiveServer,
                           rule: Rule | None):
    """One page type in every language (one context, so one guest with a quiz attempt)."""
    attempt_id = submit_quiz(context, live_server.url)
    problems, skipped = [], []
    for lang in LANGS:
        page.set_viewport_size(VIEWPORTS[0])
        path, why_not = open_page(live_server, page, rule, lang, attempt_id)
        if why_not:
            skipped.append(why_not)
        else:
            problems += check(page, path)
    assert not problems, "\n".join(problems)
    if skipped:
        pytest.skip("; ".join(skipped))


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
