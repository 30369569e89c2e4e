"""Lessons can link to the "Get help" page, where the verified support and crisis lines live."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.markdown import References, RenderContext, localize_links, render_markdown
from app.content.problems import ProblemList
from tests.helpers import real_catalog


@pytest.fixture(scope="module")
def real_course():
    catalog, _problems = real_catalog()
    return catalog.course("consent-images-rights")


def _render(body: str, language: str = "en") -> tuple[str, References]:
    ctx = RenderContext(
        path=Path("lesson.en.md"),
        language=language,
        problems=ProblemList(),
        media_url=lambda _src: None,
    )
    blocks, _headings = render_markdown(body, 1, ctx)
    return localize_links("".join(b.html for b in blocks), language), ctx.refs


def test_help_link_opens_the_help_page_in_the_learners_language():
    html, _refs = _render("Call a crisis line: see the [help page](help:).", "sr-Latn")
    assert 'href="/sr-Latn/help"' in html


def test_help_link_with_a_country_opens_that_country_and_is_checked():
    html, refs = _render("Numbers are on the [help page](help:rs).")
    assert 'href="/en/help?country=rs"' in html
    assert ("rs", 1) in refs.countries


@pytest.mark.parametrize(
    ("module", "lesson"),
    [
        ("terminology", "sharing-recording-threats"),
        ("bystander", "supporting-a-friend"),
        ("if-it-happened-to-you", "first-steps"),
        ("if-it-happened-to-you", "looking-after-yourself"),
        ("sextortion", "what-to-do-now"),
        ("sextortion", "when-it-feels-unbearable"),
        ("sextortion", "helping-a-friend"),
    ],
)
def test_the_sextortion_and_crisis_passages_link_to_the_help_page(real_course, module, lesson):
    for lang in ("en", "sr-Latn", "sr-Cyrl"):
        page = real_course.module(module).lesson(lesson).page(lang)
        html = localize_links("".join(b.html for b in page.blocks), lang)
        assert f'href="/{lang}/help"' in html, (lesson, lang)


def test_the_unbearable_lesson_opens_every_countrys_crisis_lines(real_course):
    """A teenager who feels they cannot go on finds their own country's verified crisis
    lines one tap away, in every script, rather than numbers typed into the lesson."""
    lesson = real_course.module("sextortion").lesson("when-it-feels-unbearable")
    for lang in ("en", "sr-Latn", "sr-Cyrl"):
        html = localize_links("".join(b.html for b in lesson.page(lang).blocks), lang)
        for country in ("rs", "hr", "ba", "me", "mk", "al", "xk"):
            assert f'href="/{lang}/legal/{country}#crisis"' in html, (lang, country)
