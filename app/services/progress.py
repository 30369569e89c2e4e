"""Progress through courses: lessons done, best quiz results, and the rule for completion.

The completion rule is defined here once: a module is *passed* when its best quiz attempt
reaches the quiz's pass mark, and a course (or the set of modules a class assigned) is
*complete* when every one of its modules is passed. Lessons marked as read show progress
but do not gate completion, so a learner may skip a section they find distressing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.content.model import Course, Lesson, Module
from app.models import LessonProgress, QuizAttempt, User, utcnow


@dataclass(frozen=True)
class ModuleProgress:
    """A learner's state in one module."""

    module: Module
    lessons_done: frozenset[str]
    best_percent: int | None
    attempts: int
    is_passed: bool
    last_activity: datetime | None

    @property
    def status(self) -> str:
        """``not-started``, ``in-progress`` or ``passed``."""
        if self.is_passed:
            return "passed"
        if self.lessons_done or self.attempts:
            return "in-progress"
        return "not-started"

    @property
    def lesson_count(self) -> int:
        """How many lessons the module has."""
        return len(self.module.lessons)

    @property
    def done_count(self) -> int:
        """How many of the module's lessons are done."""
        return sum(1 for lesson in self.module.lessons if lesson.slug in self.lessons_done)

    def next_lesson(self) -> Lesson | None:
        """The first lesson not yet done."""
        return next((x for x in self.module.lessons if x.slug not in self.lessons_done), None)


@dataclass(frozen=True)
class CourseProgress:
    """A learner's state in a course, module by module."""

    course: Course
    modules: tuple[ModuleProgress, ...]

    @property
    def is_complete(self) -> bool:
        """Every module counted here is passed (see :func:`is_complete`)."""
        return is_complete(self.modules)

    @property
    def passed_count(self) -> int:
        """Modules passed."""
        return sum(1 for m in self.modules if m.is_passed)

    def module(self, slug: str) -> ModuleProgress | None:
        """Progress in one module."""
        return next((m for m in self.modules if m.module.slug == slug), None)


def is_complete(modules: Iterable[ModuleProgress]) -> bool:
    """The completion rule: at least one module, and every module passed."""
    modules = list(modules)
    return bool(modules) and all(m.is_passed for m in modules)


def complete_lesson(
    session: Session, user: User, course: Course, module: Module, lesson: Lesson, language: str
) -> bool:
    """Mark a lesson as done (idempotent). Returns True if it was newly marked.

    One INSERT that does nothing when the row exists, so a double click, two tabs or a
    retried request all end with the lesson done once and no unique-constraint error."""
    values = {
        "user_id": user.id, "course_slug": course.slug, "module_slug": module.slug,
        "lesson_slug": lesson.slug, "content_hash": lesson.page(language).content_hash,
        "completed_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(LessonProgress).values(**values).on_conflict_do_nothing(
        index_elements=["user_id", "course_slug", "module_slug", "lesson_slug"],
    ).returning(LessonProgress.id)
    # RETURNING gives a row only when one was inserted (rowcount is not reliable here).
    inserted = session.execute(statement).first() is not None
    session.flush()
    return inserted


def course_progress(
    session: Session, user: User | None, course: Course, module_slugs: Sequence[str] | None = None
) -> CourseProgress:
    """Progress of ``user`` (``None``: nobody yet) in ``course``, optionally limited to
    the modules a class assigned."""
    modules = [m for m in course.modules if module_slugs is None or m.slug in module_slugs]
    done: dict[str, set[str]] = {}
    last: dict[str, datetime] = {}
    best: dict[str, tuple[int | None, int, datetime | None]] = {}
    if user is not None:
        rows = session.execute(select(
            LessonProgress.module_slug, LessonProgress.lesson_slug, LessonProgress.completed_at
        ).where(LessonProgress.user_id == user.id, LessonProgress.course_slug == course.slug))
        for module_slug, lesson_slug, at in rows:
            done.setdefault(module_slug, set()).add(lesson_slug)
            last[module_slug] = max(at, last.get(module_slug, at))
        stats = session.execute(select(
            QuizAttempt.module_slug, func.max(QuizAttempt.percent), func.count(),
            func.max(QuizAttempt.submitted_at),
        ).where(QuizAttempt.user_id == user.id, QuizAttempt.course_slug == course.slug)
         .group_by(QuizAttempt.module_slug))
        best = {slug: (top, count, at) for slug, top, count, at in stats}
    result = []
    for module in modules:
        top, count, quiz_at = best.get(module.slug, (None, 0, None))
        passed = module.quiz is not None and top is not None and top >= module.quiz.pass_mark
        times = [t for t in (last.get(module.slug), quiz_at) if t is not None]
        result.append(ModuleProgress(
            module, frozenset(done.get(module.slug, set())), top, count, passed,
            max(times) if times else None,
        ))
    return CourseProgress(course, tuple(result))


def merge_into(session: Session, source: User, target: User) -> None:
    """Move ``source``'s progress into ``target`` (on sign-in after studying as a guest).

    Lessons done by either stay done; every quiz attempt moves over (but one the account
    already has under the same form token), so the best result of both counts. ``source``
    is left without progress.
    """
    have = set(session.execute(select(
        LessonProgress.course_slug, LessonProgress.module_slug, LessonProgress.lesson_slug
    ).where(LessonProgress.user_id == target.id)).all())
    for row in session.scalars(select(LessonProgress).where(LessonProgress.user_id == source.id)):
        if (row.course_slug, row.module_slug, row.lesson_slug) in have:
            session.delete(row)
        else:
            row.user_id = target.id
    # A token names one rendering of a quiz form: an attempt with a token the account
    # already has is the same submission stored twice (e.g. sent again after signing in),
    # so the account's copy stays and the guest's goes.
    tokens = set(session.scalars(select(QuizAttempt.token).where(
        QuizAttempt.user_id == target.id)))
    for attempt in session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == source.id)):
        if attempt.token in tokens:
            session.delete(attempt)
        else:
            attempt.user_id = target.id
    session.flush()


def reset(session: Session, user: User) -> None:
    """Delete all of a user's progress."""
    session.execute(delete(LessonProgress).where(LessonProgress.user_id == user.id))
    session.execute(delete(QuizAttempt).where(QuizAttempt.user_id == user.id))
    session.flush()
