"""Database models: people and their state, never content (content lives in memory)."""

from app.models.base import Base, utcnow
from app.models.certificates import Certificate
from app.models.classes import (
    Classroom,
    ClassroomModule,
    Membership,
    Organisation,
    OrganisationMember,
)
from app.models.progress import LessonProgress, QuizAnswer, QuizAttempt
from app.models.user import User

__all__ = [
    "Base",
    "Certificate",
    "Classroom",
    "ClassroomModule",
    "LessonProgress",
    "Membership",
    "Organisation",
    "OrganisationMember",
    "QuizAnswer",
    "QuizAttempt",
    "User",
    "utcnow",
]
