"""Lesson page throughput against a bare WSGI app serving the same bytes (issue 15, item 2).

    .venv/bin/python bench/bench_throughput.py

gunicorn with 2 sync workers and production settings serves the longest lesson; wrk asks for
it over 10 connections, first as a new visitor, then as a learner with progress. The
reference is a bare WSGI app on the same gunicorn returning the page's bytes. Budgets:
visitor >= 0.7 and learner >= 0.5 of the reference rate. A second reference, the same app
sending the site's own response headers too (the security headers, cache and cookie), shows
how much of the gap is gunicorn writing those headers rather than the site's work. A third,
the stack's floor (``bench/stack_floor.py``: Flask, Flask-Login and two ORM queries for a
signed-in learner, nothing of the site's own), shows what the learner's budget asks of the
stack itself.
"""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, best_of, gunicorn, table, wrk
from bench.site import USER_AGENT, prepare

SECONDS = 5
GUNICORN_HEADERS = frozenset({"Server", "Date", "Connection", "Transfer-Encoding"})


def stack_floor_rate(body: str, path: str) -> float:
    """Requests per second of ``bench/stack_floor.py`` serving ``body`` to its signed-in
    learner, on the same gunicorn and wrk as the site."""
    from bench import stack_floor

    with stack_floor.served(USER_AGENT, body) as (floor, learner):
        return best_of(2, lambda: wrk(floor + path, SECONDS, headers=learner))


def figures() -> list[Figure]:
    """Measure and return the figures."""
    site = prepare()
    with gunicorn("wsgi:app", site.env) as base:
        url = base + site.lesson_path
        with urllib.request.urlopen(url) as response:  # our own server
            body = response.read()
            # gunicorn adds these itself; every other header is the site's.
            own = [(k, v) for k, v in response.getheaders() if k not in GUNICORN_HEADERS]
        learner = {"Cookie": site.learner_cookie, "User-Agent": USER_AGENT}
        visitor_rate = best_of(2, lambda: wrk(url, SECONDS))
        learner_rate = best_of(2, lambda: wrk(url, SECONDS, headers=learner))
    with (
        tempfile.NamedTemporaryFile(suffix=".html") as page,
        tempfile.NamedTemporaryFile("w", suffix=".json") as headers,
    ):
        page.write(body)
        page.flush()
        json.dump(own, headers)
        headers.flush()
        with gunicorn("bench.bare_wsgi:app", {"BENCH_BODY": page.name}, ready_path="/") as bare:
            bare_rate = best_of(2, lambda: wrk(bare + site.lesson_path, SECONDS))
        same = {"BENCH_BODY": page.name, "BENCH_HEADERS": headers.name}
        with gunicorn("bench.bare_wsgi:app", same, ready_path="/") as bare:
            headers_rate = best_of(2, lambda: wrk(bare + site.lesson_path, SECONDS))
        floor_rate = stack_floor_rate(page.name, site.lesson_path)
    reference = (
        f"bare WSGI {bare_rate:.0f} req/s, {len(body)} bytes; with the site's {len(own)} "
        f"headers {headers_rate:.0f} req/s"
    )
    return [
        Figure(
            "lesson page, new visitor / bare WSGI",
            visitor_rate / bare_rate,
            ">= 0.7",
            visitor_rate / bare_rate >= 0.7,
            reference=f"{visitor_rate:.0f} req/s; {reference}",
        ),
        Figure(
            "lesson page, learner with progress / bare WSGI",
            learner_rate / bare_rate,
            ">= 0.5",
            learner_rate / bare_rate >= 0.5,
            reference=(
                f"{learner_rate:.0f} req/s; {reference}; the stack's floor for a signed-in "
                f"learner {floor_rate:.0f} req/s = {floor_rate / bare_rate:.2f}"
            ),
        ),
    ]


if __name__ == "__main__":
    print(table(figures()))
