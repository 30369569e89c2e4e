"""Organisations and classes (joining one: :mod:`app.services.joining`).

Removing a learner deletes what the class knew about them; a learner who exists only for
this class is deleted completely.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from app.content.model import Course
from app.credentials import codes
from app.credentials.codes import INVITE_CODE_LENGTH, JOIN_CODE_LENGTH
from app.models import (
    Classroom,
    ClassroomModule,
    LessonProgress,
    Membership,
    Organisation,
    OrganisationMember,
    QuizAttempt,
    User,
    utcnow,
)
from app.services.accounts import rotate_session_key
from app.services.errors import NotFound, Refused


def clean_name(text: str, field: str, max_length: int = 120) -> str:
    """Trim a typed name and refuse control characters and empty or overlong values."""
    text = " ".join(text.split())
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise Refused(str(_l("Please use only letters, digits and spaces.")), field)
    if not 2 <= len(text) <= max_length:
        raise Refused(str(_l("Use between 2 and %(n)d characters.", n=max_length)), field)
    return text


# Organisations ---------------------------------------------------------------------------


def create_organisation(session: Session, user: User, name: str) -> Organisation:
    """A new school or NGO, with ``user`` as its first facilitator."""
    organisation = Organisation(
        name=clean_name(name, "name"),
        invite_code=codes.new_code(INVITE_CODE_LENGTH),
        created_at=utcnow(),
    )
    session.add(organisation)
    session.flush()
    session.add(
        OrganisationMember(organisation_id=organisation.id, user_id=user.id, joined_at=utcnow())
    )
    if user.role == "learner":
        user.role = "facilitator"
    session.flush()
    return organisation


def join_organisation(session: Session, user: User, invite_code: str) -> Organisation:
    """Join an organisation as a co-facilitator with the invite code its members share."""
    code = codes.normalize_code(invite_code, INVITE_CODE_LENGTH)
    organisation = code and session.scalar(
        select(Organisation).where(Organisation.invite_code == code)
    )
    if not organisation:
        raise Refused(
            str(_l("No organisation has this invite code. Check it and try again.")), "invite_code"
        )
    exists = session.scalar(
        select(OrganisationMember.id).where(
            OrganisationMember.organisation_id == organisation.id,
            OrganisationMember.user_id == user.id,
        )
    )
    if exists is None:
        session.add(
            OrganisationMember(organisation_id=organisation.id, user_id=user.id, joined_at=utcnow())
        )
        if user.role == "learner":
            user.role = "facilitator"
        session.flush()
    return organisation


def list_organisations(session: Session, user: User) -> Sequence[Organisation]:
    """Organisations ``user`` facilitates in (all of them for an administrator)."""
    query = select(Organisation).order_by(Organisation.name)
    if not user.is_admin:
        query = query.join(OrganisationMember).where(OrganisationMember.user_id == user.id)
    return session.scalars(query).all()


def list_facilitators(session: Session, organisation: Organisation) -> Sequence[User]:
    """The facilitators of an organisation."""
    return session.scalars(
        select(User)
        .join(OrganisationMember, OrganisationMember.user_id == User.id)
        .where(OrganisationMember.organisation_id == organisation.id)
        .order_by(User.username)
    ).all()


class LastFacilitator(Refused):
    """The organisation would be left without anyone who can run its classes."""


def remove_facilitator(session: Session, organisation: Organisation, user_id: int) -> None:
    """Take a facilitator out of an organisation (their account stays).

    Raises :class:`LastFacilitator` for its only facilitator: its classes would be left
    with nobody to run them (an administrator deletes the organisation instead).
    """
    # Lock the organisation so that two facilitators leaving at once cannot both pass.
    session.get(Organisation, organisation.id, with_for_update=True, populate_existing=True)
    others = session.scalar(
        select(func.count())
        .select_from(OrganisationMember)
        .where(
            OrganisationMember.organisation_id == organisation.id,
            OrganisationMember.user_id != user_id,
        )
    )
    if not others:
        raise LastFacilitator(
            str(
                _l(
                    "%(name)s has no other facilitator, so its classes would be left with nobody "
                    "to run them. Invite a colleague with the invite code first.",
                    name=organisation.name,
                )
            )
        )
    session.execute(
        delete(OrganisationMember).where(
            OrganisationMember.organisation_id == organisation.id,
            OrganisationMember.user_id == user_id,
        )
    )
    session.flush()


def delete_organisation(session: Session, organisation: Organisation) -> None:
    """Delete an organisation with all its classes and their learners' data."""
    for classroom in list(organisation.classrooms):
        delete_class(session, classroom)
    session.expire(organisation, ["classrooms"])
    session.delete(organisation)
    session.flush()


# Classes ---------------------------------------------------------------------------------


def _unique_join_code(session: Session) -> str:
    while True:
        code = codes.new_code(JOIN_CODE_LENGTH)
        if session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code


def _check_modules(course: Course, module_slugs: Sequence[str]) -> list[str]:
    known = [m.slug for m in course.modules]
    chosen = [slug for slug in known if slug in set(module_slugs)]
    if not chosen:
        raise Refused(str(_l("Choose at least one module.")), "modules")
    return chosen


def create_class(
    session: Session,
    organisation: Organisation,
    course: Course,
    name: str,
    language: str,
    module_slugs: Sequence[str],
    ends_on: date | None = None,
) -> Classroom:
    """A new class with a fresh join code."""
    classroom = Classroom(
        organisation_id=organisation.id,
        name=clean_name(name, "name"),
        language=language,
        course_slug=course.slug,
        join_code=_unique_join_code(session),
        is_joining_open=True,
        ends_on=ends_on.isoformat() if ends_on else None,
        created_at=utcnow(),
    )
    classroom.modules = [
        ClassroomModule(module_slug=slug, position=i)
        for i, slug in enumerate(_check_modules(course, module_slugs))
    ]
    session.add(classroom)
    session.flush()
    return classroom


def update_class(
    session: Session,
    classroom: Classroom,
    course: Course,
    name: str,
    language: str,
    module_slugs: Sequence[str],
    ends_on: date | None,
) -> None:
    """Change a class's name, language, modules or end date."""
    chosen = _check_modules(course, module_slugs)
    classroom.name = clean_name(name, "name")
    classroom.language = language
    classroom.ends_on = ends_on.isoformat() if ends_on else None
    classroom.modules.clear()
    session.flush()
    classroom.modules.extend(
        ClassroomModule(module_slug=slug, position=i) for i, slug in enumerate(chosen)
    )
    session.flush()


def regenerate_code(session: Session, classroom: Classroom) -> str:
    """Give the class a new join code; the old one stops working at once."""
    classroom.join_code = _unique_join_code(session)
    session.flush()
    return classroom.join_code


def set_joining(session: Session, classroom: Classroom, is_open: bool) -> None:
    """Open or close joining."""
    classroom.is_joining_open = is_open
    session.flush()


def archive_class(session: Session, classroom: Classroom) -> None:
    """Archive: joining closes; the learners' data is deleted after the retention period."""
    classroom.archived_at = utcnow()
    classroom.is_joining_open = False
    session.flush()


def list_classes(session: Session, organisation_ids: Sequence[int]) -> Sequence[Classroom]:
    """Classes of the given organisations, newest first."""
    return session.scalars(
        select(Classroom)
        .where(Classroom.organisation_id.in_(organisation_ids))
        .order_by(Classroom.archived_at.is_not(None), Classroom.created_at.desc())
    ).all()


def get_class(session: Session, class_id: int) -> Classroom:
    """A class by id.

    :raises NotFound: if there is none.
    """
    classroom = session.get(Classroom, class_id)
    if classroom is None:
        raise NotFound(class_id)
    return classroom


def _forget_member(session: Session, membership: Membership) -> None:
    user = session.get(User, membership.user_id)
    session.delete(membership)
    session.flush()
    if user is None:
        return
    others = session.scalar(
        select(func.count()).select_from(Membership).where(Membership.user_id == user.id)
    )
    if user.username is None and not others:
        # Exists only for this class: delete the person and all their progress.
        session.delete(user)
    session.flush()


def remove_member(session: Session, classroom: Classroom, membership_id: int) -> None:
    """Remove a learner from a class, deleting what the class held about them."""
    membership = session.get(Membership, membership_id)
    if membership is None or membership.classroom_id != classroom.id:
        raise NotFound(membership_id)
    user = session.get(User, membership.user_id)
    _forget_member(session, membership)
    if user is not None and user in session:
        # Whoever is still signed in as the removed learner (e.g. on a shared class
        # computer) is signed out; they come back with their password or recovery code.
        rotate_session_key(user)
        session.flush()


def delete_class(session: Session, classroom: Classroom) -> None:
    """Delete a class and its learners' data."""
    for membership in list(classroom.memberships):
        _forget_member(session, membership)
    session.expire(classroom, ["memberships"])
    session.delete(classroom)
    session.flush()


def purge_expired(session: Session, *, archived_days: int, guest_days: int) -> tuple[int, int]:
    """Delete classes archived longer than ``archived_days`` and guests idle longer than
    ``guest_days``. Returns (classes, guests) deleted."""
    now = utcnow()
    old_classes = session.scalars(
        select(Classroom).where(
            Classroom.archived_at.is_not(None),
            Classroom.archived_at < now - timedelta(days=archived_days),
        )
    ).all()
    for classroom in old_classes:
        delete_class(session, classroom)
    cutoff = now - timedelta(days=guest_days)
    # Progress newer than the cutoff also counts as activity, for rows whose last_seen_at
    # predates activity recording.
    idle = session.scalars(
        select(User).where(
            User.username.is_(None),
            User.recovery_hash.is_(None),
            User.last_seen_at < cutoff,
            ~exists().where(
                LessonProgress.user_id == User.id, LessonProgress.completed_at >= cutoff
            ),
            ~exists().where(QuizAttempt.user_id == User.id, QuizAttempt.submitted_at >= cutoff),
        )
    ).all()
    for guest in idle:
        session.delete(guest)
    session.flush()
    return len(old_classes), len(idle)
