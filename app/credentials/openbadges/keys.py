"""The Ed25519 key that signs the credentials, and its public JWK and JWK Set.

One key in one file, created on first use outside production (:func:`load_or_create_key`);
its public half is published as a JWK (:func:`public_jwk`) inside a JWK Set
(:func:`jwk_set`). The specification wants ``kid`` to be a URL that can be dereferenced
to the JWK, e.g. ``https://unshared.example/issuer/jwks.json#<thumbprint>``; use the same
string as the ``kid`` of the published JWK and in
:func:`app.credentials.openbadges.signing.sign_credential`.

Algorithm: ``EdDSA`` (Ed25519, RFC 8037). RFC 9864 (2025) deprecates the polymorphic
name ``EdDSA`` in favour of ``Ed25519``, and some libraries (joserfc) now warn about
it; but PyJWT 2.15 only knows ``EdDSA`` and so do the Open Badges verifiers in use,
so ``EdDSA`` it stays for now.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

__all__ = [
    "ALGORITHM",
    "KEY_FILENAME",
    "jwk_set",
    "jwk_thumbprint",
    "load_or_create_key",
    "public_jwk",
]

logger = logging.getLogger(__name__)

#: JWS algorithm of the signatures.
ALGORITHM = "EdDSA"

#: File name of the signing key in the instance folder.
KEY_FILENAME = "credential-signing-key.pem"


def load_or_create_key(path: Path, create: bool = True) -> Ed25519PrivateKey:
    """Return the credential signing key in the file ``path``, creating it on first use
    (unless ``create`` is false: then a missing file raises ``FileNotFoundError``).

    The key is an unencrypted PKCS #8 PEM file (by default ``KEY_FILENAME`` in the
    instance folder, outside version control) with mode 0600, backed up with the
    database: losing the key means old credentials can no longer be checked against
    the published key set. Creation is atomic and safe when several worker
    processes start at once: the key is written to a private temporary file and
    hard-linked into place only if no other process got there first, in which case
    that process's key is used.

    A key file readable by group or others is still used, with a logged warning.

    Raises:
        FileNotFoundError: if there is no key and ``create`` is false.
        ValueError: if the file exists but does not hold an Ed25519 private key.
    """
    path = Path(path)
    instance_dir = path.parent
    try:
        return _read_key(path)
    except FileNotFoundError:
        if not create:
            raise
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
