"""How long all courses take to load and validate, and to read from the cache (issue 15,
item 5).

    .venv/bin/python bench/bench_content_load.py

Loads ``courses/`` (every language) as ``flask courses check`` does, then as the site
does at start: from the content cache (``app.content.cache``), hashing every content and
code file to find it. Beside them, a reference measured in the same run: reading every
file of ``courses/`` and parsing its YAML with PyYAML's C loader, the least any loader must
do. Budget: a cold load <= 1 s, or a cached one <= 0.2 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from app.content.cache import load_cached
from app.content.loader import load_catalog
from bench.common import ROOT, Figure, table

COURSES = ROOT / "courses"


def seconds(work: Callable[[], object], runs: int = 3) -> float:
    """The median time of ``runs`` runs of ``work``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def reference() -> None:
    """Read every file and parse every YAML document once."""
    for path in sorted(COURSES.rglob("*")):
        if path.suffix in {".yaml", ".yml"}:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        elif path.is_file():
            path.read_bytes()


def languages() -> int:
    """How many languages (generated scripts included) the lessons are shown in."""
    catalog, _problems = load_catalog(COURSES)
    return len(
        {
            lang
            for course in catalog.courses
            for module in course.modules
            for lesson in module.lessons
            for lang in lesson.versions
        }
    )


def figures() -> list[Figure]:
    """Measure and return the figures."""
    cold = seconds(lambda: load_catalog(COURSES))
    with tempfile.TemporaryDirectory(prefix="unshared-bench-cache-") as folder:
        cache = Path(folder)
        load_cached(COURSES, cache)  # a miss: loads and writes the cache
        size = sum(path.stat().st_size for path in cache.iterdir()) / 2**20
        cached = seconds(lambda: load_cached(COURSES, cache), runs=5)
    ref = seconds(reference)
    count = languages()
    return [
        Figure(
            f"content load, all courses, {count} languages, cold (s)",
            cold,
            "<= 1.00 or",
            cold <= 1.0 or cached <= 0.2,
            reference=f"read + C YAML parse alone {ref:.2f} s",
        ),
        Figure(
            "content load from the cache, hashing every file (s)",
            cached,
            "<= 0.20",
            cached <= 0.2,
            reference=f"cache file {size:.1f} MiB",
        ),
    ]


if __name__ == "__main__":
    print(table(figures()))
