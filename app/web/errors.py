"""Friendly error pages (with the quick exit) instead of bare server errors.

A :class:`~app.services.errors.NotFound` that leaves a view (from a service, or from
:mod:`app.web.catalogue` for a slug the content does not have) is the 404 page: views
look things up and let it pass, instead of each catching it.
"""

from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from flask.globals import request_ctx
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.i18n import best_language
from app.languages import LANGUAGES
from app.services.errors import NotFound

MESSAGES = {
    400: (_l("Something in that request was not right"), _l("Please go back and try again.")),
    401: (
        _l("Please sign in"),
        _l("This page is for signed-in teachers and trainers. Sign in, then open it again."),
    ),
    403: (
        _l("This page is not for you"),
        _l(
            "You do not have access to this page. If you think you should, ask the person "
            "who runs your class."
        ),
    ),
    404: (_l("Page not found"), _l("The page may have moved, or the address may be mistyped.")),
    405: (_l("Page not found"), _l("The page may have moved, or the address may be mistyped.")),
    413: (_l("That was too much text"), _l("Please send something shorter.")),
    429: (
        _l("Please wait a moment"),
        _l("There were too many attempts in a short time. Wait a minute, then try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("Nothing you did caused this. Please try again in a moment."),
    ),
}


def _bind_urls() -> None:
    """A Host header that cannot be a host name (3,000 characters, a label over 63) leaves the
    request without a URL adapter, and the error page could not build a single link. Bind one
    to a neutral name: the page's links are paths, so the name never shows."""
    if request_ctx.url_adapter is None:
        request_ctx.url_adapter = current_app.url_map.bind(
            "localhost", script_name=request.script_root or None, url_scheme=request.scheme
        )


def _guess_language() -> None:
    _bind_urls()
    if getattr(g, "lang", None):
        return
    first = request.path.strip("/").split("/")[0]
    g.lang = first if first in LANGUAGES else best_language()


def _render(code: int) -> ResponseReturnValue:
    _guess_language()
    title, text = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, text=text), code


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError) -> ResponseReturnValue:
        _guess_language()
        return render_template(
            "errors/error.html",
            code=400,
            title=_l("This form has expired"),
            text=_l(
                "For your safety, forms work only for a while. Go back, reload the page "
                "and send it again: nothing was saved."
            ),
        ), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> ResponseReturnValue:
        if error.code is None or error.code < 400:
            return error
        return _render(error.code)

    @app.errorhandler(NotFound)
    def _not_found(_error: NotFound) -> ResponseReturnValue:
        return _render(404)

    @app.errorhandler(InternalServerError)
    def _server(_error: InternalServerError) -> ResponseReturnValue:
        return _render(500)
