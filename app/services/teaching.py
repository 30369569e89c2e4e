"""A module for a classroom: its lessons cut into projector screens, and its two-page
handout (the key points of every lesson, the activity, where to get help).

Everything here reads content that is already loaded and sanitised; nothing is stored.
The HTML is the content loader's own output, so it is cut where it has a top-level ``<h2>``
(a section) or a ``<div class="admonition ...">`` (a box an author put around what matters).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.content.legal import Contact, Country
from app.content.model import Module, Page
from app.languages import chain

_SECTION = re.compile(r"(?=<h2[\s>])")
_H2 = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)
_TAG = re.compile(r"<[^>]+>")
_BOX = re.compile(r'<div class="admonition (tip|note)">')
_FACILITATOR_ONLY = re.compile(r'<div class="admonition facilitator-only">')
_DIV = re.compile(r"<(/?)div\b")
# The word an activity's heading starts with in the facilitator notes, in every language
# the course is written in (Serbian Cyrillic and Macedonian share it).
ACTIVITY_WORDS = ("activity", "aktivnost", "активност", "aktivitet")
# Help numbers on a handout: enough to find help, few enough to fit beside the lesson.
HELP_CONTACTS = 6


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


@dataclass(frozen=True)
class KeyPoints:
    """What a handout keeps of one lesson: the boxes its author put around what matters,
    or, for a lesson without any, the headings of its sections."""

    title: str
    boxes: tuple[str, ...]
    sections: tuple[str, ...]


def _box_spans(fragment: str, opening: re.Pattern[str]) -> Iterator[tuple[int, int, int]]:
    """``(start, inner_start, inner_end)`` of every box that ``opening`` starts, with the
    ``<div>``s inside it counted, so that its own closing tag is found."""
    for match in opening.finditer(fragment):
        depth = 1
        for tag in _DIV.finditer(fragment, match.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                yield match.start(), match.end(), tag.start()
                break


def _boxes(fragment: str) -> Iterator[str]:
    """The inner HTML (its title first) of every tip and note box."""
    for _start, inner, end in _box_spans(fragment, _BOX):
        yield fragment[inner:end].strip()


def without_facilitator_only(fragment: str) -> str:
    """``fragment`` without its ``facilitator-only`` boxes (answers, what to listen for)."""
    for start, _inner, end in reversed(list(_box_spans(fragment, _FACILITATOR_ONLY))):
        fragment = fragment[:start] + fragment[end + len("</div>") :]
    return fragment


def key_points(module: Module, language: str) -> tuple[KeyPoints, ...]:
    """The key points of every lesson of ``module`` in ``language``."""
    points = []
    for lesson in module.lessons:
        page = lesson.page(language)
        content = "".join(block.html for block in page.blocks)
        boxes = tuple(_boxes(content))
        sections = () if boxes else tuple(h.text for h in page.headings if h.level == 2)
        points.append(KeyPoints(title=page.title, boxes=boxes, sections=sections))
    return tuple(points)


def facilitator_page(module: Module, language: str) -> Page | None:
    """The module's facilitator notes in ``language`` (or the nearest language they exist
    in); ``None`` for a module without notes."""
    for tag in chain(language):
        if tag in module.facilitator:
            return module.facilitator[tag]
    return next(iter(module.facilitator.values()), None)


def activity(module: Module, language: str) -> str | None:
    """The HTML of the activity in the module's facilitator notes (the section whose
    heading starts with "Activity") as learners may read it: without the boxes marked
    ``facilitator-only``; ``None`` for a module without one."""
    page = facilitator_page(module, language)
    if page is None:
        return None
    content = "".join(block.html for block in page.blocks)
    for chunk in _SECTION.split(content):
        heading = _H2.match(chunk.lstrip())
        if heading and _text(heading.group(1)).casefold().startswith(ACTIVITY_WORDS):
            return without_facilitator_only(chunk)
    return None


def help_contacts(country: Country | None, limit: int = HELP_CONTACTS) -> Sequence[Contact]:
    """The numbers to call in ``country``, most urgent first: crisis and emergency lines,
    then helplines, then the police."""
    if country is None:
        return ()
    police = [c for c in country.report if c.kind == "police"]
    found = [c for c in (*country.crisis, *country.support, *police) if c.phones]
    unique = list({c.id: c for c in found}.values())
    return unique[:limit]
