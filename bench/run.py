"""Run every benchmark and print one table: ``make bench``.

Each ``bench/bench_*.py`` has a ``figures()`` function returning its measured figures; this
runs them one after the other (never two at once: they share the machine) and prints the
table that README.md shows. Exit status 1 if a figure is over its budget.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, table

BENCHMARKS = (
    "bench_throughput",
    "bench_bytes",
    "bench_lighthouse",
    "bench_dashboard",
    "bench_content_load",
    "bench_memory",
    "bench_certificates",
    "bench_load_pg",
)


def main(names: list[str]) -> int:
    """Run the named benchmarks (all by default); 1 if any figure is over budget."""
    figures: list[Figure] = []
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        figures.extend(module.figures())
    print(table(figures))
    return 0 if all(figure.ok for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
