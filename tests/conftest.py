"""Shared fixtures: content parsed once, a fresh database per test, clients and learners.

Set UNSHARED_TEST_DATABASE_URL to run the same tests against PostgreSQL; each test then
gets a freshly created schema.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from app.content.loader import load_catalog
from app.content.model import Catalog
from app.db import get_engine
from app.models import Base

FIXTURES = Path(__file__).parent / "fixtures"
VALID_COURSES = FIXTURES / "courses" / "valid"
PROJECT = Path(__file__).resolve().parent.parent
TEST_DATABASE_URL = os.environ.get("UNSHARED_TEST_DATABASE_URL", "sqlite://")
_OWN_DATABASE: str | None = None


def _own_postgres_database(url: str) -> str:
    """A database of this run's own on the given server, so that two runs (a developer's and
    CI's, or two terminals) never drop each other's tables. Dropped when the run ends."""
    global _OWN_DATABASE
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"unshared_test_{uuid.uuid4().hex[:12]}"
    dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    _OWN_DATABASE = dsn
    return base.set(database=name).render_as_string(hide_password=False)


if TEST_DATABASE_URL.startswith("postgresql"):
    TEST_DATABASE_URL = _own_postgres_database(TEST_DATABASE_URL)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop this run's PostgreSQL database."""
    if _OWN_DATABASE is None:
        return
    import psycopg
    from sqlalchemy.engine import make_url

    name = make_url(TEST_DATABASE_URL).database
    with psycopg.connect(_OWN_DATABASE, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
# Tests keep their signing key and other instance files away from the developer's instance/.
TEST_INSTANCE = Path(tempfile.mkdtemp(prefix="unshared-test-instance-"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The small fixture course, parsed once for the whole run."""
    loaded, problems = load_catalog(VALID_COURSES, root=PROJECT)
    assert not problems.errors, [str(p) for p in problems]
    return loaded


def make_app(catalog: Catalog, **overrides: object) -> Flask:
    """An app on the test database with the fixture catalogue."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": TEST_DATABASE_URL,
        "COURSES_DIR": str(VALID_COURSES),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # Cheap hashes keep the suite fast; test_factory checks the production default.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
    }
    config.update(overrides)
    application = create_app(config, catalog=catalog)
    application.instance_path = str(TEST_INSTANCE)
    _CREATED.append(application)
    return application


_CREATED: list[Flask] = []


@pytest.fixture(autouse=True)
def _close_engines_of_apps_made_in_the_test() -> Iterator[None]:
    """Apps a test makes itself are closed after it, so no connection outlives its test
    (PostgreSQL would warn about them at an unpredictable later moment)."""
    start = len(_CREATED)
    yield
    for application in _CREATED[start:]:
        with application.app_context():
            get_engine().dispose()
    del _CREATED[start:]


def reset_schema(app: Flask) -> None:
    """Drop and create every table (PostgreSQL: the whole public schema)."""
    with app.app_context():
        engine = get_engine()
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        else:
            Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)


@pytest.fixture
def app(catalog: Catalog) -> Iterator[Flask]:
    """A fresh app and an empty database."""
    application = make_app(catalog)
    reset_schema(application)
    yield application
    with application.app_context():
        get_engine().dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser-like client with its own cookies."""
    return app.test_client()


@pytest.fixture
def csrf_app(catalog: Catalog) -> Iterator[Flask]:
    """An app with CSRF protection on, as in production."""
    application = make_app(catalog, WTF_CSRF_ENABLED=True)
    reset_schema(application)
    yield application
    with application.app_context():
        get_engine().dispose()


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on ``url``."""
    html = client.get(url).get_data(as_text=True)
    match = CSRF_INPUT.search(html)
    assert match, f"no csrf token on {url}"
    return match.group(1)


QUIZ_URL = "/en/courses/demo/basics/quiz"
ALL_RIGHT = {"q-forward": "1", "q-signs": ["0", "2"], "q-vanish": "1", "token": "t-right"}
ALL_WRONG = {"q-forward": "0", "q-signs": ["1"], "q-vanish": "0", "token": "t-wrong"}


def signup(client: FlaskClient, username: str = "luka", password: str = "correct horse battery") \
        -> object:
    """Create an account through the form."""
    return client.post("/en/account/signup", data={
        "username": username, "password": password, "confirm": password})


def empty_database(app: Flask) -> None:
    """Drop every table, so that a test can build the schema with the migrations."""
    with app.app_context():
        engine = get_engine()
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            else:
                Base.metadata.drop_all(conn)
