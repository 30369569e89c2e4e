"""The start page's course cards say whom each course is for (issue 12, the parents' strand).

A parent must see at a glance that a course is theirs; a teenager must not read "from age
18" on a course about images and think it is adult content.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.helpers import PROJECT, make_app, real_catalog
from tests.schema import reset_schema


@pytest.fixture(scope="module")
def client():
    catalog, _problems = real_catalog()
    app = make_app(catalog, COURSES_DIR=str(PROJECT / "courses"))
    reset_schema(app)
    return app.test_client()


def card_meta(page: str, course_slug: str) -> str:
    """The text of the meta line of the card that links to ``course_slug``."""
    link = rf'href="[^"]*/courses/{course_slug}/"'
    card = re.search(rf'{link}.*?<p class="meta">(.*?)</p>', page, re.S)
    assert card is not None, f"no card for {course_slug}"
    return unescape(re.sub(r"<[^>]+>", "", card.group(1)))


def test_the_parents_course_card_names_its_audience_not_an_age(client):
    page = client.get("/en/").get_data(as_text=True)
    meta = card_meta(page, "for-parents")
    assert "For: Parents, carers and other adults who look after a teenager" in meta
    assert "From age" not in meta


def test_the_learners_course_card_keeps_its_age(client):
    page = client.get("/en/").get_data(as_text=True)
    assert "From age 14" in card_meta(page, "consent-images-rights")


@pytest.mark.parametrize(
    ("lang", "audience"),
    [
        ("sr-Latn", "Roditelji, staratelji i druge odrasle osobe"),
        ("sr-Cyrl", "Родитељи, старатељи и друге одрасле особе"),
        ("sq", "Prindërit, kujdestarët"),
        ("mk", "Родители, старатели"),
    ],
)
def test_the_parents_card_names_its_audience_in_the_learners_language(client, lang, audience):
    page = client.get(f"/{lang}/").get_data(as_text=True)
    assert audience in card_meta(page, "for-parents")
