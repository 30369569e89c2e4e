"""Certificates: claim, download, verify, revoke, print a class, Open Badges 3.0.

The blueprint has no URL prefix: a certificate is checked from paper years later, so the
address on it (``/verify/<code>``) carries no language, and the Open Badges documents
(``/credentials/...``, ``/issuer``) are the same in every language. Everything a person
reads lives under ``/<lang_code>/``.

Looking a code up is rate-limited per address (all lookup routes share one budget), so
codes cannot be guessed in bulk; the redirects and the issuer documents look nothing up.
A revoked certificate's JSON and JWT are still served (they say what was issued); whether
it still stands is what the verification page answers, and, for software, the signed
revocation list its ``credentialStatus`` names (``/credentials/status/<n>``).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from app import i18n
from app.blueprints.certificates import documents
from app.blueprints.certificates.forms import ClaimForm, RevokeForm, VerifyForm
from app.content.ext import get_catalog
from app.credentials import normalize_code
from app.db import get_session
from app.extensions import limiter
from app.models import Certificate
from app.services import (
    certificate_offers,
    certificate_texts,
    certificates,
    class_certificates,
    status_lists,
)
from app.services.errors import NotFound
from app.web import catalogue
from app.web.auth import current_learner
from app.web.facilitators import current_facilitator, managed_class
from app.web.forms import refusals

bp = Blueprint("certificates", __name__)

LOOKUP_LIMIT = "30 per minute"
lookup_limit = limiter.shared_limit(LOOKUP_LIMIT, scope="certificate-lookup")
# The empty form looks nothing up; a typed code counts like any other lookup.
typed_lookup_limit = limiter.shared_limit(
    LOOKUP_LIMIT, scope="certificate-lookup", exempt_when=lambda: not request.values.get("code")
)


def _not_found(code: str | None = None) -> tuple[str, int]:
    form = VerifyForm(formdata=None, code=code)
    return render_template("certificates/not_found.html", form=form, code=code), 404


def _file(
    body: bytes | str, mimetype: str, filename: str | None = None, public: bool = False
) -> Response:
    response = Response(body, mimetype=mimetype)
    if filename:
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if public:  # read by wallets and verifiers on other sites
        response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "no-store"
    return response


# The learner's own certificates ---------------------------------------------------------


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
        can_revoke=certificates.can_revoke(db, user, cert),
    )


@bp.get("/<lang_code>/certificates/<cert_code>.pdf")
def pdf(cert_code: str):
    """The printable certificate (A4 landscape), in the certificate's language."""
    cert = certificates.get_for(get_session(), current_learner(), cert_code)
    if cert.is_revoked:
        flash(_("This certificate was revoked, so it can no longer be printed."), "error")
        return redirect(url_for("certificates.detail", cert_code=cert.code), code=303)
    return _file(
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


# Verification (public) ------------------------------------------------------------------


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
        return _not_found(cert_code)
    viewer = current_learner()
    # The replacement of a corrected name is linked only for those who may see it: the old
    # paper must not lead a stranger to the holder's new name.
    replacement = db.get(Certificate, cert.replaced_by_id) if cert.replaced_by_id else None
    if replacement is not None and not certificates.can_view(db, viewer, replacement):
        replacement = None
    return render_template(
        "certificates/verify.html",
        cert=cert,
        replacement=replacement,
        words=certificate_texts.texts(cert, get_catalog(), i18n.current().tag),
        can_revoke=certificates.can_revoke(db, viewer, cert),
    )


# Open Badges 3.0 (public, language-free) ------------------------------------------------


def _public_cert(cert_code: str) -> Certificate:
    cert = certificates.find_by_code(get_session(), cert_code)
    if cert is None:
        abort(Response(json.dumps({"error": "not found"}), status=404, mimetype="application/json"))
    return cert


def _json(document: dict, mimetype: str = "application/ld+json") -> Response:
    return _file(json.dumps(document, ensure_ascii=False, indent=2), mimetype, public=True)


@bp.get("/credentials/<cert_code>.json")
@lookup_limit
def credential_json(cert_code: str):
    """The certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (unsigned JSON)."""
    return _json(documents.credential(_public_cert(cert_code), get_catalog()))


@bp.get("/credentials/<cert_code>.jwt")
@lookup_limit
def credential_jwt(cert_code: str):
    """The same credential signed as a VC-JWT (EdDSA) with the key of ``/issuer/jwks.json``."""
    return _file(
        documents.signed(_public_cert(cert_code), get_catalog()), "application/jwt", public=True
    )


@bp.get("/credentials/status/<id:number>")
def status_list(number: int):
    """Revocation list ``number`` (W3C Bitstring Status List), signed as a VC-JWT: the
    ``statusListCredential`` of every credential whose place is in it."""
    db = get_session()
    if not status_lists.exists(db, number):
        raise NotFound(number)
    return _file(
        documents.signed_status_list(
            number, status_lists.revoked_indices(db, number), status_lists.changed_at(db, number)
        ),
        "application/jwt",
        public=True,
    )


@bp.get("/credentials/status/<id:number>.json")
def status_list_json(number: int):
    """The same list, unsigned, to read."""
    db = get_session()
    if not status_lists.exists(db, number):
        raise NotFound(number)
    return _json(
        documents.status_list(
            number, status_lists.revoked_indices(db, number), status_lists.changed_at(db, number)
        )
    )


@bp.get("/issuer")
def issuer():
    """The issuer profile that credentials name (``issuer.id`` is this URL)."""
    return _json(documents.issuer(standalone=True))


@bp.get("/issuer/jwks.json")
def jwks():
    """The public keys that verify credential signatures (a JWK's ``kid`` is in every JWT)."""
    return _json(documents.key_set(), "application/jwk-set+json")


# Classes --------------------------------------------------------------------------------


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
    return _file(
        documents.pdf(certs, get_catalog(), classroom.language),
        "application/pdf",
        f"certificates-class-{classroom.id}.pdf",
    )
