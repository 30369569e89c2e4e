"""Serbian Latin to Cyrillic: letters, digraphs, and what must stay as it is."""

from __future__ import annotations

from app.content.translit import html_to_cyrillic, to_cyrillic


def test_letters_and_digraphs():
    assert to_cyrillic("Ljubav, njiva, džak, Đorđe Šćekić") == "Љубав, њива, џак, Ђорђе Шћекић"
    assert to_cyrillic("LJUBAV NJ DŽ") == "ЉУБАВ Њ Џ"


def test_foreign_names_urls_and_placeholders_stay():
    text = "Prijavi na StopNCII.org, WhatsApp, TikTok i Take It Down: %(n)s {count} put"
    assert to_cyrillic(text) == (
        "Пријави на StopNCII.org, WhatsApp, TikTok и Take It Down: %(n)s {count} пут")
    assert to_cyrillic("https://www.mup.gov.rs i @korisnik") == "https://www.mup.gov.rs и @korisnik"


def test_html_keeps_tags_links_and_code():
    html = ('<p title="pristanak">Vidi <a href="/_/glossary#term-consent">pristanak</a> '
            '&amp; <code>kod</code> <img alt="dve devojke" src="/x.svg"></p>')
    assert html_to_cyrillic(html) == (
        '<p title="пристанак">Види <a href="/_/glossary#term-consent">пристанак</a> '
        '&amp; <code>kod</code> <img alt="две девојке" src="/x.svg"></p>')
