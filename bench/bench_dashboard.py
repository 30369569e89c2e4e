"""How the teacher's pages scale with the class: 50 against 500 learners, in one run.

    .venv/bin/python bench/bench_dashboard.py
    UNSHARED_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_x \\
        .venv/bin/python bench/bench_dashboard.py

Builds two classes of the real course (the first five modules assigned, as the budget of
issue 15 is stated: 500 learners x 5 modules x 1-3 attempts; some lessons done), one of 50
learners and one of 500, and a third class of 500 that follows every module of the course
(ten today: printed beside the budget, not held to it), then serves
each facilitator page in-process (Flask's test client: view, services, SQL and template,
no network) and prints for each page the median time at 50 and at 500 learners, their
ratio (budget: at most 8, i.e. no worse than linear) and the SQL statements each request
ran (budget: the same at both sizes). The budget at 500 learners is 150 ms. The app is
warmed and its heap frozen first, as ``wsgi.py`` does in production (:mod:`app.web.prefork`).
Beside the wall-clock time it prints the process's CPU time, which other work on a shared machine
inflates far less (on PostgreSQL it leaves out the server's share). Nothing here is
asserted; the statement counts are also checked by tests/blueprints/test_dashboard_queries.py.
On PostgreSQL the database named in the URL is emptied first.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, text

from app import create_app
from app.content.loader import load_catalog
from app.db import get_engine, get_session
from app.models import Base, Classroom
from app.services import accounts, classes
from app.web import prefork
from bench.common import Figure
from tests.class_data import add_learners

ROOT = Path(__file__).resolve().parent.parent
SIZES = (50, 500)
#: The budget's workload: 500 learners x 5 modules (issue 15, item 4).
BUDGET_MODULES = 5
#: The key of the class that follows the whole course (500 learners, every module).
WHOLE_COURSE = "all"
PAGES = {
    "dashboard": "/en/classes/{id}/",
    "live tables": "/en/classes/{id}/live",
    "progress.csv": "/en/classes/{id}/progress.csv",
    "progress.xlsx": "/en/classes/{id}/progress.xlsx",
    "questions.csv": "/en/classes/{id}/questions.csv",
    "questions.xlsx": "/en/classes/{id}/questions.xlsx",
    "certificates list": "/en/classes/{id}/certificates",
}
PASSWORD = "a long unusual phrase"


def build(database_url: str) -> tuple[object, dict[int | str, int]]:
    """The app and, per class size, the id of a class of that many learners in five modules
    (and under :data:`WHOLE_COURSE`, of 500 learners in every module)."""
    catalog, problems = load_catalog(ROOT / "courses", root=ROOT)
    if problems.errors:
        raise SystemExit("\n".join(str(p) for p in problems.errors))
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "DATABASE_URL": database_url,
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        },
        catalog=catalog,
    )
    app.instance_path = tempfile.mkdtemp(prefix="unshared-bench-")
    with app.app_context():
        engine = get_engine()
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        Base.metadata.create_all(engine)
        db = get_session()
        course = catalog.courses[0]
        teacher = accounts.sign_up(db, None, "bench-teacher", PASSWORD, role="facilitator")
        teacher.role = "facilitator"
        organisation = classes.create_organisation(db, teacher, "Bench school")
        ids = {}
        slugs = [m.slug for m in course.modules]
        for key, size, assigned in [
            *((size, size, slugs[:BUDGET_MODULES]) for size in SIZES),
            (WHOLE_COURSE, SIZES[-1], slugs),
        ]:
            name = f"Class of {size}, {len(assigned)} modules"
            classroom = classes.create_class(db, organisation, course, name, "en", assigned)
            add_learners(db, classroom, course, size, seed=size)
            ids[key] = classroom.id
        db.commit()
        assert db.get(Classroom, ids[SIZES[-1]]) is not None
    # As wsgi.py does before gunicorn forks its workers: templates compiled, catalogues
    # read, and what is loaded frozen out of the garbage collector's full collections
    # (without this, one full collection of the loaded catalogue costs ~150 ms of CPU and
    # lands on whichever request happens to trigger it).
    prefork.warm(app)
    return app, ids


def measure(app, path: str, repeat: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Median wall-clock and CPU seconds of a GET of ``path`` in this process, and the SQL
    statements one request runs."""
    client = app.test_client()
    # CSRF protection on, as in production: every row's "Remove" form carries the token.
    login = client.get("/en/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login)
    assert token, "no CSRF token on the sign-in form"
    response = client.post(
        "/en/account/login",
        data={"username": "bench-teacher", "password": PASSWORD, "csrf_token": token[1]},
    )
    assert response.status_code == 303, response.status_code
    statements = 0

    def count(*_args: object) -> None:
        nonlocal statements
        statements += 1

    with app.app_context():
        engine = get_engine()
    assert client.get(path).status_code == 200  # warm the template and statement caches
    walls, cpus = [], []
    for _ in range(repeat):
        statements = 0
        event.listen(engine, "before_cursor_execute", count)
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(walls), statistics.median(cpus), statements


def main() -> None:
    """Build, measure and print the table."""
    url = (
        os.environ.get("UNSHARED_BENCH_DATABASE_URL")
        or f"sqlite:///{tempfile.mkdtemp(prefix='unshared-bench-')}/bench.sqlite3"
    )
    start = time.perf_counter()
    app, ids = build(url)
    print(f"database: {url.split(':', 1)[0]}; data built in {time.perf_counter() - start:.1f} s")
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} "
        "cores (wall-clock times grow with it; CPU time is this process only)"
    )
    small, large = SIZES
    print(
        f"{'page':<18} {'ms at ' + str(small):>13} {'ms at ' + str(large):>13} "
        f"{'ratio':>6} {'statements':>11} {'ms at ' + str(large) + ', all':>14}"
    )
    print(
        f"{'':<18} {'wall   cpu':>13} {'wall   cpu':>13} {'wall':>6} {f'{small}/{large}':>11}"
        f" {'modules, wall':>14}"
    )
    for name, pattern in PAGES.items():
        wall_small, cpu_small, n_small = measure(app, pattern.format(id=ids[small]), repeat=7)
        wall_large, cpu_large, n_large = measure(app, pattern.format(id=ids[large]), repeat=5)
        wall_all, _, _ = measure(app, pattern.format(id=ids[WHOLE_COURSE]), repeat=5)
        print(
            f"{name:<18} {wall_small * 1000:6.0f} {cpu_small * 1000:5.0f}"
            f" {wall_large * 1000:7.0f} {cpu_large * 1000:5.0f} {wall_large / wall_small:6.1f}"
            f" {f'{n_small}/{n_large}':>11} {wall_all * 1000:14.0f}"
        )


def figures() -> list[Figure]:
    """Per page: statements equal at both sizes, time ratio <= 8, ms at 500 learners in five
    modules <= 150 (the time in every module of the course printed beside it)."""
    url = os.environ.get("UNSHARED_BENCH_DATABASE_URL") or (
        f"sqlite:///{tempfile.mkdtemp(prefix='unshared-bench-')}/bench.sqlite3"
    )
    app, ids = build(url)
    small, large = SIZES
    result = []
    for name, pattern in PAGES.items():
        wall_small, _, n_small = measure(app, pattern.format(id=ids[small]), repeat=5)
        wall_large, cpu_large, n_large = measure(app, pattern.format(id=ids[large]), repeat=3)
        wall_all, _, _ = measure(app, pattern.format(id=ids[WHOLE_COURSE]), repeat=3)
        ratio = wall_large / wall_small
        result += [
            Figure(
                f"{name}: SQL statements at {large} - at {small}",
                float(n_large - n_small),
                "= 0",
                n_large == n_small,
                reference=f"{n_small}/{n_large}",
            ),
            Figure(f"{name}: time at {large} / at {small} learners", ratio, "<= 8", ratio <= 8),
            Figure(
                f"{name}: ms at {large} learners x {BUDGET_MODULES} modules",
                wall_large * 1000,
                "<= 150",
                wall_large <= 0.15,
                reference=f"cpu {cpu_large * 1000:.0f} ms; "
                f"{small} learners {wall_small * 1000:.0f} ms; "
                f"all modules {wall_all * 1000:.0f} ms",
            ),
        ]
    return result


if __name__ == "__main__":
    main()
