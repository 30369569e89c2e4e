"""People: guests studying anonymously, learners with an account, facilitators, admins."""

from __future__ import annotations

import secrets
import unicodedata
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow

ROLES = ("learner", "facilitator", "admin")


def new_session_key() -> str:
    """A random secret naming a user in session cookies (256 bits, never reused)."""
    return secrets.token_urlsafe(32)


def username_key(username: str) -> str:
    """The form of a username that uniqueness is checked on: ``Ana`` and ``ana`` (and
    compatibility forms of one letter) are the same name."""
    return unicodedata.normalize("NFKC", username).casefold()


class User(Base):
    """One person. A guest has neither username nor recovery code: only their session knows
    them. Nobody has an e-mail address here except a facilitator who chose to give one."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str | None] = mapped_column(String(40), unique=True)
    # username_key(username), unique: the database itself refuses "Ana" next to "ana",
    # even when both sign up at the same moment.
    username_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    # What the session (and remember) cookie names: a random secret rather than the
    # sequential id, which the database may hand to someone else after a deletion.
    # Replaced (see app.services.accounts.rotate_session_key) to end every session.
    session_key: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_key)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    recovery_hash: Mapped[str | None] = mapped_column(String(255))
    recovery_lookup: Mapped[str | None] = mapped_column(String(32), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20), default="learner")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Flask-Login protocol.
    is_active = True
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        """Flask-Login: any row in this table is a known session holder."""
        return True

    def get_id(self) -> str:
        """Flask-Login: what the session cookie keeps (never the sequential id)."""
        return self.session_key

    @property
    def is_guest(self) -> bool:
        """True for someone studying without any account."""
        return self.username is None and self.recovery_hash is None

    @property
    def is_facilitator(self) -> bool:
        """Facilitators and administrators can run classes."""
        return self.role in ("facilitator", "admin")

    @property
    def is_admin(self) -> bool:
        """Site administrators."""
        return self.role == "admin"
