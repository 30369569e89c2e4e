"""Studying keeps a guest: the purge of idle guests never takes someone active today."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select, update

from app.db import get_engine
from app.models import LessonProgress, User, utcnow
from tests.helpers import database


def _guest_ids(app) -> list[int]:
    with database(app) as db:
        return list(db.scalars(select(User.id).order_by(User.id)))


def _age_everything(app, days: int = 400) -> None:
    """As if every guest and every lesson they marked had been there ``days`` days."""
    then = utcnow() - timedelta(days=days)
    with database(app) as db:
        db.execute(update(User).values(created_at=then, last_seen_at=then))
        db.execute(update(LessonProgress).values(completed_at=then))
        db.commit()


def _purge(app) -> str:
    result = app.test_cli_runner().invoke(args=["maintenance", "purge"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_guest_who_studied_today_is_kept_and_an_idle_one_is_purged(app):
    active, idle = app.test_client(), app.test_client()
    for client in (active, idle):
        assert client.post("/en/courses/demo/basics/intro/done").status_code == 303
    active_id, _idle_id = _guest_ids(app)
    _age_everything(app)
    assert active.post("/en/courses/demo/basics/more/done").status_code == 303
    assert "1 idle guest(s)" in _purge(app)
    assert _guest_ids(app) == [active_id]
    module = active.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert "2 of 2 lessons read" in module


def test_reading_a_lesson_today_counts_as_activity(app):
    reader = app.test_client()
    reader.post("/en/courses/demo/basics/intro/done")
    _age_everything(app)
    assert reader.get("/en/courses/demo/basics/more").status_code == 200
    assert "0 idle guest(s)" in _purge(app)
    assert len(_guest_ids(app)) == 1


def test_activity_is_written_at_most_once_a_day(app):
    reader = app.test_client()
    reader.post("/en/courses/demo/basics/intro/done")
    _age_everything(app)
    writes: list[str] = []
    with app.app_context():
        engine = get_engine()

    def _count(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("UPDATE USERS"):
            writes.append(statement)

    event.listen(engine, "before_cursor_execute", _count)
    try:
        for path in (
            "/en/",
            "/en/courses/demo/",
            "/en/courses/demo/basics/intro",
            "/en/courses/demo/basics/more",
        ):
            assert reader.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", _count)
    assert len(writes) == 1
    with database(app) as db:
        seen = db.scalar(select(User.last_seen_at))
    assert seen > utcnow() - timedelta(minutes=5)
