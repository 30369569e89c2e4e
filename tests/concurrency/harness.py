"""A reusable harness for race tests: the app served by a real threaded server, and N real
HTTP requests released at the same instant.

Why a real server: the Flask test client runs each request in the calling thread with one
shared in-memory SQLite connection, which hides races. Here every request gets its own
server thread and its own database connection, as under gunicorn with threads.

Database: with ``UNSHARED_TEST_DATABASE_URL`` pointing at PostgreSQL, the server uses this
run's own PostgreSQL database (see tests/helpers.py); otherwise a fresh SQLite *file* in a
temporary folder (an in-memory database cannot be shared between threads).

Use it from a test::

    from tests.concurrency.harness import Browser, at_once

    def test_double_click(live):            # the ``live`` fixture (tests/concurrency/conftest.py)
        browser = Browser(live.url)          # one browser: its own cookie jar
        browser.post("/en/courses/demo/basics/intro/done")   # now a known learner
        responses = at_once(4, lambda: browser.post("/en/courses/demo/basics/more/done"))
        assert [r.status for r in responses] == [303] * 4

``at_once(n, request)`` runs ``request`` in ``n`` threads that wait on a
:class:`threading.Barrier` and then all send at once; it returns every :class:`Reply`
(status, headers, body) in thread order and re-raises the first exception. Several browsers
racing each other: ``at_once(n, lambda i: browsers[i].post(...), indexed=True)``.
``live.app`` is the Flask app, for setting up data with services inside
``live.app.app_context()``; ``live.reset()`` empties the database between repetitions.
Cookies are shared by the threads of one :class:`Browser` exactly as by a browser's tabs:
whichever response arrives last sets them.
"""

from __future__ import annotations

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from werkzeug.serving import make_server


@dataclass(frozen=True)
class Reply:
    """What the server answered."""

    status: int
    headers: dict[str, str]
    body: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        return None


class Browser:
    """A browser with its own cookies; redirects are returned, not followed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(
        self,
        method: str,
        path: str,
        data: dict | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """Send one request and return the reply (4xx and 5xx included)."""
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(
            self.base_url + path, data=body, method=method, headers=headers or {}
        )
        try:
            with self._opener.open(request, timeout=30) as response:
                return Reply(
                    response.status,
                    dict(response.headers),
                    response.read().decode("utf-8", "replace"),
                )
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read().decode("utf-8", "replace"))

    def get(self, path: str) -> Reply:
        """GET ``path``."""
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None) -> Reply:
        """POST a form to ``path``."""
        return self.request("POST", path, data or {})


class LiveServer:
    """The app served on 127.0.0.1 by werkzeug's threaded server, in a background thread."""

    def __init__(self, app: Flask, reset: Callable[[], None]) -> None:
        self.app = app
        self.reset = reset
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        """Start serving."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self._server.shutdown()
        self._thread.join(timeout=10)


def at_once(count: int, send: Callable, *, indexed: bool = False) -> list[Reply]:
    """Run ``send`` (``send(i)`` if ``indexed``) in ``count`` threads released together."""
    barrier = threading.Barrier(count)
    replies: list[Reply | None] = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            replies[index] = send(index) if indexed else send()
        except BaseException as error:  # re-raised in the caller
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    assert all(reply is not None for reply in replies), "a request did not finish"
    return [reply for reply in replies if reply is not None]
