"""The legal pages: a crisis line comes first, every fact shows its date, old facts reach admins."""

from __future__ import annotations

import re

from app.content.ext import get_catalog
from tests.factories import log_in


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_country_page_opens_with_the_crisis_line_and_dates_every_fact(app, client):
    html = client.get("/en/legal/rs").get_data(as_text=True)
    crisis = html.index('id="crisis"')
    assert crisis < html.index('id="offences"')
    assert "If it feels unbearable" in html
    with app.app_context():
        country = get_catalog().legal.country("rs")
        facts = list(country.facts())
    assert country.crisis, "the fixture country has a crisis entry"
    for phone in country.crisis[0].phones:
        assert phone in html[crisis:html.index('id="offences"')]
    # Every sourced item on the page carries its own "last checked" date (written in the
    # page's language, with the ISO date for machines: tests/blueprints/test_typography.py).
    assert len(re.findall(r'last checked <time datetime="\d{4}-\d{2}-\d{2}">', html)) == len(facts)
    for item in facts:
        assert f'last checked <time datetime="{item.checked.isoformat()}">' in html


def test_country_page_in_cyrillic_has_the_crisis_section(client):
    html = client.get("/sr-Cyrl/legal/rs").get_data(as_text=True)
    assert "Ако ти постане неиздрживо" in html


def test_help_page_lists_the_crisis_line_of_the_chosen_country(app, client):
    html = client.get("/en/help?country=rs").get_data(as_text=True)
    assert 'id="crisis"' in html and "If it feels unbearable" in html
    with app.app_context():
        phone = get_catalog().legal.country("rs").crisis[0].phones[0]
    assert phone in html


def test_admin_page_lists_legal_facts_due_for_a_check(app, client):
    runner = app.test_cli_runner()
    runner.invoke(args=["users", "create-admin", "chief"],
                  input="a long unusual phrase\na long unusual phrase\n")
    log_in(client, "chief")
    html = client.get("/en/admin/").get_data(as_text=True)
    assert "Legal facts due for a new check" in html
    # Checked in 2023: over 18 months old on any day this test can run.
    assert "rs-nadel" in html and "2023-01-01 (over 18 months)" in _text(html)
