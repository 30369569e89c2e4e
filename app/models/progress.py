"""What a learner has done: lessons completed and quiz attempts with their answers.

Rows refer to content by slugs (stable across file renames) plus a hash of the content
version the learner saw.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, utcnow


class LessonProgress(Base):
    """A lesson a learner has marked as done."""

    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("user_id", "course_slug", "module_slug", "lesson_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course_slug: Mapped[str] = mapped_column(String(80))
    module_slug: Mapped[str] = mapped_column(String(80))
    lesson_slug: Mapped[str] = mapped_column(String(80))
    content_hash: Mapped[str] = mapped_column(String(32))
    completed_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuizAttempt(Base):
    """One submitted quiz. ``token`` comes from the form, so a double submit stores once."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (UniqueConstraint("user_id", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course_slug: Mapped[str] = mapped_column(String(80))
    module_slug: Mapped[str] = mapped_column(String(80))
    quiz_hash: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(64))
    correct: Mapped[int]
    total: Mapped[int]
    percent: Mapped[int]
    is_passed: Mapped[bool]
    language: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    answers: Mapped[list[QuizAnswer]] = relationship(
        back_populates="attempt",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="QuizAnswer.position",
    )


class QuizAnswer(Base):
    """The options a learner chose for one question of an attempt."""

    __tablename__ = "quiz_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    question_id: Mapped[str] = mapped_column(String(80))
    # Chosen option indexes as "0,2"; empty when the question was left unanswered.
    choices: Mapped[str] = mapped_column(String(80), default="")
    is_correct: Mapped[bool]

    attempt: Mapped[QuizAttempt] = relationship(back_populates="answers")

    @property
    def chosen(self) -> frozenset[int]:
        """The chosen option indexes."""
        return frozenset(int(c) for c in self.choices.split(",") if c)
