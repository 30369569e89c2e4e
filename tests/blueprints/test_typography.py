"""Typography a reader notices: closing quotes, durations and dates in the page's language."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from flask import render_template_string
from sqlalchemy import update

from app.models import Classroom
from tests.factories import log_in, make_class, make_facilitator
from tests.helpers import PROJECT, database

# An opening „ closed by an ASCII " (not “ or ”) within the same passage.
ASCII_CLOSE = re.compile(r'„[^“”"„]{0,300}"')
# Quoted verbatim from a source: kept exactly as the source wrote it.
VERBATIM = {Path("courses/legal/verified.yaml")}


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_quotes_opened_with_a_low_mark_close_with_a_curly_one_in_every_course_file():
    wrong = []
    for path in sorted((PROJECT / "courses").rglob("*")):
        if path.suffix not in {".md", ".yaml", ".yml"} or path.relative_to(PROJECT) in VERBATIM:
            continue
        text = path.read_text(encoding="utf-8")
        wrong += [
            f"{path.relative_to(PROJECT)}:{text.count(chr(10), 0, m.start()) + 1}: "
            f"{m.group()[-40:]!r}"
            for m in ASCII_CLOSE.finditer(text)
        ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("lang", "long", "short"),
    [
        ("en", "4 hours, 52 minutes", "18 minutes"),
        ("sr-Latn", "4 sata i 52 minuta", "18 minuta"),
        ("sr-Cyrl", "4 сата и 52 минута", "18 минута"),
    ],
)
def test_durations_are_words_in_the_pages_language(app, lang: str, long: str, short: str):
    with app.test_request_context(f"/{lang}/"):
        app.preprocess_request()
        assert render_template_string("{{ 292|duration }}") == long
        assert render_template_string("{{ 18|duration }}") == short
        assert render_template_string("{{ 120|duration }}").startswith("2 ")


def test_course_page_gives_its_length_in_words(client):
    assert "18 minuta" in client.get("/sr-Latn/courses/demo/").get_data(as_text=True)
    assert "18 минута" in client.get("/sr-Cyrl/courses/demo/").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_legal_page_dates_are_in_the_pages_language_with_the_iso_date_for_machines(
    client, lang: str
):
    html = client.get(f"/{lang}/legal/rs").get_data(as_text=True)
    stamps = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">([^<]+)</time>', html)
    assert stamps, "every 'last checked' date is a <time>"
    for iso, shown in stamps:
        day = date.fromisoformat(iso)
        assert iso not in shown
        assert str(day.year) in shown and str(day.day) in shown
    # (A document number such as "br. 011-00-32/2024-02" is not a date.)
    iso = re.search(r"(?<![/\d-])\d{4}-\d{2}(-\d{2})?\b", _visible(html))
    assert not iso, f"an ISO date in the text: {iso}"


def test_source_months_read_as_months(app):
    with app.test_request_context("/sr-Latn/"):
        app.preprocess_request()
        assert render_template_string("{{ '2024-05'|date }}") == "maj 2024."
        assert render_template_string("{{ '2026-12-01'|date }}") == "1. 12. 2026."
        assert render_template_string("{{ '2024'|date }}") == "2024"


def test_class_end_date_is_written_like_the_other_dates_on_the_dashboard(app, client):
    teacher = make_facilitator(app)
    _, class_id, _ = make_class(app, teacher, language="sr-Latn")
    with database(app) as db:
        db.execute(update(Classroom).where(Classroom.id == class_id).values(ends_on="2026-12-20"))
        db.commit()
    log_in(client, "teacher")
    html = client.get(f"/sr-Latn/classes/{class_id}/").get_data(as_text=True)
    assert "20. 12. 2026." in html and "2026-12-20" not in _visible(html)
