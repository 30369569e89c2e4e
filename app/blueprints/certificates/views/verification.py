"""The public check page: a code typed from paper or read from a QR code."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from app import i18n
from app.blueprints.certificates.forms import VerifyForm
from app.blueprints.certificates.views.base import (
    bp,
    lookup_limit,
    not_found_page,
    typed_lookup_limit,
)
from app.content.ext import get_catalog
from app.credentials import normalize_code
from app.db import get_session
from app.models import Certificate
from app.services import (
    access,
    certificate_texts,
    certificates,
)
from app.web.auth import current_learner


@bp.get("/verify")
def verify_start():
    """The check page, in the visitor's language."""
    code = request.args.get("code")
    # url_for leaves out a None value: no empty ``?code=`` on the address.
    return redirect(
        url_for("certificates.verify_form", lang_code=i18n.best_language(), code=code or None)
    )


@bp.get("/verify/<cert_code>")
def verify_redirect(cert_code: str):
    """The address printed on certificates and in their QR codes: on to the visitor's
    language (nothing is looked up here)."""
    code = normalize_code(cert_code) or cert_code
    return redirect(url_for("certificates.verify", lang_code=i18n.best_language(), cert_code=code))


@bp.route("/<lang_code>/verify", methods=["GET", "POST"])
@typed_lookup_limit
def verify_form():
    """Type a code from a paper certificate."""
    form = VerifyForm(formdata=request.form if request.method == "POST" else request.args)
    status = 200
    if form.code.data:
        code = normalize_code(form.code.data)
        if code is not None:
            return redirect(url_for("certificates.verify", cert_code=code), code=303)
        form.code.errors = [
            _(
                "This is not a certificate code. A code has 16 letters and "
                "digits in groups of four, like K7QM-9XTR-4HNP-WZ3E."
            )
        ]
        status = 422
    return render_template("certificates/verify_form.html", form=form), status


@bp.get("/<lang_code>/verify/<cert_code>")
@lookup_limit
def verify(cert_code: str):
    """Whether a certificate is genuine and still stands: valid or revoked, with details."""
    code = normalize_code(cert_code)
    if code is not None and code != cert_code:
        return redirect(url_for("certificates.verify", cert_code=code), code=301)
    db = get_session()
    cert = certificates.find_by_code(db, code)
    if cert is None:
        return not_found_page(cert_code)
    viewer = current_learner()
    # The replacement of a corrected name is linked only for those who may see it: the old
    # paper must not lead a stranger to the holder's new name.
    replacement = db.get(Certificate, cert.replaced_by_id) if cert.replaced_by_id else None
    if replacement is not None and not access.can_view_certificate(db, viewer, replacement):
        replacement = None
    return render_template(
        "certificates/verify.html",
        cert=cert,
        replacement=replacement,
        words=certificate_texts.texts(cert, get_catalog(), i18n.current().tag),
        can_revoke=access.can_revoke_certificate(db, viewer, cert),
    )
