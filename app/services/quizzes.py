"""Quiz grading and attempts.

Grading is all-or-nothing per question: a multiple-choice question counts as correct only
when exactly the correct options are chosen. An attempt passes at ``quiz.pass_mark``
percent. Attempts are unlimited and untimed; a repeated form submission (same token)
returns the attempt it already created instead of storing a second one.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.content.model import Question, Quiz
from app.models import QuizAnswer, QuizAttempt, User, utcnow

# An option index as a browser sends it: ASCII digits only ("²" and "①" are digits to
# str.isdigit but not to int), and short, so int() never meets a 5,000-digit number.
_OPTION_INDEX = re.compile(r"[0-9]{1,3}")


@dataclass(frozen=True)
class Grade:
    """The outcome of grading a set of answers."""

    correct: int
    total: int
    percent: int
    is_passed: bool
    per_question: Mapping[str, bool]


def new_token() -> str:
    """A one-time token for a quiz form, so that submitting it twice stores one attempt."""
    return secrets.token_urlsafe(24)


def parse_answers(
    quiz: Quiz, form: Mapping[str, list[str]]
) -> tuple[dict[str, frozenset[int]], list[str]]:
    """Read answers from form lists (``q-<id>`` → option indexes).

    Returns the answers and the ids of questions left unanswered. Values that are not a
    valid option index are ignored, as if not chosen.
    """
    answers: dict[str, frozenset[int]] = {}
    missing: list[str] = []
    for question in quiz.questions:
        chosen: set[int] = set()
        for raw in form.get(f"q-{question.id}", []):
            if _OPTION_INDEX.fullmatch(raw) and int(raw) < question.option_count:
                chosen.add(int(raw))
        if question.type != "multiple" and len(chosen) > 1:
            chosen = set()
        if not chosen:
            missing.append(question.id)
        answers[question.id] = frozenset(chosen)
    return answers, missing


def is_correct(question: Question, chosen: frozenset[int]) -> bool:
    """Exactly the correct options, no more and no fewer."""
    return chosen == question.correct


def grade(quiz: Quiz, answers: Mapping[str, frozenset[int]]) -> Grade:
    """Grade answers against the quiz."""
    per_question = {q.id: is_correct(q, answers.get(q.id, frozenset())) for q in quiz.questions}
    correct = sum(per_question.values())
    total = len(quiz.questions)
    percent = round(100 * correct / total) if total else 0
    return Grade(correct, total, percent, passes(quiz, percent), per_question)


def passes(quiz: Quiz, percent: int) -> bool:
    """The one rule for passing a quiz: at least the pass mark, in percent."""
    return percent >= quiz.pass_mark


def submit(
    session: Session,
    user: User,
    course_slug: str,
    module_slug: str,
    quiz: Quiz,
    answers: Mapping[str, frozenset[int]],
    token: str,
    language: str,
) -> tuple[QuizAttempt, bool]:
    """Store a graded attempt. Returns ``(attempt, created)``; ``created`` is False when
    the same token was already submitted (double click, resubmitted form)."""
    existing = find_by_token(session, user, token)
    if existing is not None:
        return existing, False
    result = grade(quiz, answers)
    attempt = QuizAttempt(
        user_id=user.id,
        course_slug=course_slug,
        module_slug=module_slug,
        quiz_hash=quiz.content_hash,
        token=token,
        correct=result.correct,
        total=result.total,
        percent=result.percent,
        is_passed=result.is_passed,
        language=language,
        submitted_at=utcnow(),
    )
    attempt.answers = [
        QuizAnswer(
            position=i,
            question_id=q.id,
            choices=",".join(str(c) for c in sorted(answers.get(q.id, frozenset()))),
            is_correct=result.per_question[q.id],
        )
        for i, q in enumerate(quiz.questions)
    ]
    try:
        with session.begin_nested():
            session.add(attempt)
            session.flush()
    except IntegrityError:
        # Two requests with the same token raced; the other one stored the attempt.
        existing = find_by_token(session, user, token)
        if existing is None:
            raise
        return existing, False
    return attempt, True


def find_by_token(session: Session, user: User, token: str) -> QuizAttempt | None:
    """The attempt a form token already created, if any."""
    return session.scalar(
        select(QuizAttempt).where(QuizAttempt.user_id == user.id, QuizAttempt.token == token)
    )


def find_attempt(session: Session, user: User, attempt_id: int) -> QuizAttempt | None:
    """One of the user's own attempts, or ``None``."""
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        return None
    return attempt
