"""Plain code the tests share: the test app and database, forms, hostile input, and the
checks that read what the site hands out (credentials, QR codes).

Fixtures live in ``conftest.py`` and build on this module; people, classes and certificates
are made in ``tests/factories.py``. Nothing here builds an app or touches a database when
it is imported.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from jsonschema import Draft201909Validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import create_app
from app.content.cache import load_cached
from app.content.model import Catalog
from app.content.problems import ProblemList
from app.db import get_session
from app.models import Base
from tests.credentials.samples import STANDARDS

FIXTURES = Path(__file__).parent / "fixtures"
VALID_COURSES = FIXTURES / "courses" / "valid"
PROJECT = Path(__file__).resolve().parent.parent
PUBLIC = "http://127.0.0.1:5000"  # DEVELOPMENT_PUBLIC_URL, which the tests run with

# The real courses ------------------------------------------------------------------------

# Per checkout, beside the development database (instance/ is not in git).
REAL_CONTENT_CACHE = PROJECT / "instance" / "content-cache-tests"


@functools.cache
def _real_catalog() -> tuple[Catalog, ProblemList]:
    return load_cached(PROJECT / "courses", REAL_CONTENT_CACHE, root=PROJECT)


def real_catalog() -> tuple[Catalog, ProblemList]:
    """The real courses and their problems, as the app loads them: once per test process,
    from a cache keyed by the hash of the content and of the loading code
    (:mod:`app.content.cache`), so an edit to either is loaded afresh. The catalogue is
    immutable and shared; the problem list is each caller's own copy."""
    catalog, problems = _real_catalog()
    return catalog, copy.copy(problems)


# The app and its database --------------------------------------------------------------

_OWN_DATABASE: list[str] = []  # the server of the PostgreSQL database this run made


@functools.cache
def database_url() -> str:
    """The tests' database: SQLite in memory, or with ``UNSHARED_TEST_DATABASE_URL`` a
    PostgreSQL database of this run's own, made on first use, so that two runs (a
    developer's and CI's, or two terminals) never drop each other's tables."""
    url = os.environ.get("UNSHARED_TEST_DATABASE_URL", "sqlite://")
    if not url.startswith("postgresql"):
        return url
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"unshared_test_{uuid.uuid4().hex[:12]}"
    dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    _OWN_DATABASE.append(dsn)
    return base.set(database=name).render_as_string(hide_password=False)


def drop_own_database() -> None:
    """Drop the PostgreSQL database :func:`database_url` made, if it made one."""
    if not _OWN_DATABASE:
        return
    import psycopg
    from sqlalchemy.engine import make_url

    name = make_url(database_url()).database
    with psycopg.connect(_OWN_DATABASE.pop(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@functools.cache
def _instance_folder() -> str:
    # Tests keep their signing key and other instance files away from the developer's
    # instance/.
    return tempfile.mkdtemp(prefix="unshared-test-instance-")


@functools.cache
def signing_key_file() -> str:
    """A certificate signing key made once per run, for apps in production mode (which
    refuse to start without one)."""
    from app.credentials.openbadges.keys import KEY_FILENAME, load_or_create_key

    path = Path(tempfile.mkdtemp(prefix="unshared-test-key-")) / KEY_FILENAME
    load_or_create_key(path)
    return str(path)


def app_config(**overrides: object) -> dict[str, object]:
    """The configuration of every test app, with ``overrides``."""
    config: dict[str, object] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url(),
        "COURSES_DIR": str(VALID_COURSES),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # Cheap hashes keep the suite fast; test_factory checks the production default.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
    }
    config.update(overrides)
    return config


#: Apps made by :func:`make_app`; conftest closes the engines of a test's apps after it.
CREATED: list[Flask] = []


def make_app(catalog: Catalog, **overrides: object) -> Flask:
    """An app on the test database with the fixture catalogue."""
    application = create_app(app_config(**overrides), catalog=catalog)
    application.instance_path = _instance_folder()
    CREATED.append(application)
    return application


@contextmanager
def database(app: Flask) -> Iterator[Session]:
    """The database session of ``app``, to arrange or read rows between two requests.

    A test that works on the database alone takes the ``db`` fixture instead. Requests made
    inside this block would share its app context (and signed-in user), so make them after.
    """
    with app.app_context():
        yield get_session()


def row_counts(app: Flask) -> dict[str, int]:
    """The number of rows in every table: a refused request must leave them as they were."""
    with app.app_context():
        db = get_session()
        return {
            t.name: db.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


# Forms ----------------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
QUIZ_URL = "/en/courses/demo/basics/quiz"
ALL_RIGHT = {"q-forward": "1", "q-signs": ["0", "2"], "q-vanish": "1", "token": "t-right"}
ALL_WRONG = {"q-forward": "0", "q-signs": ["1"], "q-vanish": "0", "token": "t-wrong"}
NEXT_QUIZ_URL = "/en/courses/demo/next/quiz"
NEXT_RIGHT = {"q-friend": "0", "token": "t-next"}


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on ``url``."""
    html = client.get(url).get_data(as_text=True)
    match = CSRF_INPUT.search(html)
    assert match, f"no csrf token on {url}"
    return match.group(1)


# Hostile input --------------------------------------------------------------------------

# Digits that are digits to str.isdigit but not to int(), and NUL bytes inside otherwise
# plausible values (PostgreSQL refuses NUL in text columns), are part of every strategy.
TRICKY = st.sampled_from(["²", "¹", "①", "٣", "ab\x00cd", "\x00", "1\x00", "KQ7M-4TRZ\x00"])
WITH_NUL = st.builds(lambda a, b: a + "\x00" + b, st.text(max_size=12), st.text(max_size=12))
HOSTILE = st.one_of(
    st.text(max_size=40),
    TRICKY,
    WITH_NUL,
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=5000),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\u202e",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            '=HYPERLINK("http://x")',
            "Ђорђе Šćekić ë",
            "9" * 300,
            "-1",
            "0",
            "NaN",
            "../../etc/passwd",
            "%00",
            "𝓾𝓷𝓲𝓬𝓸𝓭𝓮",
            "\r\n",
            "yes",
            "on",
        ]
    ),
)
FUZZ = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# What the site hands out ------------------------------------------------------------------


@functools.cache
def schema_validator(name: str) -> Draft201909Validator:
    """A validator for one of the offline Open Badges 3.0 JSON schemas."""
    path = STANDARDS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: the offline standards folder is required")
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def assert_valid(name: str, document: dict[str, Any]) -> None:
    """``document`` is valid against the Open Badges schema ``name``; fails with every error
    listed."""
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in schema_validator(name).iter_errors(document)
    ]
    assert not errors, "\n".join(errors)


def jose_decode(token: str, jwk: dict[str, Any]) -> Any:
    """Decode and verify with joserfc, a library independent of the signer (PyJWT), with
    one JWK or, given ``{"keys": [...]}``, the key of a published set that the token's
    ``kid`` names.

    joserfc warns that the name ``EdDSA`` is deprecated by RFC 9864 (in favour of
    ``Ed25519``); the choice is deliberate (PyJWT and the Open Badges verifiers only
    know ``EdDSA``), so exactly that warning is silenced here.
    """
    from joserfc import jwt as jose_jwt
    from joserfc.errors import SecurityWarning
    from joserfc.jwk import KeySet, OKPKey

    key = KeySet.import_key_set(jwk) if "keys" in jwk else OKPKey.import_key(jwk)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)
        return jose_jwt.decode(token, key, algorithms=["EdDSA"])


def qr_text(svg: bytes) -> str:
    """The text of a segno QR code SVG (one path of ``M``/``m``/``h`` commands), drawn."""
    import zxingcpp
    from PIL import Image, ImageDraw

    source = svg.decode()
    scale = float(re.search(r"scale\(([\d.]+)\)", source).group(1)) if "scale(" in source else 1.0
    width = int(float(re.search(r'width="([\d.]+)"', source).group(1)))
    path = re.search(r' d="([^"]+)"', source).group(1)
    image = Image.new("L", (width, width), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHhVv])([^MmHhVv]*)", path):
        values = [float(n) for n in re.findall(r"-?[\d.]+", numbers)]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command in "hH":
            end = x + values[0] if command == "h" else values[0]
            draw.rectangle(
                [x * scale, (y - 0.5) * scale, end * scale - 1, (y + 0.5) * scale - 1], fill=0
            )
            x = end
    big = image.resize((width * 2, width * 2), Image.NEAREST)
    results = zxingcpp.read_barcodes(big)
    assert len(results) == 1, "the QR code does not decode"
    return results[0].text
