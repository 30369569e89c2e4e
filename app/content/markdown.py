"""Markdown to safe HTML for lessons, facilitator notes and quiz texts.

Authors write plain Markdown with a few additions (callouts, content notes, glossary and
country links, images with required alt text). This module splits a lesson at its content
notes and checks the callout and note markers line by line; what the Markdown makes (images,
links, raw HTML, headings, language marks) is checked on the parsed tree by
:mod:`app.content.markdown_checks`. It renders the Markdown once and sanitises the HTML with
nh3 so that nothing an author types can run script in a learner's browser.

Links that depend on the learner's language are stored with the placeholder prefix
``/_/`` and completed per request by :func:`localize_links`.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from app.content.callouts import CALLOUT_TITLES, check_callout
from app.content.markdown_checks import URL_SCHEMES, Source, TreeChecks
from app.content.model import Block, Heading
from app.content.problems import ProblemList
from app.content.reveal import RevealExtension
from app.content.translit import FOREIGN_MARK

LANG_PLACEHOLDER = "/_/"
_NOTE_OPEN = re.compile(r'^:::\s*content-note\s+"(?P<text>[^"]+)"\s*$')
_NOTE_OPEN_LOOSE = re.compile(r"^:::\s*\S")
_NOTE_CLOSE = re.compile(r"^:::\s*$")

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "img",
    "code",
    "pre",
    "hr",
    "br",
    "span",
    "abbr",
    "sup",
    "sub",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "div": {"class"},
    "details": {"class"},
    "p": {"class"},
    "span": {"class", "lang"},
    "th": {"align"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "abbr": {"title"},
}


@dataclass
class References:
    """Glossary terms and countries a document links to, with their lines, for cross-checks."""

    glossary: list[tuple[str, int]] = field(default_factory=list)
    countries: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class RenderContext:
    """What rendering needs to know about where a document lives."""

    path: Path
    language: str
    problems: ProblemList
    media_url: Callable[[str], str | None]
    refs: References = field(default_factory=References)


class _LinkRewriter(Treeprocessor):
    """Turns ``glossary:``/``country:``/``help:``/``images/`` targets into URLs; titles callouts."""

    def __init__(self, md: markdown.Markdown, ctx: RenderContext) -> None:
        super().__init__(md)
        self.ctx = ctx

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href", "")
                if href.startswith("glossary:"):
                    element.set("href", f"{LANG_PLACEHOLDER}glossary#term-{href[9:]}")
                    element.set("class", "glossary-link")
                elif href.startswith("country:"):
                    element.set("href", f"{LANG_PLACEHOLDER}legal/{href[8:]}")
                elif href.startswith("help:"):
                    # The help page holds the current, verified support and crisis lines, so a
                    # lesson points to it instead of copying numbers that may change.
                    query = f"?country={href[5:]}" if href[5:] else ""
                    element.set("href", f"{LANG_PLACEHOLDER}help{query}")
            elif element.tag == "img":
                url = self.ctx.media_url(element.get("src", ""))
                element.set("src", url or "")
                element.set("loading", "lazy")
            elif element.tag == "div" and "admonition" in element.get("class", ""):
                self._title_callout(element)

    def _title_callout(self, element: ET.Element) -> None:
        kind = element.get("class", "").replace("admonition", "").strip()
        title = element.find("p")
        if title is None or "admonition-title" not in title.get("class", ""):
            return
        titles = CALLOUT_TITLES.get(self.ctx.language, CALLOUT_TITLES["en"])
        if title.text == kind.capitalize() and kind in titles:
            title.text = titles[kind]


class _ForeignText(InlineProcessor):
    """``[Report and Block]{lang=en}`` becomes ``<span lang="en">``: screen readers switch
    language and the Cyrillic converter leaves it as written."""

    # The override is Markdown's own: InlineProcessor changes Pattern.handleMatch's signature.
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element, int, int]:
        span = ET.Element("span", {"lang": m.group("lang")})
        span.text = m.group("text")
        return span, m.start(0), m.end(0)


class _Rewrite(Extension):
    def __init__(self, ctx: RenderContext) -> None:
        super().__init__()
        self.ctx = ctx

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Checks see the tree as written, before links are rewritten (higher runs first).
        md.treeprocessors.register(TreeChecks(md, self.ctx), "unshared_checks", 2)
        md.treeprocessors.register(_LinkRewriter(md, self.ctx), "unshared_links", 1)
        # Before links (160), which would otherwise read "[text]" as a reference link.
        md.inlinePatterns.register(_ForeignText(FOREIGN_MARK.pattern, md), "foreign_text", 175)


def _md(ctx: RenderContext) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            "tables",
            "admonition",
            "sane_lists",
            "toc",
            _Rewrite(ctx),
            RevealExtension(ctx.language),
        ],
        extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-3"}},
    )


# Building a converter (its extensions, its regular expressions) costs more than converting
# a quiz option, and a course has thousands of those: converters are kept, per thread, and
# pointed at each document in turn; _convert resets one before every text.
_FREE = threading.local()


@contextmanager
def _converter(ctx: RenderContext) -> Iterator[markdown.Markdown]:
    """A Markdown converter whose checks and links report to ``ctx``, for one document."""
    # One pool per language: a fold's default summary is written in the lesson's language.
    pools: dict[str, list[markdown.Markdown]] = _FREE.__dict__.setdefault("converters", {})
    free = pools.setdefault(ctx.language, [])
    md = free.pop() if free else _md(ctx)
    for name in ("unshared_checks", "unshared_links"):
        md.treeprocessors[name].ctx = ctx  # type: ignore[attr-defined]
    _checks(md).top_headings = []
    try:
        yield md
    finally:
        free.append(md)


def sanitize(html: str) -> str:
    """Keep only the tags and attributes lessons may use."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


_Segment = tuple[str | None, list[tuple[int, str]]]


def _segments(body: str, first_line: int, ctx: RenderContext) -> list[_Segment]:
    """Split a body at its content notes: ``(note or None, numbered lines)`` per part."""
    segments: list[_Segment] = [(None, [])]
    open_line = 0
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        opening = _NOTE_OPEN.match(line)
        if opening:
            if open_line:
                ctx.problems.error(
                    ctx.path,
                    number,
                    "M006",
                    f"content note opened again before the one on "
                    f"line {open_line} was closed with ':::'",
                )
            open_line = number
            segments.append((opening.group("text").strip(), []))
            continue
        if _NOTE_CLOSE.match(line):
            if not open_line:
                ctx.problems.error(ctx.path, number, "M007", "':::' closes no content note")
            open_line = 0
            segments.append((None, []))
            continue
        if _NOTE_OPEN_LOOSE.match(line):
            ctx.problems.error(
                ctx.path,
                number,
                "M008",
                'write a content note as ::: content-note "what the section contains"',
            )
            continue
        check_callout(ctx.problems, ctx.path, line, number)
        segments[-1][1].append((number, line))
    if open_line:
        ctx.problems.error(ctx.path, open_line, "M009", "content note is never closed with ':::'")
    return segments


def _checks(md: markdown.Markdown) -> TreeChecks:
    checks = md.treeprocessors["unshared_checks"]
    assert isinstance(checks, TreeChecks)
    return checks


def _convert(md: markdown.Markdown, lines: list[tuple[int, str]]) -> str:
    """Check and render numbered lines of Markdown into sanitised HTML."""
    md.reset()
    _checks(md).source = Source(lines)
    return sanitize(md.convert("\n".join(text for _number, text in lines)))


def render_markdown(
    body: str, first_line: int, ctx: RenderContext
) -> tuple[tuple[Block, ...], tuple[Heading, ...]]:
    """Check and render a Markdown body into blocks (split at content notes) and headings."""
    with _converter(ctx) as md:
        return _render_segments(md, body, first_line, ctx)


def _render_segments(
    md: markdown.Markdown, body: str, first_line: int, ctx: RenderContext
) -> tuple[tuple[Block, ...], tuple[Heading, ...]]:
    blocks: list[Block] = []
    headings: list[Heading] = []
    notes = 0
    for note, lines in _segments(body, first_line, ctx):
        if not "".join(text for _number, text in lines).strip() and note is None:
            continue
        html = _convert(md, lines)
        # The toc extension sets toc_tokens on the instance; the stubs do not declare it.
        headings.extend(_flatten(md.toc_tokens))  # type: ignore[attr-defined]
        anchor = ""
        if note is not None:
            notes += 1
            anchor = f"sensitive-{notes}"
        blocks.append(Block(html=html, note=note, anchor=anchor))
    top = _checks(md).take_headings()
    if top:
        ctx.problems.warning(
            ctx.path,
            top[0],
            "M010",
            "use '## ' for headings: the lesson title is the page's only top-level heading",
        )
    return tuple(blocks), tuple(headings)


def render_inline(text: str, ctx: RenderContext, number: int) -> str:
    """Render a short text (quiz prompt, option, feedback) as safe HTML."""
    lines = list(enumerate(text.split("\n"), start=number))
    for line_number, line in lines:
        check_callout(ctx.problems, ctx.path, line, line_number)
    with _converter(ctx) as md:
        return _convert(md, lines)


def _flatten(tokens: list[dict[str, Any]]) -> list[Heading]:
    out: list[Heading] = []
    for token in tokens:
        out.append(Heading(token["level"], token["name"], token["id"]))
        out.extend(_flatten(token.get("children", [])))
    return out


def localize_links(html: str, language: str) -> str:
    """Complete the language-dependent links of stored HTML for one request."""
    return html.replace(f'href="{LANG_PLACEHOLDER}', f'href="/{language}/')
