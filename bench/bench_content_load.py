"""How long all courses take to load and validate (issue 15, item 5).

    .venv/bin/python bench/bench_content_load.py

Loads ``courses/`` (every language) as the site does at start and prints the time, beside a
reference measured in the same run: reading every file of ``courses/`` and parsing its YAML
with PyYAML's C loader, the least any loader must do. Budget: 1 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from app.content.loader import load_catalog
from bench.common import ROOT, Figure, table

COURSES = ROOT / "courses"


def reference() -> float:
    """Seconds to read every file and parse every YAML document once."""
    start = time.perf_counter()
    for path in sorted(COURSES.rglob("*")):
        if path.suffix in {".yaml", ".yml"}:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        elif path.is_file():
            path.read_bytes()
    return time.perf_counter() - start


def load() -> float:
    """Seconds for one full load with validation."""
    start = time.perf_counter()
    load_catalog(COURSES)
    return time.perf_counter() - start


def figures() -> list[Figure]:
    """Measure and return the figures."""
    seconds = statistics.median(load() for _ in range(3))
    ref = statistics.median(reference() for _ in range(3))
    return [
        Figure(
            "content load, all courses and languages (s)",
            seconds,
            "<= 1.00",
            seconds <= 1.0,
            reference=f"read + C YAML parse alone {ref:.2f} s",
        )
    ]


if __name__ == "__main__":
    print(table(figures()))
