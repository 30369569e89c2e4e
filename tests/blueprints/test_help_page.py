"""The help page, read by someone in crisis on a phone: numbers to call come first, each a
tap-to-call link from the legal guide; sources are one tap away, not in the way."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from app.web.country import help_now
from tests.helpers import PROJECT, make_app, real_catalog
from tests.schema import reset_schema

LANGS = ["en", "sr-Latn", "sr-Cyrl"]


@pytest.fixture(scope="module")
def real():
    catalog, problems = real_catalog()
    assert not problems.errors
    return catalog


@pytest.fixture(scope="module")
def real_client(real):
    app = make_app(real, COURSES_DIR=str(PROJECT / "courses"))
    reset_schema(app)
    return app.test_client()


def _tel(phone: str) -> str:
    return "tel:" + ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def _now_section(html: str) -> str:
    start = html.index('<section class="help-now"')
    return html[start : html.index('<section aria-labelledby="next">')]


def _guide_phones(catalog) -> set[str]:  # type: ignore[no-untyped-def]
    legal = catalog.legal
    contacts = [
        c
        for country in legal.countries
        for c in (*country.crisis, *country.support, *country.report)
    ]
    contacts += list(legal.frame.report)
    return {_tel(p) for c in contacts for p in c.phones}


@pytest.mark.parametrize("lang", LANGS)
def test_serbia_opens_with_the_police_and_crisis_lines_as_tap_to_call_links(
    real, real_client, lang: str
):
    html = real_client.get(f"/{lang}/help?country=rs").get_data(as_text=True)
    now = _now_section(html)
    serbia = real.legal.country("rs")
    order = [_tel(p) for p in serbia.report[0].phones]  # the police, in danger
    order += [_tel(p) for c in serbia.crisis for p in c.phones]
    positions = [now.index(f'href="{tel}"') for tel in order]
    assert positions == sorted(positions), "police first, then the crisis lines in guide order"
    # Nothing but the page's title stands before them: no sources, no long explanations.
    assert html.index('<section class="help-now"') < html.index('id="next"')
    assert html.index("<h1>") < html.index('<section class="help-now"')
    assert not re.search(r"<p[^>]*>[^<]{300,}", html[: html.index('<section class="help-now"')])


def test_every_number_on_the_help_page_is_in_the_legal_guide(real, real_client):
    known = _guide_phones(real)
    for code in [c.code for c in real.legal.countries]:
        for lang in LANGS:
            html = real_client.get(f"/{lang}/help?country={code}").get_data(as_text=True)
            tels = set(re.findall(r'href="(tel:[^"]+)"', html))
            assert tels, (code, lang)
            assert tels <= known, (code, lang, tels - known)


@pytest.mark.parametrize("code", ["rs", "me", "hr", "xk", "ba", "mk", "al"])
def test_each_countrys_crisis_numbers_and_confirmed_helplines_come_first(real, real_client, code):
    country = real.legal.country(code)
    now = _now_section(real_client.get(f"/en/help?country={code}").get_data(as_text=True))
    numbers = help_now(country)
    for contact in (*country.crisis, *numbers.helplines):
        for phone in contact.phones:
            assert f'href="{_tel(phone)}"' in now, (code, phone)
        assert str(escape(contact.name["en"])) in now
    # A line the guide marks as only partly confirmed is not among the first numbers.
    for contact in country.support:
        if contact.confidence == "partial":
            assert str(escape(contact.name["en"])) not in now, (code, contact.id)


@pytest.mark.parametrize("lang", LANGS)
def test_sources_and_check_dates_are_folded_away(real_client, lang: str):
    html = real_client.get(f"/{lang}/help?country=rs").get_data(as_text=True)
    sources = [m.start() for m in re.finditer(r'<p class="source">', html)]
    assert sources
    for at in sources:
        before = html[:at]
        assert before.rfind("<details") > before.rfind("</details>"), "every source is in a fold"


def test_a_learner_with_no_country_gets_the_likely_countries_numbers_each_named(real_client):
    fresh = real_client.application.test_client()  # no country remembered from other tests
    html = fresh.get("/sq/help").get_data(as_text=True)
    now = _now_section(html)
    for name in ("Kosova", "Shqipëria", "Maqedonia e Veriut"):
        assert name in now, name
    assert 'href="tel:112"' in now
    assert 'id="country-hint"' in html


def _report_names(html: str) -> list[str]:
    start = html.index("Where to report in")
    return re.findall(r"<h3>([^<]+)</h3>", html[start : html.index("What the law says in", start)])


def test_the_chosen_entitys_report_entry_comes_first(real, real_client):
    ba = real.legal.country("ba")
    names = [str(escape(c.name["en"])) for c in ba.report]
    fresh = real_client.application.test_client()
    assert _report_names(fresh.get("/en/help?country=ba").get_data(as_text=True)) == names
    fresh.get("/en/legal/ba?area=rs")
    html = fresh.get("/en/help").get_data(as_text=True)  # the country came with the area
    first = _report_names(html)
    assert first[0] == "Republika Srpska Ministry of the Interior, Unit for High-Tech Crime"
    assert sorted(first) == sorted(names)  # reordered, nothing left out
    # Another entity: its own entries (none here) and then the whole country's, in file order.
    fresh.get("/en/legal/ba?area=fbih")
    order = _report_names(fresh.get("/en/help").get_data(as_text=True))
    assert order[-1].startswith("Republika Srpska Ministry") and order[0] == names[0]
    assert help_now(ba, "rs").report[0].id == "ba-rs-mup-vtk"
    assert help_now(ba).report == ba.report
