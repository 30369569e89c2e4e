"""Languages: URL first, then cookie, then Accept-Language; switching keeps the page."""

from __future__ import annotations

from pathlib import Path

from flask_babel import get_translations

from app.config import PROJECT_ROOT


def test_root_redirects_by_accept_language(client):
    response = client.get("/", headers={"Accept-Language": "sr-RS,sr;q=0.9,en;q=0.5"})
    assert response.headers["Location"].endswith("/sr-Latn/")
    response = client.get("/", headers={"Accept-Language": "sr-Cyrl-RS"})
    assert response.headers["Location"].endswith("/sr-Cyrl/")
    response = client.get("/", headers={"Accept-Language": "de-DE"})
    assert response.headers["Location"].endswith("/en/")


def test_cookie_beats_accept_language(client):
    client.get("/sr-Cyrl/")  # visiting a language remembers it
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.headers["Location"].endswith("/sr-Cyrl/")


def test_url_beats_cookie(client):
    client.get("/sr-Latn/")
    html = client.get("/en/").get_data(as_text=True)
    assert '<html lang="en">' in html


def test_switcher_keeps_the_learner_on_the_same_page(client):
    html = client.get("/en/courses/demo/basics/intro").get_data(as_text=True)
    assert 'href="/sr-Latn/courses/demo/basics/intro"' in html
    assert 'href="/sr-Cyrl/courses/demo/basics/intro"' in html


def test_serbian_interface_and_content(client):
    latin = client.get("/sr-Latn/courses/demo/basics/intro").get_data(as_text=True)
    assert "Šta je pristanak" in latin and "Napusti sajt" in latin
    cyrillic = client.get("/sr-Cyrl/courses/demo/basics/intro").get_data(as_text=True)
    assert "Шта је пристанак" in cyrillic and "Напусти сајт" in cyrillic
    assert '<html lang="sr-Cyrl">' in cyrillic


def test_missing_translation_shows_a_notice_and_falls_back(client):
    html = client.get("/sq/courses/demo/basics/intro").get_data(as_text=True)
    assert "What consent is" in html
    # The notice itself is in the interface language (Albanian has a catalogue).
    assert "ende nuk është përkthyer në Shqip" in html
    bosnian = client.get("/bs/courses/demo/basics/intro").get_data(as_text=True)
    assert "Šta je pristanak" in bosnian  # Bosnian readers get Serbian Latin, not English


def test_catalogues_are_found(app):
    translations = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    assert translations == PROJECT_ROOT / "translations"
    with app.test_request_context("/sr-Latn/"):
        app.preprocess_request()
        assert get_translations().gettext("Leave this site") == "Napusti sajt"
