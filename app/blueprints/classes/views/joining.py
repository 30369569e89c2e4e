"""Learners join a class with its code and a nickname, and continue on another device with
their recovery code. Neither needs an account or an e-mail address."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, session, url_for
from flask_babel import gettext as _

from app.blueprints.classes.forms import ContinueForm, JoinForm
from app.blueprints.classes.limits import (
    JOINS_PER_CLASS_CODE,
    UNKNOWN_CODES_PER_ADDRESS,
    UNKNOWN_RECOVERY_CODES_PER_ADDRESS,
    join_limit_key,
    outcome,
)
from app.blueprints.classes.views.base import answer_in_class_language, bp
from app.db import get_session
from app.extensions import limiter
from app.models import User
from app.services import accounts, joining
from app.web.auth import current_learner, start_session
from app.web.forms import refusals


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(UNKNOWN_CODES_PER_ADDRESS, methods=["POST"], deduct_when=outcome("unknown-code"))
@limiter.limit(
    JOINS_PER_CLASS_CODE, methods=["POST"], key_func=join_limit_key, deduct_when=outcome("joined")
)
def join():
    """Join a class with its code and a nickname."""
    form = JoinForm()
    if form.validate_on_submit():
        db = get_session()
        user = current_learner()
        with refusals(form) as result:
            membership, member, recovery = joining.join_class(
                db, form.code.data or "", form.nickname.data or "", user
            )
        if isinstance(result.error, joining.UnknownCode):
            g.limit_outcome = "unknown-code"
        if not result.refused:
            db.commit()
            g.limit_outcome = "joined"
            if user is None or user.id != member.id:
                start_session(member)
            answer_in_class_language(membership.classroom)
            if recovery:
                # Shown in this response and kept nowhere: the session cookie is signed, not
                # encrypted, so a code put there could be read by whoever sees the cookie.
                # (The page is never cached; reloading it resubmits and shows no code.)
                return _welcome_page(member, membership.classroom.name, recovery)
            session["joined_class"] = membership.classroom.name
            return redirect(url_for("classes.welcome"), code=303)
    return render_template("classes/join.html", form=form), 422 if form.errors else 200


def _welcome_page(user: User, class_name: str | None, recovery_code: str | None) -> str:
    return render_template(
        "classes/welcome.html",
        recovery_code=recovery_code,
        class_name=class_name,
        memberships=joining.memberships_of(get_session(), user),
    )


@bp.get("/join/<code>")
def join_link(code: str):
    """The link (and QR code) a class hands out: the join form with the code filled in."""
    form = JoinForm()
    form.code.data = code[:20]
    return render_template("classes/join.html", form=form)


@bp.get("/join/welcome")
def welcome():
    """After joining with an account or a recovery code already: where to start."""
    user = current_learner()
    if user is None:
        return redirect(url_for("classes.join"))
    return _welcome_page(user, session.pop("joined_class", None), None)


@bp.route("/continue", methods=["GET", "POST"])
@limiter.limit(
    UNKNOWN_RECOVERY_CODES_PER_ADDRESS, methods=["POST"], deduct_when=outcome("unknown-code")
)
def continue_():
    """Continue on another device with a recovery code."""
    form = ContinueForm()
    if form.validate_on_submit():
        db = get_session()
        member = joining.find_by_recovery_code(db, form.recovery_code.data or "")
        if member is None:
            g.limit_outcome = "unknown-code"
            form.recovery_code.errors = [
                _("This recovery code is not right. Check each character and try again.")
            ]
        else:
            accounts.log_in(db, member, current_learner())
            db.commit()
            start_session(member)
            memberships = joining.memberships_of(db, member)
            answer_in_class_language(memberships[-1].classroom if memberships else None)
            flash(_("Welcome back. Your progress is here."), "success")
            return redirect(url_for("main.home"), code=303)
    return render_template("classes/continue.html", form=form), 422 if form.errors else 200
