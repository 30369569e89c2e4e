"""Promises every page keeps: quick exit first, safe headers, nothing from other hosts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from app.db import get_engine
from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import ALL_RIGHT, QUIZ_URL, make_app
from tests.routes import url_for_rule
from tests.schema import reset_schema


class _Focusables(HTMLParser):
    """Collects focusable elements in document order, and every URL the page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.focusable: list[dict[str, str | None]] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        a["tag"] = tag
        if (
            (tag == "a" and a.get("href"))
            or tag in ("button", "select", "textarea")
            or (tag == "input" and a.get("type") != "hidden")
            or (a.get("tabindex") not in (None, "-1"))
        ):
            self.focusable.append(a)
        for key in ("src", "srcset", "data"):
            if a.get(key):
                self.loads.append(a[key] or "")
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"] or "")
        if tag == "form" and a.get("action"):
            self.loads.append(a["action"] or "")


@pytest.fixture(scope="module")
def visited(catalog):
    """An administrator with an organisation (1), a class (1) with a learner, and a quiz
    attempt (1) of their own, so that every sample URL exists and may be seen. Shared by
    the module: these tests only read."""
    app = make_app(catalog)
    reset_schema(app)
    admin = make_facilitator(app, "admin", admin=True)
    _org, _class_id, code = make_class(app, admin)
    join(app.test_client(), code, "Mila")
    client = app.test_client()
    log_in(client, "admin")
    client.post(QUIZ_URL, data=ALL_RIGHT)
    yield client
    with app.app_context():
        get_engine().dispose()


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_quick_exit_is_the_first_focusable_element(visited, page_rule, lang):
    response = visited.get(url_for_rule(page_rule, {"lang_code": lang}), follow_redirects=True)
    assert response.status_code == 200, page_rule.rule
    parser = _Focusables()
    parser.feed(response.get_data(as_text=True))
    first = parser.focusable[0]
    assert first.get("id") == "quick-exit", (page_rule.rule, first)
    assert first.get("href") == "/exit"  # which marks the browser, then leaves
    assert "noreferrer" in (first.get("rel") or "")


def test_pages_load_nothing_from_other_hosts(visited, page_rule):
    html = visited.get(url_for_rule(page_rule), follow_redirects=True).get_data(as_text=True)
    parser = _Focusables()
    parser.feed(html)
    for url in parser.loads:
        assert url.startswith("/") and not url.startswith("//"), (page_rule.rule, url)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"


def test_security_headers_on_every_response(visited, get_rule):
    response = visited.get(url_for_rule(get_rule))
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if response.mimetype == "text/html":
        assert response.headers["Cache-Control"] == "no-store"
    response.close()


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers
    secure = client.get("/en/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_error_pages_also_have_the_quick_exit(client):
    response = client.get("/en/no-such-page")
    assert response.status_code == 404
    assert 'id="quick-exit"' in response.get_data(as_text=True)
