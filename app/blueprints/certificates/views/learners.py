"""A learner's own certificates: the list, claiming, one certificate, its PDF, revoking."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app import i18n
from app.blueprints.certificates import documents
from app.blueprints.certificates.forms import ClaimForm, RevokeForm
from app.blueprints.certificates.views.base import (
    bp,
    file_response,
)
from app.content.ext import get_catalog
from app.db import get_session
from app.services import (
    access,
    certificate_offers,
    certificate_texts,
    certificates,
)
from app.web import catalogue
from app.web.auth import current_learner
from app.web.forms import refusals


@bp.get("/<lang_code>/certificates/")
def mine():
    """The learner's certificates."""
    user = current_learner()
    db = get_session()
    return render_template(
        "certificates/mine.html",
        user=user,
        certs=certificates.list_mine(db, user),
        cert_offers=certificate_offers.offers(db, user, get_catalog().courses),
    )


def _scope_label(scope: certificates.Scope) -> str:
    if scope.classroom is None:
        return _("On my own: the whole course")
    return _(
        "With my class %(name)s (%(organisation)s)",
        name=scope.classroom.name,
        organisation=scope.classroom.organisation.name,
    )


@bp.route("/<lang_code>/certificates/claim/<course_slug>", methods=["GET", "POST"])
def claim(course_slug: str):
    """Claim a certificate for a completed course, typing the name to print."""
    course = catalogue.course(course_slug)
    user = current_learner()
    db = get_session()
    state = certificates.claim_state(db, user, course)
    form = ClaimForm()
    form.scope.choices = [(scope.key, _scope_label(scope)) for scope in state.eligible]
    chosen = (
        state.choose(form.scope.data)
        if request.method == "POST"
        else state.choose(request.args.get("scope")) or state.choose(None)
    )
    if request.method == "GET" and chosen is not None:
        form.scope.data = chosen.key
        if chosen.certificate is not None:
            form.name.data = chosen.certificate.name
    status = 200
    if request.method == "POST" and not state.eligible:
        status = 403
    elif form.validate_on_submit():
        with refusals(form) as outcome:
            cert = certificates.claim(
                db, user, course, form.name.data or "", i18n.current().tag, form.scope.data
            )
        if outcome.refused:
            status = 403 if isinstance(outcome.error, certificates.NotEligible) else 422
        else:
            db.commit()
            flash(_("Your certificate is ready."), "success")
            return redirect(url_for("certificates.detail", cert_code=cert.code), code=303)
    elif request.method == "POST":
        status = 422
    language = chosen.classroom.language if chosen and chosen.classroom else i18n.current().tag
    return render_template(
        "certificates/claim.html",
        course=course,
        state=state,
        form=form,
        chosen=chosen,
        user=user,
        cert_language=language,
    ), status


@bp.get("/<lang_code>/certificates/<cert_code>")
def detail(cert_code: str):
    """One certificate, for its holder (or the class's facilitators): download, share."""
    user = current_learner()
    db = get_session()
    cert = certificates.get_for(db, user, cert_code)
    return render_template(
        "certificates/detail.html",
        cert=cert,
        user=user,
        words=certificate_texts.texts(cert, get_catalog(), i18n.current().tag),
        verify_url=documents.verify_url(cert),
        can_revoke=access.can_revoke_certificate(db, user, cert),
    )


@bp.get("/<lang_code>/certificates/<cert_code>.pdf")
def pdf(cert_code: str):
    """The printable certificate (A4 landscape), in the certificate's language."""
    cert = certificates.get_for(get_session(), current_learner(), cert_code)
    if cert.is_revoked:
        flash(_("This certificate was revoked, so it can no longer be printed."), "error")
        return redirect(url_for("certificates.detail", cert_code=cert.code), code=303)
    return file_response(
        documents.pdf([cert], get_catalog()), "application/pdf", f"certificate-{cert.code}.pdf"
    )


@bp.route("/<lang_code>/certificates/<cert_code>/revoke", methods=["GET", "POST"])
def revoke(cert_code: str):
    """Revoke a certificate with a reason (facilitators of its class, administrators)."""
    user = current_learner()
    db = get_session()
    cert = certificates.get_revocable(db, user, cert_code)
    if cert.is_revoked:
        flash(_("This certificate has already been revoked."), "error")
        return redirect(url_for("certificates.verify", cert_code=cert.code), code=303)
    form = RevokeForm()
    if form.validate_on_submit() and user is not None:
        with refusals(form) as outcome:
            certificates.revoke(db, user, cert, form.reason.data or "")
        if not outcome.refused:
            db.commit()
            flash(
                _(
                    "The certificate is revoked. Anyone who checks it now sees that, with your "
                    "reason."
                ),
                "success",
            )
            if cert.classroom_id is not None:
                return redirect(
                    url_for("certificates.class_list", class_id=cert.classroom_id), code=303
                )
            return redirect(url_for("certificates.verify", cert_code=cert.code), code=303)
    return render_template(
        "certificates/revoke.html",
        cert=cert,
        form=form,
        words=certificate_texts.texts(cert, get_catalog(), i18n.current().tag),
    ), 422 if form.errors else 200
