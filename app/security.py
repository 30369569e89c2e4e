"""Security headers on every response.

The Content-Security-Policy allows nothing from other hosts and no inline script or style,
so a page can load only the site's own stylesheet, script, fonts and images. HTML is
never stored in the browser's cache; what Back shows after a quick exit is decided in
app/web/quick_exit.py (and, for the back/forward cache, in site.js).
"""

from __future__ import annotations

from flask import Flask, Response, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Our own address, to ourselves only: behind TLS Flask-WTF refuses a post that does not
    # come with a same-origin Referer, so "no-referrer" made every form fail over HTTPS.
    # Other hosts still learn nothing of where a visitor came from.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if response.mimetype == "text/html" or response.mimetype == "application/json":
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response, errors included."""
    app.after_request(_headers)
