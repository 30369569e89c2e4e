"""The class reports, counted in SQL, say what counting every learner by hand says."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.models import Membership, QuizAttempt, User
from app.services import accounts, classes, progress, reports
from tests.class_data import add_learners
from tests.helpers import database


def _class_of_40(db, catalog):  # type: ignore[no-untyped-def]
    teacher = accounts.sign_up(db, None, "nastavnica", "a long unusual phrase", role="facilitator")
    organisation = classes.create_organisation(db, teacher, "Gimnazija")
    course = catalog.course("demo")
    classroom = classes.create_class(db, organisation, course, "IV-2", "en", ["basics", "next"])
    add_learners(db, classroom, course, 40, seed=3)
    return classroom, course


def test_question_analysis_counts_each_learners_latest_attempt(app, catalog):
    with database(app) as db:
        classroom, course = _class_of_40(db, catalog)
        attempts = db.scalars(
            select(QuizAttempt)
            .options(selectinload(QuizAttempt.answers))
            .order_by(QuizAttempt.submitted_at, QuizAttempt.id)
        ).all()
        latest = {(a.user_id, a.module_slug): a for a in attempts}
        for module, stats in reports.question_analysis(db, classroom, course, "en"):
            for question, got in zip(module.quiz.questions, stats, strict=True):
                answers = [
                    a
                    for (_user, slug), attempt in latest.items()
                    if slug == module.slug
                    for a in attempt.answers
                    if a.question_id == question.id
                ]
                wrong = Counter(
                    i for a in answers if not a.is_correct for i in a.chosen - question.correct
                )
                options = question.text("en").options
                assert got.answered == len(answers) == 40
                assert got.correct == sum(a.is_correct for a in answers)
                if wrong:
                    top = max(wrong.values())
                    assert got.common_wrong_count == top
                    first = min(i for i, n in wrong.items() if n == top)  # the first on a tie
                    assert got.common_wrong and got.common_wrong in options[first].text
                else:
                    assert got.common_wrong is None


def test_learner_rows_are_each_learners_own_progress(app, catalog):
    with database(app) as db:
        classroom, course = _class_of_40(db, catalog)
        rows = reports.learner_rows(db, classroom, course)
        assert len(rows) == 40 and any(row.is_complete for row in rows)
        for row in rows:
            user = db.get(User, db.get(Membership, row.membership_id).user_id)
            assert row.modules == progress.class_progress(db, user, classroom, course).modules
