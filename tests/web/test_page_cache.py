"""New visitors read public pages from a cache; nobody is ever served another person's page."""

from __future__ import annotations

import time

from flask import Flask
from flask.testing import FlaskClient

from app.web.page_cache import PageCache
from tests.helpers import QUIZ_URL

LESSON = "/en/courses/demo/basics/intro"
MODULE = "/en/courses/demo/basics/"
READ = "1 of 2 lessons read"


class CountingApp:
    """Counts the requests that reach the Flask app behind the cache."""

    def __init__(self, app: Flask) -> None:
        self.inner, self.calls = app.wsgi_app.app, 0  # type: ignore[attr-defined]
        app.wsgi_app.app = self  # type: ignore[attr-defined]

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.inner(environ, start_response)


def new_visitor(app: Flask) -> FlaskClient:
    return app.test_client(use_cookies=False)


def test_a_new_visitor_gets_the_same_page_from_the_cache(app):
    counter = CountingApp(app)
    first = new_visitor(app).get(MODULE)
    second = new_visitor(app).get(MODULE)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data
    assert counter.calls == 1
    assert "X-Unshared-Public" not in second.headers


def test_a_learner_never_gets_the_cached_page_and_their_page_is_never_cached(app, client):
    counter = CountingApp(app)
    new_visitor(app).get(MODULE)  # cached
    assert client.post(LESSON + "/done").status_code == 303  # a guest with progress
    mine = client.get(MODULE).get_data(as_text=True)
    assert READ in mine
    assert counter.calls == 3
    # The visitor's copy does not say they read it; the learner's copy was not stored.
    visitor = new_visitor(app).get(MODULE).get_data(as_text=True)
    assert READ not in visitor
    assert counter.calls == 3


def test_after_a_quick_exit_the_cache_never_shows_the_site(app, client):
    new_visitor(app).get(MODULE)  # cached
    client.get("/exit")
    response = client.get(MODULE)
    assert response.status_code == 303 or "Unshared" not in response.get_data(as_text=True)


def test_only_the_language_cookie_is_neutral(app):
    counter = CountingApp(app)
    for header in ("lang=en", "lang=en", "lang=sr-Latn"):
        new_visitor(app).get(MODULE, headers={"Cookie": header})
    assert counter.calls == 2  # one per language cookie value
    for header in ("unshared_left=1", "lang=en; unshared_session=x", "other=1"):
        new_visitor(app).get(MODULE, headers={"Cookie": header})
    assert counter.calls == 5


def test_pages_with_a_query_forms_and_other_methods_go_to_the_app(app):
    counter = CountingApp(app)
    visitor = new_visitor(app)
    for _ in range(2):
        visitor.get(MODULE + "?x=1")
        visitor.get(QUIZ_URL)
        visitor.head(MODULE)
        visitor.get(LESSON + "/done")  # starts a session: never the same for two people
    assert counter.calls == 8


def test_a_new_visitors_lesson_is_cached_and_a_learners_never_is(app, client):
    counter = CountingApp(app)
    first = new_visitor(app).get(LESSON)
    second = new_visitor(app).get(LESSON)
    assert first.data == second.data and counter.calls == 1
    # Nothing personal in it: no token, no cookie but the language.
    page = second.get_data(as_text=True)
    assert "csrf_token" not in page and 'method="get"' in page
    assert all(c.startswith("lang=") for c in first.headers.getlist("Set-Cookie"))
    assert client.post(LESSON + "/done").status_code == 303  # a guest who read it
    mine = client.get(LESSON).get_data(as_text=True)
    assert "You have read this lesson." in mine and 'name="csrf_token"' in mine
    assert counter.calls == 3
    assert "You have read this lesson." not in new_visitor(app).get(LESSON).get_data(as_text=True)
    assert counter.calls == 3


def test_each_encoding_is_kept_apart(app):
    plain = new_visitor(app).get(MODULE, headers={"Accept-Encoding": ""})
    br = new_visitor(app).get(MODULE, headers={"Accept-Encoding": "br"})
    again = new_visitor(app).get(MODULE, headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers and "Content-Encoding" not in again.headers
    assert br.headers["Content-Encoding"] == "br"
    assert plain.data == again.data


def fake_page(*headers: tuple[str, str]):  # type: ignore[no-untyped-def]
    calls = []

    def page(environ, start_response):  # type: ignore[no-untyped-def]
        calls.append(environ["PATH_INFO"])
        start_response(
            "200 OK", [("Content-Type", "text/html"), ("X-Unshared-Public", "1"), *headers]
        )
        return [b"x" * 100]

    return page, calls


def test_a_response_that_sets_a_personal_cookie_is_not_kept():
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/a"}
    for cookie, kept in (("unshared_session=abc; Path=/", False), ("lang=en; Path=/", True)):
        page, calls = fake_page(("Set-Cookie", cookie))
        cache = PageCache(page)
        for _ in range(2):
            cache(dict(environ), lambda *args: None)
        assert len(calls) == (1 if kept else 2), cookie


def test_entries_expire_and_the_cache_stays_within_its_size():
    page, _ = fake_page()
    cache = PageCache(page, ttl=0.05, max_bytes=250)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/a"}
    sent: list[str] = []

    def start(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
        sent.append(status)
        assert ("X-Unshared-Public", "1") not in headers

    for path in ("/a", "/b", "/c"):
        cache({**environ, "PATH_INFO": path}, start)
    assert len(cache._pages) == 2  # 300 bytes do not fit in 250
    time.sleep(0.06)
    assert cache._lookup(("/c", "", "", "", "", "")) is None
