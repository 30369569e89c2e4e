"""The header on a phone: the quick exit stays big, the rest fits one short row.

The language switcher and the menu are ``<details>`` disclosures: they must open by keyboard
with JavaScript off, list every offered language, and say which one is current.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from app.languages import LANGUAGES
from tests.browser.support import LESSON_URL, TIMEOUT_MS, LiveServer

pytestmark = pytest.mark.browser

# Five offered languages: the switcher that used to take two rows of a phone's header.
OFFERED = ["en", "sr-Latn", "sr-Cyrl", "sq", "mk"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
MAX_HEADER_PX = 120
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(autouse=True)
def five_languages(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Offer five languages in the switcher for the length of one test. The server's kept
    public pages are forgotten before and after: the session's other browser tests (on this
    worker) kept them with the languages the app offers by itself, and must not get pages
    made with these five."""
    monkeypatch.setitem(live_server.app.config, "LANGUAGES", OFFERED)
    live_server.app.wsgi_app.clear()
    yield
    live_server.app.wsgi_app.clear()


@pytest.fixture
def no_js(new_context) -> BrowserContext:  # type: ignore[no-untyped-def]
    ctx = new_context(java_script_enabled=False, viewport=PHONE)
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


def _header_bottom(page: Page) -> float:
    return float(
        page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")
    )


HELP = {
    "en": "Get help",
    "sr-Cyrl": "Помоћ",
    "hr": "Pomoć",
    "sq": "Merr ndihmë",
    "mk": "Побарај помош",
}


# Croatian and Albanian have the longest words for "Menu" and "Get help", Macedonian for
# "Leave this site".
@pytest.mark.parametrize("lang", list(HELP))
@pytest.mark.parametrize("path", ["/", "/help", LESSON_URL.removeprefix("/en")])
def test_the_header_takes_at_most_120_px_of_a_phone(page: Page, lang: str, path: str):
    page.set_viewport_size(PHONE)
    page.goto(f"/{lang}{path}")
    exit_box = page.locator("#quick-exit").bounding_box()
    assert exit_box and exit_box["y"] == 0 and exit_box["width"] == PHONE["width"]
    assert exit_box["height"] >= 44, "the quick exit stays a big target"
    bottom = _header_bottom(page)
    assert bottom <= MAX_HEADER_PX, f"quick exit and header take {bottom:.0f} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # What stays in view without opening anything: the site name, "Get help" and both toggles.
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name=HELP[lang], exact=True)).to_be_in_viewport()
    expect(header.locator("summary")).to_have_count(2)


def test_language_switcher_works_by_keyboard_without_javascript(no_js: BrowserContext):
    page = no_js.new_page()
    page.goto(LESSON_URL)
    toggle = page.locator(".lang-switch summary")
    # The toggle names the current language (its short code is shown, the full name read out).
    expect(toggle).to_contain_text("EN")
    expect(toggle).to_contain_text("English")
    links = page.locator(".lang-switch").get_by_role("link")
    expect(links.first).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".lang-switch details")).to_have_attribute("open", "")
    expect(links).to_have_count(len(OFFERED))
    for tag, link in zip(OFFERED, links.all(), strict=True):
        expect(link).to_be_visible()
        expect(link).to_have_text(LANGUAGES[tag].name)
        expect(link).to_have_attribute("lang", tag)
    expect(page.locator('.lang-switch a[aria-current="true"]')).to_have_text("English")
    # Tab goes into the open list; Enter on a language opens the same page in it.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Srpski (latinica)"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(LESSON_URL.replace("/en/", "/sr-Latn/")) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "sr-Latn")
    expect(page.locator(".lang-switch summary")).to_contain_text("Srpski (latinica)")


def test_menu_opens_by_keyboard_on_a_phone_and_is_a_row_on_a_desktop(no_js: BrowserContext):
    page = no_js.new_page()
    page.goto("/en/")
    menu = page.locator(".site-nav")
    glossary = menu.get_by_role("link", name="Glossary")
    expect(glossary).to_be_hidden()
    toggle = menu.locator("summary")
    toggle.focus()
    page.keyboard.press("Space")
    expect(glossary).to_be_visible()
    # Only one of the header's lists is open at a time: opening one closes the other.
    page.locator(".lang-switch summary").click()
    expect(glossary).to_be_hidden()
    expect(page.locator(".lang-switch").get_by_role("link").first).to_be_visible()
    toggle.click()
    glossary.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/glossary$"))
    # On a desktop the menu's links are in the row, with no toggle to open.
    page.set_viewport_size(DESKTOP)
    expect(menu.locator("summary")).to_be_hidden()
    for name in ("Courses", "Glossary", "Your rights", "Sign in", "Get help"):
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert _header_bottom(page) <= MAX_HEADER_PX


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_open_header_lists_pass_axe(page: Page, lang: str):
    page.set_viewport_size(PHONE)
    page.goto(f"/{lang}/")
    problems = []
    for toggle in (".site-nav summary", ".lang-switch summary"):
        page.locator(toggle).click()
        results = Axe().run(page, options=AXE_OPTIONS)
        problems += [
            f"{toggle}: {v['id']} {v['help']} {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
        ]
    assert not problems, "\n".join(problems)


def test_escape_or_a_tap_elsewhere_closes_an_open_header_list(page: Page):
    page.set_viewport_size(PHONE)
    page.goto("/en/")
    menu = page.locator(".site-nav details")
    toggle = menu.locator("summary")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    page.get_by_role("link", name="Glossary").focus()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    languages = page.locator(".lang-switch details")
    languages.locator("summary").click()
    expect(languages).to_have_attribute("open", "")
    page.mouse.click(20, PHONE["height"] - 40)  # below the open list, on the page itself
    expect(languages).not_to_have_attribute("open", "")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_desktop_header_is_one_row_in_every_language(page: Page, lang: str):
    # "Црногорски (ћирилица)" in the switcher once pushed the menu's links onto two rows.
    page.set_viewport_size(DESKTOP)
    page.goto(f"/{lang}/")
    assert _header_bottom(page) <= MAX_HEADER_PX, lang
