"""Markdown is checked on what it renders to, so nothing a page drops goes unreported."""

from __future__ import annotations

from pathlib import Path

from app.content.markdown import RenderContext, render_inline, render_markdown
from app.content.problems import ProblemList
from tests.helpers import FIXTURES

BROKEN = FIXTURES / "courses" / "broken"


def _check(body: str, first_line: int = 6) -> tuple[str, list[str], RenderContext]:
    problems = ProblemList()
    ctx = RenderContext(
        Path("lesson.en.md"),
        "en",
        problems,
        lambda src: "/course-media/demo/a.svg" if src == "images/a.svg" else None,
    )
    blocks, _headings = render_markdown(body, first_line, ctx)
    return "".join(b.html for b in blocks), [f"{p.line} {p.code}" for p in problems], ctx


def test_a_reference_image_without_its_file_is_reported_where_the_file_is_named():
    _html, problems, _ctx = _check("Text.\n\n![][pic]\n\n[pic]: images/missing.svg\n")
    assert problems == ["8 M002", "10 M003"]


def test_a_reference_link_is_checked_and_counted_at_its_definition():
    html, problems, ctx = _check(
        "Read [the rules][rules] and [pressure][p].\n\n"
        "[rules]: JavaScript:alert(1)\n[p]: glossary:coercion\n"
    )
    assert problems == ["8 M004"]
    assert ("coercion", 9) in ctx.refs.glossary
    assert "alert" not in html


def test_a_link_the_sanitiser_would_drop_is_reported():
    html, problems, _ctx = _check("See [the file](data:text/html,hi) or [mail](mailto:a@b.rs).\n")
    assert problems == ["6 M012"]
    assert 'href="mailto:a@b.rs"' in html


def test_two_equal_images_are_reported_on_their_own_lines():
    _html, problems, _ctx = _check("![](images/a.svg)\n\ntext\n\n![](images/a.svg)\n")
    assert problems == ["6 M002", "10 M002"]


def test_html_shown_as_code_is_not_raw_html():
    html, problems, _ctx = _check("Type `<b>` or:\n\n    <i>this</i>\n\nbut not <b>this</b>.\n")
    assert problems == ["10 M001"]
    assert "&lt;i&gt;this&lt;/i&gt;" in html


def test_a_broken_language_mark_is_found_on_its_line_after_a_correct_one():
    _html, problems, _ctx = _check("[Report]{lang=en} is fine.\n\n„Block“{lang=en} is not.\n")
    assert problems == ["8 M011"]


def test_a_top_level_heading_is_a_warning_once_per_page():
    _html, problems, _ctx = _check("Intro.\n\n# Title\n\n# Again\n")
    assert problems == ["8 M010"]


def test_quiz_texts_are_checked_like_lessons():
    problems = ProblemList()
    ctx = RenderContext(Path("quiz.en.yaml"), "en", problems, lambda _src: None)
    render_inline("Ask [first][f].\n\n[f]: javascript:void(0)", ctx, 12)
    assert [(p.line, p.code) for p in problems] == [(14, "M004")]


def test_a_facilitator_only_box_in_a_lesson_is_an_error():
    # Learners read lessons: an activity's answers must not be published there by mistake.
    _html, problems, _ctx = _check("Text.\n\n!!! facilitator-only\n\n    The answers.\n")
    assert problems == ["8 M005"]


def test_a_facilitator_only_box_in_the_notes_gets_a_title_in_the_language():
    problems = ProblemList()
    ctx = RenderContext(Path("facilitator.sr-Latn.md"), "sr-Latn", problems, lambda _src: None)
    blocks, _headings = render_markdown("!!! facilitator-only\n\n    Odgovori.\n", 6, ctx)
    html = "".join(b.html for b in blocks)
    assert not list(problems)
    assert 'class="admonition facilitator-only"' in html and "Samo za vas" in html
