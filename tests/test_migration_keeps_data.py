"""Upgrading a database that people use keeps everything they made (SQLite, PostgreSQL).

On SQLite a batch migration recreates a table; with foreign keys on, recreating `users`
once deleted every learner's progress and unlinked every certificate through their ON
DELETE rules. This test fills the first schema with a learner's whole state and upgrades.
"""

from __future__ import annotations

from sqlalchemy import text

from app.db import get_engine
from tests.schema import empty_database

AT = "2026-11-30 10:00:00"
ROWS = {
    "users": "INSERT INTO users (id, username, role, created_at, last_seen_at) "
    "VALUES (1, 'ana', 'learner', :at, :at)",
    "organisations": "INSERT INTO organisations (id, name, invite_code, created_at) "
    "VALUES (1, 'School', 'INVITE1', :at)",
    "classrooms": "INSERT INTO classrooms (id, organisation_id, name, language, course_slug, "
    "join_code, is_joining_open, created_at) "
    "VALUES (1, 1, 'II-3', 'sr-Latn', 'demo', 'JOIN1', true, :at)",
    "memberships": "INSERT INTO memberships (classroom_id, user_id, nickname, joined_at) "
    "VALUES (1, 1, 'Ana', :at)",
    "lesson_progress": "INSERT INTO lesson_progress (user_id, course_slug, module_slug, "
    "lesson_slug, content_hash, completed_at) "
    "VALUES (1, 'demo', 'basics', 'intro', 'h', :at)",
    "quiz_attempts": "INSERT INTO quiz_attempts (user_id, course_slug, module_slug, quiz_hash, "
    "token, correct, total, percent, is_passed, language, submitted_at) "
    "VALUES (1, 'demo', 'basics', 'h', 't', 3, 3, 100, true, 'en', :at)",
    "certificates": "INSERT INTO certificates (code, user_id, classroom_id, name, course_slug, "
    "course_title, modules, language, issued_at) "
    "VALUES ('K7QM9XTR4HNPWZ3E', 1, 1, 'Ana', 'demo', 'Demo', '[]', 'en', :at)",
}


def test_upgrading_to_head_keeps_every_learners_progress_classes_and_certificates(app):
    runner = app.test_cli_runner()
    empty_database(app)
    result = runner.invoke(args=["db", "upgrade", "40df2647d7d8"])
    assert result.exit_code == 0, result.output
    with app.app_context(), get_engine().begin() as conn:
        for statement in ROWS.values():
            conn.execute(text(statement), {"at": AT})
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context(), get_engine().connect() as conn:
        counts = {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() for table in ROWS
        }
        linked = conn.execute(text("SELECT user_id, classroom_id FROM certificates")).one()
    assert counts == dict.fromkeys(ROWS, 1)
    assert tuple(linked) == (1, 1)
