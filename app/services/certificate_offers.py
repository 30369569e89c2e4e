"""Getting a certificate to the learner who earned it: what to offer them wherever they
look, and a facilitator issuing it for a pupil without a device of their own. The rules
(who may claim, uniqueness, corrections) stay in :mod:`app.services.certificates`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.content.model import Catalog, Course
from app.models import Certificate, Classroom, Membership, User
from app.services import access
from app.services.certificates import Scope, claim, claim_state
from app.services.errors import NotFound


def offers(session: Session, user: User | None, courses: Sequence[Course]) -> list[Scope]:
    """What to offer ``user`` wherever they look: every complete scope of these courses
    whose certificate they have not claimed yet (classes first, as :func:`claim_state`).

    A class that was given the whole course covers what a certificate on one's own would:
    only the class's is offered then, not a second one for the same modules (the claim page
    still lets a learner choose the other)."""
    if user is None:
        return []
    found = []
    for course in courses:
        eligible = claim_state(session, user, course).eligible
        whole_course_class = any(
            s.classroom is not None and len(s.progress.modules) == len(course.modules)
            for s in eligible
        )
        found += [
            s
            for s in eligible
            if s.certificate is None and not (s.classroom is None and whole_course_class)
        ]
    return found


def issue_for_member(
    session: Session,
    facilitator: User,
    catalog: Catalog,
    classroom: Classroom,
    membership_id: int,
    name: str,
) -> Certificate:
    """The class's certificate for one of its learners who completed its modules, claimed by
    a facilitator of the class for them (a pupil without a device of their own), in the
    name the facilitator types and in the class's language. :class:`NotFound` for a class
    or learner the facilitator does not run; ``NotEligible`` if not complete."""
    membership = session.get(Membership, membership_id)
    course = catalog.course(classroom.course_slug)
    if (
        membership is None
        or membership.classroom_id != classroom.id
        or course is None
        or not access.can_manage_class(session, facilitator, classroom)
    ):
        raise NotFound(membership_id)
    learner = session.get(User, membership.user_id)
    return claim(session, learner, course, name, classroom.language, f"class-{classroom.id}")
