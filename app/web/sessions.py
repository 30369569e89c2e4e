"""Flask's signed-cookie sessions, with two costs of every request taken away (issue 15).

Flask builds the cookie's serializer twice a request (to read and to write) and, for a
permanent session, signs and sends the whole cookie again on every response, so that its
expiry moves on. Here the serializer is made once per set of keys, and a session nobody
changed is sent again only once the cookie is :data:`REFRESH_AFTER` old: a learner who keeps
coming back keeps their session (its expiry moves on once a day, not once a page), and a
page costs neither the signature nor the ~600 bytes of header. What a session holds, how it
is signed and when it expires are Flask's, unchanged.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from itsdangerous import BadSignature, URLSafeTimedSerializer

#: How old an unchanged permanent session's cookie may be before it is sent again.
REFRESH_AFTER = timedelta(days=1)


class TimedSession(SecureCookieSession):
    """A session that knows when its cookie was signed (``None``: not from a cookie)."""

    issued_at: datetime | None = None


class SessionInterface(SecureCookieSessionInterface):
    """See the module docstring."""

    session_class = TimedSession

    def __init__(self) -> None:
        self._serializers: dict[tuple[object, ...], URLSafeTimedSerializer] = {}
        self._lock = threading.Lock()

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Flask's serializer, made once for the app's keys (it keeps no state of a
        request: the same one signs and reads every cookie)."""
        if not app.secret_key:
            return None
        key = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(key)
        if serializer is None:
            serializer = super().get_signing_serializer(app)
            with self._lock:
                self._serializers[key] = serializer  # type: ignore[assignment]
        return serializer

    def open_session(self, app: Flask, request: Request) -> TimedSession | None:
        """Flask's ``open_session``, keeping the time the cookie was signed."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, issued_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.issued_at = issued_at
        return session

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        """When changed; when permanent (and refreshed, as Flask's setting says), once the
        cookie is :data:`REFRESH_AFTER` old."""
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        issued_at = getattr(session, "issued_at", None)
        return issued_at is None or datetime.now(UTC) - issued_at >= REFRESH_AFTER


def init_app(app: Flask) -> None:
    """Use these sessions."""
    app.session_interface = SessionInterface()
