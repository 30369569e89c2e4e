"""What every template may use: a few helpers, never services or the database."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

import nh3
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.units import format_unit
from flask import Flask, current_app, session
from flask_babel import get_locale, to_user_timezone
from markupsafe import Markup

from app import i18n
from app.content.ext import content_problems
from app.content.markdown import localize_links
from app.content.model import Localized, text_for
from app.content.translations import TranslationFile
from app.content.translit import FOREIGN_MARK, marks_to_html, strip_marks, to_cyrillic
from app.languages import LANGUAGES
from app.web import quick_exit, urls


def _localized(texts: Localized, language: str | None = None) -> str | Markup:
    """The text for the learner's language; Serbian Cyrillic is made from Latin if needed.

    Text marked as another language becomes a ``<span lang>`` (the rest is escaped)."""
    text = text_for(texts, language or i18n.current().tag, keep_marks=True)
    if FOREIGN_MARK.search(text):
        return Markup(marks_to_html(text))
    return text


def _html(html: str) -> Markup:
    """Sanitised content HTML with its links completed for this request: the language, and
    the sub-path the site is served from."""
    html = urls.under_script_root(localize_links(html, i18n.current().tag))
    return Markup(html)


def _label_html(html: str) -> Markup:
    """Content HTML for a label or a legend: its words, emphasis and language marks (a
    screen reader switches language there, and Cyrillic pages keep the foreign words in
    Latin), without links, which would take the click that should choose the answer."""
    return Markup(nh3.clean(html, tags={"em", "strong", "span"}, attributes={"span": {"lang"}}))


_OWN_NUMBER = re.compile(r"\d+[.)]\s")


def _starts_with_number(text: str) -> bool:
    """A heading that carries its own number, such as "1. Stop"."""
    return bool(_OWN_NUMBER.match(text))


def _duration(minutes: int) -> str:
    """Minutes as the page's language says them, from CLDR: "4 hours, 52 minutes",
    "4 sata i 52 minuta", "4 сата и 52 минута" (not "4 h 52 min", which Cyrillic made "4 х")."""
    locale = get_locale()
    hours, rest = divmod(int(minutes), 60)
    parts = [format_unit(hours, "duration-hour", length="long", locale=locale)] if hours else []
    if rest or not hours:
        parts.append(format_unit(rest, "duration-minute", length="long", locale=locale))
    return format_list(parts, style="unit", locale=locale)


_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _date(value: date | datetime | str | None) -> str:
    """A date in the page's language ("1. 12. 2026."); ``value`` may be an ISO string, a
    month (``2024-05``: "maj 2024.") or a year, as the legal guide's sources give them."""
    if not value:
        return ""
    if isinstance(value, str):
        month = _YEAR_MONTH.match(value)
        if month:
            day = date(int(month[1]), int(month[2]), 1)
            return format_skeleton("yMMMM", day, locale=get_locale())
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value  # a year, or a date as the source wrote it
        return _medium_date(day, get_locale())
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()  # the reader's day, as format_date finds it
    return _medium_date(value, get_locale())


@lru_cache(maxsize=4096)
def _medium_date(day: date, locale: Locale | None) -> str:
    """CLDR's medium date of ``locale``: the same for every reader of that language, so
    worked out once per day, not once per table row (a class's learners, 500 a page)."""
    return babel_format_date(day, "medium", locale=locale or "en")


def _tel(phone: str) -> str:
    """A ``tel:`` URI for a number as the guide writes it: "(011) 360-12-72", "tel:0113601272"."""
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + re.sub(r"\D", "", phone)


def _in_script(text: str, convert: bool = True) -> str:
    """Plain Serbian Latin text (an article number, a law's original title) in the learner's
    script: Cyrillic on Cyrillic pages unless ``convert`` is false (Croatian stays Latin)."""
    if convert and i18n.current().transliterated_from is not None:
        return to_cyrillic(text)
    return strip_marks(text)


# The language a law's original title is written in, by country; Serbian, Bosnian and
# Montenegrin titles follow the page's script.
_ORIGINAL_LANGUAGE = {
    "al": "sq",
    "xk": "sq",
    "mk": "mk",
    "hr": "hr",
    "ba": "bs",
    "me": "cnr",
    "rs": "sr",
}


def _original_lang(country: str) -> str:
    lang = _ORIGINAL_LANGUAGE.get(country, "und")
    if lang in {"sr", "bs", "cnr"}:
        return lang + ("-Cyrl" if i18n.current().transliterated_from else "-Latn")
    return lang


def _lang_of(tag: str) -> str:
    return LANGUAGES[tag].name if tag in LANGUAGES else tag


def translation_of(path: str, language: str) -> TranslationFile | None:
    """The translation record of a content file (None for English or unknown files)."""
    from app.content.ext import get_catalog

    index = get_catalog().translations
    if index is None or language == "en":
        return None
    return index.get(path, language)


def _translation_find(kind: str, language: str, name: str) -> TranslationFile | None:
    """The translation record of a glossary or legal file in ``language`` (None for English)."""
    from app.content.ext import get_catalog

    index = get_catalog().translations
    if index is None or language == "en":
        return None
    return index.find(kind, language, name)


def init_app(app: Flask) -> None:
    """Register the template helpers."""
    app.jinja_env.filters["localized"] = _localized
    app.jinja_env.filters["content_html"] = _html
    app.jinja_env.filters["label_html"] = _label_html
    app.jinja_env.tests["match_number"] = _starts_with_number
    app.jinja_env.filters["language_name"] = _lang_of
    app.jinja_env.filters["in_script"] = _in_script
    app.jinja_env.globals["original_lang"] = _original_lang
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["duration"] = _duration
    app.jinja_env.filters["tel"] = _tel
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def _globals() -> dict:
        problems = []
        if app.config["ENV_NAME"] != "production" and not app.testing:
            problems = content_problems().errors
        return {
            "lang": i18n.current(),
            "language_links": i18n.switch_links,
            "quick_exit_url": current_app.config["QUICK_EXIT_URL"],
            "neutral_title": bool(session.get("neutral_title")),
            "keep_out_of_history": bool(session.get("keep_out_of_history")),
            "quick_exit_hours": int(quick_exit.LEFT_FOR.total_seconds() // 3600),
            "site_name": current_app.config["SITE_NAME"],
            "content_problems": problems,
            "language_offered": i18n.current().tag in i18n.enabled(),
            "translation_of": translation_of,
            "translation_find": _translation_find,
            "feedback_email": current_app.config.get("TRANSLATION_FEEDBACK_EMAIL"),
        }
