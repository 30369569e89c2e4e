"""Cached fragments (app/web/fragments.py) never carry one person's page to another."""

from __future__ import annotations

import re
import sys

import pytest
from flask import Flask, flash, redirect
from flask.testing import FlaskClient
from jinja2 import meta
from markupsafe import Markup

from app.db import get_session
from app.services import accounts
from app.web.fragments import HEAD_ASSETS, FragmentCache, cache
from tests.factories import PASSWORD, make_class, make_facilitator
from tests.helpers import CSRF_INPUT, make_app
from tests.schema import reset_schema

LESSON = "/en/courses/demo/basics/intro"
LESSON_SR = "/sr-Latn/courses/demo/basics/intro"
DONE = "You have read this lesson."
# Names any fragment may use besides its own context: the environment's helpers.
HELPERS = {"_", "gettext", "ngettext", "url_for"}
#: Each fragment template and the context it is rendered with (app/web/fragments.py and
#: app/blueprints/learning/views.py): a name outside these would come from nowhere, or
#: from the environment's globals (``session``, ``request``, ``g``), which a cached
#: fragment must not read.
CONTEXTS = {
    "_site_header.html": {
        "lang",
        "site_name",
        "language_links",
        "has_row",
        "signed_in",
        "facilitator",
    },
    "_site_footer.html": {"lang"},
    "_site_assets.html": set(),
    "learning/_lesson_body.html": {
        "course",
        "module",
        "lesson",
        "page",
        "index",
        "previous",
        "next",
        "lang",
        "translation_of",
        "feedback_email",
    },
    "learning/_lesson_pager.html": {"course", "module", "previous", "next", "lang"},
    "learning/_lesson_action.html": {"course", "module", "lesson"},
    "learning/_lesson_button.html": {"next"},
}


@pytest.fixture
def site(catalog) -> Flask:
    """CSRF on, as in production, and a class to join."""
    application = make_app(catalog, WTF_CSRF_ENABLED=True)
    reset_schema(application)

    @application.get("/en/test-flash/<text>")
    def _flash_then_lesson(text: str):
        flash(text, "success")
        return redirect(LESSON)

    return application


def _token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token on the page"
    return match[1]


def _join(client: FlaskClient, code: str, nickname: str) -> None:
    token = _token(client.get("/en/join").get_data(as_text=True))
    response = client.post(
        "/en/join", data={"code": code, "nickname": nickname, "csrf_token": token}
    )
    assert response.status_code in (200, 303)


def _read(client: FlaskClient) -> None:
    token = _token(client.get(LESSON).get_data(as_text=True))
    assert client.post(LESSON + "/done", data={"csrf_token": token}).status_code == 303


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_a_fragment_template_reads_only_its_context(app, template):
    env = app.jinja_env
    source = env.loader.get_source(env, template)[0]
    names = meta.find_undeclared_variables(env.parse(source))
    assert names <= CONTEXTS[template] | HELPERS


def test_the_head_links_are_keyed_by_the_files_they_link_to(app):
    env = app.jinja_env
    source = env.loader.get_source(env, "_site_assets.html")[0]
    assert tuple(re.findall(r"filename='([^']+)'", source)) == HEAD_ASSETS


def test_two_learners_each_see_their_own_progress_token_and_name(site):
    _org, _class, code = make_class(site, make_facilitator(site))
    mila, luka = site.test_client(), site.test_client()
    _join(mila, code, "Mila")
    _join(luka, code, "Luka")
    _read(mila)
    for _ in range(2):  # the second round is answered from filled caches
        pages = {}
        for name, client in (("Mila", mila), ("Luka", luka)):
            pages[name] = client.get(LESSON).get_data(as_text=True)
            home = client.get("/en/").get_data(as_text=True)
            other = "Luka" if name == "Mila" else "Mila"
            assert f"“{name}”" in home and f"“{other}”" not in home
        assert DONE in pages["Mila"] and DONE not in pages["Luka"]
        assert _token(pages["Mila"]) != _token(pages["Luka"])
    # Each token is the one of its own session: Luka's is refused in Mila's browser.
    refused = mila.post(LESSON + "/done", data={"csrf_token": _token(pages["Luka"])})
    assert refused.status_code == 400
    accepted = luka.post(LESSON + "/done", data={"csrf_token": _token(pages["Luka"])})
    assert accepted.status_code == 303
    assert DONE in luka.get(LESSON).get_data(as_text=True)


def test_a_flashed_message_is_shown_only_to_whom_it_was_flashed(site):
    ana, ben = site.test_client(), site.test_client()
    ben.get(LESSON)
    page = ana.get("/en/test-flash/only-for-ana", follow_redirects=True).get_data(as_text=True)
    assert "only-for-ana" in page
    assert "only-for-ana" not in ben.get(LESSON).get_data(as_text=True)
    assert "only-for-ana" not in ana.get(LESSON).get_data(as_text=True)  # shown once


def _log_in(client: FlaskClient, username: str) -> None:
    token = _token(client.get("/en/account/login").get_data(as_text=True))
    data = {"username": username, "password": PASSWORD, "csrf_token": token}
    assert client.post("/en/account/login", data=data).status_code == 303


def test_the_menu_follows_who_is_asking(site):
    make_facilitator(site, "teacher")
    with site.app_context():
        accounts.sign_up(get_session(), None, "learner", PASSWORD)
        get_session().commit()
    visitor, learner, teacher = site.test_client(), site.test_client(), site.test_client()
    _log_in(learner, "learner")
    _log_in(teacher, "teacher")
    for _ in range(2):
        pages = {
            name: client.get(LESSON).get_data(as_text=True)
            for name, client in (("visitor", visitor), ("learner", learner), ("teacher", teacher))
        }
        for name, menu in (
            ("visitor", {"Sign in"}),
            ("learner", {"My account"}),
            ("teacher", {"My account", "My classes"}),
        ):
            for entry in ("Sign in", "My account", "My classes"):
                assert (entry in pages[name]) == (entry in menu), (name, entry)


def test_fragments_follow_the_language_and_the_script_root(client):
    serbian = client.get("/sr-Latn/courses/demo/basics/intro").get_data(as_text=True)
    english = client.get(LESSON).get_data(as_text=True)
    mounted = client.get(LESSON, base_url="http://localhost/unshared").get_data(as_text=True)
    assert "Napusti sajt" in serbian and "Napusti sajt" not in english
    assert 'href="/unshared/en/glossary"' in mounted and 'href="/en/glossary"' in english
    assert 'href="/en/glossary"' not in mounted
    assert re.search(r'<a rel="next" href="/unshared/en/courses/demo/basics/more"', mounted)


def test_the_switcher_links_to_the_page_asked_for(client):
    client.get(LESSON)
    html = client.get("/en/courses/demo/basics/more").get_data(as_text=True)
    assert 'href="/sr-Latn/courses/demo/basics/more"' in html
    assert 'href="/sr-Latn/courses/demo/basics/intro"' not in html


def test_the_cache_is_bounded_and_remakes_what_came_from_other_content():
    fragments = FragmentCache(max_entries=2)
    made = []

    def render(text: str):
        return lambda: made.append(text) or text

    old, new = object(), object()
    assert fragments.get("a", render("a1"), (old,)) == "a1"
    assert fragments.get("a", render("a2"), (old,)) == "a1"
    assert fragments.get("a", render("a3"), (new,)) == "a3"
    fragments.get("b", render("b"))
    fragments.get("c", render("c"))
    assert len(fragments) == 2
    assert fragments.get("a", render("a4"), (new,)) == "a4"  # the oldest went first
    assert made == ["a1", "a3", "b", "c", "a4"]


def test_the_cache_keeps_no_more_text_than_its_byte_bound():
    one = sys.getsizeof(Markup("x" * 1000))
    fragments = FragmentCache(max_entries=100, max_bytes=3 * one)
    for name in "abcde":
        assert fragments.get(name, lambda name=name: name * 1000) == name * 1000
    assert len(fragments) == 3
    assert fragments.size == 3 * one
    remade = []
    fragments.get("a", lambda: remade.append("a") or "a" * 1000)  # fell out: made again
    fragments.get("e", lambda: remade.append("e") or "e" * 1000)  # still kept
    assert remade == ["a"]


def test_a_fragment_bigger_than_the_whole_bound_is_served_and_not_kept():
    fragments = FragmentCache(max_entries=100, max_bytes=2000)
    fragments.get("small", lambda: "s" * 100)
    assert fragments.get("huge", lambda: "h" * 5000) == "h" * 5000
    assert len(fragments) == 1
    assert fragments.size == sys.getsizeof(Markup("s" * 100))


def test_a_worker_with_a_small_bound_serves_the_same_pages(app, client):
    whole = [client.get(page).get_data(as_text=True) for page in (LESSON, LESSON_SR, LESSON)]
    app.extensions["fragments"] = FragmentCache(max_bytes=15_000)
    bounded = [client.get(page).get_data(as_text=True) for page in (LESSON, LESSON_SR, LESSON)]
    assert bounded == whole
    with app.app_context():
        assert 0 < cache().size <= 15_000


def test_addresses_anyone_can_make_up_do_not_grow_the_cache_without_bound(app, client):
    app.extensions["fragments"] = FragmentCache(max_entries=5)
    for n in range(30):
        assert client.get(f"/en/courses/demo/basics/no-such-{n}").status_code == 404
    with app.app_context():
        assert len(cache()) == 5
