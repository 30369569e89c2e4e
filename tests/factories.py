"""People, classes and certificates for tests: made through the services, or through the
forms as a visitor would."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from app.content.ext import get_catalog
from app.db import get_session
from app.models import Certificate, Membership, QuizAttempt, User
from app.services import accounts, classes
from tests.helpers import ALL_RIGHT, NEXT_QUIZ_URL, NEXT_RIGHT, QUIZ_URL, csrf_token

PASSWORD = "a long unusual phrase"
LATIN = "Đorđe Šćekić"
CYRILLIC = "Ђорђе Шћекић"

# People and classes ---------------------------------------------------------------------


def make_facilitator(app: Flask, username: str = "teacher", *, admin: bool = False) -> int:
    """A facilitator (or administrator) account; returns its id."""
    with app.app_context():
        db = get_session()
        role = "admin" if admin else "facilitator"
        user = accounts.sign_up(db, None, username, PASSWORD, role=role)
        user.role = role
        db.commit()
        return user.id


def make_class(
    app: Flask,
    facilitator_id: int,
    name: str = "II-3",
    organisation: str = "Gimnazija",
    modules: tuple[str, ...] = ("basics", "next"),
    language: str = "en",
) -> tuple[int, int, str]:
    """An organisation with a class of the demo course; returns (organisation id, class id,
    join code)."""
    with app.app_context():
        db = get_session()
        user = db.get(User, facilitator_id)
        org = classes.create_organisation(db, user, organisation)
        classroom = classes.create_class(
            db, org, get_catalog().course("demo"), name, language, list(modules)
        )
        db.commit()
        return org.id, classroom.id, classroom.join_code


def facilitator_with_class(
    app: Flask,
    client: FlaskClient,
    username: str,
    organisation: str,
    class_name: str,
    modules: tuple[str, ...] = ("basics", "next"),
) -> int:
    """A facilitator with an organisation and a class of the demo course, signed in on
    ``client``; returns the class id."""
    _org, class_id, _code = make_class(
        app, make_facilitator(app, username), class_name, organisation, modules
    )
    log_in(client, username)
    return class_id


def enrol(app: Flask, class_id: int, user_id: int, nickname: str) -> None:
    """Put the account ``user_id`` in the class, as joining would."""
    with app.app_context():
        db = get_session()
        db.add(Membership(classroom_id=class_id, user_id=user_id, nickname=nickname))
        db.commit()


# Through the forms ----------------------------------------------------------------------


def signup(
    client: FlaskClient, username: str = "luka", password: str = "correct horse battery"
) -> TestResponse:
    """Create an account through the form."""
    return client.post(
        "/en/account/signup", data={"username": username, "password": password, "confirm": password}
    )


def log_in(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    """Sign in through the form (with its CSRF token when the app checks them)."""
    data = {"username": username, "password": password}
    if client.application.config["WTF_CSRF_ENABLED"]:
        data["csrf_token"] = csrf_token(client, "/en/account/login")
    response = client.post("/en/account/login", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]


def join(client: FlaskClient, code: str, nickname: str) -> str | None:
    """Join a class through the form; returns the recovery code shown, if any."""
    response = client.post("/en/join", data={"code": code, "nickname": nickname})
    assert response.status_code in (200, 303), response.get_data(as_text=True)[:800]
    page = (
        response.get_data(as_text=True)
        if response.status_code == 200
        else client.get("/en/join/welcome").get_data(as_text=True)
    )
    match = re.search(r'class="big-code">([A-Z0-9-]+)<', page)
    return match.group(1) if match else None


# Certificates ---------------------------------------------------------------------------


def pass_course(client: FlaskClient) -> None:
    """Pass both quizzes of the demo course (as whoever the client is)."""
    assert client.post(QUIZ_URL, data=ALL_RIGHT).status_code == 303
    assert client.post(NEXT_QUIZ_URL, data=NEXT_RIGHT).status_code == 303


def claim(client: FlaskClient, name: str, lang: str = "en", **extra: str) -> TestResponse:
    """Send the claim form of the demo course."""
    return client.post(f"/{lang}/certificates/claim/demo", data={"name": name, **extra})


def claim_code(client: FlaskClient, name: str, lang: str = "en", **extra: str) -> str:
    """Claim and return the new certificate's code."""
    response = claim(client, name, lang, **extra)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].rsplit("/", 1)[1]


def certificate_count(app: Flask) -> int:
    """How many certificates the database holds."""
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Certificate)) or 0


def learner_id(app: Flask) -> int | None:
    """The user who made the latest quiz attempt."""
    with app.app_context():
        return get_session().scalar(select(QuizAttempt.user_id).order_by(QuizAttempt.id.desc()))
