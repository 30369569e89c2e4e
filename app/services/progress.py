"""Progress through courses: lessons done, best quiz results, and the rule for completion.

The completion rule is defined here once: a module is *passed* (:func:`passes`) when its
best quiz attempt reaches the quiz's pass mark, and a course, or the modules a class
assigned (:func:`assigned_modules`), is *complete* (:func:`is_complete`) when every one of
its modules is passed. Lessons marked as read show progress but do not gate completion, so
a learner may skip a section they find distressing. Every learner's state, one learner's on
their course page or a whole class's on the dashboard, is added up by :func:`module_states`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    delete,
    func,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.content.model import Course, Lesson, Module
from app.models import Classroom, LessonProgress, Membership, QuizAttempt, User, utcnow
from app.services import quizzes


@dataclass(frozen=True, slots=True)
class ModuleProgress:
    """A learner's state in one module."""

    module: Module
    lessons_done: frozenset[str]
    best_percent: int | None
    attempts: int
    is_passed: bool
    last_activity: datetime | None
    #: How many of the module's lessons are done (of ``lessons_done``, those it still has).
    done_count: int

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

    def next_lesson(self) -> Lesson | None:
        """The first lesson not yet done."""
        return next((x for x in self.module.lessons if x.slug not in self.lessons_done), None)


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True)
class NextStep:
    """Where a learner goes on in a course: a lesson to read, or a quiz to take."""

    module: Module
    #: ``None``: every lesson of the module is read, so the next step is its quiz.
    lesson: Lesson | None
    #: Nothing of the course is done yet ("Start" rather than "Continue").
    is_first: bool


def next_step(session: Session, user: User | None, course: Course) -> NextStep | None:
    """The learner's next step in ``course``: the first module not passed, at its first
    lesson not read, or at its quiz once every lesson is read; ``None`` when every module is
    passed. A class member follows the modules their latest class of the course assigned."""
    classroom = None
    if user is not None:
        classroom = session.scalar(
            select(Classroom)
            .join(Membership, Membership.classroom_id == Classroom.id)
            .where(Membership.user_id == user.id, Classroom.course_slug == course.slug)
            .order_by(Membership.joined_at.desc(), Membership.id.desc())
            .limit(1)
        )
    modules = assigned_modules(classroom, course) if classroom else course.modules
    states = _progress(session, user, course, modules).modules
    is_first = not any(m.lessons_done or m.attempts for m in states)
    for state in states:
        if state.is_passed:
            continue
        lesson = state.next_lesson()
        if lesson is not None or state.module.quiz is not None:
            return NextStep(state.module, lesson, is_first)
    return None


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
        "user_id": user.id,
        "course_slug": course.slug,
        "module_slug": module.slug,
        "lesson_slug": lesson.slug,
        "content_hash": lesson.page(language).content_hash,
        "completed_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(LessonProgress)
        .values(**values)
        .on_conflict_do_nothing(
            index_elements=["user_id", "course_slug", "module_slug", "lesson_slug"],
        )
        .returning(LessonProgress.id)
    )
    # RETURNING gives a row only when one was inserted (rowcount is not reliable here).
    inserted = session.execute(statement).first() is not None
    session.flush()
    return inserted


def lesson_done(
    session: Session, user: User, course: Course, module: Module, lesson: Lesson
) -> bool:
    """Whether ``user`` has marked ``lesson`` as read: all a lesson page needs to know of
    their progress, found by the unique index rather than by adding up the course. (A
    visitor without an account has read nothing: the view does not ask.)"""
    parameters = {
        "user_id": user.id,
        "course": course.slug,
        "module": module.slug,
        "lesson": lesson.slug,
    }
    return session.execute(_lesson_done_statement(), parameters).first() is not None


@cache
def _lesson_done_statement() -> Select[Any]:
    """:func:`lesson_done`'s statement, made once."""
    return (
        select(LessonProgress.id)
        .where(
            LessonProgress.user_id == bindparam("user_id"),
            LessonProgress.course_slug == bindparam("course"),
            LessonProgress.module_slug == bindparam("module"),
            LessonProgress.lesson_slug == bindparam("lesson"),
        )
        .limit(1)
    )


def passes(module: Module, best_percent: int | None) -> bool:
    """The pass rule for a module: it has a quiz, and the best attempt reaches that quiz's
    pass mark *today* (:func:`app.services.quizzes.passes`). An attempt's stored
    ``is_passed`` records what the learner was told when they submitted; a pass mark changed
    since does not change that record, but it does change this answer, everywhere."""
    return (
        module.quiz is not None
        and best_percent is not None
        and quizzes.passes(module.quiz, best_percent)
    )


def assigned_modules(classroom: Classroom, course: Course) -> tuple[Module, ...]:
    """The modules of ``course`` that ``classroom`` assigned, in course order.

    A slug the course no longer has is left out; a class left with none of the course's
    modules (none chosen, or all of them since removed from the course) follows the whole
    course, so that it still has something to teach, complete and certify."""
    slugs = {m.module_slug for m in classroom.modules}
    return tuple(m for m in course.modules if m.slug in slugs) or tuple(course.modules)


def module_states(
    session: Session,
    user_ids: Sequence[int] | Select[int],
    course: Course,
    modules: Sequence[Module],
) -> dict[int, tuple[ModuleProgress, ...]]:
    """Each learner's state in ``modules``, by user id: the one place progress is added up.

    ``user_ids`` may be a subquery (a class's members). One statement whatever the number
    of learners, of one row per learner and module touched: the lessons done and the
    attempts side by side (``UNION ALL``), added up by the database (the lessons' slugs
    joined, the best percent, the attempts counted, the latest of both). What depends only
    on the module is found once per module (:class:`_ModuleRule`), not once per learner. A
    learner with no progress at all is missing from the result (see :func:`states_of`)."""
    if isinstance(user_ids, Select):
        statement, users = _states_statement(user_ids), {}
    else:
        # Built once: making this statement cost more than running it (a lesson page asks
        # for one learner's state on every request).
        statement, users = _listed_users_statement(), {"user_ids": list(user_ids)}
    parameters = {**users, "course": course.slug, "slugs": [module.slug for module in modules]}
    rows: dict[int, dict[str, ModuleProgress]] = defaultdict(dict)
    rules = {module.slug: _ModuleRule(module) for module in modules}
    for user_id, module_slug, done, top, count, at in session.execute(statement, parameters):
        rows[user_id][module_slug] = rules[module_slug].state(done, top, count, at)
    return {
        user_id: tuple(by_slug.get(rule.slug, rule.untouched) for rule in rules.values())
        for user_id, by_slug in rows.items()
    }


def _states_statement(user_ids: Select[int] | BindParameter[list[int]]) -> Select[Any]:
    """The statement of :func:`module_states` for the learners ``user_ids`` names, with the
    course's slug (``course``) and the modules' (``slugs``) as parameters."""
    course: BindParameter[str] = bindparam("course")
    slugs: BindParameter[list[str]] = bindparam("slugs", expanding=True)
    activity = union_all(
        select(
            LessonProgress.user_id,
            LessonProgress.module_slug,
            LessonProgress.lesson_slug,
            cast(null(), Integer).label("percent"),
            cast(null(), Integer).label("attempt_id"),
            LessonProgress.completed_at.label("at"),
        ).where(
            LessonProgress.user_id.in_(user_ids),
            LessonProgress.course_slug == course,
            LessonProgress.module_slug.in_(slugs),
        ),
        select(
            QuizAttempt.user_id,
            QuizAttempt.module_slug,
            cast(null(), String),
            QuizAttempt.percent,
            QuizAttempt.id,
            QuizAttempt.submitted_at,
        ).where(
            QuizAttempt.user_id.in_(user_ids),
            QuizAttempt.course_slug == course,
            QuizAttempt.module_slug.in_(slugs),
        ),
    ).subquery()
    return select(
        activity.c.user_id,
        activity.c.module_slug,
        func.aggregate_strings(activity.c.lesson_slug, ","),  # NULLs left out
        func.max(activity.c.percent),
        func.count(activity.c.attempt_id),
        func.max(activity.c.at),
    ).group_by(activity.c.user_id, activity.c.module_slug)


@cache
def _listed_users_statement() -> Select[Any]:
    """:func:`_states_statement` for a list of user ids (``user_ids``), made once."""
    return _states_statement(bindparam("user_ids", expanding=True))


class _ModuleRule:
    """A learner's state in one module from their row: lessons done, best attempt."""

    def __init__(self, module: Module) -> None:
        self.module, self.slug = module, module.slug
        self.lessons = frozenset(lesson.slug for lesson in module.lessons)
        self.untouched = ModuleProgress(module, frozenset(), None, 0, passes(module, None), None, 0)

    def state(self, done: str | None, top: int | None, count: int, at: datetime) -> ModuleProgress:
        """The state from the lessons read (their slugs joined by ","), the best percent
        and number of the attempts, and the latest of either."""
        lessons_done = frozenset(done.split(",")) if done else frozenset()  # slugs have no ","
        return ModuleProgress(
            self.module,
            lessons_done,
            top,
            count,
            passes(self.module, top),
            at,
            len(
                lessons_done & self.lessons
            ),  # a lesson since removed from the module is not counted
        )


def states_of(
    states: dict[int, tuple[ModuleProgress, ...]], user_id: int, modules: Sequence[Module]
) -> tuple[ModuleProgress, ...]:
    """One learner's states from :func:`module_states` (not started, if absent)."""
    return states.get(user_id) or tuple(_ModuleRule(m).untouched for m in modules)


def course_progress(
    session: Session, user: User | None, course: Course, module_slugs: Sequence[str] | None = None
) -> CourseProgress:
    """Progress of ``user`` (``None``: nobody yet) in ``course``, optionally limited to
    some of its modules (a class's: :func:`class_progress`)."""
    modules = [m for m in course.modules if module_slugs is None or m.slug in module_slugs]
    return _progress(session, user, course, modules)


def class_progress(
    session: Session, user: User | None, classroom: Classroom, course: Course
) -> CourseProgress:
    """Progress of ``user`` in the modules ``classroom`` assigned (:func:`assigned_modules`)."""
    return _progress(session, user, course, assigned_modules(classroom, course))


def _progress(
    session: Session, user: User | None, course: Course, modules: Sequence[Module]
) -> CourseProgress:
    states = module_states(session, [user.id], course, modules) if user is not None else {}
    return CourseProgress(course, states_of(states, user.id if user else 0, modules))


def merge_into(session: Session, source: User, target: User) -> None:
    """Move ``source``'s progress into ``target`` (on sign-in after studying as a guest).

    Lessons done by either stay done; every quiz attempt moves over (but one the account
    already has under the same form token), so the best result of both counts. ``source``
    is left without progress.
    """
    have = set(
        session.execute(
            select(
                LessonProgress.course_slug, LessonProgress.module_slug, LessonProgress.lesson_slug
            ).where(LessonProgress.user_id == target.id)
        ).all()
    )
    for row in session.scalars(select(LessonProgress).where(LessonProgress.user_id == source.id)):
        if (row.course_slug, row.module_slug, row.lesson_slug) in have:
            session.delete(row)
        else:
            row.user_id = target.id
    # A token names one rendering of a quiz form: an attempt with a token the account
    # already has is the same submission stored twice (e.g. sent again after signing in),
    # so the account's copy stays and the guest's goes.
    tokens = set(session.scalars(select(QuizAttempt.token).where(QuizAttempt.user_id == target.id)))
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
