"""A class's certificates, for its facilitators: the list, issuing for a pupil, the batch PDF."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from app.blueprints.certificates import documents
from app.blueprints.certificates.forms import ClaimForm
from app.blueprints.certificates.views.base import (
    bp,
    file_response,
)
from app.content.ext import get_catalog
from app.db import get_session
from app.services import (
    certificate_offers,
    class_certificates,
)
from app.web.facilitators import current_facilitator, managed_class
from app.web.forms import refusals
from app.web.urls import url_pattern


@bp.get("/<lang_code>/classes/<id:class_id>/certificates")
def class_list(class_id: int):
    """A printable list of a class's certificates, with revoke buttons (facilitators)."""
    db = get_session()
    classroom = managed_class(class_id)
    rows = class_certificates.class_rows(db, get_catalog(), classroom)
    return render_template(
        "certificates/class_list.html",
        classroom=classroom,
        rows=rows,
        course=get_catalog().course(classroom.course_slug),
        printable=sum(1 for r in rows if r.status == "valid"),
        dashboard_url=_optional_url("classes.dashboard", class_id=class_id),
        # What every row repeats, made once per page, not once per learner.
        texts={
            "name_for": _("Name to print for %(nickname)s"),
            "issue_url": url_pattern("certificates.issue", "member_id", class_id=class_id),
        },
    )


def _optional_url(endpoint: str, **values: Any) -> str | None:
    """A link into the classes pages, which are built alongside: none if it is not there."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


@bp.post("/<lang_code>/classes/<id:class_id>/certificates/issue/<id:member_id>")
def issue(class_id: int, member_id: int):
    """Issue the certificate of a learner who completed the class's modules (facilitators)."""
    db = get_session()
    classroom = managed_class(class_id)
    form = ClaimForm()
    back = url_for("certificates.class_list", class_id=classroom.id)
    if not form.validate_on_submit():
        flash(_("Please type the name to print."), "error")
        return redirect(back, code=303)
    with refusals() as outcome:
        cert = certificate_offers.issue_for_member(
            db, current_facilitator(), get_catalog(), classroom, member_id, form.name.data or ""
        )
    if outcome.refused:
        return redirect(back, code=303)
    db.commit()
    flash(_("The certificate for %(name)s is ready to print.", name=cert.name), "success")
    return redirect(back, code=303)


@bp.get("/<lang_code>/classes/<id:class_id>/certificates.pdf")
def class_pdf(class_id: int):
    """Every certificate of the class that is claimed and not revoked, one page each."""
    db = get_session()
    classroom = managed_class(class_id)
    certs = class_certificates.list_printable(db, classroom)
    if not certs:
        flash(_("No learner of this class has claimed a certificate yet."), "error")
        return redirect(url_for("certificates.class_list", class_id=classroom.id), code=303)
    # One language for the whole batch: the class's, even for certificates claimed before it
    # was changed.
    return file_response(
        documents.pdf(certs, get_catalog(), classroom.language),
        "application/pdf",
        f"certificates-class-{classroom.id}.pdf",
    )
