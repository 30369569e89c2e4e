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
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError
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
# Pages every learner (a guest who has taken the demo quiz) must get with status 200. Other
# page types that answer a guest with 401/403/404 (facilitator and admin pages, whose
# sample objects the browser database does not hold) are skipped with the reason shown.
LEARNER_ENDPOINTS = frozenset({
    "main.home", "main.help_page", "main.privacy", "main.settings",
    "learning.course", "learning.module", "learning.lesson", "learning.quiz", "learning.result",
    "reference.glossary", "reference.legal_index", "reference.legal_country",
    "reference.legal_compare", "accounts.login", "accounts.signup", "accounts.account",
})


@dataclass(frozen=True)
class LiveServer:
    """The app served over real HTTP on 127.0.0.1."""

    url: str
    app: Flask
    catalog: Catalog

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
        yield LiveServer(base, app, catalog)
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


def open_page(server: LiveServer, page: Page, rule: Rule | None, lang: str,
              attempt_id: int) -> tuple[str, str | None]:
    """Open one page type in ``page``: ``(path, None)`` if it is an HTML page this learner
    may see, else ``(path, why not)``, to skip it with.

    A learner page (see ``LEARNER_ENDPOINTS``) that is not served with status 200 fails,
    and so does any server error.
    """
    try:
        path = page_path(rule, lang, attempt_id)
    except AssertionError as error:
        return "", str(error)
    try:
        response = page.goto(path)
    except PlaywrightError as error:
        if "Download is starting" not in str(error):
            raise
        assert rule is not None
        return path, f"{path} is a download: add {rule.endpoint} to tests/routes.NOT_PAGES"
    assert response is not None, path
    status = response.status
    content_type = response.headers.get("content-type", "")
    expected = 404 if rule is None else 200
    has_legal_guide = server.catalog.legal is not None
    required = rule is None or rule.endpoint in LEARNER_ENDPOINTS and (
        has_legal_guide or not rule.endpoint.startswith("reference.legal"))
    if status >= 500 or (required and status != expected):
        raise AssertionError(f"{path} answered {status}, expected {expected}")
    if not content_type.startswith("text/html"):
        assert rule is not None
        return path, (f"{path} is not an HTML page ({content_type}): "
                      f"add {rule.endpoint} to tests/routes.NOT_PAGES")
    if status != expected:
        return path, f"{path} answered {status} to a guest learner (not checked)"
    return path, None


def answer(page: Page, answers: dict) -> None:
    """Tick quiz answers (``{"q-id": "1" or ["0", "2"]}``) by clicking their labels."""
    for name, values in answers.items():
        if not name.startswith("q-"):
            continue
        for value in [values] if isinstance(values, str) else values:
            page.locator(f'label[for="{name}-{value}"]').click()
