"""Open Badges 3.0 documents: public, language-free, read by wallets and verifiers."""

from __future__ import annotations

import json
from datetime import datetime

from flask import Response, abort

from app.blueprints.certificates import documents
from app.blueprints.certificates.views.base import (
    bp,
    file_response,
    lookup_limit,
)
from app.content.ext import get_catalog
from app.db import get_session
from app.models import Certificate
from app.services import (
    certificates,
    status_lists,
)
from app.services.errors import NotFound


def _public_cert(cert_code: str) -> Certificate:
    cert = certificates.find_by_code(get_session(), cert_code)
    if cert is None:
        abort(Response(json.dumps({"error": "not found"}), status=404, mimetype="application/json"))
    return cert


def _json(document: dict, mimetype: str = "application/ld+json") -> Response:
    return file_response(json.dumps(document, ensure_ascii=False, indent=2), mimetype, public=True)


@bp.get("/credentials/<cert_code>.json")
@lookup_limit
def credential_json(cert_code: str):
    """The certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (unsigned JSON)."""
    return _json(documents.credential(_public_cert(cert_code), get_catalog()))


@bp.get("/credentials/<cert_code>.jwt")
@lookup_limit
def credential_jwt(cert_code: str):
    """The same credential signed as a VC-JWT (EdDSA) with the key of ``/issuer/jwks.json``."""
    return file_response(
        documents.signed(_public_cert(cert_code), get_catalog()), "application/jwt", public=True
    )


def _status_list_state(number: int) -> tuple[int, list[int], datetime | None]:
    """What revocation list ``number`` says now: its number, revoked places, last change."""
    db = get_session()
    if not status_lists.exists(db, number):
        raise NotFound(number)
    return number, status_lists.revoked_indices(db, number), status_lists.changed_at(db, number)


@bp.get("/credentials/status/<id:number>")
def status_list(number: int):
    """Revocation list ``number`` (W3C Bitstring Status List), signed as a VC-JWT: the
    ``statusListCredential`` of every credential whose place is in it."""
    signed = documents.signed_status_list(*_status_list_state(number))
    return file_response(signed, "application/jwt", public=True)


@bp.get("/credentials/status/<id:number>.json")
def status_list_json(number: int):
    """The same list, unsigned, to read."""
    return _json(documents.status_list(*_status_list_state(number)))


@bp.get("/issuer")
def issuer():
    """The issuer profile that credentials name (``issuer.id`` is this URL)."""
    return _json(documents.issuer(standalone=True))


@bp.get("/issuer/jwks.json")
def jwks():
    """The public keys that verify credential signatures (a JWK's ``kid`` is in every JWT)."""
    return _json(documents.key_set(), "application/jwk-set+json")
