"""The facilitator's pages cost the same number of SQL statements for a class of 50 as for a
class of 500: nothing is fetched once per learner (issue 15, item 4).

A count, not a time: timings are in bench/bench_dashboard.py. Runs on PostgreSQL too
(UNSHARED_TEST_DATABASE_URL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from app.content.ext import get_catalog
from app.db import get_engine
from app.models import Classroom
from tests.class_data import add_learners
from tests.factories import log_in, make_class, make_facilitator
from tests.helpers import database

PAGES = (
    "/en/classes/{id}/",
    "/en/classes/{id}/live",
    "/en/classes/{id}/progress.csv",
    "/en/classes/{id}/progress.xlsx",
    "/en/classes/{id}/questions.csv",
    "/en/classes/{id}/questions.xlsx",
    "/en/classes/{id}/certificates",
)


@contextmanager
def counting(app) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """The statements run inside the block."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    with app.app_context():
        engine = get_engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def two_classes(app):  # type: ignore[no-untyped-def]
    """A class of 50 learners and one of 500, each with 1-3 attempts per module."""
    teacher = make_facilitator(app)
    ids = {}
    for size in (50, 500):
        _org, class_id, _code = make_class(
            app, teacher, name=f"Class of {size}", organisation=f"School {size}"
        )
        with database(app) as db:
            add_learners(
                db, db.get(Classroom, class_id), get_catalog().course("demo"), size, seed=size
            )
            db.commit()
        ids[size] = class_id
    return ids


@pytest.mark.parametrize("page", PAGES)
def test_a_class_of_500_costs_the_statements_of_a_class_of_50(app, two_classes, page):
    client = app.test_client()
    log_in(client, "teacher")
    counts = {}
    for size, class_id in two_classes.items():
        url = page.format(id=class_id)
        with counting(app) as statements:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[size] = statements
    assert len(counts[500]) == len(counts[50]), "\n".join(counts[500])
    assert len(counts[50]) <= 12, "\n".join(counts[50])


def test_the_dashboard_shows_every_learner_of_the_large_class(app, two_classes):
    client = app.test_client()
    log_in(client, "teacher")
    html = client.get(f"/en/classes/{two_classes[500]}/").get_data(as_text=True)
    assert "Learner 0000" in html and "Learner 0499" in html
    csv = client.get(f"/en/classes/{two_classes[500]}/progress.csv").get_data(as_text=True)
    assert len(csv.strip().splitlines()) == 501
