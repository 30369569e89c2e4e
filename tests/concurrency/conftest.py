"""The ``live`` fixture: the app on a real threaded server (see harness.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import get_engine
from tests.concurrency.harness import LiveServer
from tests.helpers import database_url, make_app
from tests.schema import reset_schema


@pytest.fixture
def live(catalog) -> Iterator[LiveServer]:
    """The app with an empty database, served by a threaded server for this test."""
    with tempfile.TemporaryDirectory(prefix="unshared-live-") as folder:
        url = (
            database_url()
            if database_url().startswith("postgresql")
            else f"sqlite:///{Path(folder) / 'live.sqlite3'}"
        )
        app = make_app(catalog, DATABASE_URL=url)
        reset_schema(app)
        server = LiveServer(app, lambda: reset_schema(app)).start()
        try:
            yield server
        finally:
            server.stop()
            with app.app_context():
                get_engine().dispose()
