"""Codes people type, and certificates of completion: printable PDFs, Open Badges 3.0.

A pure library: no Flask, no database. The web layer stores certificates and calls

* :mod:`app.credentials.codes` -- every code people type (class join, organisation
  invite, recovery and certificate codes): :func:`new_code` makes one,
  :func:`normalize_code` cleans up one typed on a form;
* :mod:`app.credentials.pdf` -- :func:`render_certificates` prints one or many
  :class:`CertificateData` to an A4 landscape PDF (fonts embedded, QR code of the
  verification URL), :func:`missing_glyphs` tells which characters of a name the
  fonts cannot print;
* :mod:`app.credentials.openbadges` -- the signing key and the JWK Set to publish,
  the issuer profile, the ``OpenBadgeCredential`` and its VC-JWT signature.

The names below are re-exported for convenience.
"""

from .codes import new_code, normalize_code
from .openbadges import (
    build_credential,
    issuer_profile,
    jwk_set,
    jwk_thumbprint,
    load_or_create_key,
    public_jwk,
    sign_credential,
)
from .pdf import (
    ENGLISH_LABELS,
    LABEL_KEYS,
    OPTIONAL_LABEL_KEYS,
    REQUIRED_LABEL_KEYS,
    CertificateData,
    missing_glyphs,
    render_certificates,
)

__all__ = [
    "ENGLISH_LABELS",
    "LABEL_KEYS",
    "OPTIONAL_LABEL_KEYS",
    "REQUIRED_LABEL_KEYS",
    "CertificateData",
    "build_credential",
    "issuer_profile",
    "jwk_set",
    "jwk_thumbprint",
    "load_or_create_key",
    "missing_glyphs",
    "new_code",
    "normalize_code",
    "public_jwk",
    "render_certificates",
    "sign_credential",
]
