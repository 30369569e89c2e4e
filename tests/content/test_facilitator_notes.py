"""Facilitator notes: every module points to the one shared section on school duties."""

from __future__ import annotations

import re

import pytest

from app.services import teaching
from tests.helpers import real_catalog

SHARED_MODULE = "consent"


@pytest.fixture(scope="module")
def course():
    catalog, _problems = real_catalog()
    return catalog.course("consent-images-rights")


@pytest.mark.parametrize("language", ["en", "sr-Latn", "sr-Cyrl"])
def test_every_module_links_to_the_shared_school_section_that_exists(course, language):
    shared = course.module(SHARED_MODULE).facilitator[language]
    anchors = {heading.anchor for heading in shared.headings}
    for module in course.modules:
        if module.slug == SHARED_MODULE:
            continue
        html = "".join(block.html for block in module.facilitator[language].blocks)
        targets = re.findall(rf'href="{SHARED_MODULE}#([^"]+)"', html)
        assert targets, f"{module.slug} ({language}) does not link to the shared section"
        assert set(targets) <= anchors, (module.slug, language, set(targets) - anchors)


@pytest.mark.parametrize("language", ["en", "sr-Latn"])
def test_the_record_form_never_asks_for_the_image(course, language):
    shared = course.module(SHARED_MODULE).facilitator[language]
    html = "".join(block.html for block in shared.blocks)
    never = {"en": "Never collect or attach", "sr-Latn": "Nikada ne prikupljajte"}[language]
    assert never in html


def test_no_handout_prints_the_answers_of_an_activity(course):
    """Every activity's answers (what to draw out, the debrief) are marked for the
    facilitator alone: the notes show them, the handout a teacher prints does not."""
    for module in course.modules:
        for language, notes in module.facilitator.items():
            html = "".join(block.html for block in notes.blocks)
            assert 'class="admonition facilitator-only"' in html, (module.slug, language)
            handout = teaching.activity(module, language)
            assert handout is not None, (module.slug, language)
            assert "facilitator-only" not in handout, (module.slug, language)
    answers = teaching.activity(course.module("if-it-happened-to-you"), "en")
    assert answers is not None
    assert "Sort the cards" in answers and "Cards 2, 4, 8 and 11 do not help" not in answers
