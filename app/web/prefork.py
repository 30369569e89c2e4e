"""Work done once in the gunicorn master (``--preload``), so that forked workers share it.

Templates are compiled, every interface catalogue is read and the offered languages are
found before the fork; then the
garbage collector is told to leave what exists alone (``gc.freeze``), because a collection
in a worker writes to every object it visits and so copies pages it could have shared.
"""

from __future__ import annotations

import gc

from flask import Flask
from flask_babel import get_translations

from app import i18n
from app.languages import LANGUAGES


def warm(app: Flask) -> None:
    """Compile every template, load every catalogue and find the languages the switcher
    offers (which reads every catalogue's source: a second per worker otherwise, on its
    first request), then freeze what is loaded."""
    for name in app.jinja_env.list_templates(extensions=("html", "txt", "xml")):
        app.jinja_env.get_template(name)
    for tag in LANGUAGES:
        with app.test_request_context(f"/{tag}/"):
            get_translations()
    with app.app_context():
        i18n.enabled()
    gc.freeze()
