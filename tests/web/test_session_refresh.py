"""An unchanged permanent session is sent again once a day, not on every response
(app/web/sessions.py); a changed one at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.web import sessions
from tests.helpers import CSRF_INPUT

LESSON = "/en/courses/demo/basics/intro"


def _session_cookie(response) -> list[str]:
    return [v for v in response.headers.getlist("Set-Cookie") if v.startswith("unshared_session=")]


def test_an_unchanged_session_is_sent_again_only_once_it_is_a_day_old(csrf_app, monkeypatch):
    client = csrf_app.test_client()
    page = client.get(LESSON + "/done").get_data(as_text=True)  # starts the session
    token = CSRF_INPUT.search(page)[1]
    saved = client.post(LESSON + "/done", data={"csrf_token": token})  # a guest: changed
    assert saved.status_code == 303 and _session_cookie(saved)
    assert not _session_cookie(client.get(LESSON))  # nothing changed: not sent
    later = datetime.now(UTC) + sessions.REFRESH_AFTER + timedelta(minutes=1)

    class _Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return later

    monkeypatch.setattr(sessions, "datetime", _Later)
    refreshed = client.get(LESSON)
    assert _session_cookie(refreshed)  # a day on: sent again, its expiry moved on
    assert "You have read this lesson." in refreshed.get_data(as_text=True)
