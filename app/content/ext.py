"""The one place where content meets Flask: hold the catalogue in ``app.extensions``.

The factory only registers a holder, so that ``flask courses check`` runs even when content
is broken. The catalogue is parsed on first use (or eagerly by :func:`warm`, which
``wsgi.py`` calls so that a deploy with broken content fails at once), or read from the
content cache (:mod:`app.content.cache`) in ``CONTENT_CACHE_DIR``: by default the folder
``content-cache`` of the instance folder, none under tests, and none when set to ``""``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from app.content.cache import load_cached
from app.content.loader import load_catalog
from app.content.model import Catalog
from app.content.problems import ProblemList


class ContentError(RuntimeError):
    """Content has errors and the app runs in production."""


class ContentHolder:
    """Loads the catalogue once, thread-safely, and keeps its problems."""

    def __init__(
        self, courses_dir: Path, catalog: Catalog | None = None, cache_dir: Path | None = None
    ) -> None:
        self.courses_dir = courses_dir
        self.cache_dir = cache_dir
        self._catalog = catalog
        self.problems = ProblemList()
        self._lock = threading.Lock()

    def get(self) -> Catalog:
        """The catalogue, loading it (or reading its cache) on first call."""
        if self._catalog is None:
            with self._lock:
                if self._catalog is None:
                    if self.cache_dir is None:
                        self._catalog, self.problems = load_catalog(self.courses_dir)
                    else:
                        self._catalog, self.problems = load_cached(self.courses_dir, self.cache_dir)
        return self._catalog


def _cache_dir(app: Flask) -> Path | None:
    configured = app.config.get("CONTENT_CACHE_DIR")
    if configured is None:
        # Tests load fixture courses they change on disk: they ask for a cache themselves.
        return None if app.testing else Path(app.instance_path) / "content-cache"
    return Path(configured) if str(configured) else None


def init_app(app: Flask, catalog: Catalog | None = None) -> None:
    """Register the content holder (no parsing happens here)."""
    app.extensions["content"] = ContentHolder(
        Path(app.config["COURSES_DIR"]), catalog, _cache_dir(app)
    )


def warm(app: Flask) -> Catalog:
    """Load content now; in production refuse to continue if it has errors."""
    holder: ContentHolder = app.extensions["content"]
    catalog = holder.get()
    errors = holder.problems.errors
    if errors:
        listing = "\n".join(str(p) for p in errors[:50])
        if app.config["ENV_NAME"] == "production":
            raise ContentError(f"course content has {len(errors)} error(s):\n{listing}")
        app.logger.warning("course content has %d error(s):\n%s", len(errors), listing)
    return catalog


def get_catalog() -> Catalog:
    """The current app's catalogue."""
    holder: ContentHolder = current_app.extensions["content"]
    return holder.get()


def content_problems() -> ProblemList:
    """Problems found when the catalogue was loaded (shown to developers)."""
    holder: ContentHolder = current_app.extensions["content"]
    holder.get()
    return holder.problems
