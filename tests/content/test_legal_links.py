"""A lesson can link straight to the fact it summarises in the legal guide.

Module 3 keeps a short text for learners and leaves the law, article, source and date to the
legal guide, one tap away: ``country:rs#o-rs-kz-145`` opens Serbia's page at Art. 145,
``country:#tools`` the guide's first page at the removal tools. A link to a section that does
not exist is reported by the checker, and every section the checker accepts exists on the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.legal_links import country_anchors, index_anchors, link_problem
from app.content.markdown import RenderContext, localize_links, render_markdown
from app.content.problems import ProblemList
from tests.helpers import PROJECT, make_app, real_catalog
from tests.schema import reset_schema


@pytest.fixture(scope="module")
def real():
    catalog, _problems = real_catalog()
    return catalog


@pytest.fixture(scope="module")
def client(real):
    app = make_app(real, COURSES_DIR=str(PROJECT / "courses"))
    reset_schema(app)
    return app.test_client()


def _render(body: str, language: str = "en") -> str:
    ctx = RenderContext(
        path=Path("lesson.en.md"),
        language=language,
        problems=ProblemList(),
        media_url=lambda _src: None,
    )
    blocks, _headings = render_markdown(body, 1, ctx)
    return localize_links("".join(b.html for b in blocks), language)


def test_a_link_to_an_offence_opens_the_country_page_at_that_offence():
    html = _render("Art. 145 ([details](country:rs#o-rs-kz-145)).", "sr-Cyrl")
    assert 'href="/sr-Cyrl/legal/rs#o-rs-kz-145"' in html


def test_a_link_without_a_country_opens_the_guides_first_page():
    assert 'href="/en/legal/#tools"' in _render("See the [tools](country:#tools).")


@pytest.mark.parametrize(
    "target",
    [
        "rs",
        "rs#report",
        "rs#o-rs-kz-145",
        "ba#o-ba-fbih-210e",
        "hr#minors",
        "",
        "#tools",
        "#eu-dir-2024-1385",
    ],
)
def test_links_to_existing_sections_pass_the_check(real, target):
    assert link_problem(target, real.legal) is None


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("yu", "R002"),
        ("yu#report", "R002"),
        ("rs#o-hr-kz-144a", "R003"),
        ("rs#sources", "R003"),
        ("hr#not-a-crime", "R003"),
        ("#rs", "R003"),
    ],
)
def test_links_to_missing_pages_or_sections_are_reported(real, target, code):
    problem = link_problem(target, real.legal)
    assert problem is not None and problem[0] == code


def test_every_accepted_anchor_exists_on_the_rendered_pages(real, client):
    for country in real.legal.countries:
        html = client.get(f"/en/legal/{country.code}").get_data(as_text=True)
        for anchor in country_anchors(country):
            assert f'id="{anchor}"' in html, (country.code, anchor)
    html = client.get("/en/legal/").get_data(as_text=True)
    for anchor in index_anchors(real.legal):
        assert f'id="{anchor}"' in html, anchor
