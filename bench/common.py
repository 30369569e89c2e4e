"""What every benchmark shares: a figure with its budget, and the table ``make bench`` prints.

A figure is a ratio or a count measured in one run against a reference on the same machine;
where it is a time, the reference is printed beside it. Nothing here is asserted by tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


@dataclass(frozen=True)
class Figure:
    """One measured figure: ``value`` is within budget when ``ok(value)``."""

    name: str
    value: float
    budget: str
    ok: bool
    unit: str = ""
    reference: str = ""

    def row(self) -> str:
        """One line of the table."""
        mark = "ok" if self.ok else "OVER"
        value = f"{self.value:.2f}{self.unit}" if isinstance(self.value, float) else str(self.value)
        extra = f"  ({self.reference})" if self.reference else ""
        return f"{self.name:<58} {value:>12}  {self.budget:<12} {mark}{extra}"


def table(figures: Sequence[Figure]) -> str:
    """The figures as a fixed-width table."""
    head = f"{'figure':<58} {'measured':>12}  {'budget':<12} ok?"
    return "\n".join([head, "-" * len(head), *(figure.row() for figure in figures)])


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, timeout: float = 180.0) -> None:
    """Block until ``url`` answers (any status), or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()  # our own server
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(
    app: str, env: dict[str, str], workers: int = 2, ready_path: str = "/healthz"
) -> Iterator[str]:
    """Serve ``app`` (``module:variable``) with gunicorn sync workers; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(  # fixed arguments
        [
            str(BIN / "gunicorn"),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--preload",
            "--log-level",
            "warning",
            app,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + ready_path)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(
    url: str, seconds: int = 5, connections: int = 10, headers: dict[str, str] | None = None
) -> float:
    """Requests per second that wrk measured for ``url``."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(f"wrk printed no rate:\n{output}")


def best_of(runs: int, measure: Callable[[], float]) -> float:
    """The best of ``runs`` measurements (the machine is shared: noise only slows it)."""
    return max(measure() for _ in range(runs))
