"""Two claims at the same moment give one certificate; the second request gets it too.

Runs on a real database with one connection per request (an SQLite file, or PostgreSQL
with UNSHARED_TEST_DATABASE_URL), so the two requests really overlap in the database."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.db import get_engine
from app.models import Certificate
from tests.factories import pass_course
from tests.helpers import database, database_url, make_app
from tests.schema import reset_schema

LEARNERS = 12


def test_simultaneous_claims_resolve_to_one_valid_certificate_each(catalog, tmp_path):
    url = (
        database_url()
        if database_url().startswith("postgresql")
        else f"sqlite:///{tmp_path / 'claims.sqlite3'}"
    )
    app = make_app(catalog, DATABASE_URL=url)
    reset_schema(app)
    try:
        pairs = []
        for _ in range(LEARNERS):
            tab = app.test_client()
            pass_course(tab)
            other_tab = app.test_client()
            cookie = tab.get_cookie(app.config["SESSION_COOKIE_NAME"])
            other_tab.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie.value)
            pairs.append((tab, other_tab))

        results: dict[tuple[int, int], tuple[int, str]] = {}
        barrier = threading.Barrier(2)

        def claim(learner: int, which: int, tab) -> None:  # type: ignore[no-untyped-def]
            barrier.wait()
            response = tab.post("/en/certificates/claim/demo", data={"name": "Ana Anić"})
            results[learner, which] = (response.status_code, response.headers.get("Location", ""))

        for learner, (tab, other_tab) in enumerate(pairs):
            threads = [
                threading.Thread(target=claim, args=(learner, i, t))
                for i, t in enumerate((tab, other_tab))
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)

        for learner in range(LEARNERS):
            first, second = results[learner, 0], results[learner, 1]
            assert first[0] == second[0] == 303, (first, second)
            assert first[1] == second[1]  # both tabs are sent to the same certificate
        with database(app) as db:
            valid = db.scalar(
                select(func.count())
                .select_from(Certificate)
                .where(Certificate.revoked_at.is_(None))
            )
            assert valid == LEARNERS
            assert db.scalar(select(func.count()).select_from(Certificate)) == LEARNERS
    finally:
        with app.app_context():
            get_engine().dispose()
