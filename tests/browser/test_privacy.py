"""No page makes the browser contact any host but the site's own.

Every page type of the URL map is loaded in a real Chromium with a request recorder: fonts,
scripts, images, prefetches, favicons, anything the page or the browser asks for must go to
the live server. The browser's own background traffic is switched off by the launch args.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Request

from tests.browser.support import (
    LANGS,
    LEARNER_ENDPOINTS,
    LESSON_URL,
    PAGE_RULES,
    LiveServer,
    open_page,
    submit_quiz,
)

pytestmark = pytest.mark.browser
LOCAL_SCHEMES = {"data", "blob", "about"}


def _foreign(requests: list[str], live_server: LiveServer) -> list[str]:
    return [url for url in requests if urlsplit(url).scheme not in LOCAL_SCHEMES
            and urlsplit(url).netloc != live_server.netloc]


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_contacts_another_host(context: BrowserContext, page: Page,
                                       live_server: LiveServer, lang: str):
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    context.on("request", record)
    context.on("websocket", lambda ws: requests.append(ws.url))
    attempt_id = submit_quiz(context, live_server.url)
    loaded, not_loaded = [], []
    for rule in [*PAGE_RULES, None]:
        path, why_not = open_page(live_server, page, rule, lang, attempt_id)
        if why_not:
            not_loaded.append(why_not)
        else:
            loaded.append(path)
    page.goto(LESSON_URL.replace("/en/", f"/{lang}/"))
    page.wait_for_load_state("networkidle")
    foreign = _foreign(requests, live_server)
    assert not foreign, f"requests to other hosts: {foreign}"
    # The recorder saw the pages themselves and what they load.
    assert any(url.endswith("/static/css/site.css") for url in requests)
    assert any(url.endswith("/static/js/site.js") for url in requests)
    assert any("/course-media/demo/bench.svg" in url for url in requests)
    assert len(loaded) >= len(LEARNER_ENDPOINTS) - 3, (loaded, not_loaded)
    print("not loaded:", *not_loaded, sep="\n  ")


def test_the_recorder_would_notice_another_host(page: Page, live_server: LiveServer):
    """The check above is not vacuous: a request elsewhere is seen (and answered locally)."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("https://example.org/**", lambda route: route.fulfill(status=204, body=""))
    page.goto("/en/")
    page.evaluate("() => { const i = new Image(); i.src = 'https://example.org/x.png'; }")
    page.wait_for_timeout(100)
    assert _foreign(requests, live_server) == []  # CSP blocks it before it leaves
    page.goto("about:blank")
    page.set_content("<img src='https://example.org/y.png' alt=''>")
    assert _foreign(requests, live_server) == ["https://example.org/y.png"]
