"""URL converters: ``<id:name>`` for database ids.

Werkzeug's ``int`` takes any run of digits, and a 20-digit id reaches the database, where
PostgreSQL refuses it as out of range (a 500) and SQLite overflows. Ids are positive and
fit the ``INTEGER`` column, so anything else is simply a page that does not exist: the
route does not match, and the visitor gets the 404 page before any view runs. Only ASCII
digits count: ``int`` also takes a full-width "1" (U+FF11), another address for id 1.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1  # the largest value of a 32-bit INTEGER column


class IdConverter(IntegerConverter):
    """An integer from 1 to :data:`MAX_ID`, in ASCII digits (no sign)."""

    regex = r"[0-9]+"

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)


def init_app(app: Flask) -> None:
    """Register ``<id:...>``; it must be done before any blueprint adds its routes."""
    app.url_map.converters["id"] = IdConverter
