"""Record that a known learner is active (see :mod:`app.services.activity`).

It runs before the view, in the request's own session, and commits at once: nothing else
has been written yet, so the commit can never carry a view's half-done work along.
Static files are skipped, so they never load the person.
"""

from __future__ import annotations

from flask import Flask, current_app, request
from sqlalchemy.exc import SQLAlchemyError

from app.db import get_session
from app.services import activity
from app.web.auth import current_learner


def record_activity() -> None:
    """Keep ``last_seen_at`` of the person asking fresh to within a day."""
    if request.endpoint in (None, "static"):
        return
    user = current_learner()
    if user is None:
        return
    db = get_session()
    try:
        if activity.record(db, user):
            db.commit()
    except SQLAlchemyError:
        # Activity is bookkeeping: a failure here must not cost the learner the page.
        db.rollback()
        current_app.logger.warning("could not record activity", exc_info=True)


def init_app(app: Flask) -> None:
    """Register the hook."""
    app.before_request(record_activity)
