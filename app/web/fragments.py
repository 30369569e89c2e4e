"""Parts of pages that are the same for many people, rendered once per worker and reused.

Rendering was most of what a lesson page cost (issue 15): the header, language switcher and
footer of ``base.html`` and the lesson's own text are the same for everyone who asks in the
same language, yet were rendered again, with their ``url_for`` and ``gettext`` calls, on
every request. A fragment is rendered from a template of its own with an explicit context
that holds only what its key names, and kept under that key.

What makes this safe: nothing personal is ever given to a fragment template (no nickname,
progress, CSRF token, flashed message, quick-exit state, session), so no fragment can carry
one person's data to another; each caller below says in a comment what its key holds and
why that is everything its template reads. tests/web/test_fragments.py checks that the
fragment templates name no variable outside their context, and that two learners each see
their own state and token.

The cache lives in ``app.extensions`` (one per app and worker process, never shared between
processes) and is bounded, least recently used first out, because some keys come from the
address: the language switcher links to the same page in every language, so its key holds
the URL's arguments, which anyone can choose on a not-found page. It is bounded in bytes as
well as in entries: a page shell (app/web/page_shell.py) is a whole page, and every lesson of
every course in nine languages and each visitor state would otherwise grow each worker by
hundreds of MiB over a day on a small server (bench/bench_memory.py measures it).
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from flask import Flask, current_app, request
from flask_login import current_user
from markupsafe import Markup

from app import i18n

#: Fragments a worker keeps at most, by number and by the memory their text takes (a header
#: is ~4 KB, a page shell 30-120 KB: a Python string of Cyrillic or of Latin with č takes two
#: bytes a character). What falls out is rendered again when next asked for.
MAX_ENTRIES = 8192
MAX_BYTES = 24 * 1024 * 1024
EXTENSION = "fragments"


class FragmentCache:
    """Rendered HTML by key, least recently used first out, safe for threads.

    ``sources`` are objects the fragment was made from (content, which is immutable and
    replaced rather than changed): an entry made from other objects than the caller's is
    made again, so a new catalogue is never shown with an old page's text."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[tuple[object, ...], Markup, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(
        self, key: Hashable, render: Callable[[], str], sources: tuple[object, ...] = ()
    ) -> Markup:
        """The fragment under ``key``, rendering it with ``render`` if it is not kept."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and _same(entry[0], sources):
                self._entries.move_to_end(key)
                return entry[1]
        html = Markup(render())
        size = sys.getsizeof(html)
        with self._lock:
            self._forget(key)
            if size <= self.max_bytes:
                self._entries[key] = (sources, html, size)
                self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._forget(next(iter(self._entries)))
        return html

    def _forget(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[2]

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """The memory the kept fragments' text takes, in bytes."""
        return self._bytes


def _same(kept: tuple[object, ...], given: tuple[object, ...]) -> bool:
    return len(kept) == len(given) and all(a is b for a, b in zip(kept, given, strict=True))


def cache() -> FragmentCache:
    """The current app's fragment cache."""
    found: FragmentCache = current_app.extensions[EXTENSION]
    return found


def render(template: str, **context: Any) -> str:
    """``template`` rendered with ``context`` and the environment's globals only (``_``,
    ``url_for``): not :func:`flask.render_template`, whose context processors would hand
    the template the session and the signed-in user."""
    return current_app.jinja_env.get_template(template).render(context)


def _language_links_key() -> tuple[object, ...]:
    """What the language switcher's links depend on: the view and its URL arguments when
    the view has a version in every language, else nothing (the links go to the home
    pages). The language itself is taken off the arguments by :mod:`app.i18n`."""
    endpoint = request.endpoint
    if endpoint and current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        return (endpoint, tuple(sorted((request.view_args or {}).items())))
    return ()


def site_header() -> Markup:
    """The quick exit, skip link, site name, menu and language switcher of every page.

    Keyed by the language (its words, and which switcher entry is current), the script root
    (every link starts with it), the site name, the offered languages, the switcher's
    view and arguments, and the menu entries that depend on who is asking: "My classes"
    for a facilitator, "My account" for anyone with progress (a guest too), "Sign in" for
    anyone without a password-less account of their own (a visitor or a guest). That is all
    ``_site_header.html`` is given; nothing in it names the person beyond those three yes/no
    answers, which millions share."""
    lang = i18n.current()
    has_row = bool(current_user.is_authenticated)
    signed_in = bool(has_row and not current_user.is_guest)
    facilitator = bool(current_user.is_authenticated and current_user.is_facilitator)
    site_name = current_app.config["SITE_NAME"]
    key = (
        "header",
        lang.tag,
        request.script_root,
        site_name,
        tuple(i18n.enabled()),
        _language_links_key(),
        has_row,
        signed_in,
        facilitator,
    )
    return cache().get(
        key,
        lambda: render(
            "_site_header.html",
            lang=lang,
            site_name=site_name,
            language_links=i18n.switch_links(),
            has_row=has_row,
            signed_in=signed_in,
            facilitator=facilitator,
        ),
    )


def site_footer() -> Markup:
    """The footer: words in the page's language and links that start with the script root,
    so keyed by those two (``_site_footer.html`` is given nothing else)."""
    lang = i18n.current()
    key = ("footer", lang.tag, request.script_root)
    return cache().get(key, lambda: render("_site_footer.html", lang=lang))


#: The static files ``_site_assets.html`` links to.
HEAD_ASSETS = ("css/site.css", "favicon.svg", "js/site.js")


def site_assets() -> Markup:
    """The stylesheet, icon and script links of every page's head.

    Keyed by the script root and the files' content-hashed names (app/web/assets.py), so a
    changed file gets its new address at once where files are watched (development); the
    template is given nothing."""
    assets = current_app.extensions["assets"]
    key = ("assets", request.script_root, *(assets.hashed_name(name) for name in HEAD_ASSETS))
    return cache().get(key, lambda: render("_site_assets.html"))


def init_app(app: Flask) -> None:
    """Give the app its cache and the layout its three cached parts."""
    app.extensions[EXTENSION] = FragmentCache()
    app.jinja_env.globals["site_assets"] = site_assets
    app.jinja_env.globals["site_header"] = site_header
    app.jinja_env.globals["site_footer"] = site_footer
