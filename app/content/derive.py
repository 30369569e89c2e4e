"""Generated scripts: Serbian and Montenegrin Cyrillic content made from the Latin one.

Authors write Serbian (and Montenegrin) in Latin script only; this module is the one place
that makes the Cyrillic version of each loaded object from it. Which language is made from
which comes from :func:`app.languages.derived`. A file written by hand in a generated
script wins over the generated one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from types import MappingProxyType

from app.content.model import Block, Heading, Option, Page, Question, QuestionText, Term
from app.content.translit import html_to_cyrillic, strip_marks, to_cyrillic
from app.languages import derived


def with_generated(languages: Iterable[str]) -> tuple[str, ...]:
    """``languages`` followed by every script generated from one of them."""
    result = list(languages)
    for target, source in derived().items():
        if source in result and target not in result:
            result.append(target)
    return tuple(result)


def derive_texts(texts: dict[str, str]) -> None:
    """Add the generated scripts of plain per-language texts (a title, a summary)."""
    for target, source in derived().items():
        if source in texts and target not in texts:
            texts[target] = to_cyrillic(texts[source])


def derive_pages(versions: dict[str, Page]) -> None:
    """Add the generated scripts of a lesson's (or notes') pages, one per language."""
    for target, source in derived().items():
        if source in versions and target not in versions:
            page = versions[source]
            # Titles and content notes are plain text: their foreign-language marks go here.
            versions[source] = replace(
                page,
                title=strip_marks(page.title),
                blocks=tuple(
                    replace(b, note=strip_marks(b.note) if b.note else None) for b in page.blocks
                ),
            )
            versions[target] = _cyrillic_page(page, target)


def _cyrillic_page(page: Page, language: str) -> Page:
    return replace(
        page,
        language=language,
        title=to_cyrillic(page.title),
        blocks=tuple(
            Block(html_to_cyrillic(b.html), to_cyrillic(b.note) if b.note else None, b.anchor)
            for b in page.blocks
        ),
        headings=tuple(Heading(h.level, to_cyrillic(h.text), h.anchor) for h in page.headings),
    )


def derive_question(question: Question) -> Question:
    """The question with the words of its generated scripts added."""
    texts = dict(question.texts)
    for target, source in derived().items():
        if source not in texts or target in texts:
            continue
        latin = texts[source]
        texts[target] = QuestionText(
            html_to_cyrillic(latin.prompt),
            tuple(
                Option(html_to_cyrillic(o.text), html_to_cyrillic(o.feedback))
                for o in latin.options
            ),
            html_to_cyrillic(latin.explanation),
        )
    if len(texts) == len(question.texts):
        return question
    return replace(question, texts=MappingProxyType(texts))


def derive_terms(glossary: dict[str, tuple[Term, ...]]) -> None:
    """Add the glossaries of the generated scripts that have no file of their own."""
    for target, source in derived().items():
        if source in glossary and target not in glossary:
            glossary[target] = tuple(
                Term(t.slug, to_cyrillic(t.term), to_cyrillic(t.definition), t.see_also)
                for t in glossary[source]
            )
