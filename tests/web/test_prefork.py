"""The gunicorn master prepares what workers share: templates, catalogues, a frozen heap."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from babel import localedata
from flask_babel import get_domain
from sqlalchemy import Connection, text

from app.db import get_engine
from app.languages import LANGUAGES
from app.web import prefork
from tests.helpers import PROJECT, make_app


def test_every_template_compiles_and_the_loaded_heap_is_frozen(app):
    try:
        prefork.warm(app)
        assert gc.get_freeze_count() > 0
        # Every template is compiled before any request asks for it (a broken one fails here).
        cached = {name for (_, name) in app.jinja_env.cache}  # type: ignore[union-attr]
        assert {"base.html", "learning/lesson.html", "main/help.html"} <= cached
        # The switcher's languages, which read every catalogue's source, are known too.
        assert "ready_languages" in app.extensions
    finally:
        gc.unfreeze()


def test_every_language_has_its_own_catalogue_and_locale_data_before_the_fork(app):
    try:
        prefork.warm(app)
        with app.app_context():
            loaded = {locale for (locale, _domain) in get_domain().cache}
        babel_names = {lang.babel for lang in LANGUAGES.values()}
        # Not only English nine times: each language's catalogue, or each worker reads its own.
        assert babel_names <= loaded
        # The CLDR data that reading times and dates need is in Babel's shared cache.
        assert babel_names <= set(localedata._cache)
    finally:
        gc.unfreeze()


def test_the_master_does_not_hold_libraries_only_one_route_needs():
    # Measured by bench/bench_memory.py: the PDF stack (~20 MiB) and zxcvbn's word lists
    # (~12 MiB) are imported by the certificate downloads and the password forms only.
    code = (
        "import sys\n"
        "from app import create_app\n"
        "create_app({'SECRET_KEY': 'x' * 32, 'TESTING': True})\n"
        "heavy = ('fpdf', 'fontTools', 'uharfbuzz', 'zxcvbn')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT
    )
    assert found.stdout.strip() == ""


def test_a_forked_worker_opens_its_own_database_connections(app, catalog, tmp_path):
    # gunicorn --preload forks workers from a master that may have used the database. The
    # tests' default in-memory SQLite is one connection by design: use a file instead.
    with app.app_context():
        if get_engine().dialect.name == "sqlite":
            app = make_app(catalog, DATABASE_URL=f"sqlite:///{tmp_path / 'fork.sqlite3'}")
    with app.app_context():
        engine = get_engine()
        with engine.connect() as conn:
            parent_backend = _backend(conn)
        assert engine.pool.checkedin() == 1  # the master's connection, back in its pool
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                inherited = engine.pool.checkedin()
                with engine.connect() as conn:
                    os.write(write, f"{inherited} {_backend(conn)}".encode())
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            inherited, child_backend = pipe.read().split()
        os.waitpid(pid, 0)
        assert inherited == "0"
        if engine.dialect.name == "postgresql":
            assert child_backend != parent_backend
        # The master's own connection is untouched by the worker and still answers.
        with engine.connect() as conn:
            assert _backend(conn) == parent_backend


def _backend(conn: Connection) -> str:
    """Which server connection ``conn`` is (PostgreSQL's backend process id)."""
    if conn.dialect.name == "postgresql":
        return str(conn.scalar(text("SELECT pg_backend_pid()")))
    return str(conn.scalar(text("SELECT 1")))
