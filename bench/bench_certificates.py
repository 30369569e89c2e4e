"""How long a certificate takes, and how a class batch scales: ratios from one run.

    .venv/bin/python bench/bench_certificates.py

Prints the size of one certificate and the time of a class batch of 30 against 30 single
certificates (fonts load once, so a batch costs far less per page). Budgets (issue 15,
item 8): one certificate <= 60 KB, the batch <= 0.3 of 30 singles.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.credentials import CertificateData, render_certificates
from app.credentials.pdf import ENGLISH_LABELS
from bench.common import Figure, table


def sample() -> CertificateData:
    """A Serbian Cyrillic certificate like the ones learners print."""
    return CertificateData(
        name="Ђорђе Шћекић",
        course_title="Пристанак, слике и твоја права",
        module_titles=("Пристанак", "Речи које именују злостављање", "Права по земљама"),
        issued_on=date(2026, 11, 29),
        issued_on_text="29. новембар 2026.",
        issuer="Гимназија Сомбор · IV-1",
        code="KHGX-KVST-VDPE-P3QR",
        verify_url="https://unshared.example/verify/KHGX-KVST-VDPE-P3QR",
        language="sr-Cyrl",
        labels=ENGLISH_LABELS,
    )


def timed(items: list[CertificateData], repeat: int = 5) -> tuple[float, int]:
    """Median seconds and the size of the PDF for ``items``."""
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(render_certificates(items))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def figures() -> list[Figure]:
    """Measure: one certificate's size, and a batch of 30 against 30 single certificates."""
    one = sample()
    render_certificates([one])  # warm the font cache
    single, single_size = timed([one])
    batch = [dataclasses.replace(one, name=f"Ученик {n}") for n in range(30)]
    total, batch_size = timed(batch, repeat=3)
    ratio = total / (30 * single)
    return [
        Figure(
            "one certificate PDF (KB)",
            single_size / 1000,
            "<= 60",
            single_size <= 60_000,
            reference=f"{single * 1000:.0f} ms",
        ),
        Figure(
            "batch of 30 / 30 single certificates (time)",
            ratio,
            "<= 0.3",
            ratio <= 0.3,
            reference=f"batch {total * 1000:.0f} ms, {batch_size / 1024:.0f} KiB; "
            f"single {single * 1000:.0f} ms",
        ),
    ]


def main() -> None:
    """Measure and print."""
    print(table(figures()))


if __name__ == "__main__":
    main()
