"""Helpers shared by the browser tests: the live server, the route walk, a learner's state.

The fixtures that use them are in ``conftest.py``; this module holds plain code so that it
can be imported by the test modules (and by a one-off screenshot script) as well.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask
from playwright.sync_api import BrowserContext
from werkzeug.routing import Rule
from werkzeug.serving import make_server

from app import create_app
from app.content.legal import load_legal
from app.content.model import Catalog
from app.content.problems import ProblemList
from app.db import get_engine
from tests.conftest import ALL_RIGHT, PROJECT, QUIZ_URL, VALID_COURSES, make_app, reset_schema
from tests.routes import NOT_PAGES, rules, url_for_rule

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LANGS = ["en", "sr-Latn", "sr-Cyrl"]
LESSON_URL = "/en/courses/demo/basics/intro"

# The URL map read at collection time (no database is touched), so that every page type
# gets its own test id. Routes the lead adds later show up here by themselves; a route
# without a sample value in tests/routes.py fails loudly in url_for_rule.
_RULE_APP = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://",
                        "COURSES_DIR": str(VALID_COURSES)})
PAGE_RULES: list[Rule] = [r for r in rules(_RULE_APP, "GET") if r.endpoint not in NOT_PAGES]
# Not a rule, but a page a learner sees too: the error page (with the quick exit).
NOT_FOUND_PATH = "/{lang}/no-such-page"


@dataclass(frozen=True)
class LiveServer:
    """The app served over real HTTP on 127.0.0.1."""

    url: str
    app: Flask

    @property
    def netloc(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def quick_exit_url(self) -> str:
        return str(self.app.config["QUICK_EXIT_URL"])


def with_legal_guide(catalog: Catalog) -> Catalog:
    """The fixture catalogue, plus the repository's legal guide if the fixtures have none.

    Without a legal guide the three legal pages are 404s and their templates would escape
    the browser checks; the real guide is plain data and loads without problems.
    """
    legal_dir = PROJECT / "courses" / "legal"
    if catalog.legal is not None or not legal_dir.is_dir():
        return catalog
    problems = ProblemList(PROJECT)
    languages = sorted({lang for c in catalog.courses for lang in c.languages} - {"sr-Cyrl"})
    legal = load_legal(legal_dir, languages, problems)
    if problems.errors:
        return catalog
    return dataclasses.replace(catalog, legal=legal)


@contextmanager
def serve(catalog: Catalog, database: Path) -> Iterator[LiveServer]:
    """Serve a fresh app on a file SQLite database from a daemon thread."""
    app = make_app(catalog, DATABASE_URL=f"sqlite:///{database}")
    reset_schema(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    # The quick exit goes to a page of the live server itself: nothing leaves the machine.
    app.config["QUICK_EXIT_URL"] = f"{base}/healthz"
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(base, app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with app.app_context():
            get_engine().dispose()


def submit_quiz(context: BrowserContext, base: str, answers: dict | None = None) -> int:
    """Take the demo quiz over HTTP with the context's cookies; the new attempt's id.

    The context becomes a guest learner with progress, so that the result and account
    pages exist for it.
    """
    response = context.request.post(
        base + QUIZ_URL, data=urlencode(answers or ALL_RIGHT, doseq=True),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        assert response.ok, (response.status, response.url)
        return int(response.url.rstrip("/").rsplit("/", 1)[1])
    finally:
        response.dispose()


def page_path(rule: Rule | None, lang: str, attempt_id: int) -> str:
    """The path of one page type in ``lang`` (``rule=None``: the 404 page)."""
    if rule is None:
        return NOT_FOUND_PATH.format(lang=lang)
    return url_for_rule(rule, {"lang_code": lang, "attempt_id": str(attempt_id)})


def rule_id(rule: Rule | None) -> str:
    return "404" if rule is None else rule.rule
