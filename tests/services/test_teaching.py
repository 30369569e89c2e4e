"""A module cut for a classroom: projector screens, and what a two-page handout keeps."""

from __future__ import annotations

import dataclasses

import pytest

from app.content.model import Block, Page
from app.services import teaching
from tests.helpers import real_catalog


def _page(*blocks: Block) -> Page:
    return Page(language="en", title="T", blocks=blocks, headings=(), path="x.md", content_hash="0")


@pytest.fixture(scope="module")
def real():
    loaded, _problems = real_catalog()
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


def test_key_points_are_the_boxes_of_each_lesson_or_its_section_headings(catalog):
    module = catalog.course("demo").module("basics")
    points = teaching.key_points(module, "en")
    assert [p.title for p in points] == ["What consent is", "Asking first"]
    assert len(points[0].boxes) == 1 and "You can change your mind." in points[0].boxes[0]
    assert points[0].sections == ()
    module = dataclasses.replace(module, lessons=module.lessons[:1])
    lesson = dataclasses.replace(
        module.lessons[0],
        versions={
            "en": dataclasses.replace(
                module.lessons[0].page("en"), blocks=(Block('<h2 id="x">Only a section</h2>'),)
            )
        },
    )
    bare = teaching.key_points(dataclasses.replace(module, lessons=(lesson,)), "en")[0]
    assert bare.boxes == () and bare.sections == tuple(
        h.text for h in lesson.page("en").headings if h.level == 2
    )


def test_a_box_with_a_box_inside_is_kept_whole():
    html = (
        '<div class="admonition tip"><p class="admonition-title">In short</p>'
        '<div class="inner"><p>kept</p></div><p>also kept</p></div><p>not in the box</p>'
    )
    assert list(teaching._boxes(html)) == [
        '<p class="admonition-title">In short</p><div class="inner"><p>kept</p></div>'
        "<p>also kept</p>"
    ]


@pytest.mark.parametrize("language", ["en", "sr-Latn", "sr-Cyrl", "sq", "mk"])
def test_every_module_of_the_course_has_key_points_and_an_activity(course, language):
    for module in course.modules:
        activity = teaching.activity(module, language)
        assert activity is not None, (module.slug, language)
        assert activity.lstrip().startswith("<h2"), (module.slug, language)
        for point in teaching.key_points(module, language):
            assert point.boxes or point.sections, (module.slug, point.title)


def test_help_contacts_put_crisis_lines_first_and_the_police_last(real):
    # A crisis line is whatever the country's file lists under crisis (a children's helpline
    # may be one); the police come after every helpline.
    for country in real.legal.countries:
        crisis = {c.id for c in country.crisis}
        contacts = teaching.help_contacts(country)
        assert 0 < len(contacts) <= teaching.HELP_CONTACTS, country.code
        assert all(c.phones for c in contacts), country.code
        kinds = [0 if c.id in crisis else 2 if c.kind == "police" else 1 for c in contacts]
        assert kinds == sorted(kinds) and kinds[0] == 0, (country.code, kinds)
    assert teaching.help_contacts(None) == ()
