"""When a person was last active, so that the purge of idle guests never takes an active one.

``User.last_seen_at`` is kept to within a day: a request by a known person writes it only
when it is more than :data:`RESOLUTION` old, so a learner reading twenty pages costs one
small UPDATE a day, not twenty.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.models import User, utcnow

RESOLUTION = timedelta(days=1)


def record(session: Session, user: User, now: datetime | None = None) -> bool:
    """Note that ``user`` is active now, if their last note is over a day old.

    Returns True if it wrote. The condition is in the UPDATE too, so two requests at once
    write at most once and never move the time backwards."""
    now = now or utcnow()
    if user.last_seen_at is not None and user.last_seen_at > now - RESOLUTION:
        return False
    result = session.execute(
        update(User)
        .where(User.id == user.id, User.last_seen_at < now - RESOLUTION)
        .values(last_seen_at=now)
    )
    session.flush()
    return bool(getattr(result, "rowcount", 0))
