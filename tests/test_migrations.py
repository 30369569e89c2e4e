"""The migrations produce exactly the schema the models describe (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.db import get_engine
from app.models import Base
from tests.conftest import empty_database


def test_migrations_match_models(app, tmp_path):
    runner = app.test_cli_runner()
    empty_database(app)
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        engine = get_engine()
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    Base.metadata)
            assert diff == [], diff
            assert "alembic_version" in inspect(conn).get_table_names()
