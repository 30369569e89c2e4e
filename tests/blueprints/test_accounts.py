"""Accounts with a username only: sign-up keeps progress, sign-in elsewhere shows it."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from app.models import User
from tests.factories import signup
from tests.helpers import ALL_RIGHT, QUIZ_URL, database


def test_sign_up_needs_no_email_and_keeps_guest_progress(client, app):
    client.post("/en/courses/demo/basics/intro/done")
    client.post(QUIZ_URL, data=ALL_RIGHT)
    form = client.get("/en/account/signup").get_data(as_text=True)
    assert "mail" not in form.lower().replace("e-mail address", "")
    response = signup(client)
    assert response.status_code == 303
    with database(app) as db:
        users = db.scalars(select(User)).all()
        assert len(users) == 1 and users[0].username == "luka"
        assert users[0].password_hash.startswith("scrypt:")
    # Another device: sign in and see the same progress.
    phone = app.test_client()
    phone.post("/en/account/login", data={"username": "luka", "password": "correct horse battery"})
    module = phone.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert "1 of 2 lessons read" in module and "your best: 100%" in module


def test_bad_sign_up_rerenders_with_the_error_and_stores_nothing(client, app):
    response = client.post(
        "/en/account/signup",
        data={"username": "ana", "password": "password123", "confirm": "password123"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "too easy to guess" in html and 'value="ana"' in html
    short = client.post(
        "/en/account/signup", data={"username": "ana", "password": "short", "confirm": "short"}
    )
    assert "at least 10 characters" in short.get_data(as_text=True)
    mismatch = client.post(
        "/en/account/signup",
        data={"username": "ana", "password": "a long and unusual phrase", "confirm": "other"},
    )
    assert "not the same" in mismatch.get_data(as_text=True)
    with database(app) as db:
        assert db.scalars(select(User)).all() == []


def test_taken_username_is_refused(client, app):
    signup(client, "marko")
    other = app.test_client()
    response = signup(other, "Marko")
    assert response.status_code == 422
    assert "taken" in response.get_data(as_text=True)


def test_wrong_password_is_refused_without_saying_which_part(client, app):
    signup(client, "jelena")
    other = app.test_client()
    response = other.post("/en/account/login", data={"username": "jelena", "password": "nope"})
    assert response.status_code == 422
    assert "do not match" in response.get_data(as_text=True)


def test_session_is_rotated_on_login(client, app):
    signup(client, "amra")
    other = app.test_client()
    other.post("/en/courses/demo/basics/intro/done")  # a guest session
    before = other.get_cookie("unshared_session").value
    other.post("/en/account/login", data={"username": "amra", "password": "correct horse battery"})
    assert other.get_cookie("unshared_session").value != before


def test_download_and_delete_my_data(client, app):
    client.post(QUIZ_URL, data=ALL_RIGHT)
    signup(client, "nikola")
    data = json.loads(client.get("/en/account/data.json").get_data(as_text=True))
    assert data["account"]["username"] == "nikola"
    assert data["quiz_attempts"][0]["percent"] == 100
    refused = client.post("/en/account/delete", data={})
    assert refused.status_code == 422
    response = client.post("/en/account/delete", data={"confirm": "y"})
    assert response.status_code == 303
    with database(app) as db:
        assert db.scalars(select(User)).all() == []


def test_login_is_rate_limited(catalog):
    from tests.helpers import make_app
    from tests.schema import reset_schema

    limited = make_app(catalog, RATELIMIT_ENABLED=True)
    reset_schema(limited)
    client = limited.test_client()
    codes = [
        client.post("/en/account/login", data={"username": "x", "password": "y"}).status_code
        for _ in range(11)
    ]
    assert codes[:10] == [422] * 10 and codes[10] == 429


def test_a_learner_studying_alone_gets_a_recovery_code_and_continues_elsewhere(client, app):
    """No class, no account, no e-mail: the account page gives a code, another device
    continues with it (issue 11, item 6)."""
    lesson = "/en/courses/demo/basics/intro"
    assert client.post(f"{lesson}/done").status_code == 303
    menu = client.get("/en/").get_data(as_text=True)
    assert 'href="/en/account/"' in menu  # a guest reaches their page from the menu
    assert "Sign in" in menu
    # The header is cached per worker: a visitor with no progress still gets their own menu.
    assert 'href="/en/account/"' not in app.test_client().get("/en/").get_data(as_text=True)
    page = client.get("/en/account/").get_data(as_text=True)
    assert "Get a recovery code" in page
    first = re.search(
        r'class="big-code">([^<]+)<',
        client.post("/en/account/recovery-code").get_data(as_text=True),
    )
    shown = client.post("/en/account/recovery-code").get_data(as_text=True)  # a double click
    second = re.search(r'class="big-code">([^<]+)<', shown)
    assert first and second and first.group(1) != second.group(1)
    assert "no longer works" in shown
    other = app.test_client()
    assert "Continue with your recovery code" in other.get("/en/account/login").get_data(
        as_text=True
    )
    refused = other.post("/en/continue", data={"recovery_code": first.group(1)})
    assert refused.status_code == 422  # the code before the last one no longer works
    assert other.post("/en/continue", data={"recovery_code": second.group(1)}).status_code == 303
    assert "Lost it? Get a new recovery code" in other.get("/en/account/").get_data(as_text=True)
    module = other.get("/en/courses/demo/basics/").get_data(as_text=True)
    assert "1 of 2 lessons read" in module  # the progress came along
