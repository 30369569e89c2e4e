"""Sign up, sign in, sign out, and the learner's own data: download and delete."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import logout_user

from app.blueprints.accounts.forms import DeleteForm, LogInForm, PasswordForm, SignUpForm
from app.db import get_session
from app.extensions import limiter
from app.models import User
from app.services import accounts, joining
from app.web import limits
from app.web.auth import current_learner, start_session
from app.web.forms import refusals

bp = Blueprint("accounts", __name__)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(limits.SIGNUPS_PER_ADDRESS, methods=["POST"])
def signup():
    """Create an account with a username and password; guest progress moves into it."""
    user = current_learner()
    if user is not None and user.username is not None:
        return redirect(url_for("accounts.account"))
    form = SignUpForm()
    if form.validate_on_submit():
        db = get_session()
        with refusals(form) as outcome:
            account = accounts.sign_up(db, user, form.username.data or "", form.password.data or "")
        if not outcome.refused:
            db.commit()
            start_session(account)
            flash(_("Your account is ready. Your progress is saved in it."), "success")
            return redirect(url_for("accounts.account"), code=303)
    return render_template("accounts/signup.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    limits.FAILED_LOGINS_PER_ADDRESS, methods=["POST"], deduct_when=limits.outcome("failed")
)
@limiter.limit(
    limits.FAILED_LOGINS_PER_USERNAME,
    methods=["POST"],
    key_func=limits.username_key,
    deduct_when=limits.outcome("failed"),
)
def login():
    """Sign in; progress made as a guest on this device is added to the account."""
    form = LogInForm()
    if form.validate_on_submit():
        db = get_session()
        user = accounts.authenticate(db, form.username.data or "", form.password.data or "")
        if user is None:
            limits.mark("failed")
            form.password.errors = [
                _("That username and password do not match. Check them and try again.")
            ]
        else:
            guest = current_learner()
            accounts.log_in(db, user, guest)
            db.commit()
            start_session(user)
            flash(_("Welcome back. You are signed in."), "success")
            return redirect(url_for("main.home"), code=303)
    return render_template("accounts/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    """Sign out: this session, and any copy of its cookie, stops working."""
    user = current_learner()
    if (
        user is not None
        and user.username is None
        and user.recovery_hash is not None
        and request.form.get("confirm") != "yes"
    ):
        # Without a password, the recovery code is the only way back: say so first.
        return render_template("accounts/logout.html")
    if user is not None:
        db = get_session()
        accounts.rotate_session_key(user)
        db.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out."), "success")
    return redirect(url_for("main.home"), code=303)


@bp.get("/")
def account():
    """The learner's account: what is stored, download it, delete it."""
    user = current_learner()
    if user is None:
        return redirect(url_for("accounts.signup"))
    return _account_page(user)


def _account_page(
    user: User, *, delete_form: DeleteForm | None = None, password_form: PasswordForm | None = None
) -> str:
    db = get_session()
    return render_template(
        "accounts/account.html",
        user=user,
        memberships=joining.memberships_of(db, user),
        # Whose classes would be left with nobody: said before the button.
        sole=accounts.sole_organisations(db, user)[0] if user.is_facilitator else [],
        delete_form=delete_form or DeleteForm(),
        password_form=password_form or PasswordForm(),
    )


@bp.post("/recovery-code")
@limiter.limit("20 per hour")
def recovery_code():
    """A recovery code for a learner without a password (studying alone or in a class): the
    same code-based way back on another device that joining a class gives, no e-mail. Each
    press gives a new code and voids the one before, so a double click still leaves the
    code that is shown as the one that works."""
    user = current_learner()
    if user is None or user.username is not None:
        return redirect(url_for("accounts.account"), code=303)
    code = joining.set_recovery_code(user)
    get_session().commit()
    # Shown in this response only: the session cookie is signed, not encrypted.
    return render_template("accounts/recovery_code.html", recovery_code=code)


@bp.post("/password")
@limiter.limit("10 per hour")
def change_password():
    """Change the password: this device stays signed in, every other one is signed out."""
    user = current_learner()
    if user is None or user.password_hash is None:
        return redirect(url_for("accounts.account"))
    form = PasswordForm()
    if form.validate_on_submit():
        db = get_session()
        with refusals(form) as outcome:
            accounts.change_password(db, user, form.current.data or "", form.password.data or "")
        if not outcome.refused:
            db.commit()
            start_session(user)
            flash(_("Your password is changed. Any other device is now signed out."), "success")
            return redirect(url_for("accounts.account"), code=303)
    return _account_page(user, password_form=form), 422


@bp.get("/data.json")
def download():
    """Everything stored about the learner, as JSON."""
    user = current_learner()
    if user is None:
        abort(404)
    body = json.dumps(accounts.export(get_session(), user), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=unshared-my-data.json"},
    )


@bp.post("/delete")
def delete():
    """Delete the learner's account (or guest progress) and everything stored about them."""
    user = current_learner()
    if user is None:
        return redirect(url_for("main.home"))
    form = DeleteForm()
    if not form.validate_on_submit():
        return _account_page(user, delete_form=form), 422
    db = get_session()
    with refusals(form) as outcome:
        accounts.delete_account(db, user)
    if outcome.refused:
        return _account_page(user, delete_form=form), 422
    db.commit()
    logout_user()
    session.clear()
    flash(_("Everything stored about you has been deleted."), "success")
    return redirect(url_for("main.home"), code=303)
