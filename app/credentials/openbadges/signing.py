"""Signing a credential as a VC-JWT with the Ed25519 key.

Proof format: the external "JSON Web Token Proof Format" of Open Badges 3.0 (section
8.2 of the specification, as revised for VC data model 2.0): the JWT payload *is* the
credential, with the registered claims ``iss`` (``issuer.id``), ``jti`` (``id``),
``nbf`` (``validFrom``), ``sub`` (``credentialSubject.id``) and ``exp``
(``validUntil``, only when there is one) added beside its members; the JOSE header
holds only ``alg``, ``kid`` and ``typ: "JWT"``, as the specification allows no other
header. The older data model 1.1 form, with the credential under a ``vc`` claim, is
never produced.

Verifying is left to the verifiers (wallets, backpacks, the tests, which use joserfc,
a library independent of the signer's PyJWT).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .keys import ALGORITHM

__all__ = ["sign_credential"]

# Registered JWT claims that are not part of the credential itself.
_JWT_CLAIMS = frozenset({"iss", "sub", "aud", "exp", "nbf", "iat", "jti"})


def _issuer_id(credential: Mapping[str, Any]) -> Any:
    """``issuer.id``, or ``issuer`` itself when it is given as a bare IRI."""
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, Mapping) else issuer


def _subject_id(credential: Mapping[str, Any]) -> Any:
    """``credentialSubject.id``, or ``None``."""
    subject = credential.get("credentialSubject")
    return subject.get("id") if isinstance(subject, Mapping) else None


def _numeric_date(value: Any) -> int:
    """Seconds since the epoch of an ISO 8601 timestamp from a credential."""
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {value!r}")
    return int(parsed.timestamp())


def sign_credential(credential: Mapping[str, Any], key: Ed25519PrivateKey, kid: str) -> str:
    """Sign ``credential`` as a VC-JWT (compact JWS, ``EdDSA``) with PyJWT.

    The payload is the credential plus ``iss``, ``jti``, ``nbf``, ``sub`` and, when
    it has ``validUntil``, ``exp``; the header is ``{"alg": "EdDSA", "kid": kid,
    "typ": "JWT"}``. Ed25519 signatures are deterministic: the same credential and key
    give the same token.

    Raises:
        ValueError: if the credential lacks ``id``, ``issuer.id``, ``validFrom`` or
            ``credentialSubject.id``, or already holds a JWT claim name.
    """
    clash = _JWT_CLAIMS.intersection(credential)
    if clash:
        raise ValueError(f"credential already has JWT claims: {sorted(clash)}")
    issuer_id, subject_id = _issuer_id(credential), _subject_id(credential)
    if not credential.get("id") or not issuer_id or not subject_id:
        raise ValueError("a credential needs id, issuer.id and credentialSubject.id")
    payload = dict(credential)
    payload.update(
        {
            "iss": issuer_id,
            "jti": credential["id"],
            "nbf": _numeric_date(credential.get("validFrom")),
            "sub": subject_id,
        }
    )
    if "validUntil" in credential:
        payload["exp"] = _numeric_date(credential["validUntil"])
    return jwt.encode(payload, key, algorithm=ALGORITHM, headers={"kid": kid, "typ": "JWT"})
