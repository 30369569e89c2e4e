"""Checks of a lesson's Markdown on the parsed tree, i.e. on what the page will show.

Checking source lines with regular expressions misses what Markdown builds from several
places: a reference-style image ``![alt][img]`` whose ``[img]: images/x.svg`` names a
missing file rendered ``<img src="">``, and a ``[x][ref]`` whose ``[ref]:`` is a
``javascript:`` address was silently dropped by the sanitiser. :class:`TreeChecks` looks at
every image, link, raw HTML block and text of the tree instead, and :class:`Source` finds the
line where the thing was written (for a reference, the line of its definition), so each
problem still reads ``path:line: error CODE message``.

Problem codes: M001 raw HTML, M002 an image without alt text, M003 an image that is not a
file of the course's ``images/`` folder, M004 a ``javascript:`` link, M010 (*warning*) a
top-level heading, M011 a broken mark of another language, M012 a link the sanitiser would
remove. Glossary and country links are recorded for the checks across files (R001, R002).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from app.content.translit import FOREIGN_MARK

if TYPE_CHECKING:
    from app.content.markdown import RenderContext

#: Addresses the sanitiser keeps (anything else is removed from the page).
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Targets that only lessons understand; they are turned into site links.
CONTENT_SCHEMES = ("glossary:", "country:", "help:")

_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
_AUTOLINK = re.compile(r"<(https?://|mailto:)[^>]+>")
_CODE_SPAN = re.compile(r"`[^`]*`")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f]+")
_CODE_TAGS = {"code", "pre"}
_TOP_HEADING = re.compile(r"#\s")


class Source:
    """The numbered lines of the Markdown being rendered, to say where a tree node came from.

    Code spans, autolinks and correct language marks are left out of the search, so that a
    needle is found where it means something. Each needle is searched from where it was last
    found, so the second of two equal images gets the second line.
    """

    def __init__(self, lines: Sequence[tuple[int, str]]) -> None:
        self.lines: list[tuple[int, str]] = [(number, _bare(text)) for number, text in lines]
        self.first = lines[0][0] if lines else 0
        self._next: dict[str, int] = {}

    def line_of(self, needle: str) -> int:
        """The line where ``needle`` is written next (the first line if it cannot be found)."""
        start = self._next.get(needle, 0)
        order = list(range(start, len(self.lines))) + list(range(start))
        for index in order:
            line_number, text = self.lines[index]
            if needle in text:
                self._next[needle] = index + 1
                return line_number
        return self.first

    def matching(self, pattern: re.Pattern[str]) -> int | None:
        """The first line that ``pattern`` matches from its start, if any."""
        return next((number for number, text in self.lines if pattern.match(text)), None)


def _bare(line: str) -> str:
    return FOREIGN_MARK.sub("", _CODE_SPAN.sub("", _AUTOLINK.sub("", line)))


def scheme_of(url: str) -> str | None:
    """The lower-case scheme of ``url`` (``javascript`` ...), ``None`` for a relative one.

    Spaces and control characters are ignored, as browsers ignore them.
    """
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def _texts(element: ET.Element, in_code: bool = False) -> Iterator[str]:
    """Every text of the tree outside code, in document order."""
    in_code = in_code or element.tag in _CODE_TAGS
    if element.text and not in_code:
        yield element.text
    for child in element:
        yield from _texts(child, in_code)
        if child.tail and not in_code:
            yield child.tail


class TreeChecks(Treeprocessor):
    """Reports the mistakes visible in the tree, before links are rewritten and sanitised.

    Set :attr:`source` to the lines being converted before each conversion. ``ctx`` is the
    document's :class:`~app.content.markdown.RenderContext`.
    """

    def __init__(self, md: Markdown, ctx: RenderContext) -> None:
        super().__init__(md)
        self.ctx = ctx
        self.source = Source([])
        #: Lines of top-level headings seen since the last :meth:`take_headings`.
        self.top_headings: list[int] = []

    def error(self, line: int, code: str, message: str) -> None:
        """Record an error of the document at ``line``."""
        self.ctx.problems.error(self.ctx.path, line, code, message)

    def run(self, root: ET.Element) -> None:
        """Check the raw HTML, every image and link, the headings and the language marks."""
        html_lines = set()
        for raw in self.md.htmlStash.rawHtmlBlocks:
            text = raw if isinstance(raw, str) else ET.tostring(raw, encoding="unicode")
            if _RAW_HTML.search(text):
                html_lines.add(self.source.line_of(text.strip().split("\n", 1)[0]))
        for html_line in sorted(html_lines):
            self.error(html_line, "M001", "raw HTML is not allowed in lessons")
        for element in root.iter():
            if element.tag == "img":
                self._image(element)
            elif element.tag == "a":
                self._link(element.get("href", ""))
            elif element.tag == "h1":
                line = self.source.matching(_TOP_HEADING)
                self.top_headings.append(line or self.source.line_of(element.text or ""))
        marks = (text.count("{lang=") for text in _texts(root))
        broken = {self.source.line_of("{lang=") for count in marks for _ in range(count)}
        for mark_line in sorted(broken):
            message = "mark text in another language as [the words]{lang=en}, on one line, "
            self.error(mark_line, "M011", message + "with a language code such as en or sq")

    def _image(self, element: ET.Element) -> None:
        src, alt = element.get("src", ""), element.get("alt", "")
        if not alt.strip():
            line = self.source.line_of(f"![{alt}]")
            self.error(line, "M002", f"image {src!r} has no alt text: describe what it shows")
        if self.ctx.media_url(src) is None:
            line = self.source.line_of(src) if src else self.source.line_of("![")
            self.error(line, "M003", f"image {src!r} not found in the course's images/ folder")

    def _link(self, href: str) -> None:
        refs = self.ctx.refs
        if href.startswith("glossary:"):
            refs.glossary.append((href[9:], self.source.line_of(href)))
        elif href.startswith("country:"):
            refs.countries.append((href[8:], self.source.line_of(href)))
        elif href.startswith("help:"):
            if href[5:]:
                refs.countries.append((href[5:], self.source.line_of(href)))
        elif (scheme := scheme_of(href)) == "javascript":
            self.error(self.source.line_of(href), "M004", "javascript: links are not allowed")
        elif scheme is not None and scheme not in URL_SCHEMES:
            message = f"link to {href!r} would be removed from the page: use https://, "
            message += "mailto: or tel:, or a link to the glossary, a country or the help page"
            self.error(self.source.line_of(href), "M012", message)

    def take_headings(self) -> list[int]:
        """The lines of the top-level headings seen so far, forgetting them."""
        found, self.top_headings = self.top_headings, []
        return found
