"""Lighthouse, mobile, on the longest lesson and on a Cyrillic lesson (issue 15, item 3).

    (cd bench/lighthouse && npm ci)      # once; make bench does it
    .venv/bin/python bench/bench_lighthouse.py

Serves the site with production settings (gunicorn, as the other benchmarks) and runs
Lighthouse (pinned in bench/lighthouse/package-lock.json) in Debian's Chromium with its
default mobile settings: a mid-range phone's screen and CPU, simulated slow 4G. Budget:
performance, accessibility and best practices all 100. The SEO score is printed beside,
not budgeted: every page says ``noindex`` on purpose (see the README, "Search engines").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, gunicorn, table
from bench.site import prepare

HERE = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", shutil.which("chromium") or "/usr/bin/chromium")
BUDGETED = ("performance", "accessibility", "best-practices")
CYRILLIC_LESSON = "/sr-Cyrl/courses/for-parents/supporting-your-child/talking-without-blame"


def scores(url: str) -> tuple[dict[str, int], list[str]]:
    """Lighthouse's category scores (0-100) for ``url``, and the audits that lost points."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is not installed: run (cd {HERE} && npm ci)")
    result = subprocess.run(  # fixed arguments, our own server
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join((*BUDGETED, 'seo'))}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report = json.loads(result.stdout)
    found = {
        name: round(category["score"] * 100) for name, category in report["categories"].items()
    }
    lost = [
        f"{name}: {ref['id']}"
        for name, category in report["categories"].items()
        for ref in category["auditRefs"]
        if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
    ]
    return found, lost


def figures() -> list[Figure]:
    """Measure and return the figures."""
    site = prepare()
    rows = []
    with gunicorn("wsgi:app", site.env) as base:
        for label, path in (("longest lesson", site.lesson_path), ("Cyrillic", CYRILLIC_LESSON)):
            found, lost = scores(base + path)
            lowest = min(found[name] for name in BUDGETED)
            budgeted_lost = [x for x in lost if not x.startswith("seo:")]
            rows.append(
                Figure(
                    f"Lighthouse mobile, {label}: lowest of perf/a11y/best",
                    lowest,
                    "== 100",
                    lowest == 100,
                    reference=" / ".join(f"{name} {found[name]}" for name in (*BUDGETED, "seo"))
                    + (f"; lost: {', '.join(budgeted_lost)}" if budgeted_lost else "")
                    + f"; {path}",
                )
            )
    return rows


if __name__ == "__main__":
    print(table(figures()))
