"""Quiz grading: all-or-nothing per question, pass mark in percent, one attempt per token."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import QuizAttempt
from app.services import accounts, quizzes


def _quiz(catalog):
    return catalog.course("demo").module("basics").quiz


def test_all_right_passes_and_all_wrong_does_not(catalog):
    quiz = _quiz(catalog)
    right = quizzes.grade(
        quiz, {"forward": frozenset({1}), "signs": frozenset({0, 2}), "vanish": frozenset({1})}
    )
    assert (right.correct, right.total, right.percent, right.is_passed) == (3, 3, 100, True)
    wrong = quizzes.grade(
        quiz, {"forward": frozenset({0}), "signs": frozenset({1}), "vanish": frozenset({0})}
    )
    assert (wrong.correct, wrong.percent, wrong.is_passed) == (0, 0, False)


def test_multiple_choice_needs_exactly_the_right_options(catalog):
    quiz = _quiz(catalog)
    partial = quizzes.grade(
        quiz, {"forward": frozenset({1}), "signs": frozenset({0}), "vanish": frozenset({1})}
    )
    assert partial.per_question["signs"] is False
    too_many = quizzes.grade(quiz, {"signs": frozenset({0, 1, 2})})
    assert too_many.per_question["signs"] is False


def test_pass_mark_boundary(catalog):
    quiz = _quiz(catalog)  # pass mark 70: 2 of 3 is 67 %, not enough
    two = quizzes.grade(
        quiz, {"forward": frozenset({1}), "signs": frozenset({0, 2}), "vanish": frozenset({0})}
    )
    assert two.percent == 67 and not two.is_passed
    assert quizzes.passes(quiz, 70) and not quizzes.passes(quiz, 69)


def test_parse_answers_ignores_bogus_values_and_reports_missing(catalog):
    quiz = _quiz(catalog)
    answers, missing = quizzes.parse_answers(
        quiz, {"q-forward": ["7"], "q-signs": ["0", "x", "2"], "q-vanish": ["0", "1"]}
    )
    assert answers["signs"] == frozenset({0, 2})
    assert missing == ["forward", "vanish"]  # out of range; two answers to a one-answer question


def test_same_token_stores_one_attempt(db, catalog):
    quiz = _quiz(catalog)
    user = accounts.new_guest(db)
    answers = {"forward": frozenset({1}), "signs": frozenset({0, 2}), "vanish": frozenset({1})}
    first, created = quizzes.submit(db, user, "demo", "basics", quiz, answers, "tok", "en")
    again, created_again = quizzes.submit(db, user, "demo", "basics", quiz, answers, "tok", "en")
    db.commit()
    assert created and not created_again and first.id == again.id
    assert db.scalar(select(func.count()).select_from(QuizAttempt)) == 1
