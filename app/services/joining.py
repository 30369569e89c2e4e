"""Joining a class, and coming back to it.

A learner joins a class with its code and a nickname only. Whoever joins without an
account gets a recovery code to continue on another device; a guest who already studied on
this device keeps that progress.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.credentials import codes
from app.credentials.codes import JOIN_CODE_LENGTH, RECOVERY_CODE_LENGTH
from app.models import (
    Classroom,
    Membership,
    User,
    utcnow,
)
from app.services import passwords
from app.services.errors import Refused

_NICKNAME = re.compile(r"^[\w .'-]{2,30}$", re.UNICODE)


class UnknownCode(Refused):
    """No class has the code typed (as opposed to a closed class or a taken nickname)."""


def find_class_by_code(session: Session, code: str) -> Classroom | None:
    """The class with this join code (typed any way), or ``None``."""
    normalized = codes.normalize_code(code, JOIN_CODE_LENGTH)
    if normalized is None:
        return None
    return session.scalar(select(Classroom).where(Classroom.join_code == normalized))


def join_class(
    session: Session, code: str, nickname: str, user: User | None
) -> tuple[Membership, User, str | None]:
    """Join a class with its code and a nickname.

    Returns ``(membership, user, recovery_code)``; the recovery code is new and shown once,
    or ``None`` when the learner has an account or a recovery code already.

    :raises Refused: wrong or closed code, nickname taken or unusable.
    """
    classroom = find_class_by_code(session, code)
    if classroom is None:
        raise UnknownCode(
            str(
                _l("There is no class with this code. Check the code with your teacher or trainer.")
            ),
            "code",
        )
    if not classroom.is_joining_open or classroom.archived_at is not None:
        raise Refused(
            str(
                _l(
                    "This class is not taking new learners at the moment. Ask your "
                    "teacher or trainer to open joining."
                )
            ),
            "code",
        )
    nickname = " ".join(nickname.split())
    if not _NICKNAME.match(nickname):
        raise Refused(
            str(
                _l(
                    "Use 2 to 30 letters, digits or spaces. Not your full name: a "
                    "nickname is enough."
                )
            ),
            "nickname",
        )
    if user is not None:
        existing = session.scalar(
            select(Membership).where(
                Membership.classroom_id == classroom.id, Membership.user_id == user.id
            )
        )
        if existing is not None:
            return existing, user, None
    taken = session.scalar(
        select(Membership.id).where(
            Membership.classroom_id == classroom.id,
            func.lower(Membership.nickname) == nickname.lower(),
        )
    )
    if taken is not None:
        raise Refused(
            str(
                _l(
                    "Someone in this class already uses this nickname. Add a number "
                    "or choose another one."
                )
            ),
            "nickname",
        )
    recovery = None
    if user is None:
        user = User(role="learner", created_at=utcnow(), last_seen_at=utcnow())
        session.add(user)
    if user.username is None and user.recovery_hash is None:
        recovery = set_recovery_code(user)
    session.flush()
    membership = Membership(
        classroom_id=classroom.id, user_id=user.id, nickname=nickname, joined_at=utcnow()
    )
    try:
        with session.begin_nested():
            session.add(membership)
            session.flush()
    except IntegrityError as exc:  # the same nickname, a moment earlier
        raise Refused(
            str(
                _l(
                    "Someone in this class already uses this nickname. Add a number "
                    "or choose another one."
                )
            ),
            "nickname",
        ) from exc
    return membership, user, recovery


def set_recovery_code(user: User) -> str:
    """Give ``user`` a new recovery code and return it (it is stored only hashed)."""
    code = codes.new_code(RECOVERY_CODE_LENGTH)
    user.recovery_hash = passwords.hash_code(code)
    user.recovery_lookup = codes.lookup_key(code)
    return code


def find_by_recovery_code(session: Session, text: str) -> User | None:
    """The learner whose recovery code this is, or ``None``."""
    code = codes.normalize_code(text, RECOVERY_CODE_LENGTH)
    if code is None:
        passwords.verify_code(None, text)
        return None
    user = session.scalar(select(User).where(User.recovery_lookup == codes.lookup_key(code)))
    # One hash either way, so the time taken does not tell whether the code exists.
    if not passwords.verify_code(user.recovery_hash if user else None, code):
        return None
    return user


def memberships_of(session: Session, user: User | None) -> Sequence[Membership]:
    """The classes a learner belongs to."""
    if user is None:
        return ()
    return session.scalars(
        select(Membership).where(Membership.user_id == user.id).order_by(Membership.joined_at)
    ).all()
