"""Issued certificates. They outlive the learner's account: a verifier years later must
still get an answer, so deleting an account unlinks, and does not delete, its certificates.

At most one *valid* certificate exists per learner, course and scope (``"self"`` or
``"class-<id>"``, kept even when the class is deleted), enforced by a partial unique
index; withdrawn ones are not counted. Each certificate has a place in a published
revocation list (:mod:`app.services.status_lists`), unique per list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Certificate(Base):
    """A completion certificate with its public verification code."""

    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("status_list", "status_index"),
        Index(
            "uq_certificates_one_valid",
            "user_id",
            "course_slug",
            "scope_key",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    classroom_id: Mapped[int | None] = mapped_column(
        ForeignKey("classrooms.id", ondelete="SET NULL"), index=True
    )
    # What the certificate covers, as issued: "self" or "class-<id>" (see services).
    scope_key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    course_slug: Mapped[str] = mapped_column(String(80))
    course_title: Mapped[str] = mapped_column(String(200))
    modules: Mapped[list[Any]] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(16))
    issuer_name: Mapped[str | None] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The certificate issued in its place when the holder corrected the name.
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificates.id", ondelete="SET NULL")
    )
    # Where its revocation bit is in the published status list /credentials/status/<list>.
    status_list: Mapped[int] = mapped_column(default=1)
    status_index: Mapped[int]

    @property
    def is_revoked(self) -> bool:
        """Whether the certificate has been withdrawn."""
        return self.revoked_at is not None
