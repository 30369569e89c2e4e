"""What a teacher shows and prints, in Chromium, with the real course: present mode on a
projector (1280×720 and 1920×1080), the class page on a laptop, and handouts that print on
two A4 pages."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from app.content.ext import get_catalog
from app.db import get_session
from app.models import Organisation
from app.services import accounts, classes
from tests.browser.support import LiveServer, serve
from tests.factories import PASSWORD
from tests.helpers import real_catalog

pytestmark = pytest.mark.browser
COURSE = "consent-images-rights"
LESSON = f"/en/present/{COURSE}/consent/what-is-consent"
# The margins a browser prints with by default (Chromium ~10 mm, Firefox 12.7 mm).
MARGINS = {side: "12.7mm" for side in ("top", "right", "bottom", "left")}


@pytest.fixture(scope="module")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real course on a live server, with a facilitator who runs one class."""
    catalog, problems = real_catalog()
    assert not problems.errors
    with serve(catalog, tmp_path_factory.mktemp("teaching") / "t.sqlite3") as server:
        with server.app.app_context():
            db = get_session()
            user = accounts.sign_up(db, None, "razredna", PASSWORD, role="facilitator")
            org = classes.create_organisation(db, user, "Gimnazija Sremski Karlovci")
            course = catalog.course(COURSE)
            classroom = classes.create_class(
                db, org, course, "III-1", "sr-Latn", [m.slug for m in course.modules]
            )
            db.commit()
            server.app.config["TEST_CLASS_ID"] = classroom.id
            server.app.config["TEST_ORG_ID"] = org.id
        yield server


def _teacher(browser: Browser, server: LiveServer, **options: object) -> BrowserContext:
    context = browser.new_context(base_url=server.url, **options)
    context.set_default_timeout(10_000)
    response = context.request.post(
        "/en/account/login",
        data=urlencode({"username": "razredna", "password": PASSWORD}),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.ok
    response.dispose()
    return context


def _px(page: Page, selector: str) -> float:
    return page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_present_mode_is_a_presentation_readable_from_the_back(browser, real_server, width, height):
    class_id = real_server.app.config["TEST_CLASS_ID"]
    context = _teacher(browser, real_server, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{LESSON}?class={class_id}")
    # No site menu, account links or language switcher on the projector; the quick exit stays.
    for hidden in (".site-nav", ".lang-switch", ".site-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.get_by_role("link", name="My account")).to_be_hidden()
    expect(page.locator("#quick-exit")).to_be_visible()
    body = _px(page, ".present > p:not(.present__where)")
    assert body >= 26, body  # a projected 1280 px wide image: 26 px is 2 % of its width
    assert _px(page, ".present h1") >= 1.8 * body
    # The way on, and the way back, are on the first screen whatever its length.
    for name in ("Next →", "Back to the class"):
        box = page.get_by_role("link", name=name).bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, name
    assert (
        page.get_by_role("link", name="Back to the class").get_attribute("href")
        == f"/en/classes/{class_id}/"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The arrow keys move between screens: on through the sections, and back.
    page.keyboard.press("ArrowRight")
    page.wait_for_url(f"**{LESSON}?part=2&class={class_id}")
    assert _px(page, ".present h2") >= 1.5 * _px(page, ".present > p:not(.present__where)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(f"**{LESSON}?class={class_id}")
    context.close()


def test_present_mode_works_without_javascript_and_goes_on_to_the_next_lesson(browser, real_server):
    context = _teacher(
        browser, real_server, java_script_enabled=False, viewport={"width": 1280, "height": 720}
    )
    page = context.new_page()
    page.goto(LESSON)
    total = int(page.locator(".present__where").inner_text().rsplit(" ", 1)[1])
    for part in range(2, total + 1):
        page.get_by_role("link", name="Next →").click()
        page.wait_for_url(f"**{LESSON}?part={part}")
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(f"**/present/{COURSE}/consent/photo-sent-not-shared")
    expect(page.locator("h1")).to_have_text("A photo sent is not a photo shared")
    page.get_by_role("link", name="← Previous").click()
    page.wait_for_url(f"**{LESSON}?part={total}")
    context.close()


def _printed(page: Page, url: str) -> PdfReader:
    page.goto(url)
    return PdfReader(io.BytesIO(page.pdf(format="A4", margin=MARGINS)))


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "mk"])
def test_every_module_has_a_two_page_handout(browser, real_server, lang):
    context = _teacher(browser, real_server)
    page = context.new_page()
    catalog_modules = [m.slug for m in real_server.catalog.courses[0].modules]
    for module in catalog_modules:
        url = f"/{lang}/handout/{COURSE}/{module}?country=rs"
        handout = _printed(page, url)
        count = len(handout.pages)
        assert count <= 2, (url, count)
        text = "".join(p.extract_text() for p in handout.pages)
        assert "0800" in text and "192" in text, url  # Serbia's help lines, on paper
        # The whole module on paper is a different document: only its length matters here.
        full = len(_printed(page, f"/{lang}/handout/{COURSE}/{module}/full").pages)
        assert full > 2 * count, (module, full)
    context.close()


def test_the_handout_prints_from_its_button_and_fits_a_phone(browser, real_server):
    context = _teacher(browser, real_server, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"/sr-Latn/handout/{COURSE}/bystander")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")
    page.get_by_role("button", name="Štampa").click()
    assert page.evaluate("document.body.dataset.printed") == "yes"
    page.select_option("#country", "me")
    page.get_by_role("button", name="Prikaži").click()
    expect(page.locator("#get-help")).to_contain_text("Crna Gora")
    context.close()


def test_a_class_page_shows_its_whole_progress_table_on_a_laptop(browser, real_server):
    """Three modules and a learner: every column, "Remove" included, is on a 1280 px screen
    without scrolling the table sideways (the page's reading width hid the last two)."""
    with real_server.app.app_context():
        db = get_session()
        org = db.get_one(Organisation, real_server.app.config["TEST_ORG_ID"])
        modules = ["consent", "terminology", "legal-rights"]
        classroom = classes.create_class(
            db, org, get_catalog().course(COURSE), "II-2", "sr-Latn", modules
        )
        db.commit()
        class_id, code = classroom.id, classroom.join_code
    pupil = browser.new_context(base_url=real_server.url)
    joined = pupil.request.post(
        "/en/join",
        data=urlencode({"code": code, "nickname": "Aleksandra Đorđević"}),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert joined.ok
    pupil.close()
    context = _teacher(browser, real_server, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"/en/classes/{class_id}/")
    region = page.locator(".table-scroll", has=page.locator(".progress-table"))
    widths = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], f"the progress table scrolls sideways: {widths}"
    remove = region.get_by_role("button", name="Remove Aleksandra Đorđević and their data")
    remove.scroll_into_view_if_needed()
    box = remove.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280
    context.close()
