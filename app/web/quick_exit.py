"""The quick exit's memory: a browser that left shows only a blank page until it chooses
to come back.

No page can erase the browser's history, so after the exit, Back, Forward, a restored tab
or a typed address would bring the site back. The exit therefore sets a short-lived cookie
(``LEFT_COOKIE``); while it is present every HTML page of the site, error pages included,
sends the browser to a blank page (``/notes``) with a "Continue" button instead. The
cookie is readable by the site's script too, which checks it on ``pageshow`` in case a
browser shows a page without asking the server (the back/forward cache).
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Flask, current_app, g, make_response, redirect, render_template, request, url_for

# Werkzeug's Response, not Flask's subclass: ``redirect`` returns the former.
from werkzeug.wrappers import Response

LEFT_COOKIE = "unshared_left"
# Long enough to cover the hours after an exit when someone else may pick up the phone and
# press Back or reopen the tabs (also the next morning's "restore tabs"); short enough that
# a learner who forgot about it is not met by a blank page for days. Coming back on purpose
# costs one press of "Continue" either way.
LEFT_FOR = timedelta(hours=12)


def has_left() -> bool:
    """Whether this browser used the quick exit and has not chosen to continue since."""
    return request.cookies.get(LEFT_COOKIE) == "1"


def mark_left(response: Response) -> Response:
    """Remember on ``response`` that this browser left. Not HttpOnly: ``site.js`` reads it
    (it holds no secret, only "1")."""
    response.set_cookie(
        LEFT_COOKIE,
        "1",
        max_age=int(LEFT_FOR.total_seconds()),
        path="/",
        samesite="Lax",
        httponly=False,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def forget_left(response: Response) -> Response:
    """Let this browser see the site again."""
    response.delete_cookie(
        LEFT_COOKIE, path="/", samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"]
    )
    return response


def safe_next(value: str | None) -> str | None:
    """``value`` if it is a path on this site (never another host), else ``None``."""
    if not value or len(value) > 2000 or "\\" in value or any(ord(c) < 32 for c in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return None
    return value


def neutral_page(status: int = 200) -> Response:
    """The blank page: nothing that names or resembles the site, and a way back."""
    g.neutral_page = True
    return make_response(render_template("safety/neutral.html"), status)


def _hide_the_site(response: Response) -> Response:
    if (
        not has_left()
        or getattr(g, "neutral_page", False)
        or request.endpoint == "static"
        or response.mimetype != "text/html"
        or 300 <= response.status_code < 400
    ):
        return response
    if request.method in ("GET", "HEAD"):
        # To the blank page's own address: the address bar, and this entry of the Back list,
        # then no longer name the lesson that was asked for.
        page = redirect(url_for("safety.blank"), code=303)
    else:
        page = neutral_page(response.status_code)
    # Cookies the view set (a new session, say) still count.
    for value in response.headers.getlist("Set-Cookie"):
        page.headers.add("Set-Cookie", value)
    return page


def init_app(app: Flask) -> None:
    """Hide every HTML page from a browser that left. Register after the security headers
    (after-request functions run last-registered first), so the neutral page gets them."""
    app.after_request(_hide_the_site)
