"""Demo data for a newcomer's first look: an organisation, a facilitator, a class with
learners at different stages. Loaded only into an empty development database."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.content.model import Catalog
from app.models import QuizAttempt, User, utcnow
from app.services import accounts, classes, joining, progress, quizzes

FACILITATOR = ("demo-teacher", "projector-blue-42")
ADMIN = ("demo-admin", "lighthouse-green-7")
LEARNERS = ("Sunce", "Zmaj", "Luna", "Orao", "Maslačak", "Kometa")


@dataclass(frozen=True)
class DemoData:
    """What was created, to print for the newcomer."""

    join_code: str
    class_id: int
    recovery_codes: dict[str, str]


def is_empty(session: Session) -> bool:
    """Whether the database has no people yet."""
    return not session.scalar(select(func.count()).select_from(User))


def load(session: Session, catalog: Catalog, seed: int = 7) -> DemoData:
    """Create the demo organisation, facilitator, admin and a class with varied progress."""
    rng = random.Random(seed)
    course = catalog.courses[0]
    teacher = accounts.sign_up(session, None, FACILITATOR[0], FACILITATOR[1], role="facilitator")
    admin = accounts.sign_up(session, None, ADMIN[0], ADMIN[1], role="admin")
    admin.role = "admin"
    organisation = classes.create_organisation(session, teacher, "Demo School / Demo škola")
    modules = [m.slug for m in course.modules[:3]]
    classroom = classes.create_class(
        session, organisation, course, "Demo class II-3", "sr-Latn", modules
    )
    recovery: dict[str, str] = {}
    for index, nickname in enumerate(LEARNERS):
        _membership, learner, code = joining.join_class(
            session, classroom.join_code, nickname, None
        )
        recovery[nickname] = code or ""
        # Each learner gets a little further than the one before.
        for module in course.modules[: min(index, len(modules))]:
            for lesson in module.lessons:
                progress.complete_lesson(session, learner, course, module, lesson, "sr-Latn")
            if module.quiz is None:
                continue
            for attempt in range(1 + index % 2):
                answers = {
                    q.id: (
                        q.correct
                        if rng.random() < 0.55 + 0.2 * attempt
                        else frozenset({rng.randrange(q.option_count)})
                    )
                    for q in module.quiz.questions
                }
                quizzes.submit(
                    session,
                    learner,
                    course.slug,
                    module.slug,
                    module.quiz,
                    answers,
                    f"demo-{nickname}-{module.slug}-{attempt}",
                    "sr-Latn",
                )
    # Spread the activity over the last days so the dashboard looks lived in.
    for stored in session.scalars(select(QuizAttempt)):
        stored.submitted_at = utcnow() - timedelta(hours=rng.randrange(1, 96))
    session.flush()
    return DemoData(classroom.join_code, classroom.id, recovery)
