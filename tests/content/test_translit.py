"""Serbian Latin to Cyrillic: letters, digraphs, and what must stay as it is."""

from __future__ import annotations

from app.content.translit import html_to_cyrillic, strip_marks, to_cyrillic


def test_letters_and_digraphs():
    assert to_cyrillic("Ljubav, njiva, džak, Đorđe Šćekić") == "Љубав, њива, џак, Ђорђе Шћекић"
    assert to_cyrillic("LJUBAV NJ DŽ") == "ЉУБАВ Њ Џ"


def test_foreign_names_urls_and_placeholders_stay():
    text = "Prijavi na StopNCII.org, WhatsApp, TikTok i Take It Down: %(n)s {count} put"
    assert to_cyrillic(text) == (
        "Пријави на StopNCII.org, WhatsApp, TikTok и Take It Down: %(n)s {count} пут"
    )
    assert to_cyrillic("https://www.mup.gov.rs i @korisnik") == "https://www.mup.gov.rs и @korisnik"


def test_html_keeps_tags_links_and_code():
    html = (
        '<p title="pristanak">Vidi <a href="/_/glossary#term-consent">pristanak</a> '
        '&amp; <code>kod</code> <img alt="dve devojke" src="/x.svg"></p>'
    )
    assert html_to_cyrillic(html) == (
        '<p title="пристанак">Види <a href="/_/glossary#term-consent">пристанак</a> '
        '&amp; <code>kod</code> <img alt="две девојке" src="/x.svg"></p>'
    )


def test_marked_foreign_text_stays_as_written_and_loses_its_mark():
    text = "Dodirni „[Report and Block]{lang=en}“, adresa: [Rruga e Kavajës]{lang=sq} br. 80"
    assert to_cyrillic(text) == "Додирни „Report and Block“, адреса: Rruga e Kavajës бр. 80"
    assert strip_marks(text) == "Dodirni „Report and Block“, adresa: Rruga e Kavajës br. 80"
    # A mark that says Serbian converts as usual; Serbian marked as Latin script stays Latin.
    assert to_cyrillic("[pristanak]{lang=sr}") == "пристанак"
    assert to_cyrillic("[Srpski (latinica)]{lang=sr-Latn}") == "Srpski (latinica)"


def test_unmarked_english_is_not_protected_by_a_list_of_labels():
    # The labels used to be listed as "names"; now they must be marked, so a list cannot
    # hide them and a test over the pages finds any that are not.
    assert to_cyrillic("Report") == "Репорт"


def test_html_keeps_elements_marked_as_another_language():
    html = (
        '<p>Izaberi <strong><span lang="en">Report <em>and</em> Block</span></strong> '
        'ili <span lang="sr">prijavi</span> <span title="naslov" lang="sq">Tiranë '
        "<span>e</span> Kati</span> kraj</p>"
    )
    assert html_to_cyrillic(html) == (
        '<p>Изабери <strong><span lang="en">Report <em>and</em> Block</span></strong> '
        'или <span lang="sr">пријави</span> <span title="naslov" lang="sq">Tiranë '
        "<span>e</span> Kati</span> крај</p>"
    )


def test_urls_with_query_strings_and_emails_stay():
    assert to_cyrillic("na srpskom: stopncii.org/?lang=sr-me.") == (
        "на српском: stopncii.org/?lang=sr-me."
    )
    assert to_cyrillic("piši na abuse@telegram.org ili https://x.rs/a?b=c&d=e, pa www.mup.rs/") == (
        "пиши на abuse@telegram.org или https://x.rs/a?b=c&d=e, па www.mup.rs/"
    )
    assert to_cyrillic("telegram.org/dsa-report. Traži") == "telegram.org/dsa-report. Тражи"


def test_words_joined_by_a_slash_or_hyphen_convert_each_part():
    assert to_cyrillic("na srpskom/crnogorskom, i/ili e-pošta") == (
        "на српском/црногорском, и/или е-пошта"
    )
    assert to_cyrillic("CDT/Raskrinkavanje") == "ЦДТ/Раскринкавање"
    # A Latin name keeps its letters; the Serbian ending after the hyphen is Cyrillic.
    assert to_cyrillic("WhatsApp-u, NCMEC-ova, UNICEF-a") == "WhatsApp-у, NCMEC-ова, UNICEF-а"


def test_letter_after_article_digits_converts():
    assert to_cyrillic("član 144.a, 182a, 121/a, 210e i metod 5D") == (
        "члан 144.а, 182а, 121/а, 210е и метод 5Д"
    )
    # Identifiers with digits elsewhere are not article numbers.
    assert to_cyrillic("br. 06/L-074, N1, korisnik2024") == "бр. 06/L-074, N1, korisnik2024"


def test_serbian_name_with_a_capital_inside_converts():
    assert to_cyrillic("Udruženje OsnaŽene") == "Удружење ОснаЖене"
    assert to_cyrillic("TikTok, iPhone, StopNCII, iSIGURT") == "TikTok, iPhone, StopNCII, iSIGURT"


def test_digraphs_across_a_prefix_are_two_letters():
    assert to_cyrillic("injekcija") == "инјекција"
    assert to_cyrillic("Injekcije") == "Инјекције"
    assert to_cyrillic("nadživeti") == "надживети"
    assert to_cyrillic("podžupan") == "поджупан"
    assert to_cyrillic("PODŽUPAN") == "ПОДЖУПАН"
    assert to_cyrillic("konjunkcija") == "конјункција"
    assert to_cyrillic("konjugacija") == "конјугација"
    assert to_cyrillic("odžaliti") == "оджалити"
    # The same letters inside ordinary words are still one letter.
    assert to_cyrillic("konj, konjušnica, nadžak, svinjac, odžak, injaga") == (
        "коњ, коњушница, наџак, свињац, оџак, ињага"
    )


def test_brand_names_that_are_serbian_words_convert_at_a_sentence_start():
    assert to_cyrillic("Meta je bila jasna. Signal je slab.") == (
        "Мета је била јасна. Сигнал је слаб."
    )
    assert to_cyrillic("Kaže Meta. Koristi Signal, izvor: Meta") == (
        "Каже Meta. Користи Signal, извор: Meta"
    )
    assert to_cyrillic("[Meta]{lang=en} navodi") == "Meta наводи"


def test_names_of_several_words_match_in_any_case():
    assert to_cyrillic("Right To Be, RIGHT TO BE i Take it down") == (
        "Right To Be, RIGHT TO BE и Take it down"
    )
    assert to_cyrillic("telegram je stigao") == "телеграм је стигао"


def test_lessons_render_marks_as_spans_and_report_broken_ones(tmp_path):
    from app.content.markdown import RenderContext, render_inline
    from app.content.problems import ProblemList

    problems = ProblemList()
    ctx = RenderContext(tmp_path / "quiz.sr-Latn.yaml", "sr-Latn", problems, lambda _src: None)
    html = render_inline("Dodirni **„[Report and Block]{lang=en}“**", ctx, 3)
    assert html == '<p>Dodirni <strong>„<span lang="en">Report and Block</span>“</strong></p>'
    assert html_to_cyrillic(html) == (
        '<p>Додирни <strong>„<span lang="en">Report and Block</span>“</strong></p>'
    )
    assert not problems.errors
    render_inline("Dodirni „Report and Block“{lang=en}", ctx, 7)
    assert [(p.line, p.code) for p in problems.errors] == [(7, "M011")]


def test_file_formats_and_utc_stay_latin_as_serbian_cyrillic_texts_write_them():
    assert to_cyrillic("Preuzmi PDF ili CSV (vreme po UTC)") == "Преузми PDF или CSV (време по UTC)"
