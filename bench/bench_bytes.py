"""Bytes on the wire for the longest lesson, cold and warm cache (issue 15, item 3).

    .venv/bin/python bench/bench_bytes.py

Counts what a phone browser downloads (it accepts brotli and gzip) for the longest lesson:
cold, the page with its stylesheet, script and icon; warm, what a second visit costs when
the static files (hashed names, cached for a year) are kept. Pages are never stored by the
browser (``Cache-Control: no-store``, a safety promise: nothing of the site in the cache of
a shared phone), so a warm visit still downloads the page itself. Budgets: 20 KiB cold,
3 KiB warm.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, table
from bench.site import PUBLIC, largest_lesson, production_env

ACCEPT = {"Accept-Encoding": "br, gzip, deflate"}
KIB = 1024


def figures() -> list[Figure]:
    """Measure and return the figures."""
    import tempfile

    env = production_env(Path(tempfile.mkdtemp(prefix="unshared-bench-")))
    path = largest_lesson(env)
    os.environ.update(env)
    from app import create_app

    client = create_app().test_client()
    page = client.get(path, base_url=PUBLIC, headers=ACCEPT)
    plain = client.get(path, base_url=PUBLIC)
    html = plain.get_data(as_text=True)
    cold, warm, raw = len(page.data), len(page.data), len(plain.data)
    for link in re.findall(r'(?:href|src)="(/static/[^"]+)"', html):
        asset = client.get(link, base_url=PUBLIC, headers=ACCEPT)
        cold += len(asset.data)
        raw += len(client.get(link, base_url=PUBLIC).data)
        if "immutable" not in asset.headers.get("Cache-Control", ""):
            warm += len(asset.data)
    reference = f"{raw / KIB:.1f} KiB uncompressed, {path}"
    return [
        Figure(
            "longest lesson, cold cache (KiB transferred)",
            cold / KIB,
            "<= 20",
            cold <= 20 * KIB,
            reference=reference,
        ),
        Figure(
            "longest lesson, warm cache (KiB transferred)",
            warm / KIB,
            "<= 3",
            warm <= 3 * KIB,
            reference="the page itself: pages are never cached (no-store)",
        ),
    ]


if __name__ == "__main__":
    print(table(figures()))
