"""Places of certificates in the published revocation lists (W3C Bitstring Status List).

A new certificate gets a random free index in the newest list, so that neighbouring bits
say nothing about who was issued a certificate when; a list takes new certificates until
it is half full (random picks stay quick), then the next list starts. A list's bits are
not stored: bit *i* of list *n* is set exactly when the certificate at (*n*, *i*) is
revoked, so revoking a certificate flips its bit in the next list anyone fetches.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.credentials.statuslist import LIST_SIZE
from app.models import Certificate


def allocate(session: Session) -> tuple[int, int]:
    """A free ``(list, index)`` for a new certificate. Two requests at once may pick the
    same place; the unique constraint refuses the second, which then tries again."""
    newest = session.scalar(select(func.max(Certificate.status_list))) or 1
    used = (
        session.scalar(
            select(func.count()).select_from(Certificate).where(Certificate.status_list == newest)
        )
        or 0
    )
    if used >= LIST_SIZE // 2:
        return newest + 1, secrets.randbelow(LIST_SIZE)
    while True:
        index = secrets.randbelow(LIST_SIZE)
        taken = session.scalar(
            select(Certificate.id).where(
                Certificate.status_list == newest, Certificate.status_index == index
            )
        )
        if taken is None:
            return newest, index


def exists(session: Session, number: int) -> bool:
    """Whether list ``number`` is published (list 1 always is, even before any issue)."""
    if number == 1:
        return True
    if not 1 < number < 2**31:
        return False
    return (
        session.scalar(select(Certificate.id).where(Certificate.status_list == number).limit(1))
        is not None
    )


def revoked_indices(session: Session, number: int) -> list[int]:
    """The indices of list ``number`` whose certificates are revoked."""
    return list(
        session.scalars(
            select(Certificate.status_index).where(
                Certificate.status_list == number, Certificate.revoked_at.is_not(None)
            )
        )
    )


def changed_at(session: Session, number: int) -> datetime | None:
    """When list ``number`` last changed (its latest revocation), ``None`` if it never did:
    the list's ``validFrom``, in the past for every verifier's clock."""
    return session.scalar(
        select(func.max(Certificate.revoked_at)).where(Certificate.status_list == number)
    )
