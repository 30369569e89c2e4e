"""Whatever names something that does not exist (a course, module, lesson, class,
organisation, learner, certificate or country) gets the site's own 404 page, in the
visitor's language, from one error handler: never a bare error or a 500."""

from __future__ import annotations

import dataclasses

import pytest

from tests.factories import join, log_in, make_class, make_facilitator
from tests.helpers import make_app
from tests.schema import reset_schema

NOT_FOUND_TITLE = "Page not found"

# One unknown id or slug per blueprint and kind of lookup, for anybody.
PUBLIC_MISSES = [
    "/en/courses/nope/",
    "/en/courses/demo/nope/",
    "/en/courses/demo/basics/nope",
    "/en/courses/demo/basics/quiz/result/1",
    "/en/present/nope/basics/intro",
    "/en/present/demo/basics/nope",
    "/en/handout/demo/nope",
    "/en/legal/zz",
    "/en/certificates/claim/nope",
    "/en/certificates/K7QM-9XTR-4HNP-WZ3E",
    "/en/certificates/K7QM-9XTR-4HNP-WZ3E.pdf",
    "/en/certificates/K7QM-9XTR-4HNP-WZ3E/revoke",
    "/credentials/status/7",
]
# For a facilitator who runs class 1 (with one learner) in organisation 1.
FACILITATOR_MISSES = [
    "/en/classes/999/",
    "/en/classes/999/edit",
    "/en/classes/999/sheet",
    "/en/classes/999/progress.csv",
    "/en/classes/1/learners/999",
    "/en/classes/1/notes/nope",
    "/en/classes/new?course=nope",
    "/en/classes/organisations/999",
    "/en/classes/999/certificates",
    "/en/classes/999/certificates.pdf",
]


def _assert_404_page(response, url):
    assert response.status_code == 404, url
    page = response.get_data(as_text=True)
    assert NOT_FOUND_TITLE in page, url
    assert 'href="/exit"' in page, f"{url}: the 404 page lost the quick exit"


@pytest.fixture
def facilitator(app):
    teacher = make_facilitator(app)
    _org, _class_id, code = make_class(app, teacher)
    join(app.test_client(), code, "Mila")
    client = app.test_client()
    log_in(client, "teacher")
    return client


@pytest.mark.parametrize("url", PUBLIC_MISSES)
def test_unknown_slugs_and_ids_get_the_404_page(client, url):
    _assert_404_page(client.get(url), url)


@pytest.mark.parametrize("url", FACILITATOR_MISSES)
def test_unknown_classes_organisations_and_learners_get_the_404_page(facilitator, url):
    _assert_404_page(facilitator.get(url), url)


def test_posts_about_unknown_things_get_the_404_page(app, facilitator):
    for url, data in [
        ("/en/courses/demo/basics/nope/done", {}),
        ("/en/classes/1/members/999/remove", {}),
        ("/en/classes/1/members/999/remove", {"confirm": "yes"}),
        ("/en/classes/999/archive", {}),
        ("/en/classes/1/certificates/issue/999", {"name": "Mila Petrović"}),
        ("/en/classes/organisations/999/members/1/remove", {"confirm": "yes"}),
    ]:
        _assert_404_page(facilitator.post(url, data=data), url)


def test_the_404_page_speaks_the_language_of_the_address(client):
    response = client.get("/sr-Latn/courses/nope/")
    assert response.status_code == 404
    assert 'lang="sr-Latn"' in response.get_data(as_text=True)


def test_a_site_without_a_legal_guide_answers_its_pages_with_404(catalog):
    app = make_app(dataclasses.replace(catalog, legal=None))
    reset_schema(app)
    client = app.test_client()
    for url in ("/en/legal/", "/en/legal/compare", "/en/legal/rs"):
        _assert_404_page(client.get(url), url)
