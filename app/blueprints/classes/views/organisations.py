"""A facilitator's home, their account, and the schools and NGOs they run classes for."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.blueprints.classes.forms import (
    FacilitatorSignUpForm,
    JoinOrganisationForm,
    OrganisationForm,
    ReasonForm,
)
from app.blueprints.classes.views.base import bp, check_form, confirm_page, confirmed
from app.content.ext import get_catalog
from app.db import get_session
from app.extensions import limiter
from app.models import User
from app.services import accounts, classes
from app.web.auth import current_learner, start_session
from app.web.facilitators import (
    current_facilitator,
    facilitator_required,
    managed_organisation,
)
from app.web.forms import refusals
from app.web.limits import SIGNUPS_PER_ADDRESS


@bp.get("/classes/")
def index():
    """A facilitator's organisations and classes; for anyone else, how to start."""
    user = current_learner()
    if user is None or user.is_guest or not user.is_facilitator:
        return render_template("classes/start.html")
    return _index_page(user)


def _index_page(
    user: User,
    org_form: OrganisationForm | None = None,
    join_form: JoinOrganisationForm | None = None,
) -> str:
    db = get_session()
    organisations = classes.list_organisations(db, user)
    return render_template(
        "classes/index.html",
        organisations=organisations,
        classrooms=classes.list_classes(db, [o.id for o in organisations]),
        org_form=org_form or OrganisationForm(),
        join_form=join_form or JoinOrganisationForm(),
        catalog=get_catalog(),
    )


@bp.route("/classes/signup", methods=["GET", "POST"])
@limiter.limit(SIGNUPS_PER_ADDRESS, methods=["POST"])
def signup():
    """Create a facilitator account (e-mail optional)."""
    form = FacilitatorSignUpForm()
    if form.validate_on_submit():
        db = get_session()
        guest = current_learner()
        with refusals(form) as outcome:
            user = accounts.sign_up(
                db,
                guest if guest and guest.is_guest else None,
                form.username.data or "",
                form.password.data or "",
                role="facilitator",
            )
            user.email = form.email.data or None
        if not outcome.refused:
            db.commit()
            start_session(user)
            flash(
                _(
                    "Your facilitator account is ready. Start by creating or joining your "
                    "organisation."
                ),
                "success",
            )
            return redirect(url_for("classes.index"), code=303)
    return render_template("classes/signup.html", form=form), 422 if form.errors else 200


@bp.post("/classes/organisations/new")
@facilitator_required
def create_organisation():
    """Create a school or NGO."""
    user = current_facilitator()
    form = OrganisationForm()
    if form.validate_on_submit():
        db = get_session()
        with refusals(form) as outcome:
            organisation = classes.create_organisation(db, user, form.name.data or "")
        if not outcome.refused:
            db.commit()
            return redirect(url_for("classes.organisation", org_id=organisation.id), code=303)
    return _index_page(user, org_form=form), 422


@bp.post("/classes/organisations/join")
@limiter.limit("20 per hour")
@facilitator_required
def join_organisation():
    """Join an organisation with an invite code."""
    user = current_facilitator()
    form = JoinOrganisationForm()
    if form.validate_on_submit():
        db = get_session()
        with refusals(form) as outcome:
            organisation = classes.join_organisation(db, user, form.invite_code.data or "")
        if not outcome.refused:
            db.commit()
            flash(_("You are now a facilitator of %(name)s.", name=organisation.name), "success")
            return redirect(url_for("classes.organisation", org_id=organisation.id), code=303)
    return _index_page(user, join_form=form), 422


@bp.get("/classes/organisations/<id:org_id>")
def organisation(org_id: int):
    """An organisation: its facilitators, invite code and classes."""
    organisation = managed_organisation(org_id)
    db = get_session()
    return render_template(
        "classes/organisation.html",
        organisation=organisation,
        facilitators=classes.list_facilitators(db, organisation),
        classrooms=classes.list_classes(db, [organisation.id]),
        form=ReasonForm(),
        user=current_facilitator(),
    )


@bp.post("/classes/organisations/<id:org_id>/members/<id:user_id>/remove")
def remove_facilitator(org_id: int, user_id: int):
    """Take a facilitator out of the organisation (administrators, or oneself)."""
    organisation = managed_organisation(org_id)
    user = current_facilitator()
    if not (user.is_admin or user.id == user_id):
        abort(403)
    check_form()
    back = url_for("classes.organisation", org_id=org_id)
    leaving = user.id == user_id
    if not confirmed():
        if leaving:
            return confirm_page(
                _("Leave %(name)s?", name=organisation.name),
                [
                    _("You will no longer see its classes, their learners or their certificates."),
                    _("To come back, you need its invite code from another facilitator."),
                ],
                _("Leave the organisation"),
                back,
            )
        return confirm_page(
            _("Remove this facilitator from %(name)s?", name=organisation.name),
            [_("They will no longer see its classes, their learners or their certificates.")],
            _("Remove the facilitator"),
            back,
        )
    db = get_session()
    with refusals() as outcome:
        classes.remove_facilitator(db, organisation, user_id)
    if outcome.refused:
        return redirect(back, code=303)
    db.commit()
    flash(_("The facilitator was removed from %(name)s.", name=organisation.name), "success")
    return redirect(url_for("classes.index") if leaving else back, code=303)


@bp.post("/classes/organisations/<id:org_id>/delete")
def delete_organisation(org_id: int):
    """Delete an organisation with all its classes (administrators only)."""
    organisation = managed_organisation(org_id)
    if not current_facilitator().is_admin:
        abort(403)
    check_form()
    if not confirmed():
        return confirm_page(
            _("Delete %(name)s?", name=organisation.name),
            [
                _("Every class of the organisation is deleted, with its learners' progress."),
                _("Every printed join sheet of its classes stops working."),
                _("This cannot be undone."),
            ],
            _("Delete the organisation"),
            url_for("classes.organisation", org_id=org_id),
        )
    db = get_session()
    classes.delete_organisation(db, organisation)
    db.commit()
    flash(_("The organisation and all its classes were deleted."), "success")
    return redirect(url_for("admin.index"), code=303)
