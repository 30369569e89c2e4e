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

The names below are re-exported for convenience. Those of :mod:`.pdf` are imported on
first use (PEP 562): the PDF stack (fpdf2, fontTools, HarfBuzz, segno) is some 20 MiB of
modules that only the certificate downloads and the name check of a claim need, and a
gunicorn worker that never serves one should not hold them (bench/bench_memory.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from .pdf import (
        ENGLISH_LABELS,
        LABEL_KEYS,
        OPTIONAL_LABEL_KEYS,
        REQUIRED_LABEL_KEYS,
        CertificateData,
        missing_glyphs,
        render_certificates,
    )

_FROM_PDF = frozenset(
    {
        "ENGLISH_LABELS",
        "LABEL_KEYS",
        "OPTIONAL_LABEL_KEYS",
        "REQUIRED_LABEL_KEYS",
        "CertificateData",
        "missing_glyphs",
        "render_certificates",
    }
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


def __getattr__(name: str) -> Any:
    """The names of :mod:`.pdf`, imported when first asked for."""
    if name in _FROM_PDF:
        return getattr(importlib.import_module(".pdf", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
