"""Shared fixtures: content parsed once, a fresh database per test, clients and learners.

Set UNSHARED_TEST_DATABASE_URL to run the same tests against PostgreSQL; each test then
gets a freshly created schema. The plain code these fixtures use is in ``tests/helpers.py``
and ``tests/factories.py``; test modules import it from there, not from here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from app.content.loader import load_catalog
from app.content.model import Catalog
from app.db import get_engine, get_session
from tests import url_builders
from tests.helpers import (
    CREATED,
    PROJECT,
    VALID_COURSES,
    drop_own_database,
    make_app,
)
from tests.routes import get_rules, page_rules, rule_id
from tests.schema import reset_schema


def pytest_configure(config: pytest.Config) -> None:
    """Each distinct URL builder is compiled once for the run (``tests/url_builders.py``)."""
    url_builders.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    url_builders.uninstall()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop this run's PostgreSQL database."""
    drop_own_database()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``page_rule`` runs once per HTML page type of the URL map,
    ``page_rule_or_404`` once more for the not-found page (``None``), ``get_rule`` once per
    GET rule. The map is read here, when tests are collected, never when a module is
    imported."""
    for name, values in (
        ("page_rule", page_rules),
        ("get_rule", get_rules),
        ("page_rule_or_404", lambda: [*page_rules(), None]),
    ):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, values(), ids=rule_id)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The small fixture course, parsed once for the whole run."""
    loaded, problems = load_catalog(VALID_COURSES, root=PROJECT)
    assert not problems.errors, [str(p) for p in problems]
    return loaded


@pytest.fixture(autouse=True)
def _close_engines_of_apps_made_in_the_test() -> Iterator[None]:
    """Apps a test makes itself are closed after it, so no connection outlives its test
    (PostgreSQL would warn about them at an unpredictable later moment)."""
    start = len(CREATED)
    yield
    for application in CREATED[start:]:
        with application.app_context():
            get_engine().dispose()
    del CREATED[start:]


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


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """The database session of ``app``, in an app context that lasts the test.

    Only for tests that work on the database alone: a request made while this context is
    open would share it (and its session and signed-in user) instead of getting its own.
    """
    with app.app_context():
        yield get_session()
