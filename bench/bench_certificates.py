"""How long a certificate takes, and how a class batch scales: ratios from one run.

    .venv/bin/python bench/bench_certificates.py

Prints the time for one certificate, the time per certificate in a batch of 30 and their
ratio (a batch should cost about the same per page as one certificate, or less, since
fonts load once), and the sizes. Nothing here is asserted: compare runs on one machine.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.credentials import CertificateData, render_certificates  # noqa: E402
from app.credentials.pdf import ENGLISH_LABELS  # noqa: E402


def sample() -> CertificateData:
    """A Serbian Cyrillic certificate like the ones learners print."""
    return CertificateData(
        name="Ђорђе Шћекић", course_title="Пристанак, слике и твоја права",
        module_titles=("Пристанак", "Речи које именују злостављање", "Права по земљама"),
        issued_on=date(2026, 11, 29), issued_on_text="29. новембар 2026.",
        issuer="Гимназија Сомбор · IV-1", code="KHGX-KVST-VDPE-P3QR",
        verify_url="https://unshared.example/verify/KHGX-KVST-VDPE-P3QR", language="sr-Cyrl",
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


def main() -> None:
    """Measure and print."""
    one = sample()
    render_certificates([one])  # warm the font cache
    single, single_size = timed([one])
    batch = [dataclasses.replace(one, name=f"Ученик {n}") for n in range(30)]
    total, batch_size = timed(batch, repeat=3)
    per_page = total / len(batch)
    print(f"one certificate: {single * 1000:.0f} ms, {single_size / 1024:.1f} KiB")
    print(f"batch of 30: {total * 1000:.0f} ms, {per_page * 1000:.0f} ms per page, "
          f"{batch_size / 1024:.1f} KiB")
    print(f"ratio per-page(batch) / single: {per_page / single:.2f}")


if __name__ == "__main__":
    main()
