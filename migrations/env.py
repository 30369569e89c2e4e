"""Alembic environment: the one place where the migrations meet the app.

``flask db ...`` (app/cli.py) hands over the connection, the database URL and the key of
recovery-code lookups through the config's attributes; run as bare ``alembic``, they are
read from the app's configuration here. The models are imported only to compare them
with the database when a revision is generated, and the app's own column types are
written into new revisions as the plain SQLAlchemy types they store as
(:func:`_render_item`), so that a revision never imports the app: a migration must keep
doing what it did when it was written, whatever the app becomes.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, create_engine
from sqlalchemy.types import TypeDecorator

from app.models import Base

config = context.config
target_metadata = Base.metadata


def _settings_from_the_app() -> None:
    """Fill in what ``flask db`` would have handed over, for a bare ``alembic`` run."""
    if config.attributes.get("database_url") and config.attributes.get("recovery_code_key"):
        return
    from app import config as app_config
    from app import create_app

    settings = create_app().config
    config.attributes.setdefault("database_url", settings["DATABASE_URL"])
    config.attributes.setdefault("recovery_code_key", app_config.recovery_code_key(settings))


def _render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write a custom column type (``UTCDateTime``) as the type it stores as, e.g.
    ``sa.DateTime(timezone=True)``; everything else as Alembic would."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def run_offline() -> None:
    _settings_from_the_app()
    context.configure(
        url=config.attributes["database_url"],
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    _settings_from_the_app()
    engine = create_engine(config.attributes["database_url"])
    try:
        # begin(), as `flask db` does: with a bare connect() the pragma below opens a
        # transaction that Alembic then leaves to its owner, and closing rolls it back.
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection: Connection) -> None:
    # On SQLite a batch migration copies a table, drops the original and renames the copy.
    # With foreign keys on, dropping `users` would run every ON DELETE CASCADE and SET NULL
    # that points at it: all progress deleted, certificates unlinked. So they are off while
    # migrating (SQLite ignores the pragma inside a write transaction, and nothing has been
    # written yet), and the result is checked before it is committed.
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            render_item=_render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"migration left rows pointing nowhere: {broken[:5]}")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_offline()
else:
    run_online()
