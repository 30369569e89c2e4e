"""The legal pages: a crisis line comes first, every fact shows its date, old facts reach admins."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.content.ext import get_catalog
from app.content.translit import strip_marks
from tests.factories import log_in
from tests.helpers import PROJECT, csrf_token, make_app, real_catalog
from tests.schema import reset_schema


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
        assert phone in html[crisis : html.index('id="offences"')]
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
    runner.invoke(
        args=["users", "create-admin", "chief"],
        input="a long unusual phrase\na long unusual phrase\n",
    )
    log_in(client, "chief")
    html = client.get("/en/admin/").get_data(as_text=True)
    assert "Legal facts due for a new check" in html
    # Checked in 2023: over 18 months old on any day this test can run.
    assert "rs-nadel" in html and "2023-01-01 (over 18 months)" in _text(html)


# --------------------------------------------------------------------------------------------
# The real guide in Albanian and Macedonian: every country page and the comparison table are
# read in the learner's language, with no English left over and no "not translated" notice.
# --------------------------------------------------------------------------------------------

COURSES = PROJECT / "courses"
LEGAL = COURSES / "legal"
TRANSLATED = ("sq", "mk", "hr", "bs", "cnr")


def _texts(node: Any) -> Iterator[dict[str, str]]:
    """Every per-language text of a legal file (a mapping with an ``en`` entry)."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(v, str) for v in node.values()):
            yield node
            return
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _country_files() -> list[Path]:
    return sorted(p for p in LEGAL.glob("*.yaml") if p.stem not in {"frame", "verified"})


def _reader_text(html: str) -> str:
    """What a reader sees as the page's own words: cited sources and quoted original titles
    are shown as published (often in English), so they are left out."""
    body = re.sub(r'<p class="source">.*?</p>', " ", html, flags=re.S)
    body = re.sub(r'<span lang="[^"]+">.*?</span>', " ", body, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def real_client():
    catalog, problems = real_catalog()
    assert not problems.errors, [str(p) for p in problems.errors]
    app = make_app(catalog, COURSES_DIR=str(COURSES))
    reset_schema(app)
    return app.test_client()


@pytest.mark.parametrize("path", _country_files(), ids=lambda p: p.stem)
def test_every_text_of_a_country_file_is_in_albanian_and_macedonian(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for lang in TRANSLATED:
        missing = [t["en"] for t in _texts(data) if not (t.get(lang) or "").strip()]
        assert missing == [], f"{path.name}: no {lang} text for {missing[:3]}"


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("path", _country_files(), ids=lambda p: p.stem)
def test_country_pages_show_no_english_and_no_fallback_notice(real_client, lang, path):
    response = real_client.get(f"/{lang}/legal/{path.stem}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    assert "notice--lang" not in html
    shown = _reader_text(html.split("<main", 1)[1].split("</main>", 1)[0])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for text in _texts(data):
        english = re.sub(r"\s+", " ", strip_marks(text["en"])).strip()
        if english != re.sub(r"\s+", " ", strip_marks(text.get(lang, ""))).strip():
            assert english not in shown, (path.stem, lang, english)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_comparison_table_names_countries_and_laws_in_the_language(real_client, lang):
    html = real_client.get(f"/{lang}/legal/compare").get_data(as_text=True)
    assert "notice--lang" not in html
    table = _reader_text(html.split('<table class="compare"', 1)[1].split("</table>", 1)[0])
    for path in _country_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["name"][lang] in table
        for offence in data["offences"]:
            assert offence["law"][lang] in table, (path.stem, offence["id"])
            if offence["law"]["en"] != offence["law"][lang]:
                assert offence["law"]["en"] not in table, (path.stem, offence["id"])


# --------------------------------------------------------------------------------------------
# Bosnia and Herzegovina: the learner's entity first, the others labelled, nothing hidden
# --------------------------------------------------------------------------------------------


def _offence_ids(html: str) -> list[str]:
    return re.findall(r'<h[34] id="o-(ba-[^"]+)"', html)


def _bih(client) -> Any:
    with client.application.app_context():
        return get_catalog().legal.country("ba")


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end)]


def test_bih_page_without_a_choice_is_in_file_order_with_the_picker(real_client):
    fresh = real_client.application.test_client()
    html = fresh.get("/en/legal/ba").get_data(as_text=True)
    ba = _bih(fresh)
    assert _offence_ids(html) == [o.id for o in ba.offences]
    assert "other-areas" not in html and "In other parts of" not in html
    form = _between(html, '<form method="get" class="form country-picker area-picker"', "</form>")
    assert "Where in Bosnia and Herzegovina do you live?" in form
    assert '<option value="" selected>All of Bosnia and Herzegovina</option>' in form
    for name in ("Federation of Bosnia and Herzegovina", "Republika Srpska", "Brčko District"):
        assert name in form
    # Other countries have no areas and no picker.
    assert 'id="area"' not in fresh.get("/en/legal/rs?area=rs").get_data(as_text=True)


def test_choosing_republika_srpska_puts_its_entries_first_and_labels_the_others(real_client):
    fresh = real_client.application.test_client()
    html = fresh.get("/en/legal/ba?area=rs").get_data(as_text=True)
    ba = _bih(fresh)
    ids = _offence_ids(html)
    assert ids[:2] == ["ba-rs-156a", "ba-rs-explicit-2023"]
    assert sorted(ids) == sorted(o.id for o in ba.offences)  # every offence is still there
    offences = _between(html, 'id="offences"', 'id="not-a-crime"')
    heading = offences.index('id="offences-elsewhere"')
    assert offences.index('id="o-ba-rs-explicit-2023"') < heading
    assert heading < offences.index('id="o-ba-fbih-explicit-recordings"')
    assert "In other parts of Bosnia and Herzegovina</h3>" in offences
    assert '<h4 id="o-ba-fbih-explicit-recordings">' in offences  # under the h3
    # A fact of another entity is under the heading, named by its entity.
    not_a_crime = _between(html, 'id="not-a-crime"', 'id="report"')
    assert not_a_crime.index('id="not-a-crime-elsewhere"') < not_a_crime.index("withdrawn")
    assert '<p class="meta">Federation of Bosnia and Herzegovina</p>' in not_a_crime
    # The RS police high-tech crime unit comes before the police of the whole country.
    report = _between(html, 'id="report"', 'id="support"')
    assert report.index("Unit for High-Tech Crime") < report.index("<h4>Police</h4>")
    assert "report-elsewhere" not in report  # every other report entry is for all of BiH
    # Nothing is hidden: every fact still shows its date.
    facts = list(ba.facts())
    assert len(re.findall(r'last checked <time datetime="', html)) == len(facts)
    assert '<option value="rs" selected>Republika Srpska</option>' in html


def test_the_choice_is_kept_in_every_language_and_can_be_reset(real_client):
    fresh = real_client.application.test_client()
    fresh.get("/bs/legal/ba?area=brcko")
    html = fresh.get("/sr-Cyrl/legal/ba").get_data(as_text=True)
    assert _offence_ids(html)[:2] == ["ba-brcko-186", "ba-brcko-208"]
    assert "У другим деловима Босне и Херцеговине</h3>" in html
    bs = fresh.get("/bs/legal/ba").get_data(as_text=True)
    assert "U drugim dijelovima Bosne i Hercegovine</h3>" in bs
    assert '<option value="brcko" selected>' in bs
    with fresh.session_transaction() as session:
        assert session["area"] == {"ba": "brcko"}
        assert session["country"] == "ba"  # "I live in Brčko" says the country too
    # "All of Bosnia and Herzegovina" forgets the choice: the page is as it was.
    html = fresh.get("/bs/legal/ba?area=").get_data(as_text=True)
    ba = _bih(fresh)
    assert _offence_ids(html) == [o.id for o in ba.offences]
    assert "other-areas" not in fresh.get("/bs/legal/ba").get_data(as_text=True)
    with fresh.session_transaction() as session:
        assert session["area"] == {}
    # An area the country does not have is no choice.
    html = fresh.get("/en/legal/ba?area=north").get_data(as_text=True)
    assert _offence_ids(html) == [o.id for o in ba.offences]


def test_resetting_the_country_in_settings_forgets_the_area(real_client):
    fresh = real_client.application.test_client()
    fresh.get("/en/legal/ba?area=fbih")
    token = csrf_token(fresh, "/en/settings")
    fresh.post("/en/settings", data={"csrf_token": token, "country": ""})
    with fresh.session_transaction() as session:
        assert "area" not in session and "country" not in session
    assert "other-areas" not in fresh.get("/bs/legal/ba").get_data(as_text=True)
