"""Facilitator notes: every module points to the one shared section on school duties."""

from __future__ import annotations

import re

import pytest

from app.content.loader import load_catalog
from tests.helpers import PROJECT

SHARED_MODULE = "consent"


@pytest.fixture(scope="module")
def course():
    catalog, _problems = load_catalog(PROJECT / "courses", root=PROJECT)
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
