"""Every Cyrillic page of the real course reads as Serbian Cyrillic.

The pages are generated from Serbian Latin. What may stay in Latin letters: brand names,
text marked as another language (``lang="en"``, ``lang="sq"``), URLs, e-mail addresses,
code, and the titles of cited sources (``<cite>``, shown as published). What must never
appear: a word that mixes Latin and Cyrillic letters, a Latin letter after an article
number (144.a), a Serbian word left in Latin letters, or an English or Albanian word
spelled out in Cyrillic ("Репорт анд Блоцк", "Рруга").
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from app.content.translit import PROTECTED_NAMES, to_cyrillic
from tests.helpers import PROJECT, make_app, real_catalog
from tests.schema import reset_schema

COURSES = PROJECT / "courses"
CYRL = "sr-Cyrl"

# English and Albanian words of the course's sources that are not also Serbian words; none
# may appear in Cyrillic letters. (Words with q, w, x or y are never converted.)
FOREIGN_WORDS = (
    "and",
    "the",
    "of",
    "report",
    "block",
    "contact",
    "abuse",
    "violence",
    "people",
    "under",
    "help",
    "seek",
    "criminal",
    "support",
    "online",
    "content",
    "remove",
    "hotline",
    "helpline",
    "revenge",
    "porn",
    "chat",
    "message",
    "deepfake",
    "grooming",
    "screenshot",
    "upskirting",
    "victim",
    "blaming",
    "consent",
    "image",
    "sharing",
    "share",
    "friends",
    "close",
    "right",
    "lang",
    "settings",
    "account",
    "delete",
    "group",
    "more",
    "options",
    "spam",
    "nudity",
    "harassment",
    "intimate",
    "evidence",
    "minor",
    "adult",
    "survivor",
    "trusted",
    "stranger",
    "signs",
    "phone",
    "rruga",
    "kati",
    "denonco",
    "krimin",
    "blv",
    "kallëzim",
    "ndërtesa",
    "nr",
    "curri",
    "kavajës",
    "raporto",
    "tani",
)
_FOREIGN_CYRILLIC = {to_cyrillic(w).casefold() for w in FOREIGN_WORDS} - {
    w.casefold() for w in FOREIGN_WORDS
}
# Latin words a Cyrillic page may hold: the words of the brand names the converter keeps.
_NAME_WORDS = {w.casefold() for name in PROTECTED_NAMES for w in re.findall(r"\w+", name)}
_ENDING = re.compile(r"(?:a|e|i|u|om|em|ov|ova|ove|ovu|ovi|ovim)$")
_URLISH = re.compile(r"\S*(?:://|www\.|@|\.[a-z]{2,}\b|[?=&])\S*", re.I)
_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_CYRILLIC = re.compile(r"[Ѐ-ӿ]")
_ARTICLE_LETTER = re.compile(r"\d[./]?[a-z]{1,2}\b")


class _VisibleText(HTMLParser):
    """The text a reader sees, without code or elements marked as another language."""

    _VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        lang = dict(attrs).get("lang") or ""
        foreign = bool(lang) and lang.lower() not in {"sr", "sr-cyrl"}
        # A cited title (<cite>) is shown as published, in its own language and script.
        self.stack.append(
            foreign
            or tag in {"code", "pre", "script", "style", "kbd", "samp", "cite"}
            or (bool(self.stack) and self.stack[-1])
        )

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible Serbian text of an HTML page or fragment, one space between elements."""
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def problems_in(text: str) -> list[str]:
    """What a reader of Serbian Cyrillic would see as wrong in ``text``."""
    found = []
    for chunk in text.split():
        # A Latin name may take a Cyrillic ending after a hyphen (WhatsApp-у), nothing else.
        for piece in chunk.split("-"):
            if _LATIN.search(piece) and _CYRILLIC.search(piece):
                found.append(f"mixed scripts: {piece!r}")
    text = _URLISH.sub(" ", text)
    # Identifiers with digits or a dot inside (06/L-074, B.a.B.e.) are kept as written, but
    # never an article number with a letter (144.a must be 144.а).
    text = " ".join(chunk for chunk in text.split() if not _identifier(chunk))
    for match in _ARTICLE_LETTER.finditer(text):
        found.append(f"Latin letter after digits: {match.group(0)!r}")
    for word in _WORD.findall(text):
        if _CYRILLIC.search(word) and word.casefold() in _FOREIGN_CYRILLIC:
            found.append(f"foreign word in Cyrillic: {word!r}")
        elif _LATIN.search(word) and not _CYRILLIC.search(word) and not _may_stay_latin(word):
            found.append(f"Serbian word left in Latin: {word!r}")
    return found


def _identifier(chunk: str) -> bool:
    bare = chunk.strip(".,;:()„“”\"'")
    return (
        bool(re.search(r"\d|\w\.\w", bare))
        and not _CYRILLIC.search(bare)
        and not _ARTICLE_LETTER.search(bare)
        and to_cyrillic(bare) == bare
    )


def _may_stay_latin(word: str) -> bool:
    """A Latin word the converter keeps on purpose: a brand, or a word that cannot be Serbian."""
    if to_cyrillic(word) == word:  # q/w/x/y, ë, a capital inside (WhatsApp, iSIGURT)
        return True
    folded = word.casefold()
    return folded in _NAME_WORDS or _ENDING.sub("", folded) in _NAME_WORDS


@pytest.fixture(scope="module")
def catalog():
    loaded, problems = real_catalog()
    assert not problems.errors, [str(p) for p in problems.errors]
    return loaded


@pytest.fixture(scope="module")
def client(catalog):
    app = make_app(catalog, COURSES_DIR=str(COURSES))
    reset_schema(app)
    return app.test_client()


def _urls(catalog, script: str = CYRL) -> list[str]:
    urls = [
        f"/{script}/",
        f"/{script}/help",
        f"/{script}/privacy",
        f"/{script}/glossary",
        f"/{script}/legal/",
        f"/{script}/legal/compare",
    ]
    urls += [f"/{script}/legal/{country.code}" for country in catalog.legal.countries]
    for course in catalog.courses:
        base = f"/{script}/courses/{course.slug}"
        urls.append(f"{base}/")
        for module in course.modules:
            urls.append(f"{base}/{module.slug}/")
            urls += [f"{base}/{module.slug}/{lesson.slug}" for lesson in module.lessons]
            urls.append(f"{base}/{module.slug}/quiz")
    return urls


def test_the_page_walk_finds_what_the_review_found():
    # The checker itself: each example from the content review is caught, and what may stay
    # Latin is not.
    assert problems_in(to_cyrillic("Dodirni „Report and Block“, pa „Report Contact“"))
    assert problems_in(to_cyrillic("Adresa: Rruga e Kavajës"))
    assert problems_in("чл. 144.a")
    assert problems_in("Удружење OsnaŽene")
    assert problems_in("на српском: stopncii.org/?ланг=ср-ме")  # a broken URL
    assert problems_in("на српском: stopncii.org/?lang=sr-me") == []
    assert problems_in("на srpskom/crnogorskom")
    assert (
        problems_in(
            visible_text(
                '<p>Пријави у WhatsApp-у, TikToku и на StopNCII.org, <span lang="en">Report and '
                'Block</span>, <span lang="sq">Rruga e Kavajës</span>, abuse@telegram.org, '
                "https://x.rs/a?lang=sr, чл. 144.а, Take It Down, Right To Be</p>"
            )
        )
        == []
    )


# Montenegrin Cyrillic is made from Montenegrin Latin by the same converter.
@pytest.mark.parametrize("script", [CYRL, "cnr-Cyrl"])
def test_every_cyrillic_page_reads_as_serbian_cyrillic(catalog, client, script):
    urls = _urls(catalog, script)
    assert len(urls) > 40
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        main = response.get_data(as_text=True)
        problems = problems_in(visible_text(main))
        if problems:
            found[url] = sorted(set(problems))
    assert found == {}


@pytest.mark.parametrize("script", [CYRL, "cnr-Cyrl"])
def test_quiz_feedback_and_facilitator_notes_read_as_serbian_cyrillic(catalog, script):
    found = {}
    for course in catalog.courses:
        for module in course.modules:
            for question in module.quiz.questions:
                text = question.text(script)
                html = " ".join(
                    [text.prompt, text.explanation]
                    + [o.text + " " + o.feedback for o in text.options]
                )
                problems = problems_in(visible_text(html))
                if problems:
                    found[f"{module.slug}/quiz/{question.id}"] = sorted(set(problems))
            notes = module.facilitator.get(script)
            assert notes is not None, module.slug
            html = " ".join(b.html for b in notes.blocks)
            problems = problems_in(visible_text(html))
            if problems:
                found[f"{module.slug}/facilitator"] = sorted(set(problems))
    assert found == {}


def test_marked_foreign_text_is_a_span_with_its_language(catalog, client):
    html = client.get(
        f"/{CYRL}/courses/consent-images-rights/bystander/report-on-platforms"
    ).get_data(as_text=True)
    assert '<span lang="en">Report and Block</span>' in html
    latin = client.get(
        "/sr-Latn/courses/consent-images-rights/bystander/report-on-platforms"
    ).get_data(as_text=True)
    assert '<span lang="en">Report and Block</span>' in latin
    assert "{lang=" not in latin and "{lang=" not in html
    albania = client.get(f"/{CYRL}/legal/al").get_data(as_text=True)
    assert "Rruga e Kavajës, Ndërtesa Nr. 80" in albania and "{lang=" not in albania
