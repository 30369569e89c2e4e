"""A session names one person only: never someone who later got their id, never after
sign-out, password change or removal from a class; and a new guest keeps their forms."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.db import get_session
from app.models import Membership, QuizAttempt, User
from app.services import accounts, classes
from tests.factories import PASSWORD, join, make_class, make_facilitator, signup
from tests.helpers import ALL_RIGHT, CSRF_INPUT, QUIZ_URL, csrf_token, database, row_counts

COOKIE = "unshared_session"


def _copy_cookie(source, target) -> None:
    target.set_cookie(COOKIE, source.get_cookie(COOKIE).value)


def _signed_in_as(client) -> str | None:
    """The username the account page greets, or None when nobody is signed in."""
    response = client.get("/en/account/")
    if response.status_code != 200:
        return None
    match = re.search(r"Signed in as ([^.<]+)\.", response.get_data(as_text=True))
    return match.group(1) if match else "a guest"


def test_copied_cookie_of_a_deleted_guest_never_opens_the_next_account(app, client):
    client.post("/en/courses/demo/basics/intro/done")
    thief = app.test_client()
    _copy_cookie(client, thief)
    assert _signed_in_as(thief) == "a guest"
    client.post("/en/account/delete", data={"confirm": "y"})
    facilitator = make_facilitator(app, "nastavnica")
    make_class(app, facilitator)
    assert _signed_in_as(thief) is None
    assert "Gimnazija" not in thief.get("/en/classes/").get_data(as_text=True)


def test_removed_learner_never_sees_the_next_joiners_data(app):
    _org, class_id, code = make_class(app, make_facilitator(app))
    mila = app.test_client()
    join(mila, code, "Mila")
    with database(app) as db:
        membership = db.scalar(select(Membership).where(Membership.nickname == "Mila"))
        classes.remove_member(db, classes.get_class(db, class_id), membership.id)
        db.commit()
    join(app.test_client(), code, "Luka")
    response = mila.get("/en/account/data.json")
    assert response.status_code == 404
    assert "Luka" not in response.get_data(as_text=True)


def test_removal_from_a_class_signs_the_learner_out(app):
    _org, class_id, code = make_class(app, make_facilitator(app))
    ana = app.test_client()
    signup(ana, "ana")
    join(ana, code, "Ana")
    with database(app) as db:
        membership = db.scalar(select(Membership).where(Membership.nickname == "Ana"))
        classes.remove_member(db, classes.get_class(db, class_id), membership.id)
        db.commit()
    assert _signed_in_as(ana) is None
    # The account stays; signing in again works.
    ana.post("/en/account/login", data={"username": "ana", "password": "correct horse battery"})
    assert _signed_in_as(ana) == "ana"


def test_sign_out_ends_a_copied_cookie_too(app, client):
    signup(client, "jovana")
    copy = app.test_client()
    _copy_cookie(client, copy)
    assert _signed_in_as(copy) == "jovana"
    client.post("/en/account/logout")
    assert _signed_in_as(client) is None
    assert _signed_in_as(copy) is None


def test_password_change_signs_out_every_other_session(app, client):
    signup(client, "stefan")
    other = app.test_client()
    _copy_cookie(client, other)
    with database(app) as db:
        user = db.scalar(select(User).where(User.username == "stefan"))
        accounts.change_password(db, user, "correct horse battery", "plum violin harbour seven")
        db.commit()
    assert _signed_in_as(other) is None
    other.post(
        "/en/account/login", data={"username": "stefan", "password": "plum violin harbour seven"}
    )
    assert _signed_in_as(other) == "stefan"


def test_changing_the_password_on_the_account_page(app, client):
    signup(client, "vesna")
    laptop = app.test_client()
    _copy_cookie(client, laptop)
    wrong = client.post(
        "/en/account/password",
        data={
            "current": "not it",
            "password": "plum violin harbour seven",
            "confirm": "plum violin harbour seven",
        },
    )
    assert wrong.status_code == 422 and "not your current password" in wrong.get_data(as_text=True)
    weak = client.post(
        "/en/account/password",
        data={
            "current": "correct horse battery",
            "password": "aaaaaaaaaa",
            "confirm": "aaaaaaaaaa",
        },
    )
    assert weak.status_code == 422 and "unrelated words" in weak.get_data(as_text=True)
    assert _signed_in_as(laptop) == "vesna"
    done = client.post(
        "/en/account/password",
        data={
            "current": "correct horse battery",
            "password": "plum violin harbour seven",
            "confirm": "plum violin harbour seven",
        },
    )
    assert done.status_code == 303
    assert _signed_in_as(client) == "vesna"
    assert _signed_in_as(laptop) is None
    assert accounts_login(app, "vesna", "plum violin harbour seven")


def accounts_login(app, username: str, password: str) -> bool:
    response = app.test_client().post(
        "/en/account/login", data={"username": username, "password": password}
    )
    return response.status_code == 303


def test_cookie_from_before_session_keys_opens_only_a_row_the_upgrade_marked(app, client):
    with database(app) as db:
        old = accounts.sign_up(db, None, "stara", PASSWORD)
        old.session_key = "legacy-0123456789abcdef"
        new = accounts.sign_up(db, None, "nova", PASSWORD)
        db.commit()
        old_id, new_id = old.id, new.id
    with client.session_transaction() as session:
        session["_user_id"] = str(old_id)
    assert _signed_in_as(client) == "stara"
    with client.session_transaction() as session:
        assert session["_user_id"] == "legacy-0123456789abcdef"
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = str(new_id)
    assert _signed_in_as(other) is None


def test_first_progress_keeps_the_other_open_forms_valid(csrf_app):
    client = csrf_app.test_client()
    quiz_token = csrf_token(client, QUIZ_URL)
    lesson_token = csrf_token(client, "/en/courses/demo/basics/intro")
    done = client.post("/en/courses/demo/basics/intro/done", data={"csrf_token": lesson_token})
    assert done.status_code == 303
    # The quiz page was opened (in another tab) before the guest existed.
    answered = client.post(QUIZ_URL, data={**ALL_RIGHT, "csrf_token": quiz_token})
    assert answered.status_code == 303, answered.get_data(as_text=True)[:300]
    with csrf_app.app_context():
        db = get_session()
        assert db.scalar(select(func.count()).select_from(User)) == 1
        assert db.scalar(select(func.count()).select_from(QuizAttempt)) == 1


def test_signing_in_still_rotates_the_session(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token(client, "/en/account/signup")
    client.post(
        "/en/account/signup",
        data={"username": "mina", "password": PASSWORD, "confirm": PASSWORD, "csrf_token": token},
    )
    assert _signed_in_as(client) == "mina"
    client.post("/en/account/logout", data={"csrf_token": csrf_token(client, "/en/account/")})
    before = csrf_token(client, QUIZ_URL)
    login_token = csrf_token(client, "/en/account/login")
    client.post(
        "/en/account/login",
        data={"username": "mina", "password": PASSWORD, "csrf_token": login_token},
    )
    assert _signed_in_as(client) == "mina"
    stale = client.post(QUIZ_URL, data={**ALL_RIGHT, "csrf_token": before})
    assert stale.status_code == 400


def test_merging_a_guest_and_an_account_that_share_a_quiz_token(app, client):
    signup(client, "petar")
    client.post(QUIZ_URL, data=ALL_RIGHT)
    client.post("/en/account/logout")
    client.post(QUIZ_URL, data=ALL_RIGHT)  # as a guest, the same form token
    response = client.post(
        "/en/account/login", data={"username": "petar", "password": "correct horse battery"}
    )
    assert response.status_code == 303
    with database(app) as db:
        assert db.scalar(select(func.count()).select_from(User)) == 1
        attempts = db.scalars(select(QuizAttempt)).all()
        assert [a.token for a in attempts] == [ALL_RIGHT["token"]]


def test_recovery_code_is_shown_but_never_kept_in_the_cookie(app):
    _org, _class_id, code = make_class(app, make_facilitator(app))
    learner = app.test_client()
    response = learner.post("/en/join", data={"code": code, "nickname": "Mila"})
    recovery = re.search(r'class="big-code">([A-Z0-9-]+)<', response.get_data(as_text=True))
    assert recovery
    serializer = app.session_interface.get_signing_serializer(app)
    stored = serializer.loads(learner.get_cookie(COOKIE).value)
    assert recovery.group(1) not in repr(stored)
    # Not shown a second time.
    assert "big-code" not in learner.get("/en/join/welcome").get_data(as_text=True)
    phone = app.test_client()
    phone.post("/en/continue", data={"recovery_code": recovery.group(1)})
    assert "Mila" in phone.get("/en/account/data.json").get_data(as_text=True)


def test_nul_bytes_in_username_or_password_are_refused_and_store_nothing(app, client):
    # No browser sends a NUL byte by itself: app/web/guard.py answers 400 before any view
    # runs (the account service refuses them too, see tests/services/test_identity.py).
    signup(app.test_client(), "ana")
    client.post("/en/courses/demo/basics/intro/done")  # a guest, whose row must stay a guest
    response = client.post(
        "/en/account/signup",
        data={"username": "mila\x00x", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 400
    for username, password in (
        ("ana\x00", "correct horse battery"),
        ("mila\x00x", PASSWORD),
        ("ana", "correct\x00horse battery"),
    ):
        login = client.post("/en/account/login", data={"username": username, "password": password})
        assert login.status_code == 400
        assert "Signed in" not in login.get_data(as_text=True)
    with database(app) as db:
        assert sorted(db.scalars(select(User.username)), key=str) == [None, "ana"]


def test_a_new_visitor_reads_without_a_cookie_and_saves_after_being_asked(csrf_app):
    client = csrf_app.test_client()
    lesson = client.get("/en/courses/demo/basics/intro")
    assert client.get_cookie("unshared_session") is None
    assert 'method="get" action="/en/courses/demo/basics/intro/done"' in lesson.get_data(
        as_text=True
    )
    # The button asks first; asking writes nothing, and starts the session.
    before = row_counts(csrf_app)
    asked = client.get("/en/courses/demo/basics/intro/done")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Keep your progress in this browser?" in page
    assert "Go on without saving" in page and 'href="/en/courses/demo/basics/more"' in page
    assert row_counts(csrf_app) == before
    assert client.get_cookie("unshared_session") is not None
    # A forged form without the token still changes nothing.
    assert client.post("/en/courses/demo/basics/intro/done").status_code == 400
    assert row_counts(csrf_app) == before
    token = CSRF_INPUT.search(page)
    assert token is not None
    saved = client.post("/en/courses/demo/basics/intro/done", data={"csrf_token": token[1]})
    assert saved.status_code == 303 and saved.headers["Location"].endswith("/basics/more")
    again = client.get("/en/courses/demo/basics/intro").get_data(as_text=True)
    assert "You have read this lesson." in again and 'method="post"' in again
