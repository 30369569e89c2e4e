"""What readers see of the translation workflow: the menu, the status page, review marks,
the country they chose, and Montenegrin formatting (issues 13 and 14)."""

from __future__ import annotations

import re
import shutil
from datetime import date

from flask_babel import format_date, format_decimal, ngettext

from app.content.loader import load_catalog
from tests.helpers import PROJECT, VALID_COURSES, make_app
from tests.schema import reset_schema

LESSON = "/courses/demo/basics/intro"


def _menu(html: str) -> list[str]:
    nav = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'hreflang="([^"]+)"', nav)


def test_the_menu_offers_complete_languages_and_others_get_a_notice(client):
    html = client.get("/en/").get_data(as_text=True)
    assert _menu(html) == ["en", "sr-Latn", "sr-Cyrl"]
    assert "not complete yet" not in html
    albanian = client.get("/sq/").get_data(as_text=True)
    assert '<html lang="sq">' in albanian
    # The fixture course has no Albanian lessons: the notice says so, in Albanian.
    assert "Versioni i kësaj faqeje në Shqip nuk është ende i plotë" in albanian
    assert "sq" not in _menu(albanian)


def test_a_stale_lesson_takes_its_language_out_of_the_menu(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(VALID_COURSES, courses)
    english = courses / "demo/01-basics/01-intro.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nNew.\n", encoding="utf-8")
    catalog, _ = load_catalog(courses, root=PROJECT)
    app = make_app(catalog, COURSES_DIR=str(courses))
    reset_schema(app)
    client = app.test_client()
    assert _menu(client.get("/en/").get_data(as_text=True)) == ["en"]
    assert "još nije potpuna" in client.get("/sr-Latn/").get_data(as_text=True)
    # The site can still name its menu's languages itself.
    override = make_app(catalog, COURSES_DIR=str(courses), LANGUAGES=["en", "sr-Latn"])
    assert _menu(override.test_client().get("/en/").get_data(as_text=True)) == ["en", "sr-Latn"]


def test_the_status_page_shows_the_table_and_is_linked_from_the_footer(client):
    home = client.get("/en/").get_data(as_text=True)
    assert 'href="/en/status"' in home
    html = client.get("/en/status").get_data(as_text=True)
    row = html.split('<span lang="sq">', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>([^<]*)</td>", row)
    assert cells[0] == cells[3] and int(cells[0]) > 0  # every file missing
    assert cells[-1] == "no"


def test_an_unreviewed_translation_says_so_with_a_way_to_report(client, app):
    html = client.get(f"/sr-Latn{LESSON}").get_data(as_text=True)
    assert "Ovaj prevod još nije proverila" in html
    assert 'href="/sr-Latn/help"' in html.split("notice--review", 1)[1].split("</p>", 1)[0]
    # Serbian Cyrillic follows the Latin file it is made from.
    assert "notice--review" in client.get(f"/sr-Cyrl{LESSON}").get_data(as_text=True)
    # English is the source, not a translation.
    assert "notice--review" not in client.get(f"/en{LESSON}").get_data(as_text=True)
    app.config["TRANSLATION_FEEDBACK_EMAIL"] = "prevodi@example.org"
    html = client.get(f"/sr-Latn{LESSON}").get_data(as_text=True)
    assert 'href="mailto:prevodi@example.org?subject=' in html


def test_a_reviewed_translation_shows_no_review_line(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(VALID_COURSES, courses)
    lesson = courses / "demo/01-basics/01-intro.sr-Latn.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace(
            "---\n", "---\nreviewed: {by: Ana Petrović, on: 2026-12-01}\n", 1
        ),
        encoding="utf-8",
    )
    catalog, problems = load_catalog(courses, root=PROJECT)
    assert not problems.errors
    app = make_app(catalog, COURSES_DIR=str(courses))
    reset_schema(app)
    html = app.test_client().get(f"/sr-Latn{LESSON}").get_data(as_text=True)
    assert "notice--review" not in html


def test_the_country_follows_the_learners_choice_not_the_language(client):
    # Albanian does not say where someone lives: the help page asks.
    asking = client.get("/sq/help").get_data(as_text=True)
    assert 'id="country-hint"' in asking
    chosen = client.get("/sq/help?country=rs").get_data(as_text=True)
    serbia = "Serbia: ku të gjesh mbështetje"  # "Support in Serbia", in Albanian
    assert serbia in chosen and 'href="/sq/legal/rs"' in chosen
    # Remembered: later pages, in any language, show the chosen country.
    again = client.get("/sq/help").get_data(as_text=True)
    assert 'id="country-hint"' not in again and serbia in again
    assert "Support in Serbia" in client.get("/en/help").get_data(as_text=True)
    assert (
        'href="/en/legal/rs"'
        in client.get("/en/legal/").get_data(as_text=True).split("panel", 1)[1].split("</p>", 1)[0]
    )
    # Settings show it and can forget it.
    assert '<option value="rs" selected>' in client.get("/en/settings").get_data(as_text=True)
    client.post("/en/settings", data={"country": ""})
    assert 'id="country-hint"' in client.get("/sq/help").get_data(as_text=True)


def test_an_unknown_country_is_not_kept(client):
    response = client.get("/sq/help?country=zz")
    assert response.status_code == 200
    assert 'id="country-hint"' in response.get_data(as_text=True)


def test_montenegrin_dates_numbers_and_plurals_without_cldr_data(app):
    with app.test_request_context("/cnr/"):
        app.preprocess_request()
        assert format_date(date(2026, 12, 1), "long") == "1. decembar 2026."
        assert format_decimal(1234.5) == "1.234,5"
        # Three plural forms (Montenegrin has its own catalogue now; durations use CLDR units).
        forms = [ngettext("%(num)d question", "%(num)d questions", n) for n in (1, 3, 5, 21)]
        assert forms == ["1 pitanje", "3 pitanja", "5 pitanja", "21 pitanje"]
    with app.test_request_context("/cnr-Cyrl/"):
        app.preprocess_request()
        assert format_date(date(2026, 12, 1), "long") == "1. децембар 2026."


def test_bosnian_falls_back_to_croatian_then_montenegrin_before_serbian():
    from app.languages import chain

    assert chain("bs")[:4] == ("bs", "hr", "cnr", "sr-Latn")
    assert chain("cnr-Cyrl")[:3] == ("cnr-Cyrl", "cnr", "sr-Cyrl")


def test_glossary_and_legal_pages_say_when_their_translation_is_unreviewed(client):
    for url in ("/sr-Latn/glossary", "/sr-Cyrl/glossary", "/sr-Latn/legal/rs"):
        assert "notice--review" in client.get(url).get_data(as_text=True), url
    for url in ("/en/glossary", "/en/legal/rs"):
        assert "notice--review" not in client.get(url).get_data(as_text=True), url
