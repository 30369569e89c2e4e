"""Issued certificates. They outlive the learner's account: a verifier years later must
still get an answer, so deleting an account unlinks, and does not delete, its certificates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Certificate(Base):
    """A completion certificate with its public verification code."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    classroom_id: Mapped[int | None] = mapped_column(
        ForeignKey("classrooms.id", ondelete="SET NULL"), index=True
    )
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

    @property
    def is_revoked(self) -> bool:
        """Whether the certificate has been withdrawn."""
        return self.revoked_at is not None
