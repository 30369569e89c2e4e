"""A module for a classroom: its lessons cut into projector screens, and its facilitator
notes in the teacher's language.

Everything here reads content that is already loaded and sanitised; nothing is stored.
The HTML is the content loader's own output, so it is cut where it has a top-level ``<h2>``
(a section).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from app.content.model import Module, Page
from app.languages import chain

_SECTION = re.compile(r"(?=<h2[\s>])")
_H2 = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Screen:
    """What a projector shows at once: the lesson's opening, or one of its sections.

    ``html`` is sanitised content HTML (a section starts with its ``<h2>``); ``title`` is
    the section's heading as text (``None`` for the opening and for the rest of a section
    that a content note interrupts); ``note`` is the content note to read first.
    """

    html: str
    title: str | None
    note: str | None


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


@lru_cache(maxsize=512)
def screens(page: Page) -> tuple[Screen, ...]:
    """``page`` cut into screens: its opening (up to the first section), then one screen per
    section. A content note is read before the passage it warns about, on every screen of
    that passage."""
    result: list[Screen] = []
    for block in page.blocks:
        for index, chunk in enumerate(_SECTION.split(block.html)):
            if not chunk.strip():
                continue
            heading = _H2.match(chunk.lstrip())
            title = _text(heading.group(1)) if heading else None
            # A passage under a content note starts a screen of its own, and so does
            # what follows it: the note is shown exactly with the passage it covers.
            starts_new = (
                heading is not None or not result or (index == 0 and block.note != result[-1].note)
            )
            if starts_new:
                result.append(Screen(html=chunk, title=title, note=block.note))
            else:
                last = result[-1]
                result[-1] = Screen(html=last.html + chunk, title=last.title, note=last.note)
    return tuple(result) or (Screen(html="", title=None, note=None),)


def facilitator_page(module: Module, language: str) -> Page | None:
    """The module's facilitator notes in ``language`` (or the nearest language they exist
    in); ``None`` for a module without notes."""
    for tag in chain(language):
        if tag in module.facilitator:
            return module.facilitator[tag]
    return next(iter(module.facilitator.values()), None)
