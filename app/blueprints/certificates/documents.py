"""What a certificate becomes outside the page: the printed PDF and the signed Open Badge.

The web side of :mod:`app.credentials`: absolute URLs (always on ``PUBLIC_URL``, see
:mod:`app.web.urls`), labels translated in the *certificate's* language rather
than the reader's, and the instance's signing key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from app import config
from app.content.model import Catalog
from app.credentials import (
    build_credential,
    issuer_profile,
    jwk_set,
    jwk_thumbprint,
    load_or_create_key,
    public_jwk,
    sign_credential,
    statuslist,
)
from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.models import Certificate
from app.services import certificate_texts
from app.web.urls import public_url

if TYPE_CHECKING:
    # Imported where a PDF is made: the PDF stack is large (app/credentials/__init__.py).
    from app.credentials.pdf import CertificateData


def verify_url(cert: Certificate) -> str:
    """The language-free verification URL printed (and in the QR code) on the certificate."""
    return public_url("certificates.verify_redirect", cert_code=cert.code)


def _locale(language: str) -> str:
    return LANGUAGES.get(language, LANGUAGES[DEFAULT_LANGUAGE]).babel


def _labels(partial: bool) -> dict[str, str]:
    """The printed captions in the current (forced) locale."""
    return {
        "platform": current_app.config["SITE_NAME"],
        "title": _("Certificate of completion"),
        "heading": _("This certifies that"),
        "completed": (
            _("has completed these modules of the course")
            if partial
            else _("has completed the course")
        ),
        "modules": _("Modules"),
        "date": _("Date of issue"),
        "issuer": _("Organisation or class"),
        "verify": _("Check that this certificate is genuine at"),
        "code": _("Verification code"),
    }


def print_data(cert: Certificate, catalog: Catalog, language: str | None = None) -> CertificateData:
    """Everything printed on ``cert``'s page, in ``language`` (default: the certificate's)."""
    from app.credentials.pdf import CertificateData

    language = language or cert.language
    words = certificate_texts.texts(cert, catalog, language)
    with force_locale(_locale(language)):
        labels = _labels(words.is_partial)
        date_text = format_date(cert.issued_at.date(), "long")
    return CertificateData(
        name=cert.name,
        course_title=words.course_title,
        module_titles=words.module_titles,
        issued_on=cert.issued_at.date(),
        issued_on_text=date_text,
        issuer=cert.issuer_name,
        code=cert.code,
        verify_url=verify_url(cert),
        language=language,
        labels=labels,
    )


def pdf(certs: Sequence[Certificate], catalog: Catalog, language: str | None = None) -> bytes:
    """One PDF with a page per certificate, each in ``language`` (default: its own)."""
    from app.credentials.pdf import render_certificates

    return render_certificates([print_data(cert, catalog, language) for cert in certs])


#: ``validFrom`` of a revocation list in which nothing has been revoked yet.
LISTS_SINCE = datetime(2026, 1, 1, tzinfo=UTC)


# Open Badges 3.0 ------------------------------------------------------------------------


def signing_key() -> Ed25519PrivateKey:
    """The site's Ed25519 key, from ``CREDENTIAL_KEY_FILE`` (made on first use outside
    production; production reads it at start and refuses to start without it, see
    app/config.py), kept for the life of the process."""
    path = config.credential_key_file(current_app)
    known = current_app.extensions.setdefault(config.CREDENTIAL_KEYS, {})
    if path not in known:
        known[path] = load_or_create_key(path, create=config.may_create_credential_key(current_app))
    return known[path]


def key_id(key: Ed25519PrivateKey) -> str:
    """``kid``: the published key set's URL, with the key's thumbprint as fragment."""
    return f"{public_url('certificates.jwks')}#{jwk_thumbprint(key)}"


def issuer(standalone: bool = False) -> dict:
    """The platform's Open Badges issuer profile, whose id is the URL that serves it."""
    return issuer_profile(
        public_url("certificates.issuer"),
        current_app.config["SITE_NAME"],
        public_url("main.root"),
        standalone=standalone,
    )


def key_set() -> dict:
    """The JWK Set to publish (the current key; add retired keys here when rotating)."""
    key = signing_key()
    return jwk_set(public_jwk(key, kid=key_id(key)))


def credential(cert: Certificate, catalog: Catalog) -> dict:
    """``cert`` as an unsigned ``OpenBadgeCredential``."""
    words = certificate_texts.texts(cert, catalog)
    language = cert.language if cert.language in LANGUAGES else DEFAULT_LANGUAGE
    achievement = public_url("learning.course", lang_code=language, course_slug=cert.course_slug)
    if words.is_partial:
        achievement += "#modules=" + ",".join(words.module_slugs)
    with force_locale(_locale(cert.language)):
        modules = ", ".join(words.module_titles)
        narrative = _("Passed the quiz of each of these modules: %(modules)s.", modules=modules)
        description = (
            _("Course taken with %(issuer)s.", issuer=cert.issuer_name)
            if cert.issuer_name
            else None
        )
    return build_credential(
        credential_id=verify_url(cert),
        issuer=issuer(),
        recipient_name=cert.name,
        achievement_id=achievement,
        achievement_name=words.course_title,
        achievement_description=words.course_summary or words.course_title,
        criteria_narrative=narrative,
        valid_from=cert.issued_at,
        language=cert.language,
        credential_description=description,
        credential_status=statuslist.status_entry(
            public_url("certificates.status_list", number=cert.status_list), cert.status_index
        ),
    )


def signed(cert: Certificate, catalog: Catalog) -> str:
    """``cert`` as a VC-JWT signed with the instance's key."""
    key = signing_key()
    return sign_credential(credential(cert, catalog), key, key_id(key))


def status_list(number: int, revoked: list[int], changed: datetime | None) -> dict:
    """Revocation list ``number`` as an unsigned ``BitstringStatusListCredential``, valid
    from its last change (the site's start of time, :data:`LISTS_SINCE`, if none)."""
    return statuslist.status_list_credential(
        public_url("certificates.status_list", number=number),
        issuer(),
        statuslist.encode_list(revoked),
        changed or LISTS_SINCE,
    )


def signed_status_list(number: int, revoked: list[int], changed: datetime | None) -> str:
    """The same list signed as a VC-JWT with the key that signs the credentials."""
    key = signing_key()
    return sign_credential(status_list(number, revoked, changed), key, key_id(key))
