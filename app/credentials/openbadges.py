"""Open Badges 3.0 credentials, signed as VC-JWT with an Ed25519 key.

Besides the printable PDF, each certificate can be downloaded as an Open Badges 3.0
``OpenBadgeCredential`` (a W3C Verifiable Credential, data model 2.0) that a learner
can keep in a wallet or a backpack and that anyone can verify offline with the
platform's public key. This module builds the JSON and signs it; serving it (the
issuer profile, the key set, the credential) is the web layer's job.

Proof format: the external "JSON Web Token Proof Format" of Open Badges 3.0 (section
8.2 of the specification, as revised for VC data model 2.0): the JWT payload *is* the
credential, with the registered claims ``iss`` (``issuer.id``), ``jti`` (``id``),
``nbf`` (``validFrom``), ``sub`` (``credentialSubject.id``) and ``exp``
(``validUntil``, only when there is one) added beside its members; the JOSE header
holds only ``alg``, ``kid`` and ``typ: "JWT"``, as the specification allows no other
header. Verifiers of the older data model 1.1 form, with the credential under a
``vc`` claim, are accepted by :func:`verify_credential_jwt` but never produced.

Algorithm: ``EdDSA`` (Ed25519, RFC 8037). RFC 9864 (2025) deprecates the polymorphic
name ``EdDSA`` in favour of ``Ed25519``, and some libraries (joserfc) now warn about
it; but PyJWT 2.15 only knows ``EdDSA`` and so do the Open Badges verifiers in use,
so ``EdDSA`` it stays for now.

Keys: one Ed25519 key, created on first use in the Flask instance folder
(:func:`load_or_create_key`); its public half is published as a JWK
(:func:`public_jwk`) inside a JWK Set (:func:`jwk_set`). The specification wants
``kid`` to be a URL that can be dereferenced to the JWK, e.g.
``https://unshared.example/credentials/keys/<thumbprint>``; use the same string as
the ``kid`` of the published JWK and in :func:`sign_credential`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import secrets
import tempfile
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

__all__ = [
    "ALGORITHM",
    "CONTEXT",
    "KEY_FILENAME",
    "CredentialError",
    "build_credential",
    "issuer_profile",
    "jwk_set",
    "jwk_thumbprint",
    "load_or_create_key",
    "public_jwk",
    "sign_credential",
    "verify_credential_jwt",
]

logger = logging.getLogger(__name__)

#: The two JSON-LD contexts every Open Badges 3.0 credential starts with.
CONTEXT = (
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
)

#: JWS algorithm of the signatures.
ALGORITHM = "EdDSA"

#: Default file name of the signing key in the instance folder.
KEY_FILENAME = "credential-signing-key.pem"

# Registered JWT claims that are not part of the credential itself.
_JWT_CLAIMS = frozenset({"iss", "sub", "aud", "exp", "nbf", "iat", "jti"})

# Achievement.inLanguage in the Open Badges 3.0 JSON schema.
_IN_LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


class CredentialError(ValueError):
    """A VC-JWT that does not verify: bad signature, wrong key, inconsistent claims."""


# --------------------------------------------------------------------------- keys


def load_or_create_key(instance_dir: Path, filename: str = KEY_FILENAME) -> Ed25519PrivateKey:
    """Return the credential signing key, creating it on first use.

    The key is an unencrypted PKCS #8 PEM file ``instance_dir / filename`` with mode
    0600 (the instance folder is outside version control and backed up with the
    database: losing the key means old credentials can no longer be checked against
    the published key set). Creation is atomic and safe when several worker
    processes start at once: the key is written to a private temporary file and
    hard-linked into place only if no other process got there first, in which case
    that process's key is used.

    A key file readable by group or others is still used, with a logged warning.

    Raises:
        ValueError: if the file exists but does not hold an Ed25519 private key.
    """
    instance_dir = Path(instance_dir)
    path = instance_dir / filename
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    handle, temporary = tempfile.mkstemp(dir=instance_dir, prefix=".signing-key-", suffix=".tmp")
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(pem)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:  # another process created it meanwhile: use theirs
            return _read_key(path)
    finally:
        os.unlink(temporary)
    logger.info("created a new credential signing key in %s", path)
    return key


def _read_key(path: Path) -> Ed25519PrivateKey:
    """Load an Ed25519 private key from a PEM file, warning if others can read it."""
    data = path.read_bytes()
    if path.stat().st_mode & 0o077:
        logger.warning("credential signing key %s is readable by other users: chmod 600", path)
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def _b64url(data: bytes) -> str:
    """Base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _raw_public(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of the public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )


def jwk_thumbprint(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """Return the RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key.

    A stable, short identifier of the key, suitable as the last segment of a ``kid``
    URL.
    """
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(_raw_public(key))}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode("ascii")
    return _b64url(hashlib.sha256(canonical).digest())


def public_jwk(key: Ed25519PrivateKey | Ed25519PublicKey, kid: str | None = None) -> dict[str, Any]:
    """Return the public JWK (RFC 8037 ``OKP``/``Ed25519``) of ``key``.

    ``kid`` defaults to the key's thumbprint (:func:`jwk_thumbprint`); pass the URL
    at which the web layer publishes this JWK to follow the Open Badges advice that
    ``kid`` be dereferenceable. Never contains the private part ``d``.
    """
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": _b64url(_raw_public(key)),
        "kid": kid if kid is not None else jwk_thumbprint(key),
        "alg": ALGORITHM,
        "use": "sig",
    }


def jwk_set(*jwks: Mapping[str, Any]) -> dict[str, Any]:
    """Return a JWK Set (RFC 7517 section 5), ``{"keys": [...]}``, for publishing.

    Pass the public JWKs of the current key and of retired keys whose credentials
    must still verify.

    Raises:
        ValueError: if a JWK contains private key material or two share a ``kid``.
    """
    keys = []
    seen: set[str] = set()
    for jwk in jwks:
        if "d" in jwk:
            raise ValueError("refusing to publish a private key")
        kid = jwk.get("kid")
        if kid is not None:
            if kid in seen:
                raise ValueError(f"duplicate kid {kid!r}")
            seen.add(kid)
        keys.append(dict(jwk))
    return {"keys": keys}


# --------------------------------------------------------------------------- documents


def issuer_profile(
    issuer_id: str,
    name: str,
    url: str,
    *,
    email: str | None = None,
    description: str | None = None,
    image_url: str | None = None,
    standalone: bool = False,
) -> dict[str, Any]:
    """Return an Open Badges 3.0 ``Profile`` of the issuer (the platform).

    ``issuer_id`` is a URL that should serve this very profile as JSON (that is what
    ``issuer.id`` and the ``iss`` claim point to); ``url`` is the home page. With
    ``standalone=True`` the ``@context`` is included, for serving the profile as a
    document of its own; inside a credential it is not needed.
    """
    profile: dict[str, Any] = {}
    if standalone:
        profile["@context"] = list(CONTEXT)
    profile.update({"id": issuer_id, "type": ["Profile"], "name": name, "url": url})
    if email:
        profile["email"] = email
    if description:
        profile["description"] = description
    if image_url:
        profile["image"] = {"id": image_url, "type": "Image"}
    return profile


def _timestamp(value: datetime | date) -> str:
    """Format an aware datetime (or a date, taken as midnight UTC) as ``...Z``."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0), tzinfo=UTC)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetimes in a credential must be timezone-aware")
    value = value.astimezone(UTC).replace(microsecond=0)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _language_tag(language: str) -> str:
    """Normalise a BCP 47 tag's case (``sr-latn`` -> ``sr-Latn``) and check it."""
    parts = language.replace("_", "-").split("-")
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            fixed.append(part.title())
        elif len(part) == 2:
            fixed.append(part.upper())
        else:
            fixed.append(part)
    tag = "-".join(fixed)
    if not _IN_LANGUAGE.match(tag):
        raise ValueError(f"language {language!r} is not a tag Open Badges accepts")
    return tag


def build_credential(
    *,
    credential_id: str,
    issuer: Mapping[str, Any],
    recipient_name: str,
    achievement_id: str,
    achievement_name: str,
    achievement_description: str,
    criteria_narrative: str,
    valid_from: datetime | date,
    language: str | None = None,
    criteria_url: str | None = None,
    achievement_type: str = "CertificateOfCompletion",
    achievement_image_url: str | None = None,
    credential_name: str | None = None,
    credential_description: str | None = None,
    subject_id: str | None = None,
    valid_until: datetime | date | None = None,
    hash_recipient: bool = False,
    salt: str | None = None,
    credential_status: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return an unsigned ``OpenBadgeCredential`` (Open Badges 3.0) as a dict.

    Args:
        credential_id: the verification URL of the certificate (``id`` and ``jti``).
        issuer: the issuer :func:`issuer_profile` (embedded; its ``id`` is ``iss``).
        recipient_name: the learner's name, carried as an ``IdentityObject`` of
            ``identityType`` ``"name"`` in ``credentialSubject.identifier``.
        achievement_id: a stable URL of the course (the same for every learner).
        achievement_name: the course title.
        achievement_description: what the course is about.
        criteria_narrative: what the learner had to do (Markdown allowed).
        valid_from: when the credential was issued: an aware datetime, or a date
            (taken as midnight UTC). Seconds precision.
        language: BCP 47 tag of the texts (``Achievement.inLanguage``).
        criteria_url: optional URL describing the criteria.
        achievement_type: one of the Open Badges achievement types.
        achievement_image_url: optional badge image URL.
        credential_name: display name in wallets; defaults to ``achievement_name``.
        credential_description: optional short description for wallets.
        subject_id: URI of the recipient (``sub``). By default an opaque
            ``urn:uuid:`` derived from ``credential_id``: stable across rebuilds,
            identifying nothing but this credential, and not linkable between a
            learner's credentials.
        valid_until: optional expiry (``validUntil`` and ``exp``).
        hash_recipient: store the name only as a salted SHA-256 hash: a verifier
            who is told the name can check it, a reader of the credential alone
            cannot learn it. Displayers then show no name.
        salt: the salt for ``hash_recipient``; random (128 bits) when omitted, so
            pass a stored one to rebuild the same credential.
        credential_status: where a verifier checks whether the credential was revoked
            (``credentialStatus``, e.g. :func:`app.credentials.statuslist.status_entry`).

    Raises:
        ValueError: for a naive datetime or a language tag the schema rejects.
    """
    if hash_recipient:
        salt = salt if salt is not None else secrets.token_hex(16)
        digest = hashlib.sha256((recipient_name + salt).encode("utf-8")).hexdigest()
        identity: dict[str, Any] = {
            "type": "IdentityObject",
            "identityHash": f"sha256${digest}",
            "identityType": "name",
            "hashed": True,
            "salt": salt,
        }
    else:
        identity = {
            "type": "IdentityObject",
            "identityHash": recipient_name,
            "identityType": "name",
            "hashed": False,
        }

    criteria: dict[str, Any] = {"narrative": criteria_narrative}
    if criteria_url:
        criteria["id"] = criteria_url
    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": achievement_type,
        "name": achievement_name,
        "description": achievement_description,
        "criteria": criteria,
    }
    if language:
        achievement["inLanguage"] = _language_tag(language)
    if achievement_image_url:
        achievement["image"] = {"id": achievement_image_url, "type": "Image"}

    credential: dict[str, Any] = {
        "@context": list(CONTEXT),
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {key: value for key, value in issuer.items() if key != "@context"},
        "validFrom": _timestamp(valid_from),
        "name": credential_name or achievement_name,
        "credentialSubject": {
            "id": subject_id or uuid.uuid5(uuid.NAMESPACE_URL, credential_id).urn,
            "type": ["AchievementSubject"],
            "identifier": [identity],
            "achievement": achievement,
        },
    }
    if credential_description:
        credential["description"] = credential_description
    if valid_until is not None:
        credential["validUntil"] = _timestamp(valid_until)
    if credential_status is not None:
        credential["credentialStatus"] = dict(credential_status)
    return credential


# --------------------------------------------------------------------------- VC-JWT


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
    "typ": "JWT"}``.

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


def verify_credential_jwt(
    token: str, public_jwk: Mapping[str, Any], *, leeway: float = 0
) -> dict[str, Any]:
    """Verify a VC-JWT with PyJWT and return the credential it carries.

    Checks, as section 8.2 of Open Badges 3.0 asks: the ``EdDSA`` signature with
    ``public_jwk`` (whose ``kid``, if any, must match the header's); the presence of
    ``iss``, ``jti``, ``nbf``, ``sub``; ``nbf`` not in the future and ``exp`` (if
    any) not in the past, within ``leeway`` seconds; and that ``iss``, ``jti``,
    ``sub``, ``nbf`` and ``exp`` equal ``issuer.id``, ``id``,
    ``credentialSubject.id``, ``validFrom`` and ``validUntil``.

    Returns the credential without the JWT claims (from the ``vc`` claim for tokens
    in the older data model 1.1 form). Schema validation is not done here.

    Raises:
        CredentialError: for any failure, with the reason in the message.
    """
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM:
            raise CredentialError(f"unexpected algorithm {header.get('alg')!r}")
        if header.get("typ", "JWT") != "JWT":
            raise CredentialError(f"unexpected token type {header.get('typ')!r}")
        if public_jwk.get("kid") and header.get("kid") != public_jwk["kid"]:
            raise CredentialError("the token was signed with another key (kid differs)")
        claims = jwt.decode(
            token,
            key=jwt.PyJWK(dict(public_jwk), algorithm=ALGORITHM),
            algorithms=[ALGORITHM],
            options={"require": ["iss", "jti", "nbf", "sub"]},
            leeway=leeway,
        )
    except jwt.PyJWTError as error:
        raise CredentialError(str(error)) from error

    if isinstance(claims.get("vc"), Mapping):
        credential = dict(claims["vc"])
        valid_from = credential.get("validFrom", credential.get("issuanceDate"))
        valid_until = credential.get("validUntil", credential.get("expirationDate"))
    else:
        credential = {key: value for key, value in claims.items() if key not in _JWT_CLAIMS}
        valid_from = credential.get("validFrom")
        valid_until = credential.get("validUntil")

    mismatches = []
    if claims["iss"] != _issuer_id(credential):
        mismatches.append("iss")
    if claims["jti"] != credential.get("id"):
        mismatches.append("jti")
    if claims["sub"] != _subject_id(credential):
        mismatches.append("sub")
    try:
        if claims["nbf"] != _numeric_date(valid_from):
            mismatches.append("nbf")
        if valid_until is not None and claims.get("exp") != _numeric_date(valid_until):
            mismatches.append("exp")
    except ValueError as error:
        raise CredentialError(str(error)) from error
    if mismatches:
        raise CredentialError(f"JWT claims disagree with the credential: {', '.join(mismatches)}")
    if valid_until is None and "exp" in claims:  # 8.2: exp sets validUntil
        credential["validUntil"] = datetime.fromtimestamp(claims["exp"], UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
    return credential
