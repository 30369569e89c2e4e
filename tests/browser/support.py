"""Helpers shared by the browser tests: the live server, the route walk, a learner's state.

The fixtures that use them are in ``conftest.py``; this module holds plain code that the
test modules import.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, Request, WebSocket
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import update
from werkzeug.routing import Rule
from werkzeug.serving import make_server

from app.content.legal import load_legal
from app.content.model import Catalog
from app.content.problems import ProblemList
from app.db import get_engine, get_session
from app.models import User
from tests.factories import PASSWORD
from tests.helpers import ALL_RIGHT, PROJECT, QUIZ_URL, make_app
from tests.routes import url_for_rule
from tests.schema import reset_schema

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LANGS = ["en", "sr-Latn", "sr-Cyrl"]
LESSON_URL = "/en/courses/demo/basics/intro"
TIMEOUT_MS = 10_000  # for every wait in a page

# Not a rule, but a page a learner sees too: the error page (with the quick exit).
NOT_FOUND_PATH = "/{lang}/no-such-page"
# Pages every learner (a guest who has taken the demo quiz) must get with status 200. Other
# page types that answer a guest with 401/403/404 (facilitator and admin pages) are opened
# as staff instead, with the staff's own class and organisation.
LEARNER_ENDPOINTS = frozenset(
    {
        "main.home",
        "main.help_page",
        "main.privacy",
        "main.settings",
        "learning.course",
        "learning.module",
        "learning.lesson",
        "learning.quiz",
        "learning.result",
        "reference.glossary",
        "reference.legal_index",
        "reference.legal_country",
        "reference.legal_compare",
        "accounts.login",
        "accounts.signup",
        "accounts.account",
    }
)


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


def buffered(app: WSGIApplication) -> WSGIApplication:
    """The app with each response read whole (and closed) before werkzeug sends it.

    A browser closing a context may drop a connection in the middle of a response; the
    development server then never closes the response's file (a static file, say), and the
    ResourceWarning would surface, as an error, in whatever test runs next.
    """

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        iterable = app(environ, start_response)
        try:
            body = b"".join(iterable)
        finally:
            close = getattr(iterable, "close", None)
            if close is not None:
                close()
        return [body]

    return wsgi


NEUTRAL_PAGE = (
    b"<!doctype html><html lang=en><head><meta charset=utf-8><title>Weather</title>"
    b"</head><body><h1>Weather</h1><p>Sunny, 21 degrees.</p></body></html>"
)


def neutral_site(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    """Stands in for the weather search the quick exit goes to (there is no internet)."""
    start_response(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(NEUTRAL_PAGE)))],
    )
    return [NEUTRAL_PAGE]


@contextmanager
def serve(catalog: Catalog, database: Path) -> Iterator[LiveServer]:
    """Serve a fresh app on a file SQLite database from a daemon thread, and the neutral
    page its quick exit goes to from another (another port: another origin)."""
    app = make_app(catalog, DATABASE_URL=f"sqlite:///{database}")
    reset_schema(app)
    server = make_server("127.0.0.1", 0, buffered(app), threaded=True)
    neutral = make_server("127.0.0.1", 0, neutral_site, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    # Nothing leaves the machine.
    app.config["QUICK_EXIT_URL"] = f"http://127.0.0.1:{neutral.server_port}/weather"
    threads = [
        threading.Thread(target=s.serve_forever, name=name, daemon=True)
        for s, name in ((server, "live-server"), (neutral, "neutral-site"))
    ]
    for thread in threads:
        thread.start()
    try:
        yield LiveServer(base, app, catalog)
    finally:
        for s in (server, neutral):
            s.shutdown()
            s.server_close()
        for thread in threads:
            thread.join(timeout=10)
        with app.app_context():
            get_engine().dispose()


class RequestRecorder:
    """Every URL a context asks for (pages, subresources, sockets, even CSP-blocked ones)."""

    LOCAL_SCHEMES = frozenset({"data", "blob", "about"})

    def __init__(self, context: BrowserContext, server: LiveServer) -> None:
        self.urls: list[str] = []
        self._netloc = server.netloc
        self.watch(context)

    def watch(self, context: BrowserContext) -> None:
        """Record this context's requests too."""
        context.on("request", self._request)
        context.on("websocket", self._websocket)

    def _request(self, request: Request) -> None:
        self.urls.append(request.url)

    def _websocket(self, websocket: WebSocket) -> None:
        self.urls.append(websocket.url)

    def foreign(self) -> list[str]:
        """URLs on any host but the live server's."""
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in self.LOCAL_SCHEMES
            and urlsplit(url).netloc != self._netloc
        ]


def submit_quiz(context: BrowserContext, base: str, answers: dict | None = None) -> int:
    """Take the demo quiz over HTTP with the context's cookies; the new attempt's id.

    The context becomes a guest learner with progress, so that the result and account
    pages exist for it.
    """
    response = context.request.post(
        base + QUIZ_URL,
        data=urlencode(answers or ALL_RIGHT, doseq=True),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        assert response.ok, (response.status, response.url)
        return int(response.url.rstrip("/").rsplit("/", 1)[1])
    finally:
        response.dispose()


def page_path(rule: Rule | None, lang: str, values: dict[str, str]) -> str:
    """The path of one page type in ``lang`` (``rule=None``: the 404 page)."""
    if rule is None:
        return NOT_FOUND_PATH.format(lang=lang)
    return url_for_rule(rule, {**values, "lang_code": lang})


@dataclass(frozen=True)
class Staff:
    """A signed-in facilitator who is also a site administrator, with an organisation and
    a class of their own: the browser state to start a context with, and the sample values
    (``class_id``, ``org_id``) that point at their own objects."""

    storage_state: dict
    values: dict[str, str]


def make_staff(browser: Browser, server: LiveServer) -> Staff:
    """Sign up a facilitator through the forms, open an organisation and a class, and make
    them an administrator (there is no form for that)."""
    context = browser.new_context(base_url=server.url)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        username = "pristupacnost"
        page.goto("/en/classes/signup")
        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.fill("#confirm", PASSWORD)
        page.click("button[type=submit]")
        page.fill("#name", "Škola pristupačnosti")
        page.get_by_role("button", name="Create").click()
        page.wait_for_url(re.compile(r"/classes/organisations/\d+$"))
        org_id = page.url.rsplit("/", 1)[1]
        page.goto("/en/classes/new")
        page.fill("#name", "VII-2")
        page.get_by_role("button", name="Open the class").click()
        page.wait_for_url(re.compile(r"/classes/\d+/$"))
        class_id = page.url.rstrip("/").rsplit("/", 1)[1]
        with server.app.app_context():
            db = get_session()
            db.execute(update(User).where(User.username == username).values(role="admin"))
            db.commit()
        return Staff(context.storage_state(), {"class_id": class_id, "org_id": org_id})
    finally:
        context.close()


@dataclass(frozen=True)
class Opened:
    """What became of opening one page type: ``problem`` says why it is not checkable."""

    path: str
    status: int = 0
    problem: str | None = None


def open_page(
    server: LiveServer, page: Page, rule: Rule | None, lang: str, values: dict[str, str]
) -> Opened:
    """Open one page type in ``page`` with the sample ``values``.

    A learner page (see ``LEARNER_ENDPOINTS``) that is not served with status 200 fails,
    and so does any server error; other unavailable pages come back with a ``problem``.
    """
    try:
        path = page_path(rule, lang, values)
    except AssertionError as error:
        return Opened("", problem=str(error))
    try:
        response = page.goto(path)
    except PlaywrightError as error:
        if "Download is starting" not in str(error):
            raise
        assert rule is not None
        return Opened(
            path, problem=f"{path} is a download: add {rule.endpoint} to tests/routes.NOT_PAGES"
        )
    assert response is not None, path
    status = response.status
    content_type = response.headers.get("content-type", "")
    expected = 404 if rule is None else 200
    has_legal_guide = server.catalog.legal is not None
    required = rule is None or (
        rule.endpoint in LEARNER_ENDPOINTS
        and (has_legal_guide or not rule.endpoint.startswith("reference.legal"))
    )
    if status >= 500 or (required and status != expected):
        raise AssertionError(f"{path} answered {status}, expected {expected}")
    if not content_type.startswith("text/html"):
        assert rule is not None
        return Opened(
            path,
            status,
            f"{path} is not an HTML page ({content_type}): "
            f"add {rule.endpoint} to tests/routes.NOT_PAGES",
        )
    if status != expected:
        return Opened(path, status, f"{path} answered {status}")
    return Opened(path, status)


class Walker:
    """Opens page types as a guest learner and, for pages a learner may not see, as staff.

    The learner is the test's own context (a guest who has taken the demo quiz); the staff
    context is opened only when needed, from the session's :class:`Staff` state. Every
    request of both is recorded.
    """

    def __init__(
        self,
        server: LiveServer,
        context: BrowserContext,
        page: Page,
        new_staff_context: Callable[[], BrowserContext],
    ) -> None:
        self.server = server
        self.page = page
        self.recorder = RequestRecorder(context, server)
        self.learner_values = {"attempt_id": str(submit_quiz(context, server.url))}
        self._new_staff_context = new_staff_context
        self._staff_page: Page | None = None
        self._staff_only: set[str] = set()

    def _staff(self) -> Page:
        if self._staff_page is None:
            context = self._new_staff_context()
            self.recorder.watch(context)
            self._staff_page = context.new_page()
        return self._staff_page

    def open(self, rule: Rule | None, lang: str, staff: Staff) -> tuple[Page, Opened]:
        """The page the type was opened in, and how that went."""
        refused = None
        if rule is None or rule.endpoint not in self._staff_only:
            opened = open_page(self.server, self.page, rule, lang, self.learner_values)
            if rule is None or opened.status not in (401, 403, 404):
                return self.page, opened
            self._staff_only.add(rule.endpoint)
            refused = opened.status
        as_staff = open_page(self.server, self._staff(), rule, lang, staff.values)
        if as_staff.problem:
            as_staff = Opened(
                as_staff.path,
                as_staff.status,
                f"{as_staff.path} answered {refused or 'no'} to a guest "
                f"learner and {as_staff.status} to staff",
            )
        return self._staff(), as_staff


def answer(page: Page, answers: dict) -> None:
    """Tick quiz answers (``{"q-id": "1" or ["0", "2"]}``) by clicking their labels."""
    for name, values in answers.items():
        if not name.startswith("q-"):
            continue
        for value in [values] if isinstance(values, str) else values:
            page.locator(f'label[for="{name}-{value}"]').click()


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def describe(violations: list[dict]) -> list[str]:
    """One readable line per failing element: rule id, help text, CSS target, summary."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} "
                f"| target {node['target']} | {summary} | {violation['helpUrl']}"
            )
    return lines
