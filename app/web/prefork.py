"""Work done once in the gunicorn master (``--preload``), so that forked workers share it.

Templates are compiled, every interface catalogue and every language's CLDR data (dates,
durations, lists: several MiB) are read, the ORM's mappers configured, the head's static
files hashed and the offered languages found before the fork; then the garbage collector
is told to leave what exists alone (``gc.freeze``), because a collection in a worker writes
to every object it visits and so copies pages it could have shared. Measured with
``bench/bench_memory.py`` (issue 15, item 7).
"""

from __future__ import annotations

import gc

from babel import Locale
from flask import Flask, g
from flask_babel import get_locale, get_translations
from sqlalchemy.orm import configure_mappers

from app import i18n
from app.languages import LANGUAGES
from app.web import fragments


def warm(app: Flask) -> None:
    """Compile every template, load every catalogue and locale and find the languages the
    switcher offers (which reads every catalogue's source: a second per worker otherwise,
    on its first request), then freeze what is loaded."""
    for name in app.jinja_env.list_templates(extensions=("html", "txt", "xml")):
        app.jinja_env.get_template(name)
    for tag in LANGUAGES:
        with app.test_request_context(f"/{tag}/"):
            # What the request's URL processor sets: the locale and catalogue follow it.
            g.lang = tag
            get_translations()
            _load_locale_data(get_locale())
    with app.app_context():
        i18n.enabled()
    # What each worker's first request did otherwise, each in its own memory: configure the
    # ORM's mappers (a third of a second, the first time a user is loaded) and read and
    # hash the head's static files, whose hashed names every page links to.
    configure_mappers()
    assets = app.extensions["assets"]
    for name in fragments.HEAD_ASSETS:
        assets.hashed_name(name)
    gc.collect()
    gc.freeze()


def _load_locale_data(locale: Locale | None) -> None:
    """Read the whole CLDR data of ``locale`` into Babel's module-level cache, which every
    later ``Locale`` of that name reads from (the first duration or date shown in a
    language reads it otherwise, in each worker)."""
    if locale is not None:
        locale.territories  # noqa: B018 - the first property read loads the data
