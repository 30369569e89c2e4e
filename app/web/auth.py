"""Who is asking: Flask-Login for accounts and for guests (who are users without a name).

A guest row is created only when someone first records progress, and is known only by the
session cookie. Signing in rotates the session, so a session id seen before sign-in is
worthless after it.
"""

from __future__ import annotations

from flask import Flask, session
from flask_login import current_user, login_user

from app.db import get_session
from app.extensions import login_manager
from app.models import User, utcnow
from app.services import accounts


def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return get_session().get(User, int(user_id))


def current_learner() -> User | None:
    """The person asking, if they have a row (account or guest); ``None`` otherwise."""
    return current_user._get_current_object() if current_user.is_authenticated else None  # noqa: SLF001


def ensure_learner() -> User:
    """The person asking, creating a guest row for a first-time anonymous learner."""
    user = current_learner()
    if user is not None:
        return user
    db = get_session()
    guest = accounts.new_guest(db)
    db.commit()
    start_session(guest)
    return guest


def start_session(user: User, *, remember: bool = False) -> None:
    """Sign ``user`` in on a fresh session, keeping only the interface preferences."""
    keep = {key: session[key] for key in ("neutral_title", "keep_out_of_history") if key in session}
    session.clear()
    session.update(keep)
    session.permanent = True
    login_user(user, remember=remember)
    user.last_seen_at = utcnow()


def init_app(app: Flask) -> None:
    """Configure Flask-Login."""
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "basic"
