"""Who may see and change what. Every class and certificate route asks here, so the rules
live in one place: a facilitator sees only their own organisations' classes, an
administrator sees all, a learner sees only their own data."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Certificate, Classroom, Membership, OrganisationMember, User


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


def _manages_class_of(session: Session, user: User, cert: Certificate) -> bool:
    if cert.classroom_id is None:
        return False
    classroom = session.get(Classroom, cert.classroom_id)
    return classroom is not None and can_manage_class(session, user, classroom)


def can_view_certificate(session: Session, user: User | None, cert: Certificate) -> bool:
    """The holder, facilitators of the certificate's class, and administrators."""
    if user is None:
        return False
    if cert.user_id == user.id or user.is_admin:
        return True
    return _manages_class_of(session, user, cert)


def can_revoke_certificate(session: Session, user: User | None, cert: Certificate) -> bool:
    """Facilitators of the certificate's class, and administrators (for any certificate)."""
    if user is None:
        return False
    return user.is_admin or _manages_class_of(session, user, cert)
