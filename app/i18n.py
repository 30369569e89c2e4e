"""Which language a request is in: URL first, then a cookie, then Accept-Language.

Every localized page lives under ``/<lang_code>/``; the code is taken off the URL before
the view runs (``g.lang``) and put back into every ``url_for`` automatically.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, current_app, g, request, url_for

from app.extensions import babel
from app.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, chain

COOKIE = "lang"
# Browsers send bare "sr" for both scripts; Latin is what the interface is written in.
_ACCEPT_ALIASES = {
    "sr": "sr-Latn",
    "sr-rs": "sr-Latn",
    "sr-latn": "sr-Latn",
    "sr-latn-rs": "sr-Latn",
    "sr-cyrl": "sr-Cyrl",
    "sr-cyrl-rs": "sr-Cyrl",
    "sr-me": "cnr",
    "sr-latn-me": "cnr",
    "cnr": "cnr",
    "sq-xk": "sq",
    "sq-al": "sq",
    "sq-mk": "sq",
}


def enabled() -> list[str]:
    """Languages offered in the switcher.

    ``UNSHARED_LANGUAGES`` names them when it is set; otherwise they are the languages whose
    interface and whole course are translated and up to date (computed once per app).
    Others stay reachable by URL, with a notice.
    """
    configured = current_app.config["LANGUAGES"]
    if configured:
        return list(configured)
    ready = current_app.extensions.get("ready_languages")
    if ready is None:
        from app.content.ext import get_catalog
        from app.translation_status import ready_languages

        index = get_catalog().translations
        ready = ready_languages(index, _translations_dir()) if index is not None else []
        ready = ready or [DEFAULT_LANGUAGE]
        current_app.extensions["ready_languages"] = ready
    return list(ready)


def _translations_dir() -> Path:
    return Path(str(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]).split(";")[0])


def current() -> Language:
    """The language of this request."""
    return LANGUAGES[getattr(g, "lang", None) or DEFAULT_LANGUAGE]


def best_language() -> str:
    """The language to send someone to who arrives without one in the URL."""
    cookie = request.cookies.get(COOKIE)
    if cookie in enabled():
        return cookie
    offered = enabled()
    for value, _quality in request.accept_languages:
        tag = value.lower()
        candidate = _ACCEPT_ALIASES.get(tag) or next(
            (lang for lang in offered if lang.lower() == tag), None
        )
        if candidate is None and "-" in tag:
            base = tag.split("-")[0]
            candidate = _ACCEPT_ALIASES.get(base) or next(
                (lang for lang in offered if lang.lower() == base), None
            )
        if candidate in offered:
            return candidate
    return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in offered else offered[0]


def _pull_lang(endpoint: str | None, values: dict | None) -> None:
    if values is None or "lang_code" not in values:
        return
    code = values.pop("lang_code")
    if code not in LANGUAGES:
        abort(404)
    g.lang = code


def _add_lang(endpoint: str, values: dict) -> None:
    if "lang_code" in values or not getattr(g, "lang", None):
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        values["lang_code"] = g.lang


def _select_locale() -> str:
    """The first locale along the language's fallbacks that has a compiled catalogue.

    Without this, a language with no catalogue yet would get a wrong one: Flask-Babel
    gives Montenegrin (sr_Latn_ME) the Cyrillic Serbian catalogue (see TOOLING.md).
    """
    compiled = current_app.extensions.setdefault("compiled_catalogues", {})
    for tag in chain(current().tag):
        babel_name = LANGUAGES[tag].babel
        if babel_name not in compiled:
            mo = _translations_dir() / babel_name / "LC_MESSAGES" / "messages.mo"
            compiled[babel_name] = mo.is_file()
        if tag == DEFAULT_LANGUAGE or compiled[babel_name]:
            return babel_name
    return LANGUAGES[DEFAULT_LANGUAGE].babel


def switch_links() -> list[tuple[Language, str, bool]]:
    """(language, URL of this same page in it, is current) for the language switcher."""
    endpoint = request.endpoint
    args = dict(request.view_args or {})
    links = []
    for tag in enabled():
        lang = LANGUAGES[tag]
        if endpoint and current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
            url = url_for(endpoint, **{**args, "lang_code": tag})
        else:
            url = url_for("main.home", lang_code=tag)
        links.append((lang, url, tag == current().tag))
    return links


def init_app(app: Flask) -> None:
    """Wire locale selection into Flask-Babel and the URL map."""
    babel.init_app(app, locale_selector=_select_locale)
    app.url_value_preprocessor(_pull_lang)
    app.url_defaults(_add_lang)

    @app.after_request
    def _remember_language(response: Response) -> Response:
        lang = getattr(g, "lang", None)
        if lang and lang in enabled() and request.cookies.get(COOKIE) != lang:
            response.set_cookie(
                COOKIE,
                lang,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
                secure=current_app.config["SESSION_COOKIE_SECURE"],
            )
        return response
