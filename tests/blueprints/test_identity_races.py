"""Requests that race: the same username twice, two tabs of a new visitor.

Each test runs real requests in threads on a database that several connections share (a
SQLite file, or the PostgreSQL test database), so the database decides who wins.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.db import get_engine, get_session
from app.models import LessonProgress, User
from app.services import accounts
from tests.helpers import database_url, make_app
from tests.schema import reset_schema

PASSWORD = "a long unusual phrase"


@pytest.fixture
def shared_app(catalog, tmp_path) -> Iterator[Flask]:
    """An app whose requests each get their own database connection."""
    url = (
        database_url()
        if database_url().startswith("postgresql")
        else f"sqlite:///{tmp_path / 'race.sqlite3'}"
    )
    application = make_app(catalog, DATABASE_URL=url)
    reset_schema(application)
    yield application
    with application.app_context():
        get_engine().dispose()


def _race(*requests: Callable[[], int]) -> list[int]:
    """Run the requests in threads at once; their status codes (500 for an exception)."""
    results: list[int] = [0] * len(requests)

    def run(i: int) -> None:
        try:
            results[i] = requests[i]()
        except Exception:  # a crash is what the tests look for
            results[i] = 500

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _both_checked(monkeypatch) -> None:
    """Hold each sign-up after its (friendly) username check until both have passed it,
    which is the interleaving that real simultaneous sign-ups hit."""
    barrier = threading.Barrier(2, timeout=20)
    check = accounts.check_username

    def checked(session, username):  # type: ignore[no-untyped-def]
        result = check(session, username)
        barrier.wait()
        return result

    monkeypatch.setattr(accounts, "check_username", checked)


def _signup(app: Flask, username: str) -> Callable[[], int]:
    client = app.test_client()
    return lambda: (
        client.post(
            "/en/account/signup",
            data={"username": username, "password": PASSWORD, "confirm": PASSWORD},
        ).status_code
    )


@pytest.mark.parametrize("names", [("marija", "marija"), ("Case_x", "case_x")])
def test_the_same_username_signed_up_twice_at_once_makes_one_account(
    shared_app, monkeypatch, names
):
    _both_checked(monkeypatch)
    statuses = _race(*(_signup(shared_app, name) for name in names))
    assert sorted(statuses) == [303, 422]
    with shared_app.app_context():
        assert get_session().scalar(select(func.count()).select_from(User)) == 1


def test_a_new_visitors_two_tabs_writing_at_once_land_on_one_guest(shared_app):
    first = shared_app.test_client()
    # Reading a lesson starts no session; its "Done" button leads to the page that asks
    # first, and that page starts the one session both tabs then send (one browser).
    first.get("/en/courses/demo/basics/intro")
    assert first.get_cookie("unshared_session") is None
    assert first.get("/en/courses/demo/basics/intro/done").status_code == 200
    second = shared_app.test_client()
    second.set_cookie("unshared_session", first.get_cookie("unshared_session").value)
    assert second.get("/en/courses/demo/basics/more/done").status_code == 200
    barrier = threading.Barrier(2, timeout=20)

    def mark(client, lesson):  # type: ignore[no-untyped-def]
        def post() -> int:
            barrier.wait()
            return client.post(f"/en/courses/demo/basics/{lesson}/done").status_code

        return post

    assert _race(mark(first, "intro"), mark(second, "more")) == [303, 303]
    with shared_app.app_context():
        db = get_session()
        assert db.scalar(select(func.count()).select_from(User)) == 1
        assert db.scalar(select(func.count()).select_from(LessonProgress)) == 2
    for tab in (first, second):
        assert "2 of 2 lessons read" in tab.get("/en/courses/demo/basics/").get_data(as_text=True)
