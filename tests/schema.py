"""Every test starts on an empty database: how the tests make one quickly.

Building the schema is most of what a test costs on PostgreSQL (a DROP SCHEMA and twenty
CREATE statements, each a catalogue write), and compiling the same DDL again is a good part
of it on SQLite. So the CREATE statements are compiled once per dialect and replayed, and on
PostgreSQL a schema this module built, with exactly the model's tables, is emptied with one
TRUNCATE (identities restarted, so ids start at 1 as on a new schema) instead of rebuilt.
A test that drops the tables to run the migrations (:func:`empty_database`) makes the next
reset build the schema again.
"""

from __future__ import annotations

import functools

from flask import Flask
from sqlalchemy import Connection, create_mock_engine, inspect, text
from sqlalchemy.engine import Engine

from app.db import get_engine
from app.models import Base

#: The PostgreSQL databases (by URL) whose public schema was built here and is untouched.
_BUILT: set[str] = set()


@functools.cache
def _create_statements(dialect_name: str) -> tuple[str, ...]:
    """The model's CREATE TABLE and CREATE INDEX statements, as the dialect writes them."""
    statements: list[str] = []

    def collect(sql, *_args, **_kwargs) -> None:  # type: ignore[no-untyped-def]
        statements.append(str(sql.compile(dialect=mock.dialect)).strip())

    mock = create_mock_engine(f"{dialect_name}://", collect)
    Base.metadata.create_all(mock, checkfirst=False)
    return tuple(statements)


def _create(conn: Connection) -> None:
    for statement in _create_statements(conn.dialect.name):
        conn.exec_driver_sql(statement)


def _only_the_models_tables(conn: Connection) -> bool:
    return set(inspect(conn).get_table_names()) == set(Base.metadata.tables)


def reset_schema(app: Flask) -> None:
    """An empty database with every table of the model."""
    with app.app_context():
        engine: Engine = get_engine()
        with engine.begin() as conn:
            if engine.dialect.name != "postgresql":
                Base.metadata.drop_all(conn)
                _create(conn)
                return
            url = engine.url.render_as_string(hide_password=False)
            if url in _BUILT and _only_the_models_tables(conn):
                tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
                conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
                return
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            _create(conn)
        _BUILT.add(url)


def empty_database(app: Flask) -> None:
    """Drop every table, so that a test can build the schema with the migrations."""
    with app.app_context():
        engine = get_engine()
        _BUILT.discard(engine.url.render_as_string(hide_password=False))
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            else:
                Base.metadata.drop_all(conn)
