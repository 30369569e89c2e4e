"""A class with many learners and their progress, written in bulk.

For the statement-count tests and ``bench/bench_dashboard.py``: the services would take
minutes to make 500 learners (a recovery-code hash each), so the rows are inserted
directly, in the shapes the services store them. Random but reproducible (``seed``).
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.content.model import Course, Module
from app.models import (
    Classroom,
    LessonProgress,
    Membership,
    QuizAnswer,
    QuizAttempt,
    User,
    utcnow,
)


def add_learners(
    session: Session,
    classroom: Classroom,
    course: Course,
    count: int,
    *,
    seed: int = 1,
    attempts: tuple[int, int] = (1, 3),
) -> None:
    """Add ``count`` learners to ``classroom``, each with lessons done and between
    ``attempts[0]`` and ``attempts[1]`` quiz attempts in every assigned module (the
    newest one right more often than the first)."""
    rng = random.Random(seed)
    now = utcnow()
    assigned = {m.module_slug for m in classroom.modules}
    modules = [m for m in course.modules if m.slug in assigned]
    user_ids = list(
        session.scalars(
            insert(User).returning(User.id, sort_by_parameter_order=True),
            [{"role": "learner", "created_at": now, "last_seen_at": now} for _ in range(count)],
        )
    )
    session.execute(
        insert(Membership),
        [
            {
                "classroom_id": classroom.id,
                "user_id": user_id,
                "nickname": f"Learner {n:04d}",
                "joined_at": now - timedelta(days=1),
            }
            for n, user_id in enumerate(user_ids)
        ],
    )
    lessons: list[dict[str, object]] = []
    tries: list[tuple[int, Module, int]] = []
    for user_id in user_ids:
        for module in modules:
            for lesson in module.lessons[: rng.randint(0, len(module.lessons))]:
                lessons.append(
                    {
                        "user_id": user_id,
                        "course_slug": course.slug,
                        "module_slug": module.slug,
                        "lesson_slug": lesson.slug,
                        "content_hash": "bench",
                        "completed_at": now - timedelta(minutes=rng.randint(1, 5000)),
                    }
                )
            if module.quiz is None:
                continue
            for n in range(rng.randint(*attempts)):
                tries.append((user_id, module, n))
    if lessons:
        session.execute(insert(LessonProgress), lessons)
    _add_attempts(session, course, tries, rng)
    session.flush()


def _add_attempts(
    session: Session, course: Course, tries: list[tuple[int, Module, int]], rng: random.Random
) -> None:
    now = utcnow()
    rows: list[dict[str, object]] = []
    answers = []
    for user_id, module, n in tries:
        quiz = module.quiz
        assert quiz is not None
        chosen = []
        for question in quiz.questions:
            right = rng.random() < 0.5 + 0.2 * n
            pick = question.correct if right else frozenset({rng.randrange(question.option_count)})
            chosen.append((question, pick, pick == question.correct))
        correct = sum(1 for *_rest, ok in chosen if ok)
        percent = round(100 * correct / len(chosen)) if chosen else 0
        rows.append(
            {
                "user_id": user_id,
                "course_slug": course.slug,
                "module_slug": module.slug,
                "quiz_hash": quiz.content_hash,
                "token": f"bulk-{user_id}-{module.slug}-{n}",
                "correct": correct,
                "total": len(chosen),
                "percent": percent,
                "is_passed": percent >= quiz.pass_mark,
                "language": "en",
                "submitted_at": now - timedelta(minutes=rng.randint(1, 5000) - 100 * n),
            }
        )
        answers.append(chosen)
    if not rows:
        return
    ids = list(
        session.scalars(
            insert(QuizAttempt).returning(QuizAttempt.id, sort_by_parameter_order=True), rows
        )
    )
    session.execute(
        insert(QuizAnswer),
        [
            {
                "attempt_id": attempt_id,
                "position": i,
                "question_id": question.id,
                "choices": ",".join(str(c) for c in sorted(pick)),
                "is_correct": ok,
            }
            for attempt_id, chosen in zip(ids, answers, strict=True)
            for i, (question, pick, ok) in enumerate(chosen)
        ],
    )
