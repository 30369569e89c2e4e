"""The reference for throughput: the same bytes from a bare WSGI app on the same gunicorn.

``BENCH_BODY`` names a file whose bytes are served for every request, as ``text/html``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

BODY = Path(os.environ.get("BENCH_BODY", "/dev/null")).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]
# ``BENCH_HEADERS`` (optional) names a JSON file of [name, value] pairs to send instead: the
# site's own response headers, so that their cost is measured apart from the app's.
if os.environ.get("BENCH_HEADERS"):
    HEADERS = [
        (name, value) for name, value in json.loads(Path(os.environ["BENCH_HEADERS"]).read_text())
    ]


def app(environ: dict[str, object], start_response: Callable[..., object]) -> Iterable[bytes]:
    """Answer every request with ``BODY``."""
    start_response("200 OK", HEADERS)
    return [BODY]
