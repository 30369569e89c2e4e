"""A module cut for a classroom: projector screens, and what a two-page handout keeps."""

from __future__ import annotations

import pytest

from app.content.loader import load_catalog
from app.content.model import Block, Page
from app.services import teaching
from tests.conftest import PROJECT


def _page(*blocks: Block) -> Page:
    return Page(language="en", title="T", blocks=blocks, headings=(), path="x.md", content_hash="0")


@pytest.fixture(scope="module")
def real():
    loaded, _problems = load_catalog(PROJECT / "courses", root=PROJECT)
    return loaded


@pytest.fixture(scope="module")
def course(real):
    return real.courses[0]


def test_a_lesson_opens_with_its_introduction_then_one_screen_per_section(catalog):
    page = catalog.course("demo").module("basics").lesson("intro").page("en")
    screens = teaching.screens(page)
    assert [s.title for s in screens] == [None, "Signs of consent", "A threat", "After the note"]
    assert "Consent means a free" in screens[0].html and "<h2" not in screens[0].html
    assert screens[1].html.lstrip().startswith("<h2") and "bench.svg" in screens[1].html
    # The content note is read before the passage it warns about, and only there.
    assert [s.note for s in screens] == [None, None, "This section describes a threat.", None]


def test_a_content_note_that_interrupts_a_section_starts_its_own_screen():
    page = _page(
        Block('<h2 id="a">A</h2><p>one</p>'),
        Block("<p>two, hard to read</p>", note="Hard to read."),
        Block("<p>three</p>"),
    )
    screens = teaching.screens(page)
    assert [(s.title, s.note) for s in screens] == [
        ("A", None),
        (None, "Hard to read."),
        (None, None),
    ]
    assert [s.html for s in screens[1:]] == ["<p>two, hard to read</p>", "<p>three</p>"]


def test_a_section_with_a_content_note_inside_keeps_the_note_on_all_of_it():
    page = _page(
        Block('<h2 id="a">A</h2><p>hard</p><h2 id="b">B</h2><p>hard too</p>', note="Hard to read.")
    )
    assert [(s.title, s.note) for s in teaching.screens(page)] == [
        ("A", "Hard to read."),
        ("B", "Hard to read."),
    ]


def test_an_empty_page_is_one_empty_screen():
    assert teaching.screens(_page()) == (teaching.Screen(html="", title=None, note=None),)
