"""After the quick exit, no page of the site shows anything of it until the visitor chooses
to come back (issue 9, item 1). The browser side (Back, Forward, tabs) is in
tests/browser/test_quick_exit.py."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.helpers import ALL_RIGHT, QUIZ_URL, csrf_token
from tests.routes import url_for_rule

LESSON_URL = "/en/courses/demo/basics/intro"
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def leave(client: FlaskClient) -> None:
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == client.application.config["QUICK_EXIT_URL"]


def assert_blank(html: str, *site_texts: str) -> None:
    """Nothing that names or shows the site: only the neutral page."""
    for text in ("Unshared", "Leave this site", "site.css", "site.js", "favicon", *site_texts):
        assert text not in html, text
    title = re.search(r"<title>(.*?)</title>", html)
    assert title and title.group(1) in ("Notes", "Beleške", "Белешке"), title
    assert 'action="/continue"' in html


def test_the_exit_link_goes_through_the_site_first(client):
    html = client.get(LESSON_URL).get_data(as_text=True)
    assert re.search(r'<a class="quick-exit" id="quick-exit" href="/exit"', html)


def test_exit_remembers_for_hours_that_this_browser_left(client):
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == client.application.config["QUICK_EXIT_URL"]
    assert response.headers["Cache-Control"] == "no-store"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("unshared_left=1;")
    assert "Max-Age=43200" in cookie and "Path=/" in cookie and "SameSite=Lax" in cookie
    # site.js reads it on pageshow, so it cannot be HttpOnly.
    assert "HttpOnly" not in cookie


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/courses/demo/",
        "/en/courses/demo/basics/",
        LESSON_URL,
        QUIZ_URL,
        "/en/help",
        "/sr-Cyrl/settings",
        "/en/no-such-page",
    ],
)
def test_after_the_exit_a_page_shows_nothing_of_the_site(client, path):
    before = client.get(path)
    heading = H1.search(before.get_data(as_text=True))
    assert heading and "Unshared" in before.get_data(as_text=True)
    leave(client)
    after = client.get(path)
    # Sent to the blank page's own address, which names nothing that was asked for.
    assert after.status_code == 303 and after.headers["Location"] == "/notes"
    blank = client.get("/notes")
    assert blank.headers["Cache-Control"] == "no-store"
    assert_blank(blank.get_data(as_text=True), heading.group(1).strip())


def test_no_page_type_escapes_the_blank_page(client, page_rule):
    client.post(QUIZ_URL, data=ALL_RIGHT)  # a guest with progress and an attempt (id 1)
    leave(client)
    response = client.get(url_for_rule(page_rule), follow_redirects=True)
    assert_blank(response.get_data(as_text=True))


def test_a_form_sent_after_the_exit_is_answered_with_the_blank_page(client):
    leave(client)
    response = client.post(QUIZ_URL, data={"q-forward": "1", "token": "t"})  # incomplete
    assert_blank(response.get_data(as_text=True), "Send my answers")


def test_files_and_health_checks_are_not_blanked(client):
    leave(client)
    assert client.get("/healthz").get_json() == {"status": "ok"}
    css = client.get("/static/css/site.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    css.close()


def test_the_blank_page_speaks_the_visitors_language(client):
    leave(client)
    html = client.get("/sr-Cyrl/", follow_redirects=True).get_data(as_text=True)
    assert '<html lang="sr-Cyrl">' in html
    assert "Настави" in html


def test_continue_on_the_blank_page_brings_the_site_back(csrf_app):
    client = csrf_app.test_client()
    leave(client)
    blank = client.get(LESSON_URL, follow_redirects=True).get_data(as_text=True)
    assert_blank(blank)
    token = csrf_token(client, "/notes")
    response = client.post("/continue", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert "unshared_left=;" in response.headers["Set-Cookie"]
    html = client.get(LESSON_URL).get_data(as_text=True)
    assert "What consent is" in html and "Leave this site" in html


def test_continue_may_name_a_page_of_this_site(client):
    leave(client)
    response = client.post("/continue", data={"next": LESSON_URL + "?x=1"})
    assert response.headers["Location"] == LESSON_URL + "?x=1"


def test_the_blank_page_is_blank_without_the_cookie_too(client):
    """Its address may be reopened from the history list at any time."""
    assert_blank(client.get("/notes").get_data(as_text=True))


def test_continue_needs_the_forms_token(csrf_app):
    client = csrf_app.test_client()
    leave(client)
    response = client.post("/continue", data={"next": LESSON_URL})
    assert response.status_code == 400
    assert_blank(response.get_data(as_text=True))  # even the error page shows nothing
    assert_blank(
        client.get(LESSON_URL, follow_redirects=True).get_data(as_text=True), "What consent is"
    )


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "",
        "/en/\n",
        "x" * 3000,
    ],
)
def test_continue_never_leads_to_another_site(client, target):
    leave(client)
    response = client.post("/continue", data={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_keep_out_of_history_is_a_setting_that_marks_every_page(client):
    assert "data-history" not in client.get("/en/").get_data(as_text=True)
    client.post("/en/settings", data={"keep_out_of_history": "on"})
    assert '<html lang="en" data-history="replace">' in client.get(LESSON_URL).get_data(
        as_text=True
    )
    html = client.get("/en/settings").get_data(as_text=True)
    assert re.search(r'id="keep_out_of_history"[^>]* checked', html)
    # Becoming a guest learner (a fresh session) keeps the preference.
    client.post(LESSON_URL, data={})
    client.post(QUIZ_URL, data=ALL_RIGHT)
    assert 'data-history="replace"' in client.get("/en/").get_data(as_text=True)
    client.post("/en/settings", data={})
    assert "data-history" not in client.get("/en/").get_data(as_text=True)
