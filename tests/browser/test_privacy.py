"""No page makes the browser contact any host but the site's own.

Every page type of the URL map is loaded in a real Chromium with a request recorder: fonts,
scripts, images, prefetches, favicons, anything the page or the browser asks for must go to
the live server. The browser's own background traffic is switched off by the launch args.
Templates are the same in every language, so the walk here is in English; the accessibility
walk records requests too, for every page type in every language and at both viewports.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import (
    LANGS,
    LEARNER_ENDPOINTS,
    LiveServer,
    RequestRecorder,
    Staff,
    Walker,
)
from tests.helpers import QUIZ_URL
from tests.routes import page_rules

pytestmark = pytest.mark.browser


def test_no_page_contacts_another_host(walker: Walker, staff: Staff):
    loaded, not_loaded = [], []
    for rule in [*page_rules(), None]:
        _page, opened = walker.open(rule, "en", staff)
        (not_loaded if opened.problem else loaded).append(opened.problem or opened.path)
    # Give late requests (prefetches, favicons, timers) their chance, in every language.
    for lang in LANGS:
        walker.page.goto(QUIZ_URL.replace("/en/", f"/{lang}/"))
    walker.page.wait_for_load_state("networkidle")
    recorder = walker.recorder
    assert not recorder.foreign(), f"requests to other hosts: {recorder.foreign()}"
    # The recorder saw the pages themselves and what they load.
    for loaded_file in (
        "/static/css/site.",
        "/static/js/site.",
        "/static/favicon.",
        "/course-media/demo/bench.svg",
    ):
        assert any(loaded_file in url for url in recorder.urls), loaded_file
    assert len(loaded) >= len(LEARNER_ENDPOINTS), (loaded, not_loaded)
    assert not not_loaded, not_loaded


def test_the_recorder_would_notice_another_host(
    context: BrowserContext, page: Page, live_server: LiveServer
):
    """The check above is not vacuous: even a request the CSP blocks is recorded."""
    recorder = RequestRecorder(context, live_server)
    # Answered inside the browser, should Chromium ever let it through: nothing leaves.
    page.route("https://example.org/**", lambda route: route.fulfill(status=204, body=""))
    page.goto("/en/")
    assert recorder.foreign() == []
    page.evaluate("() => { const i = new Image(); i.src = 'https://example.org/x.png'; }")
    page.wait_for_timeout(200)
    assert recorder.foreign() == ["https://example.org/x.png"]
