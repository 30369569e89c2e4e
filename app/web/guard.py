"""What every request passes before a view runs: the proxy in front, and input no browser
sends on its own.

**Behind a reverse proxy.** The rate limits count per client address. Behind nginx, a load
balancer or a hosting platform's router, every request seems to come from the proxy, so a
whole town would share one budget. ``UNSHARED_PROXY_FIX_X_FOR`` is the number of proxies in
front of the app that append to ``X-Forwarded-For`` (usually 1); werkzeug's ``ProxyFix`` then
takes the client address from that header, trusting only the last that many entries. The
default, 0, means "not behind a proxy": the header is ignored, because anyone can send it.
``UNSHARED_PROXY_FIX_X_PROTO`` likewise trusts ``X-Forwarded-Proto``, so a proxy that
terminates TLS still gets Strict-Transport-Security sent.

**NUL bytes.** A browser never puts a NUL byte in a form, a query string or a URL by itself,
PostgreSQL refuses them in text columns, and a view that met one halfway through its writes
would fail after part of them. A request that carries one anywhere a view reads is answered
400 before any view runs, so it changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix


def _strings() -> Iterable[str]:
    yield request.path
    for key, value in request.args.items(multi=True):
        yield key
        yield value
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        for key, value in request.form.items(multi=True):
            yield key
            yield value
    for value in (request.view_args or {}).values():
        if isinstance(value, str):
            yield value


def refuse_nul_bytes() -> None:
    """400 for a request with a NUL byte in its path, query, form or URL segments."""
    if any("\x00" in text for text in _strings()):
        abort(400)


def init_app(app: Flask) -> None:
    """Trust the configured proxies and check every request's input."""
    x_for, x_proto = app.config["PROXY_FIX_X_FOR"], app.config["PROXY_FIX_X_PROTO"]
    if x_for or x_proto:
        # Flask's documented way to add WSGI middleware; mypy sees a method being replaced.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app,
            x_for=x_for,
            x_proto=x_proto,
            x_host=0,
            x_port=0,
            x_prefix=0,
        )
    app.before_request(refuse_nul_bytes)
