"""Factories for people, organisations and classes, made through the services."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.db import get_session
from app.services import accounts, classes

PASSWORD = "a long unusual phrase"


def make_facilitator(app: Flask, username: str = "teacher", *, admin: bool = False) -> int:
    """A facilitator (or administrator) account; returns its id."""
    with app.app_context():
        db = get_session()
        user = accounts.sign_up(db, None, username, PASSWORD,
                                role="admin" if admin else "facilitator")
        user.role = "admin" if admin else "facilitator"
        db.commit()
        return user.id


def make_class(app: Flask, facilitator_id: int, name: str = "II-3",
               organisation: str = "Gimnazija", modules: tuple[str, ...] = ("basics", "next"),
               language: str = "en") -> tuple[int, int, str]:
    """An organisation with a class; returns (organisation id, class id, join code)."""
    with app.app_context():
        db = get_session()
        from app.content.ext import get_catalog
        from app.models import User

        user = db.get(User, facilitator_id)
        org = classes.create_organisation(db, user, organisation)
        classroom = classes.create_class(db, org, get_catalog().course("demo"), name, language,
                                         list(modules))
        db.commit()
        return org.id, classroom.id, classroom.join_code


def log_in(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    """Sign in through the form."""
    response = client.post("/en/account/login", data={"username": username,
                                                      "password": password})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]


def join(client: FlaskClient, code: str, nickname: str) -> str | None:
    """Join a class through the form; returns the recovery code shown, if any."""
    import re

    response = client.post("/en/join", data={"code": code, "nickname": nickname})
    assert response.status_code in (200, 303), response.get_data(as_text=True)[:800]
    page = response.get_data(as_text=True) if response.status_code == 200 else \
        client.get("/en/join/welcome").get_data(as_text=True)
    match = re.search(r'class="big-code">([A-Z0-9-]+)<', page)
    return match.group(1) if match else None
