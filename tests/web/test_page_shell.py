"""A lesson page assembled from its shell (app/web/page_shell.py) is the page
``render_template`` makes, and holds only the state of whoever asks."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import Environment, meta

from app.web import page_shell
from tests.helpers import CSRF_INPUT, make_app
from tests.schema import reset_schema

COURSE = "/en/courses/demo/basics"
INTRO, MORE = COURSE + "/intro", COURSE + "/more"
DONE = "You have read this lesson."
#: What the shell of a lesson page is rendered with (page_shell.render and the lesson
#: view): a name the two templates read beyond these would be baked into a shell that
#: other people are served.
SHELL_CONTEXT = {
    "lang",
    "site_name",
    "language_offered",
    "neutral_title",
    "keep_out_of_history",
    "session",
    "content_problems",
    "get_flashed_messages",
    "page",
    "is_done",
    "lesson_body",
    "lesson_action",
    "lesson_button",
    "lesson_pager",
    *page_shell.HOLES,
}
HELPERS = {"_", "gettext", "ngettext", "url_for"}


@pytest.fixture
def site(catalog) -> Flask:
    """CSRF on, as in production."""
    application = make_app(catalog, WTF_CSRF_ENABLED=True)
    reset_schema(application)
    return application


def _token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token on the page"
    return match[1]


def _done(client: FlaskClient, lesson: str) -> None:
    page = client.get(lesson).get_data(as_text=True)
    if "csrf_token" not in page:  # a new visitor: the page that starts the session
        page = client.get(lesson + "/done").get_data(as_text=True)
    assert client.post(lesson + "/done", data={"csrf_token": _token(page)}).status_code == 303


@pytest.mark.parametrize("template", ["base.html", "learning/lesson.html"])
def test_the_shell_templates_read_only_the_shell_context(app, template):
    # A plain environment, so that the app's globals (session, request, g) count as read.
    env = Environment(extensions=["jinja2.ext.i18n"])
    source = app.jinja_env.loader.get_source(app.jinja_env, template)[0]
    assert meta.find_undeclared_variables(env.parse(source)) <= SHELL_CONTEXT | HELPERS


def test_the_assembled_page_is_the_rendered_page(site, monkeypatch):
    learner = site.test_client()
    _done(learner, INTRO)
    for lesson in (INTRO, MORE):  # read and not read
        learner.get(lesson)  # fills the shell
        assembled = learner.get(lesson).get_data(as_text=True)
        # Content problems shown: the page goes through render_template, as before.
        monkeypatch.setattr(page_shell, "_problems_shown", lambda: True)
        rendered = learner.get(lesson).get_data(as_text=True)
        monkeypatch.undo()
        # The same session secret, signed at another second.
        assert _token(assembled).split(".")[0] == _token(rendered).split(".")[0]
        assert CSRF_INPUT.sub("", assembled) == CSRF_INPUT.sub("", rendered)
        assert (DONE in assembled) == (lesson == INTRO)


def test_two_learners_with_different_progress_each_see_their_own(site):
    ana, ben = site.test_client(), site.test_client()
    _done(ana, INTRO)
    _done(ben, MORE)
    ben.post("/en/settings", data={"neutral_title": "on", "csrf_token": _token(ben.get(MORE).text)})
    for _ in range(3):  # from the second round on, both are answered from kept shells
        pages = {
            (name, lesson): client.get(lesson).get_data(as_text=True)
            for name, client in (("ana", ana), ("ben", ben))
            for lesson in (INTRO, MORE)
        }
        assert DONE in pages["ana", INTRO] and DONE not in pages["ana", MORE]
        assert DONE in pages["ben", MORE] and DONE not in pages["ben", INTRO]
        for lesson in (INTRO, MORE):
            assert _token(pages["ana", lesson]) != _token(pages["ben", lesson])
            assert "<title>Notes</title>" in pages["ben", lesson]
            assert "<title>Notes</title>" not in pages["ana", lesson]
    # Each token is the one of its own session.
    assert (
        ana.post(MORE + "/done", data={"csrf_token": _token(pages["ben", MORE])}).status_code == 400
    )
    assert (
        ana.post(MORE + "/done", data={"csrf_token": _token(pages["ana", MORE])}).status_code == 303
    )
    assert DONE in ana.get(MORE).get_data(as_text=True)
    assert DONE not in ben.get(INTRO).get_data(as_text=True)


def test_a_flashed_message_goes_through_the_template(site):
    learner = site.test_client()
    _done(learner, INTRO)
    learner.get(INTRO)
    token = _token(learner.get(INTRO).get_data(as_text=True))
    learner.post("/en/settings", data={"csrf_token": token})  # flashes "saved"
    page = learner.get(INTRO).get_data(as_text=True)
    assert re.search(r'class="flash flash--success"', page)
    assert not re.search(r'class="flash', learner.get(INTRO).get_data(as_text=True))
