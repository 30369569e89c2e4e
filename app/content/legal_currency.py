"""How current the legal guide is: facts whose ``checked`` date has grown old.

A law or a phone number that was right two years ago may be wrong today, so every fact of the
guide carries the day someone last confirmed it. This module lists the facts that are due for
a new check:

* older than :data:`REVIEW_MONTHS` (12) months: *warning* ``L020`` in ``flask courses check``
  and a line on the administrator's page; it does not fail ``--strict``;
* older than :data:`STALE_MONTHS` (18) months: ``L021``, a warning, and an error under
  ``--strict`` (a fact nobody has confirmed for a year and a half must not stay published).

"Today" is always passed in, so that tests can freeze it and the result never depends on the
day the suite runs. This module does not import Flask.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.content.legal import LegalGuide, Sourced
from app.content.problems import ProblemList

__all__ = [
    "REVIEW_MONTHS",
    "STALE_MONTHS",
    "OldFact",
    "currency_problems",
    "months_ago",
    "months_between",
    "old_facts",
]

REVIEW_MONTHS = 12
STALE_MONTHS = 18


@dataclass(frozen=True)
class OldFact:
    """A fact whose ``checked`` date is older than the review period."""

    path: str
    line: int
    where: str  # the country code, or "frame"
    id: str | None
    checked: date
    months: int  # whole months between ``checked`` and today
    stale: bool  # older than STALE_MONTHS


def months_ago(today: date, months: int) -> date:
    """The same day ``months`` calendar months before ``today`` (clamped to the month's end)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 if ``later`` is not later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def old_facts(guide: LegalGuide | None, today: date) -> list[OldFact]:
    """Every fact of ``guide`` last checked more than REVIEW_MONTHS before ``today``.

    Sorted oldest first, so the administrator's page starts with what is most urgent.
    """
    if guide is None:
        return []
    sections: list[tuple[str, str, Iterator[Sourced]]]
    sections = [(c.code, c.path, c.facts()) for c in guide.countries]
    if guide.frame is not None:
        sections.append(("frame", guide.frame.path, guide.frame.facts()))
    review, stale = months_ago(today, REVIEW_MONTHS), months_ago(today, STALE_MONTHS)
    out = []
    for where, path, items in sections:
        for item in items:
            if item.checked < review:
                out.append(
                    OldFact(
                        path,
                        item.line,
                        where,
                        getattr(item, "id", None),
                        item.checked,
                        months_between(item.checked, today),
                        item.checked < stale,
                    )
                )
    return sorted(out, key=lambda f: (f.checked, f.path, f.line))


def currency_problems(guide: LegalGuide | None, today: date, *, strict: bool) -> ProblemList:
    """The old facts as problems: ``L020`` warnings, ``L021`` (an error when ``strict``).

    Paths are the ones the guide was loaded with (relative to the project root).
    """
    problems = ProblemList()
    for fact in old_facts(guide, today):
        name = f"`{fact.id}`" if fact.id else "a fact"
        message = (
            f"{name} was last checked on {fact.checked.isoformat()}, "
            f"{fact.months} months ago: read its source again and update `checked`"
        )
        path = Path(fact.path)
        if not fact.stale:
            problems.warning(path, fact.line, "L020", message)
        elif strict:
            problems.error(path, fact.line, "L021", f"{message} (older than {STALE_MONTHS} months)")
        else:
            problems.warning(
                path,
                fact.line,
                "L021",
                f"{message} (older than {STALE_MONTHS} months: fails --strict)",
            )
    return problems
