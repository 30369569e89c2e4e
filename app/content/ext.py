"""The one place where content meets Flask: hold the catalogue in ``app.extensions``.

The factory only registers a holder, so that ``flask courses check`` runs even when content
is broken. The catalogue is parsed on first use (or eagerly by :func:`warm`, which
``wsgi.py`` calls so that a deploy with broken content fails at once).
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from app.content.loader import load_catalog
from app.content.model import Catalog
from app.content.problems import ProblemList


class ContentError(RuntimeError):
    """Content has errors and the app runs in production."""


class ContentHolder:
    """Loads the catalogue once, thread-safely, and keeps its problems."""

    def __init__(self, courses_dir: Path, catalog: Catalog | None = None) -> None:
        self.courses_dir = courses_dir
        self._catalog = catalog
        self.problems = ProblemList()
        self._lock = threading.Lock()

    def get(self) -> Catalog:
        """The catalogue, loading it on first call."""
        if self._catalog is None:
            with self._lock:
                if self._catalog is None:
                    self._catalog, self.problems = load_catalog(self.courses_dir)
        return self._catalog


def init_app(app: Flask, catalog: Catalog | None = None) -> None:
    """Register the content holder (no parsing happens here)."""
    app.extensions["content"] = ContentHolder(Path(app.config["COURSES_DIR"]), catalog)


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
