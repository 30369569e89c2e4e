"""Migration b9c1e0a1d202 on a database that already has certificates (SQLite, PostgreSQL):
each gets a scope and a distinct place in status list 1, and duplicates made by claims at
the same moment before the constraint existed are revoked, keeping the first valid."""

from __future__ import annotations

from sqlalchemy import text

from app.db import get_engine
from tests.schema import empty_database

INSERT = (
    "INSERT INTO certificates (code, user_id, classroom_id, name, course_slug, "
    "course_title, modules, language, issued_at, revoked_at) VALUES (:code, 1, NULL, "
    "'Ana', 'demo', 'Demo', '[]', 'en', :at, :revoked)"
)


def test_existing_certificates_get_places_and_duplicates_are_revoked(app):
    runner = app.test_cli_runner()
    empty_database(app)
    result = runner.invoke(args=["db", "upgrade", "40df2647d7d8"])
    assert result.exit_code == 0, result.output
    at = "2026-11-30 10:00:00"
    with app.app_context(), get_engine().begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, role, created_at, last_seen_at) "
                "VALUES (1, 'guest', :at, :at)"
            ),
            {"at": at},
        )
        for code, revoked in (("A" * 16, None), ("B" * 16, None), ("C" * 16, at)):
            conn.execute(text(INSERT), {"code": code, "at": at, "revoked": revoked})
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context(), get_engine().connect() as conn:
        rows = conn.execute(
            text(
                "SELECT code, scope_key, status_list, status_index, "
                "revoked_at IS NULL AS valid, revoked_reason FROM certificates "
                "ORDER BY code"
            )
        ).all()
    assert [(r.code[0], r.scope_key, r.status_list, bool(r.valid)) for r in rows] == [
        ("A", "self", 1, True),
        ("B", "self", 1, False),
        ("C", "self", 1, False),
    ]
    assert rows[1].revoked_reason == "Duplicate of an earlier certificate"
    assert len({r.status_index for r in rows}) == 3
