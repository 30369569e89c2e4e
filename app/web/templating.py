"""What every template may use: a few helpers, never services or the database."""

from __future__ import annotations

from flask import Flask, current_app, session
from flask_babel import format_date
from markupsafe import Markup

from app import i18n
from app.content.ext import content_problems
from app.content.markdown import localize_links
from app.content.model import text_for
from app.languages import LANGUAGES
from app.web import quick_exit


def _localized(texts, language: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """The text for the learner's language; Serbian Cyrillic is made from Latin if needed."""
    return text_for(texts, language or i18n.current().tag)


def _html(html: str) -> Markup:
    """Sanitised content HTML with its links completed for the current language."""
    return Markup(localize_links(html, i18n.current().tag))  # noqa: S704 - sanitised by nh3


def _lang_of(tag: str) -> str:
    return LANGUAGES[tag].name if tag in LANGUAGES else tag


def init_app(app: Flask) -> None:
    """Register the template helpers."""
    app.jinja_env.filters["localized"] = _localized
    app.jinja_env.filters["content_html"] = _html
    app.jinja_env.filters["language_name"] = _lang_of
    app.jinja_env.filters["date"] = lambda value: format_date(value, "medium") if value else ""
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
        }
