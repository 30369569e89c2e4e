"""``??? "Summary"`` folds a distressing passage behind its content note, closed, without script;
the course's threat quotes and blaming sentences are folded alike in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.content.markdown import RenderContext, render_markdown
from app.content.problems import ProblemList
from app.content.translit import html_to_cyrillic
from tests.helpers import PROJECT, real_catalog

COURSE = "consent-images-rights"
# The lessons whose threat quotes, blaming sentences or abuse scenarios are folded, and how many
# folds each has (the same in every language).
FOLDED = {
    ("consent", "pressure-and-proof-of-love"): 1,
    ("terminology", "sharing-recording-threats"): 2,
    ("terminology", "victim-blaming-language"): 1,
    ("bystander", "five-ds-online"): 1,
    ("bystander", "four-situations"): 4,
    ("if-it-happened-to-you", "not-your-fault"): 1,
}
LANGS = ["en", "sr-Latn", "sr-Cyrl", "sq", "mk"]


def _render(body: str, language: str = "en") -> tuple[str, ProblemList]:
    problems = ProblemList(PROJECT)
    ctx = RenderContext(Path("lesson.md"), language, problems, lambda _src: None)
    blocks, _headings = render_markdown(body, 1, ctx)
    return "".join(b.html for b in blocks), problems


def test_a_fold_is_a_closed_details_with_its_summary_and_every_indented_block():
    html, problems = _render(
        'Before.\n\n??? "Show the threats"\n    "Send more or I post them."\n\n'
        "    | Said | True |\n    |---|---|\n    | a | b |\n\n    - one\n    - two\n\nAfter.\n"
    )
    assert not problems.errors
    fold = re.search(r'<details class="reveal">(.*?)</details>', html, re.S)
    assert fold, html
    inner = fold.group(1)
    assert "<summary>Show the threats</summary>" in inner
    assert "Send more or I post them." in inner and "<table>" in inner and "<li>two</li>" in inner
    assert "open" not in html.split("<summary>")[0]
    assert html.index("Before.") < fold.start() and html.index("After.") > fold.end()


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("en", "Show this part"),
        ("sr-Latn", "Prikaži ovaj deo"),
        ("sq", "Shfaq këtë pjesë"),
        ("mk", "Прикажи го овој дел"),
    ],
)
def test_a_fold_without_a_summary_gets_one_in_the_lessons_language(language: str, summary: str):
    html, _ = _render("???\n    A hard passage.\n", language)
    assert f"<summary>{summary}</summary>" in html


def test_a_fold_inside_a_content_note_stays_in_its_section_and_survives_the_sanitiser():
    html, problems = _render(
        '::: content-note "Threats."\n## Threats\n\n??? "Show"\n'
        "    <script>x</script> Quote.\n:::\n\nAfter.\n"
    )
    assert [str(p) for p in problems.errors] == [
        "lesson.md:5: error M001 raw HTML is not allowed in lessons"
    ]
    assert "<script>" not in html
    assert re.search(r'<details class="reveal">\s*<summary>Show</summary>\s*<p> Quote.</p>', html)


def test_the_summary_is_written_in_cyrillic_on_cyrillic_pages():
    html, _ = _render('??? "Prikaži pretnje"\n    Pretnja.\n', "sr-Latn")
    assert "<summary>Прикажи претње</summary>" in html_to_cyrillic(html)


@pytest.fixture(scope="module")
def course():
    catalog, problems = real_catalog()
    assert not problems.errors
    return catalog.course(COURSE)


@pytest.mark.parametrize(("module", "lesson"), list(FOLDED))
def test_distressing_passages_are_folded_behind_their_content_note_in_every_language(
    course, module: str, lesson: str
):
    for lang in LANGS:
        page = course.module(module).lesson(lesson).page(lang)
        assert page.language == lang, (lesson, lang)  # a translation, not a fallback
        folds = [b for b in page.blocks for _ in re.finditer('<details class="reveal">', b.html)]
        assert len(folds) == FOLDED[(module, lesson)], (lesson, lang)
        # Only inside sections that carry a content note, and never as the note's first words:
        # the section's heading, or a lead-in sentence, comes before the fold.
        for block in folds:
            assert block.note, (lesson, lang)
            assert not block.html.lstrip().startswith("<details"), (lesson, lang)


def test_no_lesson_folds_a_passage_outside_a_content_note(course):
    for module in course.modules:
        for lesson in module.lessons:
            for block in lesson.page("en").blocks:
                if "<details" in block.html:
                    assert block.note, (module.slug, lesson.slug)
