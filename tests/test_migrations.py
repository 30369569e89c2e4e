"""The migrations produce exactly the schema the models describe, go down to an empty
database and up again, and never import the app (SQLite; PostgreSQL too when
UNSHARED_TEST_DATABASE_URL names one, as in CI's second run of the suite)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import create_engine, inspect, text

from app.db import get_engine
from app.models import Base
from tests.helpers import VALID_COURSES
from tests.schema import empty_database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _schema_differences(app: Flask) -> list:
    """What the database lacks or has beyond the models (empty when they agree)."""
    with app.app_context(), get_engine().connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _tables(app: Flask) -> set[str]:
    with app.app_context(), get_engine().connect() as conn:
        return set(inspect(conn).get_table_names())


def _db(app: Flask, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=["db", *args])
    assert result.exit_code == 0, result.output


def test_migrations_match_models(app):
    empty_database(app)
    _db(app, "upgrade")
    assert _schema_differences(app) == []
    assert "alembic_version" in _tables(app)


def test_migrations_go_down_to_base_and_up_again(app):
    empty_database(app)
    _db(app, "upgrade")
    assert _tables(app) >= set(Base.metadata.tables)
    _db(app, "downgrade", "base")
    assert _tables(app) == {"alembic_version"}  # every table of the app is gone
    _db(app, "upgrade")
    assert _schema_differences(app) == []
    _db(app, "downgrade", "40df2647d7d8")  # and the later revisions undo cleanly alone
    _db(app, "upgrade", "head")
    assert _schema_differences(app) == []


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_revisions_import_no_app_code():
    """A revision must do forever what it did when it was written: it uses plain SQLAlchemy
    and what env.py hands over, never the app, whose code moves on."""
    offences = {
        f"{path.name}: {name}"
        for path in (MIGRATIONS / "versions").glob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in {"app", "flask", "wsgi"}
    }
    assert offences == set()
    assert "import app" not in (MIGRATIONS / "script.py.mako").read_text(encoding="utf-8")


def test_a_new_revision_writes_plain_column_types(app, tmp_path):
    """Autogenerate renders UTCDateTime as the type it stores as (migrations/env.py)."""
    scripts = tmp_path / "migrations"
    (scripts / "versions").mkdir(parents=True)
    for name in ("env.py", "script.py.mako"):
        shutil.copy(MIGRATIONS / name, scripts / name)
    empty_database(app)
    cfg = Config()
    cfg.set_main_option("script_location", str(scripts))
    with app.app_context(), get_engine().begin() as connection:
        cfg.attributes.update(
            connection=connection,
            database_url=app.config["DATABASE_URL"],
            recovery_code_key=app.config["SECRET_KEY"],
        )
        command.revision(cfg, message="everything", autogenerate=True)
    [written] = (scripts / "versions").glob("*.py")
    text = written.read_text(encoding="utf-8")
    assert "sa.Column('created_at', sa.DateTime(timezone=True), nullable=False)" in text
    assert "UTCDateTime" not in text
    assert not {n for n in _imported_modules(written) if n.split(".")[0] == "app"}


def test_bare_alembic_upgrades_and_downgrades_for_good(app, tmp_path):
    """Run as ``alembic`` without the app's CLI, env.py reads the app's configuration, and
    what it does is committed (it once left alembic_version empty on SQLite)."""
    url = app.config["DATABASE_URL"]
    if url == "sqlite://":  # another process cannot see an in-memory database
        url = f"sqlite:///{tmp_path / 'bare.db'}"
    else:
        empty_database(app)
        with app.app_context():
            get_engine().dispose()  # nothing of ours holds the database during the run
    env = {
        **os.environ,
        "UNSHARED_DATABASE_URL": url,
        "UNSHARED_SECRET_KEY": "bare-secret",
        "UNSHARED_COURSES_DIR": str(VALID_COURSES),
    }
    alembic = [sys.executable, "-m", "alembic", "-c", str(MIGRATIONS / "alembic.ini")]
    engine = create_engine(url)
    try:
        for step, tables in (("upgrade", set(Base.metadata.tables)), ("downgrade", set())):
            done = subprocess.run(
                [*alembic, step, "head" if step == "upgrade" else "base"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr[-2000:]
            with engine.connect() as conn:
                assert set(inspect(conn).get_table_names()) == tables | {"alembic_version"}
                version = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            assert version == ([("b9c1e0a1d202",)] if step == "upgrade" else [])
    finally:
        engine.dispose()
