"""Who may open the facilitator pages, asked the same way on every blueprint.

Without an account (or as a guest) the answer is 401, the page that offers to sign in; a
learner gets 403. A class or organisation the facilitator does not run is a 404, as if it
did not exist: its existence is not told. Administrators run every class.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort

from app.db import get_session
from app.models import Classroom, Organisation, User
from app.services import access, classes
from app.services.errors import NotFound
from app.web.auth import current_learner

P = ParamSpec("P")
R = TypeVar("R")


def current_facilitator() -> User:
    """The facilitator asking; 401 for nobody or a guest, 403 for a learner."""
    user = current_learner()
    if user is None or user.is_guest:
        abort(401)
    if not user.is_facilitator:
        abort(403)
    return user


def current_admin() -> User:
    """The administrator asking; 401 or 403 (as above) for anyone else."""
    user = current_facilitator()
    if not user.is_admin:
        abort(403)
    return user


def facilitator_required(view: Callable[P, R]) -> Callable[P, R]:
    """Let only facilitators (and administrators) through to ``view``."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        current_facilitator()
        return view(*args, **kwargs)

    return wrapped


def admin_required(view: Callable[P, R]) -> Callable[P, R]:
    """Let only administrators through to ``view``."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        current_admin()
        return view(*args, **kwargs)

    return wrapped


def managed_class(class_id: int) -> Classroom:
    """The class if the facilitator asking runs it; :class:`NotFound` otherwise."""
    user = current_facilitator()
    db = get_session()
    classroom = classes.get_class(db, class_id)
    if not access.can_manage_class(db, user, classroom):
        raise NotFound(class_id)
    return classroom


def managed_organisation(org_id: int) -> Organisation:
    """The organisation if the facilitator asking is one of its facilitators (or an
    administrator); :class:`NotFound` otherwise."""
    user = current_facilitator()
    db = get_session()
    organisation = db.get(Organisation, org_id)
    if organisation is None or not access.can_manage_organisation(db, user, org_id):
        raise NotFound(org_id)
    return organisation
