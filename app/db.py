"""SQLAlchemy engine and a request-scoped session, kept in ``app.extensions``.

No engine exists at import time; the factory creates one per app. A view gets the
request's session with :func:`get_session`, calls services (which flush) and commits once;
the session is closed (rolled back if uncommitted) when the app context ends.
"""

from __future__ import annotations

import os
import weakref
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys on and, in memory, one shared connection.

    Statement parameters (usernames, password hashes, recovery lookups) are kept out of
    error messages, which gunicorn's error log would otherwise print.
    """
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"check_same_thread": False}, "hide_parameters": True}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if url not in ("sqlite://", "sqlite:///:memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _new_connections_after_fork(engine: Engine) -> None:
    """A forked process (a gunicorn worker of a ``--preload`` master) starts with an empty
    pool: the parent's connections are left to the parent, never closed nor used by the
    child, whose queries on them would interleave with the parent's on one socket.
    SQLAlchemy's documented recipe (``dispose(close=False)`` in the child). Not for an
    in-memory SQLite database, which lives in its one connection."""
    if isinstance(engine.pool, StaticPool):
        return
    ref = weakref.ref(engine)  # an app made and dropped (tests) does not live on

    def after_fork_in_child() -> None:
        alive = ref()
        if alive is not None:
            alive.dispose(close=False)

    os.register_at_fork(after_in_child=after_fork_in_child)


def init_app(app: Flask) -> None:
    """Create the app's engine and session factory, and close sessions after each request."""
    engine = make_engine(app.config["DATABASE_URL"])
    _new_connections_after_fork(engine)
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    """The current app's engine."""
    return current_app.extensions["db_engine"]


def get_session() -> Session:
    """The session of the current app context, created on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
