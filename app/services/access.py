"""Who may see and change what. Every class and certificate route asks here, so the rules
live in one place: a facilitator sees only their own organisations' classes, an
administrator sees all, a learner sees only their own data."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Classroom, Membership, OrganisationMember, User


def organisation_ids(session: Session, user: User) -> set[int]:
    """The organisations ``user`` facilitates in."""
    return set(
        session.scalars(
            select(OrganisationMember.organisation_id).where(OrganisationMember.user_id == user.id)
        )
    )


def can_manage_organisation(session: Session, user: User | None, organisation_id: int) -> bool:
    """Facilitators of the organisation, and administrators."""
    if user is None or not user.is_facilitator:
        return False
    return user.is_admin or organisation_id in organisation_ids(session, user)


def can_manage_class(session: Session, user: User | None, classroom: Classroom) -> bool:
    """Facilitators of the class's organisation, and administrators."""
    return can_manage_organisation(session, user, classroom.organisation_id)


def membership(session: Session, user: User | None, classroom_id: int) -> Membership | None:
    """``user``'s membership of a class, if any."""
    if user is None:
        return None
    return session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.classroom_id == classroom_id
        )
    )
