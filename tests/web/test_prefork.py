"""The gunicorn master prepares what workers share: templates, catalogues, a frozen heap."""

from __future__ import annotations

import gc

from app.web import prefork


def test_every_template_compiles_and_the_loaded_heap_is_frozen(app):
    try:
        prefork.warm(app)
        assert gc.get_freeze_count() > 0
        # Every template is compiled before any request asks for it (a broken one fails here).
        cached = {name for (_, name) in app.jinja_env.cache}  # type: ignore[union-attr]
        assert {"base.html", "learning/lesson.html", "main/help.html"} <= cached
        # The switcher's languages, which read every catalogue's source, are known too.
        assert "ready_languages" in app.extensions
    finally:
        gc.unfreeze()
