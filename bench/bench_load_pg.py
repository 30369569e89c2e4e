"""Under load on PostgreSQL and Redis: errors, lost writes and latency (issue 15, item 6).

    .venv/bin/python bench/bench_load_pg.py

Two gunicorn instances (2 sync workers each, ``--preload``, production settings) share one
PostgreSQL database, made afresh and migrated with ``flask db upgrade``, and one Redis for
the rate limits. 50 simulated learners (:mod:`bench.learners`) study for 60 s: half join a
class with its code (a rate-limited request, counted in Redis), half are guests; each reads
lessons, marks them done, takes quizzes, sometimes sends a quiz twice. Each request goes to
the other instance than the one before, as behind a load balancer without sticky sessions.

Then what the server told each learner is compared with the rows: lessons done, quiz
attempts (one per form, even sent twice) and class memberships, per learner (found by the
user its session cookie names). The same learners, in the same rhythm, then load two
instances of a bare WSGI app serving the lesson page's bytes: the reference latency; and
two instances of the stack's floor (``bench/stack_floor.py`` on PostgreSQL: a Flask-Login
session, two ORM queries a page, a row committed per form sent), to show what the stack
itself costs under the same load.

A learner waits 0.5 to 1.5 s between requests, where a real one reads for a minute: the
50 make about the requests of 1,000 real learners (``docs/deploy.md`` projects from here).
Budgets: 0 errors, 0 lost or duplicated writes, every join counted once in Redis, p95
latency <= 4x the bare p95.

Settings: ``BENCH_DATABASE_URL`` (a database whose name contains "bench": it is dropped and
created, and left for inspection), ``BENCH_REDIS_URL``, ``BENCH_LEARNERS``, ``BENCH_SECONDS``,
``BENCH_THINK`` (mean seconds between requests), ``BENCH_JOINING`` (every n-th learner joins
the class; 0: all guests).
"""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BIN, ROOT, Figure, gunicorn, table
from bench.learners import Learner, Module
from bench.load_check import Mismatches, compare, joins_counted
from bench.site import production_env

DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/unshared_bench"
)
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK = float(os.environ.get("BENCH_THINK", "1.0"))
#: Every JOINING-th learner joins the class (0: nobody, all guests).
JOINING = int(os.environ.get("BENCH_JOINING", "2"))
INSTANCES = 2


def fresh_database(url: str) -> None:
    """Drop and create the benchmark's database (only one named for benchmarks)."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = parsed.database or ""
    if "bench" not in name:
        raise SystemExit(f"BENCH_DATABASE_URL names {name!r}: only a *bench* database is dropped")
    server = parsed.set(drivername="postgresql", database="postgres")
    with psycopg.connect(server.render_as_string(hide_password=False), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def environment(folder: Path) -> dict[str, str]:
    """Production settings on PostgreSQL and Redis, with rate-limit keys of this run's own."""
    return {
        **production_env(folder),
        "UNSHARED_DATABASE_URL": DATABASE,
        "UNSHARED_RATELIMIT_STORAGE_URI": REDIS,
        "UNSHARED_RATELIMIT_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
    }


def prepare(env: dict[str, str]) -> tuple[list[Module], str]:
    """Migrate the database, open a class; the modules to study and the class code."""
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    os.environ.update(env)
    from app import create_app
    from app.content.ext import warm
    from app.credentials.codes import JOIN_CODE_LENGTH, new_code
    from app.db import get_session
    from app.models import Classroom, Organisation

    app = create_app()
    course = warm(app).courses[0]
    code = new_code(JOIN_CODE_LENGTH)
    with app.app_context():
        db = get_session()
        school = Organisation(name="Bench school", invite_code=new_code(12))
        db.add(school)
        db.flush()
        db.add(
            Classroom(
                organisation_id=school.id,
                name="Bench class",
                language="sr-Latn",
                course_slug=course.slug,
                join_code=code,
            )
        )
        db.commit()
    modules = [
        Module(
            f"/courses/{course.slug}/{module.slug}",
            module.slug,
            tuple(lesson.slug for lesson in module.lessons),
        )
        for module in course.modules
    ]
    return modules, code


def run(bases: list[str], modules: list[Module], code: str, *, bare: bool) -> list[Learner]:
    """Every learner for ``SECONDS``: every ``JOINING``-th joins the class (and studies in
    Serbian), the others are guests (in English)."""
    deadline = time.monotonic() + SECONDS
    learners = []
    for number in range(LEARNERS):
        joins = JOINING > 0 and number % JOINING == JOINING - 1
        learners.append(
            Learner(
                number,
                bases,
                modules,
                deadline=deadline,
                think=THINK,
                bare=bare,
                language="sr-Latn" if joins else "en",
                join_code=code if joins else None,
            )
        )
    for learner in learners:
        learner.start()
    for learner in learners:
        learner.join(timeout=SECONDS + 120)
    return learners


def p95(learners: list[Learner]) -> tuple[float, int]:
    """The 95th percentile of every request's latency (ms), and the number of requests."""
    times = [s.seconds * 1000 for learner in learners for s in learner.samples if s.status >= 0]
    return statistics.quantiles(times, n=20)[-1], len(times)


def by_kind(learners: list[Learner]) -> str:
    """Requests, median and p95 latency (ms) of each kind of request, one line each."""
    times: dict[str, list[float]] = {}
    for learner in learners:
        for sample in learner.samples:
            if sample.status >= 0:
                times.setdefault(sample.kind, []).append(sample.seconds * 1000)
    return "\n".join(
        f"  {kind:<12} {len(ms):>6} requests  p50 {statistics.median(ms):>6.0f} ms"
        f"  p95 {statistics.quantiles(ms, n=20)[-1] if len(ms) > 1 else ms[0]:>6.0f} ms"
        for kind, ms in sorted(times.items())
    )


def errors(learners: list[Learner]) -> list[str]:
    """Every request that failed or answered what it should not, as ``kind: why``."""
    return [f"{s.kind}: {s.status} {s.error}" for x in learners for s in x.samples if s.error]


def server_pids(base: str) -> list[int]:
    """The gunicorn master and workers serving ``base`` (workers keep the master's argv)."""
    bind = base.removeprefix("http://").encode()
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and bind in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def backend_pids(url: str) -> list[int]:
    """The PostgreSQL server processes of the benchmark's database's connections."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    dsn = parsed.set(drivername="postgresql", database="postgres").render_as_string(False)
    with psycopg.connect(dsn) as db:
        rows = db.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", (parsed.database,)
        ).fetchall()
    return [row[0] for row in rows]


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def lesson_bytes(base: str, path: str) -> bytes:
    """The lesson page as a guest gets it, for the bare reference."""
    with urllib.request.urlopen(base + path) as response:
        return response.read()


def figures() -> list[Figure]:
    """Measure and return the figures."""
    folder = Path(tempfile.mkdtemp(prefix="unshared-bench-pg-"))
    fresh_database(DATABASE)
    env = environment(folder)
    modules, code = prepare(env)
    with ExitStack() as stack:
        bases = [stack.enter_context(gunicorn("wsgi:app", env)) for _ in range(INSTANCES)]
        pids = [pid for base in bases for pid in server_pids(base)]
        before = cpu_seconds(pids)
        started = time.monotonic()
        learners = run(bases, modules, code, bare=False)
        elapsed = time.monotonic() - started
        cpu = Cpu(cpu_seconds(pids) - before, cpu_seconds(backend_pids(DATABASE)), elapsed)
        body = lesson_bytes(bases[0], f"/en{modules[0].path}/{modules[0].lessons[0]}")
    mismatches = compare(DATABASE, env["UNSHARED_SECRET_KEY"], [x.told for x in learners])
    joined = sum(1 for learner in learners if learner.told.nickname)
    counted = joins_counted(REDIS, env["UNSHARED_RATELIMIT_KEY_PREFIX"], code)
    page = folder / "lesson.html"
    page.write_bytes(body)
    with ExitStack() as stack:
        bare = [
            stack.enter_context(
                gunicorn("bench.bare_wsgi:app", {"BENCH_BODY": str(page)}, ready_path="/")
            )
            for _ in range(INSTANCES)
        ]
        reference = run(bare, modules, code, bare=True)
    floor = stack_floor_p95(page, modules, code)
    return _figures(learners, reference, mismatches, cpu, joined, counted, floor)


def stack_floor_p95(page: Path, modules: list[Module], code: str) -> float:
    """p95 (ms) of the same learners on two instances of ``bench/stack_floor.py`` on
    PostgreSQL: what the stack itself costs under this load (its own *bench* database)."""
    from sqlalchemy.engine import make_url

    url = make_url(DATABASE)
    floor_url = url.set(database=f"{url.database}_floor").render_as_string(hide_password=False)
    fresh_database(floor_url)
    env = {"BENCH_BODY": str(page), "BENCH_FLOOR_DATABASE_URL": floor_url}
    with ExitStack() as stack:
        floors = [
            stack.enter_context(gunicorn("bench.stack_floor:app", env, ready_path="/"))
            for _ in range(INSTANCES)
        ]
        return p95(run(floors, modules, code, bare=True))[0]


@dataclass(frozen=True)
class Cpu:
    """CPU seconds the app servers and the database used during the run of ``elapsed`` s."""

    app: float
    database: float
    elapsed: float


def _figures(
    learners: list[Learner],
    reference: list[Learner],
    mismatches: Mismatches,
    cpu: Cpu,
    joined: int,
    counted: int,
    floor_p95: float,
) -> list[Figure]:
    app_p95, requests = p95(learners)
    elapsed = cpu.elapsed
    bare_p95, _bare_requests = p95(reference)
    failed = errors(learners)
    ratio = app_p95 / bare_p95
    label = f"PostgreSQL load, {LEARNERS} learners {SECONDS:.0f} s"
    joining = f"; {joined} joined a class" if JOINING else "; all guests"
    for line in [*failed[:10], *mismatches.details[:10]]:
        print(f"  {line}", file=sys.stderr)
    print(f"{label}:\n{by_kind(learners)}\nbare WSGI:\n{by_kind(reference)}", file=sys.stderr)
    return [
        Figure(
            f"{label}: errors",
            len(failed),
            "== 0",
            not failed,
            reference=f"{INSTANCES}x2 workers, {requests} requests, {requests / elapsed:.0f}"
            f" req/s; CPU/request {cpu.app / requests * 1000:.1f} ms app,"
            f" {cpu.database / requests * 1000:.1f} ms PostgreSQL",
        ),
        Figure(
            f"{label}: writes lost or duplicated",
            mismatches.count,
            "== 0",
            mismatches.count == 0,
            reference=mismatches.summary,
        ),
        Figure(
            f"{label}: joins counted in Redis/joined",
            counted / max(joined, 1),
            "== 1.00",
            counted == joined,
            reference=f"{counted} counted, {joined} joined",
        ),
        Figure(
            f"{label}: p95 / bare WSGI p95",
            ratio,
            "<= 4",
            ratio <= 4,
            reference=(
                f"p95 {app_p95:.0f} ms, bare {bare_p95:.0f} ms{joining}; the stack's floor"
                f" on PostgreSQL {floor_p95:.0f} ms = {floor_p95 / bare_p95:.1f}"
            ),
        ),
    ]


if __name__ == "__main__":
    print(table(figures()))
