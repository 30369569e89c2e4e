"""Accounts without e-mail: guests, username + password accounts, data export, deletion."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import (
    Certificate,
    LessonProgress,
    Membership,
    OrganisationMember,
    QuizAttempt,
    User,
    utcnow,
)
from app.services import certificates, passwords, progress
from app.services.errors import Refused

USERNAME = re.compile(r"^[\w.-]{3,40}$", re.UNICODE)


def new_guest(session: Session) -> User:
    """A person studying without an account; only their session cookie knows them."""
    user = User(role="learner", created_at=utcnow(), last_seen_at=utcnow())
    session.add(user)
    session.flush()
    return user


def check_username(session: Session, username: str) -> str:
    """Normalise and check a username, raising :class:`Refused` if it cannot be used."""
    username = username.strip()
    if not USERNAME.match(username):
        raise Refused(str(_l("Use 3 to 40 letters, digits, dots, dashes or underscores.")),
                      "username")
    taken = session.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
    if taken is not None:
        raise Refused(str(_l("This username is taken. Try another one.")), "username")
    return username


def sign_up(
    session: Session, guest: User | None, username: str, password: str, *, role: str = "learner"
) -> User:
    """Create an account. A guest's (or class member's) row becomes the account."""
    username = check_username(session, username)
    problem = passwords.problem(password, username)
    if problem:
        raise Refused(problem, "password")
    # A guest or a class member known only by a recovery code becomes the account holder,
    # so their progress and classes stay theirs.
    user = guest if guest is not None and guest.username is None else User(created_at=utcnow())
    user.username = username
    user.password_hash = passwords.hash_password(password)
    user.role = role if user.role != "admin" else user.role
    user.last_seen_at = utcnow()
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The account with this username and password, or ``None``."""
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if not passwords.verify(user.password_hash if user else None, password):
        return None
    return user


def log_in(session: Session, user: User, guest: User | None) -> User:
    """Sign ``user`` in, moving a guest's progress into the account and deleting the guest."""
    if guest is not None and guest.is_guest and guest.id != user.id:
        progress.merge_into(session, guest, user)
        certificates.merge_into(session, guest, user)
        for membership in session.scalars(select(Membership).where(
            Membership.user_id == guest.id)):
            already = session.scalar(select(Membership.id).where(
                Membership.user_id == user.id, Membership.classroom_id == membership.classroom_id))
            if already is None:
                membership.user_id = user.id
        session.flush()
        session.delete(guest)
    user.last_seen_at = utcnow()
    session.flush()
    return user


def export(session: Session, user: User) -> dict[str, Any]:
    """Everything stored about ``user``, as plain JSON-ready data."""
    lessons = session.scalars(select(LessonProgress).where(LessonProgress.user_id == user.id))
    attempts = session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == user.id))
    memberships = session.scalars(select(Membership).where(Membership.user_id == user.id))
    certificates = session.scalars(select(Certificate).where(Certificate.user_id == user.id))
    return {
        "account": {
            "username": user.username, "role": user.role, "email": user.email,
            "created_at": user.created_at.isoformat(),
            "has_recovery_code": user.recovery_hash is not None,
        },
        "lessons_completed": [
            {"course": r.course_slug, "module": r.module_slug, "lesson": r.lesson_slug,
             "completed_at": r.completed_at.isoformat()} for r in lessons
        ],
        "quiz_attempts": [
            {"course": a.course_slug, "module": a.module_slug, "percent": a.percent,
             "passed": a.is_passed, "submitted_at": a.submitted_at.isoformat(),
             "answers": [{"question": x.question_id, "chosen": sorted(x.chosen),
                          "correct": x.is_correct} for x in a.answers]}
            for a in attempts
        ],
        "classes": [
            {"class": m.classroom.name, "nickname": m.nickname,
             "joined_at": m.joined_at.isoformat()} for m in memberships
        ],
        "certificates": [
            {"code": c.code, "name": c.name, "course": c.course_title,
             "issued_at": c.issued_at.isoformat(), "revoked": c.is_revoked}
            for c in certificates
        ],
    }


def delete_account(session: Session, user: User) -> None:
    """Delete ``user`` and everything stored about them.

    Certificates already issued stay verifiable (a third party may rely on them) but are
    unlinked from the account.
    """
    session.execute(delete(LessonProgress).where(LessonProgress.user_id == user.id))
    session.execute(delete(QuizAttempt).where(QuizAttempt.user_id == user.id))
    session.execute(delete(Membership).where(Membership.user_id == user.id))
    session.execute(delete(OrganisationMember).where(OrganisationMember.user_id == user.id))
    for cert in session.scalars(select(Certificate).where(Certificate.user_id == user.id)):
        cert.user_id = None
    session.delete(user)
    session.flush()
