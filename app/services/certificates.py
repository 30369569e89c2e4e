"""Certificates of completion: who may claim one, issuing, finding, revoking (a class's
list: :mod:`app.services.class_certificates`).

The completion rule is not restated here: a learner may claim a certificate for a *scope*
(the whole course on their own, or the modules a class of theirs assigned) when
:mod:`app.services.progress` says that scope is complete (``course_progress`` or
``class_progress``).

At most one *valid* certificate exists per learner, course and scope (a database
constraint, so two claims at once give one certificate: the second gets the first's).
Claiming again with the same name returns that certificate (in the new language, if
another). A different name is a correction: the old certificate is revoked ("Name
corrected", pointing to its replacement) and a new one with a new code is issued, so a
verifier never sees a name that was not on the paper. A withdrawn certificate is never
changed.
Certificates outlive accounts and classes: a verifier years later must still get an answer,
which is why the title, modules and issuer are copied into the row at issue.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.content.model import Course, text_for
from app.credentials import new_code, normalize_code
from app.models import Certificate, Classroom, Membership, User, utcnow
from app.services import access, progress, status_lists
from app.services.certificate_texts import CertificateTexts, texts  # noqa: F401 - re-exported
from app.services.errors import NotFound, Refused
from app.services.progress import CourseProgress

NAME_MIN, NAME_MAX = 2, 120
REASON_MIN, REASON_MAX = 3, 500
SELF_SCOPE = "self"
#: ``revoked_reason`` of a certificate replaced because its holder corrected the name
#: (stored in English; pages show it translated).
NAME_CORRECTED = "Name corrected"


class NotEligible(Refused):
    """The learner has not (yet) completed what the certificate would attest."""


# Scopes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What one certificate covers: a course on one's own, or the modules a class assigned."""

    classroom: Classroom | None
    progress: CourseProgress
    certificate: Certificate | None

    @property
    def key(self) -> str:
        """``"self"`` or ``"class-<id>"``: how a form names this scope."""
        return SELF_SCOPE if self.classroom is None else f"class-{self.classroom.id}"

    @property
    def is_complete(self) -> bool:
        """The completion rule of :mod:`app.services.progress`, for this scope's modules."""
        return self.progress.is_complete


@dataclass(frozen=True)
class ClaimState:
    """Every scope a learner has in a course, and which of them earn a certificate."""

    course: Course
    scopes: tuple[Scope, ...]

    @property
    def eligible(self) -> tuple[Scope, ...]:
        """Complete scopes, classes first (most recently joined first), then on one's own."""
        return tuple(scope for scope in self.scopes if scope.is_complete)

    def choose(self, key: str | None) -> Scope | None:
        """The eligible scope called ``key``, or the first eligible one when ``key`` is empty."""
        eligible = self.eligible
        if not key:
            return eligible[0] if eligible else None
        return next((scope for scope in eligible if scope.key == key), None)


def claim_state(session: Session, user: User | None, course: Course) -> ClaimState:
    """The learner's scopes in ``course``: each of their classes of it, then on their own."""
    scopes: list[Scope] = []
    if user is not None:
        memberships = session.scalars(
            select(Membership)
            .join(Classroom)
            .where(Membership.user_id == user.id, Classroom.course_slug == course.slug)
            .order_by(Membership.joined_at.desc(), Membership.id.desc())
        ).all()
        for membership in memberships:
            classroom = membership.classroom
            scopes.append(
                Scope(
                    classroom,
                    progress.class_progress(session, user, classroom, course),
                    find_claimed(session, user, course.slug, classroom.id),
                )
            )
    scopes.append(
        Scope(
            None,
            progress.course_progress(session, user, course),
            find_claimed(session, user, course.slug, None),
        )
    )
    return ClaimState(course, tuple(scopes))


def find_claimed(
    session: Session, user: User | None, course_slug: str, classroom_id: int | None
) -> Certificate | None:
    """The certificate ``user`` holds for this course and class: the valid one, else the
    latest withdrawn one; ``None`` if they never claimed it."""
    if user is None:
        return None
    key = SELF_SCOPE if classroom_id is None else f"class-{classroom_id}"
    return session.scalars(
        select(Certificate)
        .where(
            Certificate.user_id == user.id,
            Certificate.course_slug == course_slug,
            Certificate.scope_key == key,
        )
        .order_by(Certificate.revoked_at.is_not(None), Certificate.id.desc())
    ).first()


# Claiming -------------------------------------------------------------------------------


def clean_name(text: str) -> str:
    """The name to print, trimmed and checked; raises :class:`Refused` on field ``name``."""
    text = unicodedata.normalize("NFC", text or "").strip()
    if any(
        unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp")
        for ch in text
    ):
        raise Refused(
            str(_l("Please type the name on one line, without special characters.")), "name"
        )
    text = " ".join(text.split())
    if not NAME_MIN <= len(text) <= NAME_MAX:
        raise Refused(
            str(_l("Use between %(min)d and %(max)d characters.", min=NAME_MIN, max=NAME_MAX)),
            "name",
        )
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        raise Refused(str(_l("Please type a name with letters.")), "name")
    # Imported here: the fonts' module brings the whole PDF stack (app/credentials/__init__.py).
    from app.credentials.pdf import missing_glyphs

    missing = missing_glyphs(text)
    if missing:
        raise Refused(
            str(
                _l(
                    "The certificate cannot print these characters: %(chars)s. Please write the "
                    "name in Latin or Cyrillic letters.",
                    chars=" ".join(missing),
                )
            ),
            "name",
        )
    return text


def _fill(cert: Certificate, scope: Scope, name: str, language: str) -> None:
    """Copy what is printed into the row, in the certificate's language."""
    cert.name = name
    cert.language = language
    cert.course_title = text_for(scope.progress.course.title, language)[:200]
    cert.modules = [
        {"slug": m.module.slug, "title": text_for(m.module.title, language)}
        for m in scope.progress.modules
    ]
    classroom = scope.classroom
    cert.issuer_name = (
        f"{classroom.organisation.name}, {classroom.name}"[:200] if classroom else None
    )


def _unique_code(session: Session) -> str:
    while True:
        code = new_code()
        if session.scalar(select(Certificate.id).where(Certificate.code == code)) is None:
            return code


def _translate(cert: Certificate, scope: Scope, language: str) -> None:
    """The same certificate in another language: the same modules, their titles translated."""
    course = scope.progress.course
    cert.language = language
    cert.course_title = text_for(course.title, language)[:200]
    modules = []
    for entry in cert.modules:
        module = course.module(str(entry.get("slug", ""))) if isinstance(entry, dict) else None
        modules.append({**entry, "title": text_for(module.title, language)} if module else entry)
    cert.modules = modules


def _issue(
    session: Session,
    user: User,
    scope: Scope,
    name: str,
    language: str,
    replacing: Certificate | None,
) -> Certificate:
    """Insert a certificate, revoking the one it replaces first (one valid at every step)."""
    status_list, status_index = status_lists.allocate(session)
    cert = Certificate(
        code=_unique_code(session),
        user_id=user.id,
        course_slug=scope.progress.course.slug,
        scope_key=scope.key,
        status_list=status_list,
        status_index=status_index,
        classroom_id=scope.classroom.id if scope.classroom else None,
        issued_at=utcnow(),
    )
    _fill(cert, scope, name, language)
    with session.begin_nested():
        if replacing is not None:
            replacing.revoked_at = cert.issued_at
            replacing.revoked_reason = NAME_CORRECTED
            replacing.revoked_by_id = user.id
            session.flush()
        session.add(cert)
        session.flush()
        if replacing is not None:
            replacing.replaced_by_id = cert.id
            session.flush()
    return cert


def claim(
    session: Session,
    user: User | None,
    course: Course,
    name: str,
    language: str,
    scope_key: str | None = None,
) -> Certificate:
    """Issue ``user`` a certificate for ``course``, or return the one they have.

    ``scope_key`` picks one of :attr:`ClaimState.eligible` (default: the first). With the
    same name, the certificate they hold is returned (in ``language``, a class's in its
    own); with another name it is replaced (see the module's docstring). When another
    request claims at the same moment, the certificate it made is returned. Raises
    :class:`NotEligible` when not complete (or not the scope asked for), :class:`Refused`
    for a bad name or a withdrawn certificate.
    """
    for _attempt in range(5):
        scope = claim_state(session, user, course).choose(scope_key)
        if user is None or scope is None:
            raise NotEligible(
                str(
                    _l("You can get the certificate when you have passed the quiz of every module.")
                )
            )
        name = clean_name(name)
        language = scope.classroom.language if scope.classroom else language
        held = scope.certificate
        if held is not None and held.is_revoked:
            raise Refused(
                str(
                    _l(
                        "This certificate was withdrawn, so it cannot be changed. "
                        "Ask the person who runs your class."
                    )
                )
            )
        if held is not None and held.name == name:
            if held.language != language:
                _translate(held, scope, language)
                session.flush()
            return held
        try:
            return _issue(session, user, scope, name, language, held)
        except IntegrityError:
            # Another request claimed or corrected this certificate, or took the same
            # place in the status list, at the same moment: look again.
            session.expire_all()
            scope_key = scope.key
    raise Refused(str(_l("Too many requests at once. Please try again.")))


def merge_into(session: Session, source: User, target: User) -> None:
    """Move ``source``'s certificates to ``target`` (a guest signing in to an account).

    Where both hold a valid certificate for the same course and scope, the account keeps
    its own and the guest's is unlinked, not revoked: it was printed and must still verify.
    """
    held = {
        (c.course_slug, c.scope_key)
        for c in session.scalars(
            select(Certificate).where(
                Certificate.user_id == target.id, Certificate.revoked_at.is_(None)
            )
        )
    }
    for cert in session.scalars(select(Certificate).where(Certificate.user_id == source.id)):
        duplicate = not cert.is_revoked and (cert.course_slug, cert.scope_key) in held
        cert.user_id = None if duplicate else target.id
    session.flush()


# Finding and access ---------------------------------------------------------------------


def find_by_code(session: Session, text: str | None) -> Certificate | None:
    """The certificate with this code, typed in any of the ways :func:`normalize_code`
    repairs; ``None`` for unknown or malformed codes."""
    code = normalize_code(text)
    if code is None:
        return None
    return session.scalar(select(Certificate).where(Certificate.code == code))


def get_for(session: Session, user: User | None, code: str) -> Certificate:
    """A certificate ``user`` may see (:func:`.access.can_view_certificate`); otherwise
    :class:`NotFound`, so that nobody learns whether someone else's code exists."""
    cert = find_by_code(session, code)
    if cert is None or not access.can_view_certificate(session, user, cert):
        raise NotFound(code)
    return cert


def get_revocable(session: Session, user: User | None, code: str) -> Certificate:
    """A certificate ``user`` may withdraw (:func:`.access.can_revoke_certificate`); otherwise
    :class:`NotFound`."""
    cert = find_by_code(session, code)
    if cert is None or not access.can_revoke_certificate(session, user, cert):
        raise NotFound(code)
    return cert


def revoke(
    session: Session, user: User, cert: Certificate, reason: str, now: datetime | None = None
) -> Certificate:
    """Withdraw a certificate, with a reason the verification page shows."""
    if not access.can_revoke_certificate(session, user, cert):
        raise NotFound(cert.code)
    if cert.is_revoked:
        raise Refused(str(_l("This certificate has already been withdrawn.")))
    reason = " ".join((reason or "").split())
    if any(unicodedata.category(ch)[0] == "C" for ch in reason):
        raise Refused(str(_l("Please write the reason without special characters.")), "reason")
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise Refused(
            str(_l("Use between %(min)d and %(max)d characters.", min=REASON_MIN, max=REASON_MAX)),
            "reason",
        )
    cert.revoked_at = now or utcnow()
    cert.revoked_reason = reason
    cert.revoked_by_id = user.id
    session.flush()
    return cert


def list_mine(session: Session, user: User | None) -> Sequence[Certificate]:
    """The learner's certificates, newest first."""
    if user is None:
        return []
    return session.scalars(
        select(Certificate)
        .where(Certificate.user_id == user.id)
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    ).all()
