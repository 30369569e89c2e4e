"""Content loading: the valid fixture loads cleanly; each broken one reports path:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.loader import load_catalog
from tests.helpers import FIXTURES, PROJECT, VALID_COURSES

BROKEN = FIXTURES / "courses" / "broken"


def test_valid_fixture_loads_every_lesson_quiz_and_language(catalog):
    course = catalog.course("demo")
    assert [m.slug for m in course.modules] == ["basics", "next"]
    basics = course.module("basics")
    assert [lesson.slug for lesson in basics.lessons] == ["intro", "more"]
    assert course.duration == 5 + 7 + 6
    assert set(course.languages) == {"en", "sr-Latn", "sr-Cyrl"}
    assert [q.type for q in basics.quiz.questions] == ["single", "multiple", "true-false"]
    assert basics.quiz.questions[1].correct == frozenset({0, 2})


def test_lesson_features_render(catalog):
    page = catalog.course("demo").module("basics").lesson("intro").page("en")
    html = "".join(block.html for block in page.blocks)
    assert "<table>" in html
    assert 'class="admonition note"' in html
    assert 'href="/_/glossary#term-consent"' in html
    assert 'alt="A grey rectangle standing for a bench" src="/course-media/demo/bench.svg"' in html
    assert [h.anchor for h in page.headings] == ["signs-of-consent", "a-threat", "after-the-note"]
    notes = [block for block in page.blocks if block.note]
    assert len(notes) == 1 and notes[0].note == "This section describes a threat."
    assert "threatens" in notes[0].html


def test_cyrillic_is_made_from_latin(catalog):
    lesson = catalog.course("demo").module("basics").lesson("intro")
    page = lesson.page("sr-Cyrl")
    assert page.language == "sr-Cyrl"
    assert page.title == "Шта је пристанак"
    assert "Напомена" in page.blocks[0].html  # the callout title, translated then transliterated
    question = catalog.course("demo").module("basics").quiz.questions[2]
    assert question.text("sr-Cyrl").options[0].text == "Тачно"


def test_missing_language_falls_back_along_the_chain(catalog):
    lesson = catalog.course("demo").module("basics").lesson("intro")
    assert lesson.page("bs").language == "sr-Latn"
    assert lesson.page("sq").language == "en"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("bad-yaml", "demo/course.yaml:5: error C001 YAML syntax"),
        ("missing-field", "demo/01-basics/module.yaml:1: error C004 'title' is missing"),
        (
            "unknown-option",
            "demo/01-basics/quiz.en.yaml:10: error Q010 question 'forward': "
            "unknown option field 'corect'",
        ),
        (
            "no-correct-answer",
            "demo/01-basics/quiz.en.yaml:6: error Q002 question 'forward': "
            "a single-choice question needs exactly one correct option, found 0",
        ),
        (
            "broken-glossary-link",
            "demo/01-basics/02-more.en.md:7: error R001 glossary term 'coersion' does not exist",
        ),
        (
            "broken-country-link",
            "demo/01-basics/01-intro.en.md:7: error R003 the page of 'rs' "
            "has no section '#nowhere'",
        ),
        (
            "image-without-alt",
            "demo/01-basics/01-intro.en.md:18: error M002 image 'images/bench.svg' has no alt text",
        ),
        (
            "missing-translation",
            "demo/01-basics/02-more.sr-Latn.md:0: error T001 lesson missing "
            "in declared language 'sr-Latn'",
        ),
        ("raw-html", "demo/01-basics/02-more.en.md:7: error M001 raw HTML is not allowed"),
        (
            "quiz-mismatch",
            "demo/01-basics/quiz.sr-Latn.yaml:13: error Q015 question 'signs' has a "
            "different type, number of options or correct answers",
        ),
        (
            "unclosed-note",
            "demo/01-basics/01-intro.en.md:20: error M009 content note is never closed",
        ),
        # A reference-style image or link is reported at the line of its definition.
        (
            "reference-image",
            "demo/01-basics/02-more.en.md:11: error M003 image "
            "'images/park-bench.svg' not found in the course's images/ folder",
        ),
        (
            "reference-javascript",
            "demo/01-basics/02-more.en.md:9: error M004 javascript: links are not allowed",
        ),
    ],
)
def test_each_broken_fixture_reports_its_file_and_line(case, expected):
    _catalog, problems = load_catalog(BROKEN / case, root=BROKEN / case)
    messages = [str(p) for p in problems]
    assert any(m.startswith(expected) for m in messages), messages


def test_raw_html_never_reaches_the_page():
    catalog, _problems = load_catalog(BROKEN / "raw-html", root=PROJECT)
    page = catalog.course("demo").module("basics").lesson("more").page("en")
    assert "<script" not in page.blocks[0].html


def test_check_command_prints_problems_and_fails(runner_for):
    result = runner_for(BROKEN / "image-without-alt").invoke(args=["courses", "check"])
    assert result.exit_code == 1
    assert "01-intro.en.md:18: error M002" in result.output


def test_check_command_passes_on_valid_content(runner_for):
    result = runner_for(VALID_COURSES).invoke(args=["courses", "check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


@pytest.fixture
def runner_for():
    from app import create_app

    def make(courses: Path):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "DATABASE_URL": "sqlite://",
                "COURSES_DIR": str(courses),
            }
        )
        return app.test_cli_runner()

    return make
