"""Accounts without e-mail: guests, username + password accounts, data export, deletion."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import (
    Certificate,
    Classroom,
    LessonProgress,
    Membership,
    Organisation,
    OrganisationMember,
    QuizAttempt,
    User,
    utcnow,
)
from app.models.user import new_session_key, username_key
from app.services import certificates, passwords, progress
from app.services.errors import Refused

USERNAME = re.compile(r"^[\w.-]{3,40}$", re.UNICODE)


def new_guest(session: Session) -> User:
    """A person studying without an account; only their session cookie knows them."""
    user = User(role="learner", created_at=utcnow(), last_seen_at=utcnow())
    session.add(user)
    session.flush()
    return user


def guest_for_key(session: Session, key: str) -> User:
    """The guest whose session names ``key``, created if there is none yet.

    Two requests of one new visitor (two tabs) that arrive at once both name the same key,
    so they find one row: the second insert waits for the first and then does nothing,
    instead of creating a second guest whose writes would be orphaned.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    session.execute(
        insert(User)
        .values(session_key=key, role="learner", created_at=now, last_seen_at=now)
        .on_conflict_do_nothing(index_elements=["session_key"])
    )
    user = session.scalar(select(User).where(User.session_key == key))
    assert user is not None  # inserted above, or by the request that won the race
    return user


def rotate_session_key(user: User) -> None:
    """Give ``user`` a new session key: every session and remember cookie that named the
    old one (on this device, or copied elsewhere) stops working."""
    user.session_key = new_session_key()


def _taken() -> Refused:
    return Refused(str(_l("This username is taken. Try another one.")), "username")


def check_username(session: Session, username: str) -> str:
    """Normalise and check a username, raising :class:`Refused` if it cannot be used."""
    username = username.strip()
    if not USERNAME.fullmatch(username):
        raise Refused(
            str(_l("Use 3 to 40 letters, digits, dots, dashes or underscores.")), "username"
        )
    taken = session.scalar(select(User.id).where(User.username_key == username_key(username)))
    if taken is not None:
        raise _taken()
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
    password_hash = passwords.hash_password(password)
    try:
        # The check above is only for a friendly message: two sign-ups with the same name
        # (in any case) at the same moment both pass it, and the unique username_key makes
        # the later one fail here. The savepoint keeps the rest of the transaction usable.
        with session.begin_nested():
            user.username = username
            user.username_key = username_key(username)
            user.password_hash = password_hash
            user.role = role if user.role != "admin" else user.role
            user.last_seen_at = utcnow()
            # A guest's key was in the cookie before the account existed: an account starts
            # with a key that no earlier session has seen.
            rotate_session_key(user)
            session.add(user)
            session.flush()
    except IntegrityError as exc:
        raise _taken() from exc
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The account with this username and password, or ``None``.

    Exactly one password hash is checked whether or not the username exists, so the time
    taken does not tell. A string that cannot be a username (e.g. with a NUL byte, which
    PostgreSQL cannot compare) is not looked up at all.
    """
    username = username.strip()
    user = (
        session.scalar(select(User).where(User.username_key == username_key(username)))
        if USERNAME.fullmatch(username)
        else None
    )
    if not passwords.verify(user.password_hash if user else None, password):
        return None
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Replace an account's password, signing out every other session of it.

    :raises Refused: the current password is wrong, or the new one is not acceptable.
    """
    if not passwords.verify(user.password_hash, current):
        raise Refused(str(_l("This is not your current password.")), "current")
    problem = passwords.problem(new, user.username)
    if problem:
        raise Refused(problem, "password")
    user.password_hash = passwords.hash_password(new)
    rotate_session_key(user)
    session.flush()


def log_in(session: Session, user: User, guest: User | None) -> User:
    """Sign ``user`` in, moving a guest's progress into the account and deleting the guest."""
    if guest is not None and guest.is_guest and guest.id != user.id:
        progress.merge_into(session, guest, user)
        certificates.merge_into(session, guest, user)
        for membership in session.scalars(select(Membership).where(Membership.user_id == guest.id)):
            already = session.scalar(
                select(Membership.id).where(
                    Membership.user_id == user.id,
                    Membership.classroom_id == membership.classroom_id,
                )
            )
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
            "username": user.username,
            "role": user.role,
            "email": user.email,
            "created_at": user.created_at.isoformat(),
            "has_recovery_code": user.recovery_hash is not None,
        },
        "lessons_completed": [
            {
                "course": r.course_slug,
                "module": r.module_slug,
                "lesson": r.lesson_slug,
                "completed_at": r.completed_at.isoformat(),
            }
            for r in lessons
        ],
        "quiz_attempts": [
            {
                "course": a.course_slug,
                "module": a.module_slug,
                "percent": a.percent,
                "passed": a.is_passed,
                "submitted_at": a.submitted_at.isoformat(),
                "answers": [
                    {"question": x.question_id, "chosen": sorted(x.chosen), "correct": x.is_correct}
                    for x in a.answers
                ],
            }
            for a in attempts
        ],
        "classes": [
            {
                "class": m.classroom.name,
                "nickname": m.nickname,
                "joined_at": m.joined_at.isoformat(),
            }
            for m in memberships
        ],
        "certificates": [
            {
                "code": c.code,
                "name": c.name,
                "course": c.course_title,
                "issued_at": c.issued_at.isoformat(),
                "revoked": c.is_revoked,
            }
            for c in certificates
        ],
    }


class SoleFacilitator(Refused):
    """Deleting the account would leave an organisation's classes with nobody to run them."""


def sole_organisations(
    session: Session, user: User, *, lock: bool = False
) -> tuple[list[Organisation], list[Organisation]]:
    """The organisations whose only facilitator is ``user``: those with classes, and those
    without any. ``lock``: hold every organisation of ``user`` until the transaction ends
    before counting, so that two facilitators of one organisation deleting their accounts
    at once cannot both pass (the second counts after the first has gone)."""
    mine = select(OrganisationMember.organisation_id).where(OrganisationMember.user_id == user.id)
    if lock:
        session.execute(select(Organisation.id).where(Organisation.id.in_(mine)).with_for_update())
    alone_ids = (
        select(OrganisationMember.organisation_id)
        .where(OrganisationMember.organisation_id.in_(mine))
        .group_by(OrganisationMember.organisation_id)
        .having(func.count() == 1)
    )
    query = select(Organisation).where(Organisation.id.in_(alone_ids)).order_by(Organisation.name)
    alone = session.scalars(query).all()
    with_classes = set(
        session.scalars(
            select(Classroom.organisation_id).where(
                Classroom.organisation_id.in_([o.id for o in alone])
            )
        )
    )
    return (
        [o for o in alone if o.id in with_classes],
        [o for o in alone if o.id not in with_classes],
    )


def delete_account(session: Session, user: User) -> None:
    """Delete ``user`` and everything stored about them.

    Certificates already issued stay verifiable (a third party may rely on them) but are
    unlinked from the account. An organisation is never left without a facilitator: the
    account of an organisation's only facilitator is not deleted while the organisation has
    classes (:class:`SoleFacilitator`; they invite a colleague or delete the classes first),
    and an organisation left without classes or facilitators is deleted with it.
    """
    with_classes, empty = sole_organisations(session, user, lock=True)
    if with_classes:
        raise SoleFacilitator(
            str(
                _l(
                    "You are the only facilitator of %(names)s, so its classes would be left "
                    "with nobody to run them. Invite a colleague with the invite code on the "
                    "organisation's page, or delete its classes; then you can delete your account.",
                    names=", ".join(o.name for o in with_classes),
                )
            ),
            "confirm",
        )
    for organisation in empty:
        session.delete(organisation)
    session.execute(delete(LessonProgress).where(LessonProgress.user_id == user.id))
    session.execute(delete(QuizAttempt).where(QuizAttempt.user_id == user.id))
    session.execute(delete(Membership).where(Membership.user_id == user.id))
    session.execute(delete(OrganisationMember).where(OrganisationMember.user_id == user.id))
    for cert in session.scalars(select(Certificate).where(Certificate.user_id == user.id)):
        cert.user_id = None
    session.delete(user)
    session.flush()
