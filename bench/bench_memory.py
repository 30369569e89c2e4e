"""Memory of a gunicorn master and two workers after every page type in every language
(issue 15, item 7).

    .venv/bin/python bench/bench_memory.py

Serves the site with production settings, asks for each public page type in each of the
eight languages (and a learner's quiz and result), then adds up the proportional set size
(PSS, from /proc/<pid>/smaps_rollup) of the master and its workers. Budget: 100 MiB. Then
every page of every course in every language, as a learner and as a new visitor: the figure
a server settles at once its bounded caches are full, printed beside.
References: the same gunicorn serving a bare WSGI app, and serving the stack's floor
(``bench/stack_floor.py``: the site's libraries imported, a signed-in learner's page served
with two ORM queries, nothing of the site's own content, templates or languages).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, gunicorn, table
from bench.site import USER_AGENT, course_paths, prepare

LANGUAGES = ("en", "sr-Latn", "sr-Cyrl", "sq", "mk", "hr", "bs", "cnr", "cnr-Cyrl")
PAGES = (
    "/",
    "/glossary",
    "/legal/",
    "/legal/compare",
    "/legal/rs",
    "/legal/xk",
    "/help",
    "/privacy",
    "/status",
    "/courses/consent-images-rights/",
    "/courses/consent-images-rights/consent/",
    "/courses/consent-images-rights/consent/quiz",
)
MIB = 1024 * 1024


def pss(pid: int) -> int:
    """Proportional set size of ``pid`` and its children, in bytes."""
    pids = [
        pid,
        *map(
            int,
            subprocess.run(
                ["pgrep", "-P", str(pid)],
                capture_output=True,
                text=True,
            ).stdout.split(),
        ),
    ]
    total = 0
    for each in pids:
        for line in Path(f"/proc/{each}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
    return total


def master_pid(port: str) -> int:
    """The gunicorn master listening on ``port``."""
    out = subprocess.run(
        ["pgrep", "-f", f"gunicorn.*127.0.0.1:{port}"],
        capture_output=True,
        text=True,
    ).stdout.split()
    pids = sorted(map(int, out))
    return pids[0]


def visit(base: str, pages: list[str], cookie: str, times: int = 1) -> None:
    """Each of ``pages`` in every language, ``times`` over, with ``cookie`` (none: a new
    visitor) and the learner's browser, accepting brotli as browsers do."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "br, gzip"}
    if cookie:
        headers["Cookie"] = cookie
    for lang in LANGUAGES:
        for page in pages:
            for _ in range(times):
                request = urllib.request.Request(f"{base}/{lang}{page}", headers=headers)
                with contextlib.suppress(urllib.error.HTTPError):
                    urllib.request.urlopen(request).close()  # our own server


def visit_everything(base: str, site_lesson: str, cookie: str) -> None:
    """Every page type in every language, as a learner (so quiz and progress are used)."""
    visit(base, [*PAGES, site_lesson.removeprefix("/en")], cookie)


def stack_floor_pss() -> int:
    """PSS of the same gunicorn serving ``bench/stack_floor.py``'s signed-in page 200 times
    (so that both workers have served it)."""
    from bench import stack_floor

    with stack_floor.served(USER_AGENT) as (floor, headers):
        for _ in range(200):
            request = urllib.request.Request(f"{floor}/en/lesson", headers=headers)
            urllib.request.urlopen(request).close()  # our own server
        return pss(master_pid(floor.rsplit(":", 1)[1]))


def figures() -> list[Figure]:
    """Measure and return the figures."""
    site = prepare()
    every = course_paths(site.env)
    with gunicorn("wsgi:app", site.env) as base:
        visit_everything(base, site.lesson_path, site.learner_cookie)
        app_pss = pss(master_pid(base.rsplit(":", 1)[1]))
        # What a day on a small server comes to: every page of every course in every
        # language, as a learner and as a new visitor, twice (so both workers, as a rule),
        # which fills the per-worker caches that grow (fragments, pages: both bounded).
        for cookie in (site.learner_cookie, ""):
            visit(base, every, cookie, times=2)
        steady_pss = pss(master_pid(base.rsplit(":", 1)[1]))
    with gunicorn("bench.bare_wsgi:app", {}, ready_path="/") as bare:
        bare_pss = pss(master_pid(bare.rsplit(":", 1)[1]))
    floor_pss = stack_floor_pss()
    return [
        Figure(
            "PSS of gunicorn master + 2 workers (MiB)",
            app_pss / MIB,
            "<= 100",
            app_pss <= 100 * MIB,
            reference=(
                f"bare WSGI {bare_pss / MIB:.0f} MiB; the stack's floor {floor_pss / MIB:.0f}"
                f" MiB; after all {len(every)} pages of every course in every language as"
                f" learner and visitor {steady_pss / MIB:.0f} MiB"
            ),
        )
    ]


if __name__ == "__main__":
    print(table(figures()))
