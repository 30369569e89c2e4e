"""Pages that are the same for every new visitor, kept for a few minutes per worker.

A request is answered from the cache only when it cannot belong to anyone: a GET with no
query string whose only cookie, if any, is the remembered language (no session, no
quick-exit mark, no chosen country: those live in cookies of their own). A response is
kept only when the view is on :data:`PUBLIC_ENDPOINTS`, it is a 200 HTML page and it sets
no cookie but the language (which follows from the path: the same for everyone).
Everything personal (a learner, a class, the blank page after a quick exit) carries a
cookie, so it always goes through the app. The cache key holds the path, the
``Accept-Encoding`` header (the stored bytes are compressed for it), the scheme and host.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, request
from werkzeug.http import parse_cookie

from app.i18n import COOKIE as LANGUAGE_COOKIE

#: Views whose page, for a visitor without a session, depends only on the address (the
#: language is in the path). A lesson qualifies because, without a session, its "Done" form
#: carries no token: it leads to a page that asks first and starts the session, so that two
#: tabs of a new visitor name one guest (tests/blueprints/test_identity_races.py).
PUBLIC_ENDPOINTS = frozenset(
    {
        "main.home",
        "learning.lesson",
        "main.help_page",
        "main.privacy",
        "main.status",
        "learning.course",
        "learning.module",
        "reference.glossary",
        "reference.legal_index",
        "reference.legal_compare",
        "reference.legal_country",
    }
)
#: Cookies that say nothing about who is asking (the language is in the path anyway).
NEUTRAL_COOKIES = frozenset({LANGUAGE_COOKIE})
MARK = "X-Unshared-Public"
TTL_SECONDS = 600
MAX_BYTES = 16 * 1024 * 1024

StartResponse = Callable[..., Any]
Key = tuple[str, ...]


class PageCache:
    """A WSGI middleware in front of the Flask app (see the module docstring)."""

    def __init__(
        self,
        app: Callable[..., Iterable[bytes]],
        ttl: float = TTL_SECONDS,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.app = app
        self.ttl = ttl
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Key, tuple[float, str, list[tuple[str, str]], bytes]] = (
            OrderedDict()
        )
        self._size = 0
        self._lock = threading.Lock()

    def _key(self, environ: dict[str, Any]) -> Key | None:
        cookies = environ.get("HTTP_COOKIE", "")
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or not _neutral(cookies)
            or environ.get("QUERY_STRING")
            or environ.get("HTTP_AUTHORIZATION")
        ):
            return None
        encoding = environ.get("HTTP_ACCEPT_ENCODING", "").replace(" ", "").lower()
        # The scheme and host decide the HSTS header and any absolute link.
        return (
            environ.get("PATH_INFO", ""),
            encoding,
            environ.get("wsgi.url_scheme", ""),
            environ.get("HTTP_X_FORWARDED_PROTO", ""),
            environ.get("HTTP_HOST", ""),
            cookies,
        )

    def _lookup(self, key: Key) -> tuple[str, list[tuple[str, str]], bytes] | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            if time.monotonic() - entry[0] > self.ttl:
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry[1], entry[2], entry[3]

    def clear(self) -> None:
        """Forget every kept page (for a test that changes the app's settings while it runs:
        a kept page was made with the old ones)."""
        with self._lock:
            self._pages.clear()
            self._size = 0

    def _drop(self, key: Key) -> None:
        entry = self._pages.pop(key)
        self._size -= len(entry[3])

    def _store(self, key: Key, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (time.monotonic(), status, headers, body)
            self._size += len(body)
            while self._size > self.max_bytes and self._pages:
                self._drop(next(iter(self._pages)))

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        hit = self._lookup(key)
        if hit is not None:
            start_response(hit[0], list(hit[1]))
            return [hit[2]]
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            public = any(name == MARK for name, _ in headers)
            headers = [(name, value) for name, value in headers if name != MARK]
            captured["public"] = (
                public
                and status.startswith("200")
                and all(
                    value.split("=", 1)[0].strip() in NEUTRAL_COOKIES
                    for name, value in headers
                    if name.lower() == "set-cookie"
                )
            )
            captured["clean"] = headers
            return start_response(status, headers, exc_info)

        body_iter = self.app(environ, capture)
        if not captured.get("public"):
            return body_iter
        try:
            body = b"".join(body_iter)
        finally:
            close = getattr(body_iter, "close", None)
            if close is not None:
                close()
        self._store(key, captured["status"], captured["clean"], body)
        return [body]


def _neutral(header: str) -> bool:
    """Whether a ``Cookie`` header holds only :data:`NEUTRAL_COOKIES` (or nothing)."""
    if not header:
        return True
    # Parsed as Flask parses it, so that both sides agree on what the browser sent.
    names = set(parse_cookie(header))
    return bool(names) and names <= NEUTRAL_COOKIES


def _mark_public(response: Response) -> Response:
    if (
        request.endpoint in PUBLIC_ENDPOINTS
        and response.status_code == 200
        and response.mimetype == "text/html"
        and set(request.cookies) <= NEUTRAL_COOKIES
    ):
        response.headers[MARK] = "1"
    return response


def init_app(app: Flask) -> None:
    """Mark public pages and put the cache in front of the app.

    Registered before Flask-Compress, so that the mark is set on the compressed response
    (after-request functions run in reverse order of registration)."""
    app.after_request(_mark_public)
    # Flask's documented way to add WSGI middleware; mypy sees a method being replaced.
    app.wsgi_app = PageCache(app.wsgi_app)  # type: ignore[method-assign]
