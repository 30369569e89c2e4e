"""A class's certificates: the list a facilitator sees and prints (a fixed number of
statements, whatever the size of the class)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.content.model import Catalog
from app.models import Certificate, Classroom, Membership, User
from app.services import access, progress
from app.services.errors import NotFound


def get_managed_class(session: Session, user: User | None, class_id: int) -> Classroom:
    """A class ``user`` facilitates (or any, for an administrator); :class:`NotFound`
    otherwise."""
    if not 0 < class_id < 2**63:  # the URL converter takes any digits; the database does not
        raise NotFound(class_id)
    classroom = session.get(Classroom, class_id)
    if classroom is None or not access.can_manage_class(session, user, classroom):
        raise NotFound(class_id)
    return classroom


@dataclass(frozen=True, slots=True)
class ClassRow:
    """One line of a class's certificate list."""

    nickname: str | None
    certificate: Certificate | None
    is_complete: bool
    membership_id: int | None = None

    @property
    def status(self) -> str:
        """``valid``, ``revoked``, ``not-claimed`` (complete) or ``in-progress``."""
        if self.certificate is not None:
            return "revoked" if self.certificate.is_revoked else "valid"
        return "not-claimed" if self.is_complete else "in-progress"


def class_rows(session: Session, catalog: Catalog, classroom: Classroom) -> list[ClassRow]:
    """Every learner of the class with their certificate or their state, then certificates
    of the class whose holder has left it (a fixed number of statements)."""
    course = catalog.course(classroom.course_slug)
    certs = session.scalars(
        select(Certificate).where(Certificate.classroom_id == classroom.id).order_by(Certificate.id)
    ).all()
    by_user: dict[int, Certificate] = {}
    for cert in certs:  # by id: a later certificate wins unless it is revoked and one is not
        if cert.user_id is not None and (
            cert.user_id not in by_user or cert.is_revoked <= by_user[cert.user_id].is_revoked
        ):
            by_user[cert.user_id] = cert
    members = session.execute(
        select(Membership.id, Membership.user_id, Membership.nickname)
        .where(Membership.classroom_id == classroom.id)
        .order_by(Membership.nickname)
    ).all()
    modules = progress.assigned_modules(classroom, course) if course else ()
    member_ids = select(Membership.user_id).where(Membership.classroom_id == classroom.id)
    states = progress.module_states(session, member_ids, course, modules) if course else {}
    rows = [
        ClassRow(
            nickname,
            by_user.pop(user_id, None),
            progress.is_complete(progress.states_of(states, user_id, modules)),
            member_id,
        )
        for member_id, user_id, nickname in members
    ]
    shown = {row.certificate.id for row in rows if row.certificate is not None}
    rows += [
        ClassRow(None, cert, True)
        for cert in certs
        if cert.id not in shown and cert.replaced_by_id is None
    ]
    return rows


def list_printable(session: Session, classroom: Classroom) -> list[Certificate]:
    """The class's claimed certificates that are not withdrawn, by name."""
    certs = session.scalars(
        select(Certificate).where(
            Certificate.classroom_id == classroom.id, Certificate.revoked_at.is_(None)
        )
    ).all()
    return sorted(certs, key=lambda cert: (cert.name.casefold(), cert.id))
