"""Callouts: the boxes an author puts around a passage (``!!! tip``), their types and their
default titles in each language."""

from __future__ import annotations

import re
from pathlib import Path

from app.content.problems import ProblemList

# ``facilitator-only``: what a facilitator reads and learners must not (an activity's
# answers, what to listen for). Only in facilitator notes; the handout leaves it out.
FACILITATOR_ONLY = "facilitator-only"
CALLOUT_TYPES = ("note", "warning", "tip", FACILITATOR_ONLY)
CALLOUT_TITLES = {
    "en": {"note": "Note", "warning": "Warning", "tip": "Tip", FACILITATOR_ONLY: "For you only"},
    "sr-Latn": {
        "note": "Napomena",
        "warning": "Upozorenje",
        "tip": "Savet",
        FACILITATOR_ONLY: "Samo za vas",
    },
    "hr": {
        "note": "Napomena",
        "warning": "Upozorenje",
        "tip": "Savjet",
        FACILITATOR_ONLY: "Samo za vas",
    },
    "bs": {
        "note": "Napomena",
        "warning": "Upozorenje",
        "tip": "Savjet",
        FACILITATOR_ONLY: "Samo za vas",
    },
    "cnr": {
        "note": "Napomena",
        "warning": "Upozorenje",
        "tip": "Savjet",
        FACILITATOR_ONLY: "Samo za vas",
    },
    "sq": {
        "note": "Shënim",
        "warning": "Kujdes",
        "tip": "Këshillë",
        FACILITATOR_ONLY: "Vetëm për ju",
    },
    "mk": {
        "note": "Забелешка",
        "warning": "Предупредување",
        "tip": "Совет",
        FACILITATOR_ONLY: "Само за вас",
    },
}

_CALLOUT = re.compile(r"^!!!\s*(?P<type>[\w-]*)")


def check_callout(problems: ProblemList, path: Path, line: str, number: int) -> None:
    """Report a callout marker (``!!! note``) of an unknown type."""
    callout = _CALLOUT.match(line)
    if callout and callout.group("type") not in CALLOUT_TYPES:
        allowed = ", ".join(CALLOUT_TYPES)
        problems.error(
            path,
            number,
            "M005",
            f"unknown callout {callout.group('type')!r}: use one of {allowed}",
        )
    elif (
        callout
        and callout.group("type") == FACILITATOR_ONLY
        and not path.name.startswith("facilitator.")
    ):
        problems.error(
            path,
            number,
            "M005",
            f"'!!! {FACILITATOR_ONLY}' belongs in facilitator notes: learners read this file",
        )
