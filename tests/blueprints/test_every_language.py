"""Every page type in every language of the site, on the real course (issues 13 and 14).

A teacher in Pristina, Skopje, Zagreb, Sarajevo or Podgorica must find no page that falls
back to another language or leaves an interface string in English.
"""

from __future__ import annotations

import functools
import re
from html import unescape

import pytest
from babel.messages.pofile import read_po

from app.db import get_session
from app.languages import LANGUAGES
from app.models import User
from app.services import classes
from tests.factories import join, log_in, make_facilitator
from tests.helpers import PROJECT, make_app, real_catalog
from tests.routes import url_for_rule
from tests.schema import reset_schema

COURSE = "consent-images-rights"
REAL = {"course_slug": COURSE, "module_slug": "consent", "lesson_slug": "what-is-consent"}
TRANSLATED = [tag for tag in LANGUAGES if tag != "en"]
# Interface strings of three words or more: a shorter one ("Quiz", "PDF") may be the same
# word in another language.
_WORDS = 3


@pytest.fixture(scope="module")
def visited():
    """An administrator with a class of the real course, a learner in it, and a quiz attempt
    (1) of their own, so that every sample URL exists."""
    catalog, problems = real_catalog()
    assert not problems.errors, [str(p) for p in problems.errors]
    app = make_app(catalog, COURSES_DIR=str(PROJECT / "courses"))
    reset_schema(app)
    admin = make_facilitator(app, "admin", admin=True)
    with app.app_context():
        db = get_session()
        org = classes.create_organisation(db, db.get(User, admin), "Gimnazija")
        classroom = classes.create_class(
            db, org, catalog.course(COURSE), "II-3", "en", ["consent", "terminology"]
        )
        db.commit()
        code = classroom.join_code
    join(app.test_client(), code, "Mila")
    client = app.test_client()
    log_in(client, "admin")
    quiz = client.get(f"/en/courses/{COURSE}/consent/quiz").get_data(as_text=True)
    answers: dict[str, str] = {}
    for name, value in re.findall(r'name="(q-[^"]+)" id="[^"]+" value="([^"]+)"', quiz):
        answers.setdefault(name, value)
    token = re.search(r'name="token" value="([^"]+)"', quiz)
    assert token is not None and answers
    answers["token"] = token.group(1)
    assert client.post(f"/en/courses/{COURSE}/consent/quiz", data=answers).status_code in (
        200,
        303,
    )
    return client


@functools.cache
def _english_strings() -> tuple[str, ...]:
    with open(PROJECT / "translations/messages.pot", encoding="utf-8") as pot:
        catalog = read_po(pot)
    found = []
    for message in catalog:
        text = message.id if isinstance(message.id, str) else message.id[0]
        if text and "%(" not in text and len(text.split()) >= _WORDS:
            found.append(text)
    return tuple(found)


def _shown(html: str) -> str:
    """The page's visible words, without what is in another language on purpose (marked
    ``lang``), user input (the learner's nickname) and the markup."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    body = re.sub(r'<(\w+)[^>]*\blang="[^"]*"[^>]*>.*?</\1>', " ", body, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def test_the_check_finds_an_english_string_left_on_a_page() -> None:
    strings = _english_strings()
    assert len(strings) > 200
    page = "<p>Dobrodošli.</p><p>This certificate has already been revoked.</p>"
    assert [s for s in strings if s in _shown(page)] == [
        "This certificate has already been revoked."
    ]
    assert [s for s in strings if s in _shown('<span lang="en">' + page + "</span>")] == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_page_type_is_in_the_language_with_no_fallback(visited, page_rule, lang):
    url = url_for_rule(page_rule, {**REAL, "lang_code": lang})
    if "lang_code" not in page_rule.arguments:
        visited.get(f"/{lang}/")  # a language-free address answers in the visitor's language
    response = visited.get(url, follow_redirects=True)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html, url
    assert "notice--lang" not in html, url
    main = _shown(html.split("<main", 1)[-1].split("</main>", 1)[0])
    header = _shown(html.split("<main", 1)[0])
    left = [s for s in _english_strings() if s in main or s in header]
    assert left == [], (url, left)
