"""Present mode (a lesson on a projector, one section per screen) and the two handouts
(two pages per module, and the full text), as a facilitator and a learner get them."""

from __future__ import annotations

import dataclasses
import re

import pytest

from app.content.model import Block, Heading, Page
from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import make_app
from tests.schema import reset_schema

PRESENT = "/en/present/demo/basics"
HANDOUT = "/en/handout/demo/basics"


def _links(page: str) -> dict[str, str]:
    """The presentation's navigation: rel="prev", rel="next", and the way back."""
    nav = page[page.index('class="present__nav"') :]
    found = {
        rel: href.replace("&amp;", "&")
        for rel, href in re.findall(r'rel="(prev|next)" href="([^"]+)"', nav)
    }
    found["back"] = re.search(r'class="present__back" href="([^"]+)"', nav).group(1)
    return found


def test_a_lesson_is_presented_one_section_at_a_time(client):
    first = client.get(f"{PRESENT}/intro").get_data(as_text=True)
    assert 'class="present-mode"' in first and "Screen 1 of 4" in first
    assert '<h1 class="present__title">What consent is</h1>' in first
    assert "Consent means a free" in first and "Signs of consent" not in first
    assert _links(first) == {"next": f"{PRESENT}/intro?part=2", "back": "/en/courses/demo/basics/"}
    second = client.get(f"{PRESENT}/intro?part=2").get_data(as_text=True)
    assert "Signs of consent" in second and "Consent means a free" not in second
    assert _links(second)["prev"] == f"{PRESENT}/intro"
    warned = client.get(f"{PRESENT}/intro?part=3").get_data(as_text=True)
    assert warned.index("This section describes a threat.") < warned.index("Someone threatens")


def test_previous_and_next_go_on_across_the_lessons_of_the_module(client):
    last = client.get(f"{PRESENT}/intro?part=4").get_data(as_text=True)
    assert _links(last)["next"] == f"{PRESENT}/more"
    following = client.get(f"{PRESENT}/more").get_data(as_text=True)
    assert _links(following)["prev"] == f"{PRESENT}/intro?part=4"
    assert "next" not in _links(following)
    assert ">End</a>" in following


def test_opened_from_a_class_it_leads_back_to_the_class(client):
    page = client.get(f"{PRESENT}/intro?part=2&class=7").get_data(as_text=True)
    links = _links(page)
    assert links["back"] == "/en/classes/7/" and "Back to the class" in page
    assert links["prev"] == f"{PRESENT}/intro?class=7"
    assert links["next"] == f"{PRESENT}/intro?part=3&class=7"
    for junk in ("0", "abc", "99999999999", "-1", "７"):
        page = client.get(f"{PRESENT}/intro?class={junk}").get_data(as_text=True)
        assert _links(page)["back"] == "/en/courses/demo/basics/", junk


@pytest.mark.parametrize("part", ["0", "5", "x", "", "-1", "99999999999"])
def test_a_screen_that_does_not_exist_is_404(client, part):
    assert client.get(f"{PRESENT}/intro?part={part}").status_code == 404


def test_the_dashboard_presents_with_a_way_back_to_the_class(app, client):
    teacher = make_facilitator(app)
    _org, class_id, _code = make_class(app, teacher)
    log_in(client, "teacher")
    dashboard = client.get(f"/en/classes/{class_id}/").get_data(as_text=True)
    assert f'href="{PRESENT}/intro?class={class_id}"' in dashboard
    assert f'href="{HANDOUT}"' in dashboard


# Handouts ---------------------------------------------------------------------------------


def test_the_handout_has_the_key_points_and_the_help_numbers_of_the_country(client):
    page = client.get(f"{HANDOUT}?country=rs").get_data(as_text=True)
    assert "Key points" in page
    assert "1. What consent is" in page and "2. Asking first" in page
    assert "You can change your mind." in page
    assert "Where to get help: Serbia" in page
    assert 'href="tel:192"' in page and 'href="tel:0800000000"' in page
    assert "http://127.0.0.1:5000/en/help" in page  # readable on paper: the whole address
    assert "data-print" in page and f'href="{HANDOUT}/full"' in page
    # The full text is the other handout, not this one.
    assert "Someone threatens to share a photo." not in page


def test_the_full_text_handout_has_every_lesson(client):
    page = client.get(f"{HANDOUT}/full").get_data(as_text=True)
    assert "Someone threatens to share a photo." in page and "Ask before you share." in page
    assert f'href="{HANDOUT}"' in page


def _with_an_activity(catalog):
    course = catalog.course("demo")
    module = course.module("basics")
    notes = Page(
        language="en",
        title="Notes for basics",
        path="facilitator.en.md",
        content_hash="0",
        headings=(Heading(2, "Activity: sort the cards", "act"),),
        blocks=(
            Block(
                '<h2 id="goals">Learning goals</h2><p>FACILITATOR-GOALS</p>'
                '<h2 id="act">Activity: sort the cards</h2>'
                "<p>FACILITATOR-ACTIVITY</p>"
                '<h2 id="prompts">Discussion prompts</h2><p>PROMPTS</p>'
            ),
        ),
    )
    module = dataclasses.replace(module, facilitator={"en": notes})
    course = dataclasses.replace(course, modules=(module, *course.modules[1:]))
    return dataclasses.replace(catalog, courses=(course, *catalog.courses[1:]))


def test_the_activity_is_on_the_handout_for_facilitators_only(catalog):
    app = make_app(_with_an_activity(catalog))
    reset_schema(app)
    teacher = make_facilitator(app)
    _org, _class_id, code = make_class(app, teacher)
    facilitator = app.test_client()
    log_in(facilitator, "teacher")
    page = facilitator.get(HANDOUT).get_data(as_text=True)
    assert "Activity: sort the cards" in page and "FACILITATOR-ACTIVITY" in page
    assert "FACILITATOR-GOALS" not in page and "PROMPTS" not in page
    learner = app.test_client()
    join(learner, code, "Mila")
    for client in (learner, app.test_client()):
        page = client.get(HANDOUT).get_data(as_text=True)
        assert "Key points" in page and "FACILITATOR" not in page


def test_a_handout_always_prints_help_numbers(client):
    """English names no country: the first one is printed (as on the help page) until the
    teacher picks theirs, and the choice is the one the form shows."""
    page = client.get(HANDOUT).get_data(as_text=True)
    assert "Where to get help: Serbia" in page and 'href="tel:192"' in page
    assert '<option value="rs" selected>' in page
