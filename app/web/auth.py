"""Who is asking: Flask-Login for accounts and for guests (who are users without a name).

The session cookie names a user by their random ``session_key``, never by the sequential
id (which the database may give to someone else after a deletion); replacing the key ends
every session that named it. A guest row is created only when someone first records
progress, and is known only by the session cookie. Signing in rotates the session, so a
session seen before sign-in is worthless after it.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, session
from flask_login import current_user, login_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import bindparam, select

from app.db import get_session
from app.extensions import login_manager
from app.models import User
from app.services import accounts


def _load_user(user_id: str) -> User | None:
    db = get_session()
    if user_id.isdigit():
        # A cookie from before session keys held the id. It still opens a row the upgrade
        # marked (so no guest loses their progress), and the cookie moves to the key; a row
        # created since has no mark, so an old cookie never opens someone who got a
        # deleted user's id.
        user = db.get(User, int(user_id))
        if user is None or not user.session_key.startswith("legacy-"):
            return None
        session["_user_id"] = user.session_key
        return user
    return db.scalar(_BY_SESSION_KEY, {"key": user_id})


#: Made once: building the statement cost as much as running it, on every request.
_BY_SESSION_KEY = select(User).where(User.session_key == bindparam("key"))


def current_learner() -> User | None:
    """The person asking, if they have a row (account or guest); ``None`` otherwise."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def _guest_key() -> str:
    # Derived from the random CSRF secret this browser's session already holds, so that
    # every tab of a new visitor names the same guest; keyed, because the CSRF token is
    # also readable in the page's forms.
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    if field not in session:
        generate_csrf()
    raw = session[field]
    key = current_app.secret_key
    secret = key.encode() if isinstance(key, str) else bytes(key or b"")
    return hmac.new(secret, b"guest:" + raw.encode(), hashlib.sha256).hexdigest()


def ensure_learner() -> User:
    """The person asking, finding or creating the guest row of a first-time anonymous
    learner in the caller's transaction (nothing is committed here).

    The session is kept as it is: from "nobody" to "a new guest" gives no privilege, and
    clearing it would void the CSRF token of every other form the visitor has open.
    """
    user = current_learner()
    if user is not None:
        return user
    guest = accounts.guest_for_key(get_session(), _guest_key())
    session.permanent = True
    login_user(guest)
    return guest


def start_session(user: User, *, remember: bool = False) -> None:
    """Sign ``user`` in on a fresh session, keeping only the interface preferences.

    Only the cookie changes: call it after the view's commit, so that the session never
    names a key the database does not have (the services that sign someone in stamp
    ``last_seen_at`` themselves).
    """
    keep = {key: session[key] for key in ("neutral_title", "keep_out_of_history") if key in session}
    session.clear()
    session.update(keep)
    session.permanent = True
    login_user(user, remember=remember)


def init_app(app: Flask) -> None:
    """Configure Flask-Login."""
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "basic"
