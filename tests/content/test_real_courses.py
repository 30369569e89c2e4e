"""The real course content meets the editorial rules, and every legal fact shows its source."""

from __future__ import annotations

import re
from html import unescape

import pytest

from app.content.loader import load_catalog
from tests.helpers import PROJECT, make_app
from tests.schema import reset_schema

COURSES = PROJECT / "courses"


@pytest.fixture(scope="module")
def real():
    catalog, problems = load_catalog(COURSES, root=PROJECT)
    return catalog, problems


def test_content_check_passes_with_zero_problems(real):
    _catalog, problems = real
    assert [str(p) for p in problems] == []


def test_every_module_is_complete_in_english_and_serbian(real):
    catalog, _ = real
    course = catalog.course("consent-images-rights")
    assert [m.slug for m in course.modules] == [
        "consent",
        "terminology",
        "legal-rights",
        "bystander",
        "if-it-happened-to-you",
        "sextortion",
        "fakes-and-forwarding",
        "grooming",
        "digital-self-defence",
        "after-a-report",
    ]
    for module in course.modules:
        assert 3 <= len(module.lessons) <= 6, module.slug
        for lesson in module.lessons:
            assert 5 <= lesson.duration <= 15, (module.slug, lesson.slug)
            assert {"en", "sr-Latn", "sr-Cyrl"} <= set(lesson.versions), lesson.slug
        assert 6 <= len(module.quiz.questions) <= 12, module.slug
        assert {"en", "sr-Latn"} <= module.quiz.languages
        for question in module.quiz.questions:
            for lang in ("en", "sr-Latn"):
                text = question.text(lang)
                assert text.explanation and all(o.feedback for o in text.options)
        assert {"en", "sr-Latn"} <= set(module.facilitator), module.slug
        notes = "".join(b.html for b in module.facilitator["en"].blocks).lower()
        for part in ("goal", "45", "discussion", "activity", "age"):
            assert part in notes, (module.slug, part)


def test_distressing_sections_have_content_notes(real):
    catalog, _ = real
    course = catalog.course("consent-images-rights")
    noted = [
        lesson for m in course.modules for lesson in m.lessons if lesson.page("en").has_content_note
    ]
    assert len(noted) >= 10


def test_glossary_has_at_least_thirty_terms_in_both_languages(real):
    catalog, _ = real
    assert len(catalog.glossary["en"]) >= 30
    assert {t.slug for t in catalog.glossary["en"]} == {t.slug for t in catalog.glossary["sr-Latn"]}


@pytest.fixture(scope="module")
def real_client(real):
    catalog, _ = real
    app = make_app(catalog, COURSES_DIR=str(COURSES))
    reset_schema(app)
    return app.test_client()


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_every_country_page_shows_source_and_date_for_each_fact(real, real_client, lang):
    catalog, _ = real
    legal = catalog.legal
    assert [c.code for c in legal.countries] == ["rs", "me", "hr", "xk", "ba", "mk", "al"]
    for country in legal.countries:
        html = real_client.get(f"/{lang}/legal/{country.code}").get_data(as_text=True)
        facts = list(country.facts())
        # One source line per fact, each with the date the fact was last checked.
        lines = re.findall(r'<p class="source">(.*?)</p>', html, re.S)
        assert len(lines) == len(facts), country.code
        for fact, line in zip(facts, lines, strict=True):
            text = unescape(re.sub(r"\s+", " ", line))
            assert fact.checked.isoformat() in text, (country.code, text)
            assert fact.sources[0].title in text, (country.code, text)
        assert "legal advice" in html or "pravni savet" in html or "правни савет" in html


def test_comparison_table_lists_every_country(real, real_client):
    catalog, _ = real
    html = real_client.get("/en/legal/compare").get_data(as_text=True)
    for country in catalog.legal.countries:
        assert f'href="/en/legal/{country.code}"' in html


def test_macedonian_glossary_is_served_before_the_course_lists_macedonian(real):
    catalog, _ = real
    terms, shown_in = catalog.terms("mk")
    assert shown_in == "mk"
    by_slug = {t.slug: t.term for t in terms}
    assert by_slug["consent"] == "Согласност"
    assert sorted(by_slug) == sorted(t.slug for t in catalog.glossary["en"])


def test_quotes_opened_low_close_high_as_in_serbian_croatian_and_macedonian():
    """„…“ (U+201E … U+201C): a „…” pair reads as a typo to a pupil in the region."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [
        *root.glob("courses/**/*.md"),
        *root.glob("courses/**/*.yaml"),
        *root.glob("translations/*/LC_MESSAGES/messages.po"),
    ]
    wrong = [
        f"{path.relative_to(root)}: {match[0]}"
        for path in files
        for match in re.finditer(r"„[^“”\"\n]{0,200}”", path.read_text(encoding="utf-8"))
    ]
    assert not wrong, wrong


@pytest.mark.parametrize("lang", ["en", "sr-Cyrl", "mk"])
def test_headings_that_carry_their_number_are_not_numbered_twice(real_client, lang):
    """Lesson 4 of module 07 numbers its steps ("1. Stop"): its contents list adds no second
    number ("1. 1. Stop"); a lesson with plain headings keeps the list's numbers."""
    base = f"/{lang}/courses/consent-images-rights"
    numbered = real_client.get(f"{base}/fakes-and-forwarding/if-you-forwarded-it")
    plain = real_client.get(f"{base}/sextortion/how-it-works")
    assert '<ol class="toc__numbered"><li><a href="#1-' in numbered.get_data(as_text=True)
    assert '<nav class="toc"' in plain.get_data(as_text=True)
    assert "toc__numbered" not in plain.get_data(as_text=True)
